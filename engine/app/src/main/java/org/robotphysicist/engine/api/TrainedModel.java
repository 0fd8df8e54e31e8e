package org.robotphysicist.engine.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.certificate.LikelihoodTempering;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.ModelManifest;
import org.robotphysicist.models.file.SigningKey;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TemperedSurrogate;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;

/**
 * A surrogate built by {@link RobotPhysicist#train} or read by {@link RobotPhysicist#load}, with what
 * was built. A neural surrogate holds native memory: close the model when done (closing a
 * tabulated one does nothing).
 *
 * @param surrogate   the likelihood surrogate
 * @param kind        the kind it was asked for by ({@code histogram}, {@code classifier}, ...)
 * @param description one line saying what was built
 * @param gpuFellBack true when a GPU was requested for training and the CPU was used
 * @param calibration its calibration certificate: measured after training when asked
 *                    ({@link TrainOptions#certification()}) or read from the model file; empty
 *                    when none was measured (model files written before certificates existed)
 * @param scoreFit    how much of the simulator's joint scores the network's θ-score explains, measured after a
 *                    training with a score weight from a simulator that returns them
 *                    ({@link org.robotphysicist.models.certificate.ScoreFit}; {@code failed()} when the network
 *                    learned no θ-dependence or diverged) or read from the model file; empty otherwise
 */
public record TrainedModel(SurrogateLikelihood surrogate, String kind, String description, boolean gpuFellBack,
        Optional<CalibrationCertificate> calibration, Optional<ScoreFit> scoreFit) implements AutoCloseable {

    /**
     * Requires the surrogate, kind, description and the (possibly empty) certificate.
     *
     * @param surrogate   the likelihood surrogate
     * @param kind        the kind it was asked for by ({@code histogram}, {@code classifier}, ...)
     * @param description one line saying what was built
     * @param gpuFellBack true when a GPU was requested for training and the CPU was used
     * @param calibration its calibration certificate: measured after training when asked
     *                    ({@link TrainOptions#certification()}) or read from the model file; empty
     *                    when none was measured (model files written before certificates existed)
     * @param scoreFit    the network's {@link ScoreFit}, or empty where none was measured
     */
    public TrainedModel {
        Objects.requireNonNull(surrogate, "surrogate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(calibration, "calibration (Optional.empty() when none)");
        Objects.requireNonNull(scoreFit, "score fit (Optional.empty() when none)");
    }

    /**
     * A model without a score fit.
     *
     * @param surrogate   the likelihood surrogate
     * @param kind        the kind it was asked for by
     * @param description one line saying what was built
     * @param gpuFellBack true when a GPU was requested for training and the CPU was used
     * @param calibration its calibration certificate, or empty
     */
    public TrainedModel(SurrogateLikelihood surrogate, String kind, String description, boolean gpuFellBack,
            Optional<CalibrationCertificate> calibration) {
        this(surrogate, kind, description, gpuFellBack, calibration, Optional.empty());
    }

    /**
     * A model without a calibration certificate.
     *
     * @param surrogate   the likelihood surrogate
     * @param kind        the kind it was asked for by
     * @param description one line saying what was built
     * @param gpuFellBack true when a GPU was requested for training and the CPU was used
     */
    public TrainedModel(SurrogateLikelihood surrogate, String kind, String description, boolean gpuFellBack) {
        this(surrogate, kind, description, gpuFellBack, Optional.empty());
    }

    /**
     * The model of what a registry kind built, without a certificate.
     *
     * @param built the surrogate, kind, description and device outcome from a
     *              {@link org.robotphysicist.engine.surrogate.SurrogateKindProvider}
     * @return the model
     */
    public static TrainedModel of(org.robotphysicist.engine.surrogate.BuiltSurrogate built) {
        return new TrainedModel(built.surrogate(), built.kind(), built.description(), built.gpuFellBack(),
                Optional.empty(), built.scoreFit());
    }

    /**
     * The model of a surrogate read from a model file, with the certificate and score fit of the
     * manifest it was loaded from ({@link SurrogateFiles#read}: one verified read of the file).
     *
     * @param loaded the surrogate and its manifest; the model takes over the surrogate
     * @param path   the model file they were read from (named in the description)
     * @return the model
     */
    public static TrainedModel loaded(SurrogateFiles.Loaded loaded, Path path) {
        TrainedSurrogate surrogate = loaded.surrogate();
        String what = TemperedSurrogate.untempered(surrogate) instanceof SurrogateEnsemble e
                ? "ensemble of " + e.size() + " " + e.memberKind() + " networks" : surrogate.kind();
        ModelManifest manifest = loaded.manifest();
        return new TrainedModel(surrogate, surrogate.kind(), what + " from " + path, false,
                manifest.calibrationCertificate(), manifest.measuredScoreFit());
    }

    /**
     * The networks of a surrogate ensemble ({@link SurrogateEnsemble}).
     *
     * @return K, the ensemble's size; 1 for any other surrogate
     */
    public int ensembleMembers() {
        return TemperedSurrogate.untemperedLikelihood(surrogate) instanceof SurrogateEnsemble e ? e.size() : 1;
    }

    /**
     * Why training stopped, when it stopped because its time budget ran out
     * ({@link org.robotphysicist.engine.surrogate.SurrogateTrainingConfig#timeBudget()}).
     *
     * @return the training curve's stop reason, or empty when training was not cut short by its budget
     */
    public Optional<String> timeBudgetStop() {
        return surrogate instanceof TrainedSurrogate t && t.trainingCurve().stoppedOnTimeBudget()
                ? Optional.of(t.trainingCurve().stopReason()) : Optional.empty();
    }

    /**
     * The same model carrying {@code certificate}, which {@link #save} writes into the model file.
     * When the certificate carries a tempering ({@link CalibrationCertificate#tempering()}) and the
     * surrogate is a trained one, the returned model's surrogate is tempered by it
     * ({@link TemperedSurrogate}), so that every posterior and EIG built from it carries the fitted
     * systematic. The two models share the surrogate's native memory: close one of them.
     *
     * @param certificate the certificate measured for this surrogate, not null
     * @return the changed model (same surrogate, possibly wrapped, not a copy of its native memory)
     */
    public TrainedModel withCalibration(CalibrationCertificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        SurrogateLikelihood calibrated = surrogate instanceof TrainedSurrogate t
                ? TemperedSurrogate.of(t, certificate.temperingOrNone()) : surrogate;
        return new TrainedModel(calibrated, kind, description, gpuFellBack, Optional.of(certificate), scoreFit);
    }

    /**
     * The tempering its posteriors apply: none unless its certificate fitted one.
     *
     * @return the surrogate's {@link LikelihoodTempering}, {@link LikelihoodTempering#none()} when untempered
     */
    public LikelihoodTempering tempering() {
        return TemperedSurrogate.temperingOf(surrogate);
    }

    /**
     * Whether it can be written to a model file ({@link #save}).
     *
     * @return true for a trained (neural) surrogate, false for a tabulated one or the exact likelihood
     */
    public boolean savable() {
        return surrogate instanceof TrainedSurrogate;
    }

    /**
     * The training history of a trained (neural) surrogate.
     *
     * @return the loss per epoch, the kept epoch and the stop reason; empty for tabulated surrogates
     */
    public Optional<TrainingCurve> trainingCurve() {
        return surrogate instanceof TrainedSurrogate t && !t.trainingCurve().epochs().isEmpty()
                ? Optional.of(t.trainingCurve()) : Optional.empty();
    }

    /**
     * Writes the surrogate to a model file, atomically (read it back with {@link RobotPhysicist#load}).
     *
     * @param path the file to write (replaced; parent directories are created)
     * @throws InvalidInputException for a kind that has no model file (the histogram, the exact likelihood)
     */
    public void save(Path path) {
        save(path, null);
    }

    /**
     * Writes the surrogate to a model file signed by {@code key}, atomically, so that loaders
     * requiring a signature ({@code LoadOptions.requireSignature}) accept it; unsigned when the
     * key is null. The {@link #calibration()} certificate and the {@link #scoreFit()}, when present,
     * go into the manifest before the file is signed, so the signature covers them.
     *
     * @param path the file to write (replaced; parent directories are created)
     * @param key  the signing key, or null for an unsigned file
     * @throws InvalidInputException for a kind that has no model file (the histogram, the exact likelihood)
     */
    public void save(Path path, SigningKey key) {
        if (!(surrogate instanceof TrainedSurrogate t)) {
            throw new InvalidInputException("model file: expected a trained surrogate (such as classifier) but '"
                    + kind + "' is tabulated from simulations and has no model file; rebuild it instead");
        }
        t.save(path, key, manifest -> {
            ModelManifest fitted = scoreFit.map(manifest::withScoreFit).orElse(manifest);
            return calibration.map(fitted::withCalibration).orElse(fitted);
        });
    }

    /** Releases the surrogate's native memory (a no-op for a tabulated surrogate). */
    @Override
    public void close() {
        if (surrogate instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing surrogate '" + kind + "': " + e.getMessage(), e);
            }
        }
    }
}

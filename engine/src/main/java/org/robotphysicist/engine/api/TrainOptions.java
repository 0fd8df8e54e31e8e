package org.robotphysicist.engine.api;

import java.util.Objects;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.posterior.diagnostics.CertificateSettings;
import org.robotphysicist.engine.surrogate.HistogramSettings;
import org.robotphysicist.engine.surrogate.TrainingControls;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * How {@link RobotPhysicist#train} builds a surrogate. Immutable, validated, round-trips to JSON.
 *
 * @param surrogate           the kind by name ({@link org.robotphysicist.engine.surrogate.SurrogateRegistry}:
 *                            {@code exact}, {@code histogram}, {@code classifier}, {@code maf}, {@code nsf} and every
 *                            registered kind)
 * @param training            rows, epochs, optimizer, network, validation and seed of a neural kind (the seed
 *                            also drives a tabulated kind's simulations)
 * @param device              where a neural surrogate trains ({@code auto}, {@code cpu}, {@code gpu:N})
 * @param histogram           cells, events per cell and bins of the histogram surrogate
 * @param eventsPerExperiment events one observed experiment holds; a ratio classifier is normalized
 *                            per θ with 100 reference events per event, so that this many per-event
 *                            ratios can be multiplied
 * @param certification       how to measure the trained surrogate's calibration certificate
 *                            ({@link TrainedModel#calibration()}) after training, or null (the default)
 *                            for none: certifying simulates and evaluates hundreds of prior-predictive
 *                            datasets, so API calls stay fast unless they ask ({@code rp train} asks)
 */
public record TrainOptions(String surrogate, TrainingControls training, DeviceRequest device,
        HistogramSettings histogram, int eventsPerExperiment, CertificateSettings certification) {

    public TrainOptions {
        if (surrogate == null || !surrogate.matches("[a-z][a-z0-9-]*")) {
            throw new InvalidInputException("surrogate: expected a name such as 'histogram' or 'classifier' but found '"
                    + surrogate + "'");
        }
        Objects.requireNonNull(training, "training controls");
        Require.positive("events per experiment", eventsPerExperiment);
        if (device == null || histogram == null) {
            throw new InvalidInputException("train options: expected a device and histogram settings but found "
                    + device + " and " + histogram);
        }
        training.requireFitsKind(surrogate);
    }

    /** Options without certification. */
    public TrainOptions(String surrogate, TrainingControls training, DeviceRequest device, HistogramSettings histogram,
            int eventsPerExperiment) {
        this(surrogate, training, device, histogram, eventsPerExperiment, null);
    }

    /**
     * {@code surrogate} with {@link TrainingControls#defaults} (4 000 000 rows, 2 epochs) and the
     * kind's other training defaults, device auto, histograms of 41 θ × 9 φ cells with 20 000 events in 20 bins, experiments of
     * 1 000 events, seed 20261122, no certification.
     */
    public static TrainOptions defaults(String surrogate) {
        return new TrainOptions(surrogate, TrainingControls.defaults(20261122L), DeviceRequest.AUTO,
                new HistogramSettings(41, 9, 20_000, 20), 1_000);
    }

    /** Simulated training rows. */
    public int trainingRows() {
        return training.rows();
    }

    /** Training epochs. */
    public int epochs() {
        return training.epochs();
    }

    /** The seed every random draw follows from. */
    public long seed() {
        return training.seed();
    }

    public TrainOptions withSurrogate(String name) {
        return new TrainOptions(name, training, device, histogram, eventsPerExperiment, certification);
    }

    public TrainOptions withTraining(int rows, int epochCount, DeviceRequest d) {
        return new TrainOptions(surrogate, training.withRowsAndEpochs(rows, epochCount), d, histogram,
                eventsPerExperiment, certification);
    }

    /** The same with other training controls (batch size, learning rate, network, validation, seed). */
    public TrainOptions withControls(TrainingControls t) {
        return new TrainOptions(surrogate, t, device, histogram, eventsPerExperiment, certification);
    }

    /**
     * The same training an ensemble of {@code members} networks (1: one network): independent seeds and
     * simulated rows, the posterior the mixture of the member posteriors
     * ({@link org.robotphysicist.engine.surrogate.SurrogateEnsembles}).
     */
    public TrainOptions withEnsemble(int members) {
        return withControls(training.withEnsembleMembers(members));
    }

    /** The same with at most {@code budget} of training wall time (null: no limit; see {@link TrainingControls}). */
    public TrainOptions withTimeBudget(java.time.Duration budget) {
        return withControls(training.withTimeBudget(budget));
    }

    public TrainOptions withHistogram(HistogramSettings h) {
        return new TrainOptions(surrogate, training, device, h, eventsPerExperiment, certification);
    }

    public TrainOptions withEventsPerExperiment(int events) {
        return new TrainOptions(surrogate, training, device, histogram, events, certification);
    }

    /**
     * The same with the classifier's per-θ evidence normalization on (the default) or off
     * ({@link TrainingControls#evidenceNormalization()}; docs/classifier-normalization.md). Off, the
     * posterior sums the raw log-ratios: the normalization's Monte Carlo shift of about √(N/K) posterior
     * standard deviations is gone, and so is the fitting time, but the network's θ-dependent offset
     * stays in.
     *
     * @throws InvalidInputException unless the surrogate is {@code classifier}
     */
    public TrainOptions withEvidenceNormalization(boolean on) {
        return withControls(training.withEvidenceNormalization(on));
    }

    public TrainOptions withSeed(long s) {
        return new TrainOptions(surrogate, training.withSeed(s), device, histogram, eventsPerExperiment, certification);
    }

    /**
     * The same, certified after training with {@code settings} (null: not certified). The
     * certificate is measured at the middle of the φ range on datasets of
     * {@code settings.eventsPerExperiment()} events drawn from the simulator and prior.
     */
    public TrainOptions withCertification(CertificateSettings settings) {
        return new TrainOptions(surrogate, training, device, histogram, eventsPerExperiment, settings);
    }
}

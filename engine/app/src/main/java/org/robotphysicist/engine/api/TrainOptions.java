package org.robotphysicist.engine.api;

import java.util.Objects;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
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
public record TrainOptions(String surrogate, SurrogateTrainingConfig training, DeviceRequest device,
        HistogramGridConfig histogram, int eventsPerExperiment, CertificationConfig certification) {

    /**
     * Validates the kind's name, the controls, the device, the histogram settings and the experiment size.
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

    /**
     * Options without certification.
     *
     * @param surrogate           the kind by name, e.g. {@code classifier}
     * @param training            rows, epochs, optimizer, network, validation and seed of a neural kind
     * @param device              where a neural surrogate trains
     * @param histogram           cells, events per cell and bins of the histogram surrogate
     * @param eventsPerExperiment events one observed experiment holds (sizes the classifier's normalization)
     */
    public TrainOptions(String surrogate, SurrogateTrainingConfig training, DeviceRequest device, HistogramGridConfig histogram,
            int eventsPerExperiment) {
        this(surrogate, training, device, histogram, eventsPerExperiment, null);
    }

    /**
     * {@code surrogate} with {@link SurrogateTrainingConfig#defaults} (4 000 000 rows; 2 epochs, or a design's) and the
     * kind's other training defaults, device auto, histograms of 41 θ × 9 φ cells with 20 000 events in 20 bins smoothed along θ over 17 cells, experiments of
     * 1 000 events, seed 20261122, no certification.
     *
     * @param surrogate the kind by name, e.g. {@code classifier}
     * @return the default options for that kind
     */
    public static TrainOptions defaults(String surrogate) {
        return new TrainOptions(surrogate, SurrogateTrainingConfig.defaults(20261122L), DeviceRequest.AUTO,
                new HistogramGridConfig(41, 9, 20_000, 20, HistogramGridConfig.defaults().thetaSmoothing()), 1_000);
    }

    /**
     * Simulated training rows.
     *
     * @return the number of (x, θ, φ) rows a neural kind trains on
     */
    public int trainingRows() {
        return training.rows();
    }

    /**
     * Training epochs.
     *
     * @return the most passes over the training rows (early stopping may end sooner)
     */
    public int epochs() {
        return training.epochsOrDefault();
    }

    /**
     * The seed every random draw follows from.
     *
     * @return the training controls' seed
     */
    public long seed() {
        return training.seed();
    }

    /**
     * The same options for another kind.
     *
     * @param name the kind by name ({@code rp train --list} lists them)
     * @return the changed options
     */
    public TrainOptions withSurrogate(String name) {
        return new TrainOptions(name, training, device, histogram, eventsPerExperiment, certification);
    }

    /**
     * The same options with another training size and device.
     *
     * @param rows       simulated training rows, ≥ 1
     * @param epochCount training epochs, ≥ 1
     * @param d          where a neural surrogate trains
     * @return the changed options
     */
    public TrainOptions withTraining(int rows, int epochCount, DeviceRequest d) {
        return new TrainOptions(surrogate, training.withRowsAndEpochs(rows, epochCount), d, histogram,
                eventsPerExperiment, certification);
    }

    /**
     * The same options on another device, every training control kept.
     *
     * @param d where a neural surrogate trains ({@code auto}, {@code cpu}, {@code gpu:N})
     * @return the changed options
     */
    public TrainOptions withDevice(DeviceRequest d) {
        return new TrainOptions(surrogate, training, d, histogram, eventsPerExperiment, certification);
    }

    /**
     * The same options with other training controls.
     *
     * @param t batch size, learning rate, network, validation, seed and the rest of the controls
     * @return the changed options
     */
    public TrainOptions withControls(SurrogateTrainingConfig t) {
        return new TrainOptions(surrogate, t, device, histogram, eventsPerExperiment, certification);
    }

    /**
     * The same training an ensemble of {@code members} networks (1: one network): independent seeds and
     * simulated rows, the posterior the mixture of the member posteriors
     * ({@link org.robotphysicist.engine.surrogate.SurrogateEnsembles}).
     *
     * @param members networks to train, ≥ 1
     * @return the changed options
     */
    public TrainOptions withEnsemble(int members) {
        return withControls(training.withEnsembleMembers(members));
    }

    /**
     * The same options with a bound on the training's wall time ({@link SurrogateTrainingConfig}).
     *
     * @param budget the most wall time training may take, or null for no limit
     * @return the changed options
     */
    public TrainOptions withTimeBudget(java.time.Duration budget) {
        return withControls(training.withTimeBudget(budget));
    }

    /**
     * The same options with another histogram surrogate size.
     *
     * @param h cells along θ and φ, simulated events per cell and bins along x
     * @return the changed options
     */
    public TrainOptions withHistogram(HistogramGridConfig h) {
        return new TrainOptions(surrogate, training, device, h, eventsPerExperiment, certification);
    }

    /**
     * The same options for experiments of another size.
     *
     * @param events events one observed experiment holds, ≥ 1
     * @return the changed options
     */
    public TrainOptions withEventsPerExperiment(int events) {
        return new TrainOptions(surrogate, training, device, histogram, events, certification);
    }

    /**
     * The same with the classifier's per-θ evidence normalization on (the default) or off
     * ({@link SurrogateTrainingConfig#evidenceNormalization()}; docs/classifier-normalization.md). Off, the
     * posterior sums the raw log-ratios: the normalization's Monte Carlo shift of about √(N/K) posterior
     * standard deviations is gone, and so is the fitting time, but the network's θ-dependent offset
     * stays in.
     *
     * @param on true to normalize per θ (the default), false to sum the raw log-ratios
     * @return the changed options
     * @throws InvalidInputException unless the surrogate is {@code classifier}
     */
    public TrainOptions withEvidenceNormalization(boolean on) {
        return withControls(training.withEvidenceNormalization(on));
    }

    /**
     * The same with score weight α: a neural kind regresses its θ-score on the joint scores of a
     * simulator that returns them ({@link SurrogateTrainingConfig#scoreWeight()}; 0: its own loss alone).
     *
     * @param alpha α ≥ 0
     * @return the changed options
     * @throws InvalidInputException unless the surrogate is a neural kind, or where α is negative or not finite
     */
    public TrainOptions withScoreWeight(double alpha) {
        return withControls(training.withScoreWeight(alpha));
    }

    /**
     * The same with the classifier trained by the contrastive cross-entropy of K candidate
     * parameters per event ({@link SurrogateTrainingConfig#contrast()}; 1: the binary cross-entropy).
     * A training step evaluates the network on K + 1 pairs per event instead of 2, so it costs
     * about (K + 1)/2 times as much.
     *
     * @param k 1 to 1024
     * @return the changed options
     * @throws InvalidInputException unless the surrogate is {@code classifier}, or where K is out of range
     */
    public TrainOptions withContrast(int k) {
        return withControls(training.withContrast(k));
    }

    /**
     * The same with the classifier's contrastive cross-entropy weighing an event's K joint classes
     * against its marginal one at odds γ ({@link SurrogateTrainingConfig#contrastOdds()}; 1: equally).
     * The loss's optimum is the likelihood-to-evidence ratio for every γ, so γ changes only the
     * estimate's noise, not what it estimates.
     *
     * @param gamma γ &gt; 0
     * @return the changed options
     * @throws InvalidInputException unless the surrogate is {@code classifier}, or where γ is not a finite value &gt; 0
     */
    public TrainOptions withContrastOdds(double gamma) {
        return withControls(training.withContrastOdds(gamma));
    }

    /**
     * The same options with another seed.
     *
     * @param s the seed every random draw of training (and a tabulated kind's simulations) follows from
     * @return the changed options
     */
    public TrainOptions withSeed(long s) {
        return new TrainOptions(surrogate, training.withSeed(s), device, histogram, eventsPerExperiment, certification);
    }

    /**
     * The same, certified after training with {@code settings} (null: not certified). The
     * certificate is measured at the middle of the φ range on datasets of
     * {@code settings.eventsPerExperiment()} events drawn from the simulator and prior.
     *
     * @param settings datasets, events per dataset, grid, tolerance and seed of the certificate, or null for none
     * @return the changed options
     */
    public TrainOptions withCertification(CertificationConfig settings) {
        return new TrainOptions(surrogate, training, device, histogram, eventsPerExperiment, settings);
    }
}

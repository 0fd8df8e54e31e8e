package org.robotphysicist.engine.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.design.loop.DesignConfig;
import org.robotphysicist.engine.design.loop.ExperimentSpec;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Settings of the robot-physicist demo ({@link LoopDemo}): a neural surrogate trained once across
 * the √s range, then a short design loop with it.
 *
 * @param hiddenSin2ThetaW    the true sin²θ<sub>W</sub> the experiments are simulated at
 * @param thetaLower          lower edge of the uniform initial prior on sin²θ<sub>W</sub>
 * @param thetaUpper          upper edge of the prior
 * @param sqrtSLower          lower edge of the √s range (GeV) the surrogate covers and the loop chooses from
 * @param sqrtSUpper          upper edge of the √s range
 * @param rounds              experiments designed and run (≥ 1)
 * @param eventsPerRound      events each experiment records
 * @param surrogate           the neural kind trained ({@code classifier}, {@code maf}, {@code nsf})
 * @param trainingRows        simulated rows the surrogate is trained on (≥ 1000)
 * @param trainingEpochs      training epochs
 * @param eigDatasets         simulated experiments per EIG estimate (≥ 2)
 * @param evaluationsPerRound EIG estimates the Bayesian optimizer spends per round
 * @param verifications       settings re-estimated before each round's choice
 * @param gridPoints          posterior grid points along sin²θ<sub>W</sub>
 * @param device              where the surrogate is trained and evaluated
 * @param seed                master seed of the loop and of the surrogate's training
 * @param evidenceNormalization the classifier's per-θ normalization on or off (null: the default, on;
 *                            {@link SurrogateTrainingConfig#evidenceNormalization()}); set only for the classifier
 */
public record LoopDemoConfig(double hiddenSin2ThetaW, double thetaLower, double thetaUpper, double sqrtSLower,
        double sqrtSUpper, int rounds, int eventsPerRound, String surrogate, int trainingRows, int trainingEpochs,
        int eigDatasets, int evaluationsPerRound, int verifications, int gridPoints, DeviceRequest device, long seed,
        Boolean evidenceNormalization) {

    public LoopDemoConfig {
        Require.positive("rounds", rounds);
        Require.positive("events", eventsPerRound);
        if (surrogate == null || !surrogate.matches("[a-z][a-z0-9-]*")) {
            throw new InvalidInputException("surrogate: expected a name such as 'classifier' or 'nsf' but found '"
                    + surrogate + "'");
        }
        if (trainingRows < SurrogateTrainingConfig.MIN_ROWS) {
            throw new InvalidInputException("training rows: expected at least " + SurrogateTrainingConfig.MIN_ROWS
                    + " but found " + trainingRows);
        }
        Require.positive("training epochs", trainingEpochs);
        if (device == null) {
            throw new InvalidInputException("device: expected auto, cpu, gpu or gpu:N but found null");
        }
        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        sim.thetaDomain().require("prior range", new double[] {thetaLower});
        sim.thetaDomain().require("prior range", new double[] {thetaUpper});
        sim.phiDomain().require("sqrt(s) range in GeV", new double[] {sqrtSLower});
        sim.phiDomain().require("sqrt(s) range in GeV", new double[] {sqrtSUpper});
        if (!(thetaLower < thetaUpper) || !(sqrtSLower < sqrtSUpper)) {
            throw new InvalidInputException("ranges: expected lower < upper but found prior [" + thetaLower + ", "
                    + thetaUpper + "] and sqrt(s) [" + sqrtSLower + ", " + sqrtSUpper + "]");
        }
        Require.inRange("hidden sin^2(theta_W)", hiddenSin2ThetaW, thetaLower, thetaUpper);
        SurrogateTrainingConfig.of(trainingRows, trainingEpochs, 0).withEvidenceNormalization(evidenceNormalization)
                .requireFitsKind(surrogate);
    }

    /** The same with the classifier's evidence normalization on or off (null: the default, on). */
    public LoopDemoConfig withEvidenceNormalization(Boolean on) {
        return toBuilder().evidenceNormalization(on).build();
    }

    /**
     * The default run: sin²θ<sub>W</sub> = 0.2312 hidden, prior U(0.15, 0.35), √s chosen in
     * [40, 100] GeV, 3 rounds of 200 events, a classifier trained on 100 000 rows for 3 epochs (normalized
     * per (θ, √s) with 100 reference events per event, the costliest step), 32
     * simulated experiments per EIG estimate, 6 estimates plus 1 re-estimate per round, a 201-point
     * grid, seed 20261122.
     */
    public static LoopDemoConfig defaults() {
        return new LoopDemoConfig(0.2312, 0.15, 0.35, 40, 100, 3, 200, "classifier", 100_000, 3, 32, 6, 1, 201,
                DeviceRequest.AUTO, 20261122L, null);
    }

    /** The same with other sizes of the surrogate's training. */
    public LoopDemoConfig withTraining(String kind, int rows, int epochs) {
        return toBuilder().surrogate(kind).trainingRows(rows).trainingEpochs(epochs).build();
    }

    /** The same with another loop: rounds, events per round, EIG datasets and estimates per round, grid. */
    public LoopDemoConfig withLoop(int r, int events, int datasets, int evaluations, int grid) {
        return toBuilder().rounds(r).eventsPerRound(events).eigDatasets(datasets).evaluationsPerRound(evaluations)
                .gridPoints(grid).build();
    }

    public Box thetaRange() {
        return Box.interval(thetaLower, thetaUpper);
    }

    public Box sqrtSRange() {
        return Box.interval(sqrtSLower, sqrtSUpper);
    }

    /** The design loop's configuration, its surrogate read from {@code modelFile} every round. */
    public DesignConfig designConfig(String modelFile) {
        return DesignConfig.defaults(thetaRange(), sqrtSRange()).withRounds(rounds)
                .withExperiment(ExperimentSpec.events(eventsPerRound)).withGridPoints(gridPoints)
                .withEig(eigDatasets, evaluationsPerRound, Math.min(4, evaluationsPerRound))
                .withVerifications(verifications).withTraining(training(0)).withModelFile(surrogate, modelFile)
                .withSeed(seed);
    }

    /**
     * The surrogate's training controls with {@code trainingSeed}. Unlike {@code rp design}'s, they leave
     * the joint scores alone ({@code SurrogateTrainingConfig.forDesign} is not applied): trained as
     * briefly as the demo's classifier is, with the scores regressed, its final posterior came out 1.6
     * times as wide as the exact one.
     */
    public SurrogateTrainingConfig training(long trainingSeed) {
        return SurrogateTrainingConfig.of(trainingRows, trainingEpochs, trainingSeed).withOptimizer(
                DemoConfig.DEMO_BATCH_SIZE, null)
                .withEvidenceNormalization(evidenceNormalization);
    }

    /**
     * What the trained surrogate depends on, which names its cached model file: kind, simulator,
     * ranges, rows, epochs, events per experiment (a per-θ normalization), the normalization switch where it
     * is set, seed and project version.
     */
    public Map<String, Object> trainingSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", surrogate);
        m.put("simulator", new WeinbergLoSimulator().name());
        m.put("theta", new double[] {thetaLower, thetaUpper});
        m.put("sqrtS", new double[] {sqrtSLower, sqrtSUpper});
        m.put("rows", trainingRows);
        m.put("epochs", trainingEpochs);
        m.put("eventsPerExperiment", eventsPerRound);
        m.put("seed", seed);
        if (evidenceNormalization != null) { // only when set, so the default's cache names stay as they were
            m.put("evidenceNormalization", evidenceNormalization);
        }
        m.put("version", Provenance.projectVersion());
        return m;
    }

    /** A {@link Builder} holding these settings, to change some of them and {@link Builder#build()} anew. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Changes settings of a {@link LoopDemoConfig} one by one, then {@link #build()}s it. Validation runs once,
     * in the canonical constructor, on the finished settings, so that values checked against each other
     * (the hidden value and the prior around it) can change together. Setters are named after the
     * record components they set.
     */
    public static final class Builder {
        private double hiddenSin2ThetaW;
        private double thetaLower;
        private double thetaUpper;
        private double sqrtSLower;
        private double sqrtSUpper;
        private int rounds;
        private int eventsPerRound;
        private String surrogate;
        private int trainingRows;
        private int trainingEpochs;
        private int eigDatasets;
        private int evaluationsPerRound;
        private int verifications;
        private int gridPoints;
        private DeviceRequest device;
        private long seed;
        private Boolean evidenceNormalization;

        private Builder(LoopDemoConfig c) {
            hiddenSin2ThetaW = c.hiddenSin2ThetaW;
            thetaLower = c.thetaLower;
            thetaUpper = c.thetaUpper;
            sqrtSLower = c.sqrtSLower;
            sqrtSUpper = c.sqrtSUpper;
            rounds = c.rounds;
            eventsPerRound = c.eventsPerRound;
            surrogate = c.surrogate;
            trainingRows = c.trainingRows;
            trainingEpochs = c.trainingEpochs;
            eigDatasets = c.eigDatasets;
            evaluationsPerRound = c.evaluationsPerRound;
            verifications = c.verifications;
            gridPoints = c.gridPoints;
            device = c.device;
            seed = c.seed;
            evidenceNormalization = c.evidenceNormalization;
        }

        public Builder hiddenSin2ThetaW(double value) {
            hiddenSin2ThetaW = value;
            return this;
        }

        public Builder thetaLower(double value) {
            thetaLower = value;
            return this;
        }

        public Builder thetaUpper(double value) {
            thetaUpper = value;
            return this;
        }

        public Builder sqrtSLower(double value) {
            sqrtSLower = value;
            return this;
        }

        public Builder sqrtSUpper(double value) {
            sqrtSUpper = value;
            return this;
        }

        public Builder rounds(int value) {
            rounds = value;
            return this;
        }

        public Builder eventsPerRound(int value) {
            eventsPerRound = value;
            return this;
        }

        public Builder surrogate(String value) {
            surrogate = value;
            return this;
        }

        public Builder trainingRows(int value) {
            trainingRows = value;
            return this;
        }

        public Builder trainingEpochs(int value) {
            trainingEpochs = value;
            return this;
        }

        public Builder eigDatasets(int value) {
            eigDatasets = value;
            return this;
        }

        public Builder evaluationsPerRound(int value) {
            evaluationsPerRound = value;
            return this;
        }

        public Builder verifications(int value) {
            verifications = value;
            return this;
        }

        public Builder gridPoints(int value) {
            gridPoints = value;
            return this;
        }

        public Builder device(DeviceRequest value) {
            device = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder evidenceNormalization(Boolean value) {
            evidenceNormalization = value;
            return this;
        }

        /** The validated settings. */
        public LoopDemoConfig build() {
            return new LoopDemoConfig(hiddenSin2ThetaW, thetaLower, thetaUpper, sqrtSLower, sqrtSUpper, rounds,
                    eventsPerRound, surrogate, trainingRows, trainingEpochs, eigDatasets, evaluationsPerRound,
                    verifications, gridPoints, device, seed, evidenceNormalization);
        }
    }
}

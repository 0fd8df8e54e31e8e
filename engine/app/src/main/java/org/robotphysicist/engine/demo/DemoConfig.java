package org.robotphysicist.engine.demo;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Settings of the end-to-end Weinberg demo ({@link WeinbergDemo}).
 *
 * @param hiddenSin2ThetaW       the true sin²θ<sub>W</sub> of the simulated "real" experiment
 * @param sqrtS                  beam energy √s in GeV
 * @param events                 events recorded by the experiment
 * @param thetaLower             lower edge of the uniform prior on sin²θ<sub>W</sub>
 * @param thetaUpper             upper edge of the prior
 * @param surrogate              the surrogate kind
 *                               ({@link org.robotphysicist.engine.surrogate.SurrogateRegistry}: {@code histogram},
 *                               {@code classifier}, {@code nsf}, ...)
 * @param histogramThetaPoints   θ grid points at which the histogram surrogate is tabulated
 * @param histogramEventsPerCell simulated events per histogram cell
 * @param histogramBins          bins in cos θ
 * @param trainingRows           simulated rows a neural surrogate is trained on
 * @param trainingEpochs         training epochs of a neural surrogate
 * @param device                 where a neural surrogate is trained and evaluated
 * @param posteriorGridPoints    θ grid points of the posterior
 * @param seed                   master seed; the experiment and the surrogate get split streams
 * @param evidenceNormalization  the classifier's per-θ normalization on or off (null: the default, on;
 *                               {@link SurrogateTrainingConfig#evidenceNormalization()}); set only for the classifier
 */
public record DemoConfig(double hiddenSin2ThetaW, double sqrtS, int events, double thetaLower, double thetaUpper,
        String surrogate, int histogramThetaPoints, int histogramEventsPerCell, int histogramBins, int trainingRows,
        int trainingEpochs, DeviceRequest device, int posteriorGridPoints, long seed, Boolean evidenceNormalization) {
    /**
     * The demo's mini-batch: 2048 rows, not the kinds' default 512, so that its small training set
     * trains in the time the README states (the demo is a tour, not a calibrated fit).
     */
    public static final int DEMO_BATCH_SIZE = 2048;


    public DemoConfig {
        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        sim.phiDomain().require("sqrt(s) in GeV", new double[] {sqrtS});
        Require.positive("events", events);
        if (!(thetaLower < thetaUpper)) {
            throw new InvalidInputException("prior range: expected theta lower < upper but found [" + thetaLower + ", "
                    + thetaUpper + "]");
        }
        sim.thetaDomain().require("prior range lower edge", new double[] {thetaLower});
        sim.thetaDomain().require("prior range upper edge", new double[] {thetaUpper});
        Require.inRange("hidden sin^2(theta_W)", hiddenSin2ThetaW, thetaLower, thetaUpper);
        if (histogramThetaPoints < 2 || posteriorGridPoints < 2) {
            throw new InvalidInputException("grid sizes: expected at least 2 histogram and posterior points but found "
                    + histogramThetaPoints + " and " + posteriorGridPoints);
        }
        Require.positive("histogram events per cell", histogramEventsPerCell);
        Require.positive("histogram bins", histogramBins);
        if (surrogate == null || !surrogate.matches("[a-z][a-z0-9-]*")) {
            throw new InvalidInputException("surrogate: expected a name such as 'histogram' or 'classifier' but found '"
                    + surrogate + "'");
        }
        if (trainingRows < 1000) {
            throw new InvalidInputException("training rows: expected at least 1000 but found " + trainingRows);
        }
        Require.positive("training epochs", trainingEpochs);
        if (device == null) {
            throw new InvalidInputException("device: expected auto, cpu, gpu or gpu:N but found null");
        }
        SurrogateTrainingConfig.of(trainingRows, trainingEpochs, 0).withEvidenceNormalization(evidenceNormalization)
                .requireFitsKind(surrogate);
    }

    /** A neural surrogate's training controls with {@code trainingSeed} (checked against the kind). */
    public SurrogateTrainingConfig training(long trainingSeed) {
        return SurrogateTrainingConfig.of(trainingRows, trainingEpochs, trainingSeed).withOptimizer(DEMO_BATCH_SIZE, null)
                .withEvidenceNormalization(evidenceNormalization).requireFitsKind(surrogate);
    }

    /** The same run with the classifier's evidence normalization on or off (null: the default, on). */
    public DemoConfig withEvidenceNormalization(Boolean on) {
        return toBuilder().evidenceNormalization(on).build();
    }

    /**
     * The default run: sin²θ<sub>W</sub> = 0.2312 hidden at √s = 58 GeV, 5 000 events,
     * prior U(0.15, 0.35), a 41-point histogram surrogate of 10⁶ events per cell in 20 bins (a
     * neural surrogate: 2 000 000 rows, 6 epochs, device auto), a 801-point posterior grid, seed 20261122. (At the Z pole A_FB depends on g_V², which is
     * symmetric about sin²θ<sub>W</sub> = 1/4, so a pole-only run cannot tell 0.23 from 0.27; at 58 GeV
     * the second solution of the angular distribution, ≈ 0.08, lies outside the prior, so the likelihood
     * is single-peaked there, but from about 70 GeV up to the pole it lies inside, e.g. ≈ 0.283 at 81 GeV.)
     */
    public static DemoConfig defaults() {
        return new DemoConfig(0.2312, 58.0, 5_000, 0.15, 0.35, "histogram", 41, 1_000_000, 20, 2_000_000, 6,
                DeviceRequest.AUTO, 801, 20261122L, null);
    }

    /** The same run with another surrogate. */
    public DemoConfig withSurrogate(String name) {
        return toBuilder().surrogate(name).build();
    }

    /** The same run with other neural-training sizes and device. */
    public DemoConfig withTraining(int rows, int epochs, DeviceRequest d) {
        return toBuilder().trainingRows(rows).trainingEpochs(epochs).device(d).build();
    }

    /** The same run with another histogram size and posterior grid. */
    public DemoConfig withHistogram(int eventsPerCell, int gridPoints) {
        return toBuilder().histogramEventsPerCell(eventsPerCell).posteriorGridPoints(gridPoints).build();
    }

    /** A {@link Builder} holding these settings, to change some of them and {@link Builder#build()} anew. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Changes settings of a {@link DemoConfig} one by one, then {@link #build()}s it. Validation runs once,
     * in the canonical constructor, on the finished settings, so that values checked against each other
     * (the hidden value and the prior around it) can change together. Setters are named after the
     * record components they set.
     */
    public static final class Builder {
        private double hiddenSin2ThetaW;
        private double sqrtS;
        private int events;
        private double thetaLower;
        private double thetaUpper;
        private String surrogate;
        private int histogramThetaPoints;
        private int histogramEventsPerCell;
        private int histogramBins;
        private int trainingRows;
        private int trainingEpochs;
        private DeviceRequest device;
        private int posteriorGridPoints;
        private long seed;
        private Boolean evidenceNormalization;

        private Builder(DemoConfig c) {
            hiddenSin2ThetaW = c.hiddenSin2ThetaW;
            sqrtS = c.sqrtS;
            events = c.events;
            thetaLower = c.thetaLower;
            thetaUpper = c.thetaUpper;
            surrogate = c.surrogate;
            histogramThetaPoints = c.histogramThetaPoints;
            histogramEventsPerCell = c.histogramEventsPerCell;
            histogramBins = c.histogramBins;
            trainingRows = c.trainingRows;
            trainingEpochs = c.trainingEpochs;
            device = c.device;
            posteriorGridPoints = c.posteriorGridPoints;
            seed = c.seed;
            evidenceNormalization = c.evidenceNormalization;
        }

        public Builder hiddenSin2ThetaW(double value) {
            hiddenSin2ThetaW = value;
            return this;
        }

        public Builder sqrtS(double value) {
            sqrtS = value;
            return this;
        }

        public Builder events(int value) {
            events = value;
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

        public Builder surrogate(String value) {
            surrogate = value;
            return this;
        }

        public Builder histogramThetaPoints(int value) {
            histogramThetaPoints = value;
            return this;
        }

        public Builder histogramEventsPerCell(int value) {
            histogramEventsPerCell = value;
            return this;
        }

        public Builder histogramBins(int value) {
            histogramBins = value;
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

        public Builder device(DeviceRequest value) {
            device = value;
            return this;
        }

        public Builder posteriorGridPoints(int value) {
            posteriorGridPoints = value;
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
        public DemoConfig build() {
            return new DemoConfig(hiddenSin2ThetaW, sqrtS, events, thetaLower, thetaUpper, surrogate,
                    histogramThetaPoints, histogramEventsPerCell, histogramBins, trainingRows, trainingEpochs, device,
                    posteriorGridPoints, seed, evidenceNormalization);
        }
    }
}

package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.SplittableRandomAdapter;

/**
 * How much data one experiment collects: a fixed number of events, or a fixed integrated
 * luminosity L (pb⁻¹), in which case the event count is Poisson(L·σ(θ, φ)) and itself carries
 * information about θ. Serializable, so that a cluster's workers can run the experiment.
 */
public sealed interface Experiment extends java.io.Serializable {

    /** Draws the number of events this experiment records at (θ, φ). */
    int drawEventCount(Simulator simulator, double[] theta, double[] phi, SplittableRandom rng);

    /** Runs the experiment: (n, D<sub>x</sub>) events, n from {@link #drawEventCount}; n may be 0. */
    default Matrix run(Simulator simulator, double[] theta, double[] phi, SplittableRandom rng) {
        simulator.thetaDomain().require("theta", theta);
        simulator.phiDomain().require("phi", phi);
        int n = drawEventCount(simulator, theta, phi, rng);
        if (n == 0) {
            return Matrix.of(0, simulator.dimensions().xDim(), new double[0]);
        }
        return simulator.simulate(theta, phi, n, rng);
    }

    /** Exactly {@code events} events. */
    record FixedEventCount(int events) implements Experiment {
        public FixedEventCount {
            Require.positive("number of events", events);
        }

        @Override
        public int drawEventCount(Simulator simulator, double[] theta, double[] phi, SplittableRandom rng) {
            return events;
        }
    }

    /** Integrated luminosity in pb⁻¹; needs a {@link CrossSectionModel}. */
    record FixedLuminosity(double inversePicobarns) implements Experiment {
        public FixedLuminosity {
            Require.positive("integrated luminosity (pb^-1)", inversePicobarns);
        }

        /** The expected event count L·σ(θ, φ). */
        public double expectedEvents(Simulator simulator, double[] theta, double[] phi) {
            if (!(simulator instanceof CrossSectionModel model)) {
                throw new InvalidInputException("fixed-luminosity experiment: expected a simulator with a cross-section"
                        + " model but found '" + simulator.name() + "', which has none");
            }
            return inversePicobarns * model.crossSectionPb(theta, phi);
        }

        @Override
        public int drawEventCount(Simulator simulator, double[] theta, double[] phi, SplittableRandom rng) {
            double mean = expectedEvents(simulator, theta, phi);
            if (mean > Integer.MAX_VALUE / 2.0) {
                throw new InvalidInputException("fixed-luminosity experiment: expected fewer than " + Integer.MAX_VALUE / 2
                        + " events but L*sigma = " + mean);
            }
            if (mean == 0) {
                return 0;
            }
            return new PoissonDistribution(new SplittableRandomAdapter(rng), mean,
                    PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
        }
    }
}

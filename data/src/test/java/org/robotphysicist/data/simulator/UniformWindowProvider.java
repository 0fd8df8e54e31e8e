package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;

/**
 * A user-style simulator made available through {@link java.util.ServiceLoader} (listed in this
 * module's test resources): x ~ U(θ, θ + φ), θ ∈ [0, 1], φ ∈ [0.1, 1].
 */
public final class UniformWindowProvider implements SimulatorProvider {

    @Override
    public String name() {
        return "test-uniform-window";
    }

    @Override
    public String description() {
        return "x ~ U(theta, theta + phi), for tests";
    }

    @Override
    public Simulator create() {
        return new UniformWindow();
    }

    /** The simulator itself. */
    public static final class UniformWindow implements TractableSimulator {
        @Override
        public String name() {
            return "test-uniform-window";
        }

        @Override
        public Dimensions dimensions() {
            return Dimensions.of("offset", "width", "x");
        }

        @Override
        public Box thetaDomain() {
            return Box.interval(0, 1);
        }

        @Override
        public Box phiDomain() {
            return Box.interval(0.1, 1);
        }

        @Override
        public Box xSupport() {
            return Box.interval(0, 2);
        }

        @Override
        public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = theta[0] + phi[0] * rng.nextDouble();
            }
        }

        @Override
        public double logDensity(double[] x, double[] theta, double[] phi) {
            return x[0] >= theta[0] && x[0] <= theta[0] + phi[0] ? -Math.log(phi[0]) : Double.NEGATIVE_INFINITY;
        }
    }
}

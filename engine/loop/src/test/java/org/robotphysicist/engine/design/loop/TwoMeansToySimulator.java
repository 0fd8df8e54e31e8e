package org.robotphysicist.engine.design.loop;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.simulator.TractableSimulator;

/**
 * A two-parameter Gaussian-mean toy for designs with several parameters: x ~ N((1 − φ)·θ₁ + φ·θ₂,
 * 1), θ ∈ [−3, 3]², φ ∈ [0, 1]. At φ = 0 the events inform only θ₁, at φ = 1 only θ₂; in between,
 * the weighted sum.
 */
final class TwoMeansToySimulator implements TractableSimulator {
    @Override
    public String name() {
        return "two-means-toy";
    }

    @Override
    public Dimensions dimensions() {
        return new Dimensions(java.util.List.of("theta_1", "theta_2"), java.util.List.of("w"), java.util.List.of("x"));
    }

    @Override
    public Box thetaDomain() {
        return new Box(new double[] {-3, -3}, new double[] {3, 3});
    }

    @Override
    public Box phiDomain() {
        return Box.interval(0, 1);
    }

    @Override
    public Box xSupport() {
        return Box.interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private static double mean(double[] theta, double[] phi) {
        return (1 - phi[0]) * theta[0] + phi[0] * theta[1];
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        double m = mean(theta, phi);
        for (int i = 0; i < n; i++) {
            out[i] = m + org.robotphysicist.data.simulator.StandardNormal.sample(rng);
        }
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        double z = x[0] - mean(theta, phi);
        return -0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
    }
}

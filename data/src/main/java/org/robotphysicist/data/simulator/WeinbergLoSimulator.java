package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;

/**
 * e⁺e⁻ → μ⁺μ⁻ at leading order ({@link WeinbergLoPhysics}): θ = sin²θ<sub>W</sub> ∈ [0.01, 0.99],
 * φ = √s ∈ [10, 500] GeV, x = cos θ of the μ⁻ relative to the e⁻ beam, in [−1, 1]. Events are
 * drawn by exact inversion of the angular CDF.
 */
public final class WeinbergLoSimulator implements TractableSimulator, CrossSectionModel {

    @Override
    public String name() {
        return "weinberg-lo";
    }

    @Override
    public Dimensions dimensions() {
        return Dimensions.of("sin2_theta_w", "sqrt_s", "cos_theta");
    }

    @Override
    public Box thetaDomain() {
        return Box.interval(0.01, 0.99);
    }

    @Override
    public Box phiDomain() {
        return Box.interval(10, 500);
    }

    @Override
    public Box xSupport() {
        return Box.interval(-1, 1);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        WeinbergLoPhysics.angularDistribution(theta[0], phi[0]).sample(rng, n, out, 0);
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        return WeinbergLoPhysics.angularDistribution(theta[0], phi[0]).logDensity(x[0]);
    }

    @Override
    public double crossSectionPb(double[] theta, double[] phi) {
        return WeinbergLoPhysics.crossSectionPb(theta[0], phi[0]);
    }
}

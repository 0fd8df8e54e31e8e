package org.robotphysicist.data.simulator;

import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.DisplayNames;

/**
 * The toy Gaussian: x ~ N(θ, φ) with φ the <em>variance</em>. Its likelihood is analytic, so
 * every surrogate can be checked against the truth.
 *
 * <p>Domains: θ ∈ [−10, 10] by default (configurable), φ ∈ [10⁻⁶, 10⁶], x ∈ ℝ.
 */
public final class ToyGaussianSimulator implements TractableSimulator {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final Box thetaDomain;

    public ToyGaussianSimulator() {
        this(Box.interval(-10, 10));
    }

    public ToyGaussianSimulator(Box thetaDomain) {
        if (thetaDomain.dim() != 1) {
            throw new org.robotphysicist.data.DimensionMismatchException("toy Gaussian theta domain dimension", 1,
                    thetaDomain.dim());
        }
        this.thetaDomain = thetaDomain;
    }

    @Override
    public String name() {
        return "toy-gaussian";
    }

    @Override
    public Dimensions dimensions() {
        return Dimensions.of("mu", "variance", "x");
    }

    /** μ; σ² (the variance); x. */
    @Override
    public DisplayNames displayNames() {
        return new DisplayNames(List.of(new DisplayNames.Quantity("μ", "")),
                List.of(new DisplayNames.Quantity("σ² (variance)", "")), List.of(new DisplayNames.Quantity("x", "")));
    }

    @Override
    public Box thetaDomain() {
        return thetaDomain;
    }

    @Override
    public Box phiDomain() {
        return Box.interval(1e-6, 1e6);
    }

    @Override
    public Box xSupport() {
        return Box.unbounded(1);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        double sd = Math.sqrt(phi[0]);
        for (int i = 0; i < n; i++) {
            out[i] = theta[0] + sd * StandardNormal.sample(rng);
        }
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        double z = x[0] - theta[0];
        return -0.5 * (LOG_2PI + Math.log(phi[0]) + z * z / phi[0]);
    }
}

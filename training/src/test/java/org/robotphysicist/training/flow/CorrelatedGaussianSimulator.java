package org.robotphysicist.training.flow;

import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.simulator.TractableSimulator;

/**
 * A 2-D toy with a θ-dependent correlation: x = σ·(z₁, ρ z₁ + √(1 − ρ²) z₂), z ~ N(0, I), so
 * x ~ N(0, σ²·[[1, ρ], [ρ, 1]]), with θ = ρ ∈ [−0.8, 0.8] and φ = σ ∈ [0.5, 2]. With u = x / σ,
 * <pre>
 *   log p(x | ρ, σ) = −log 2π − 2 log σ − ½ log(1 − ρ²) − (u₁² − 2ρ u₁u₂ + u₂²) / (2(1 − ρ²)).
 * </pre>
 */
final class CorrelatedGaussianSimulator implements TractableSimulator {
    @Override
    public String name() {
        return "correlated-gaussian";
    }

    @Override
    public Dimensions dimensions() {
        return new Dimensions(List.of("rho"), List.of("sigma"), List.of("x1", "x2"));
    }

    @Override
    public Box thetaDomain() {
        return Box.interval(-0.8, 0.8);
    }

    @Override
    public Box phiDomain() {
        return Box.interval(0.5, 2);
    }

    @Override
    public Box xSupport() {
        return Box.unbounded(2);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        double rho = theta[0];
        double c = Math.sqrt(1 - rho * rho);
        for (int i = 0; i < n; i++) {
            double z1 = rng.nextGaussian();
            double z2 = rng.nextGaussian();
            out[2 * i] = phi[0] * z1;
            out[2 * i + 1] = phi[0] * (rho * z1 + c * z2);
        }
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        double rho = theta[0];
        double u1 = x[0] / phi[0];
        double u2 = x[1] / phi[0];
        double oneMinus = 1 - rho * rho;
        return -Math.log(2 * Math.PI) - 2 * Math.log(phi[0]) - 0.5 * Math.log(oneMinus)
                - (u1 * u1 - 2 * rho * u1 * u2 + u2 * u2) / (2 * oneMinus);
    }
}

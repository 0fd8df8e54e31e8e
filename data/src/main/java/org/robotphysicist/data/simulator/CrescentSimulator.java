package org.robotphysicist.data.simulator;

import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;

/**
 * A crescent-shaped ("banana") posterior: θ ∈ [−3, 3]², one event x ∈ ℝ² with
 * <pre>
 *   x₁ = θ₁ + σ₁ z₁,  x₂ = θ₂ + b (θ₁² − 1) + σ₂ z₂,  z ~ N(0, I),
 *   σ₁ = {@value #SIGMA_1}, σ₂ = {@value #SIGMA_2}, b = {@value #BEND}.
 * </pre>
 * Given x, θ₁ is known to about σ₁ while θ₂ ≈ x₂ − b(θ₁² − 1) to σ₂ ≪ σ₁: the posterior mass lies
 * along a parabola in the (θ₁, θ₂) plane — the twisted-Gaussian shape of Haario, Saksman &amp;
 * Tamminen (1999) made a likelihood. Experiments have no setting: φ is empty.
 */
public final class CrescentSimulator implements TractableSimulator {
    public static final double SIGMA_1 = 1.0;
    public static final double SIGMA_2 = 0.2;
    public static final double BEND = 0.5;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @Override
    public String name() {
        return "crescent";
    }

    @Override
    public Dimensions dimensions() {
        return Dimensions.withoutPhi(List.of("theta1", "theta2"), List.of("x1", "x2"));
    }

    @Override
    public Box thetaDomain() {
        return new Box(new double[] {-3, -3}, new double[] {3, 3});
    }

    @Override
    public Box phiDomain() {
        return Box.empty();
    }

    @Override
    public Box xSupport() {
        return Box.unbounded(2);
    }

    private static double curve(double[] theta) {
        return theta[1] + BEND * (theta[0] * theta[0] - 1);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        double m2 = curve(theta);
        for (int i = 0; i < n; i++) {
            out[2 * i] = theta[0] + SIGMA_1 * StandardNormal.sample(rng);
            out[2 * i + 1] = m2 + SIGMA_2 * StandardNormal.sample(rng);
        }
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        double u = (x[0] - theta[0]) / SIGMA_1;
        double v = (x[1] - curve(theta)) / SIGMA_2;
        return -LOG_2PI - Math.log(SIGMA_1 * SIGMA_2) - 0.5 * (u * u + v * v);
    }
}

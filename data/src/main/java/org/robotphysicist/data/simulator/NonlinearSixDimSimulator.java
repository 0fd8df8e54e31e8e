package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;

/**
 * A 6-D θ task with a nonlinear, coupled forward map: θ ∈ [−2, 2]⁶, one event x ∈ ℝ⁶,
 * <pre>
 *   x_i = θ_i + a sin(2 θ_{i+1}) + σ z_i,  z ~ N(0, I),  i = 1..6 (θ₇ ≡ θ₁),
 *   a = {@value #COUPLING}, σ = {@value #SIGMA}.
 * </pre>
 * Each coordinate of the mean depends on its neighbour through a sine, so the posterior is a
 * curved, correlated 6-D density (a grid is out of reach; MCMC is needed). Experiments have no
 * setting: φ is empty.
 */
public final class NonlinearSixDimSimulator implements TractableSimulator {
    public static final int DIM = 6;
    public static final double COUPLING = 0.5;
    public static final double SIGMA = 0.3;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @Override
    public String name() {
        return "nonlinear-6d";
    }

    @Override
    public Dimensions dimensions() {
        return Dimensions.withoutPhi(Dimensions.numbered("theta", DIM),
                Dimensions.numbered("x", DIM));
    }

    @Override
    public Box thetaDomain() {
        double[] lo = new double[DIM];
        double[] hi = new double[DIM];
        java.util.Arrays.fill(lo, -2);
        java.util.Arrays.fill(hi, 2);
        return new Box(lo, hi);
    }

    @Override
    public Box phiDomain() {
        return Box.empty();
    }

    @Override
    public Box xSupport() {
        return Box.unbounded(DIM);
    }

    private static double mean(double[] theta, int i) {
        return theta[i] + COUPLING * Math.sin(2 * theta[(i + 1) % DIM]);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < DIM; i++) {
                out[e * DIM + i] = mean(theta, i) + SIGMA * StandardNormal.sample(rng);
            }
        }
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        double sum = 0;
        for (int i = 0; i < DIM; i++) {
            double z = (x[i] - mean(theta, i)) / SIGMA;
            sum += -0.5 * (LOG_2PI + z * z) - Math.log(SIGMA);
        }
        return sum;
    }
}

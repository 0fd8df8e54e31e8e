package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.simulator.StandardNormal;
import org.robotphysicist.data.simulator.TractableSimulator;

/**
 * A D-dimensional toy for tests: x ~ N(θ, φ·I<sub>D</sub>) with φ the variance, θ ∈ [−10, 10]<sup>D</sup>.
 * With a normal prior N(m₀, s₀²) per component the posterior is normal per component with
 * precision 1/s₀² + N/φ and mean (m₀/s₀² + Σx/φ)/precision.
 */
public final class IsotropicGaussianSimulator implements TractableSimulator {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final int dim;

    public IsotropicGaussianSimulator(int dim) {
        this.dim = dim;
    }

    @Override
    public String name() {
        return "isotropic-gaussian-" + dim;
    }

    @Override
    public Dimensions dimensions() {
        List<String> theta = new ArrayList<>();
        List<String> x = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            theta.add("mu" + d);
            x.add("x" + d);
        }
        return new Dimensions(theta, List.of("variance"), x);
    }

    @Override
    public Box thetaDomain() {
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        java.util.Arrays.fill(lo, -10);
        java.util.Arrays.fill(hi, 10);
        return new Box(lo, hi);
    }

    @Override
    public Box phiDomain() {
        return Box.interval(1e-6, 1e6);
    }

    @Override
    public Box xSupport() {
        return Box.unbounded(dim);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        double sd = Math.sqrt(phi[0]);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] = theta[d] + sd * StandardNormal.sample(rng);
            }
        }
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        double lp = 0;
        for (int d = 0; d < dim; d++) {
            double z = x[d] - theta[d];
            lp += -0.5 * (LOG_2PI + Math.log(phi[0]) + z * z / phi[0]);
        }
        return lp;
    }
}

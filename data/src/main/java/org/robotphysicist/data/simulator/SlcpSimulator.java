package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;

/**
 * SLCP, "simple likelihood, complex posterior" (Papamakarios, Sterratt &amp; Murray 2019,
 * <i>Sequential neural likelihood</i>, AISTATS; benchmark task of Lueckmann et al. 2021,
 * <i>Benchmarking simulation-based inference</i>, AISTATS). θ ∈ [−3, 3]⁵; one event x ∈ ℝ⁸ is four
 * i.i.d. draws of a 2-D Gaussian
 * <pre>
 *   (x_{2j+1}, x_{2j+2}) ~ N(m, S),  m = (θ₁, θ₂),
 *   S = [[s₁², ρ s₁ s₂], [ρ s₁ s₂, s₂²]],  s₁ = θ₃², s₂ = θ₄², ρ = tanh θ₅,  j = 0..3.
 * </pre>
 * The likelihood is a product of Gaussians, yet the posterior under a uniform prior is
 * multimodal: it is invariant under θ₃ → −θ₃ and θ₄ → −θ₄, so it has (at least) four
 * symmetric modes. At θ₃ = 0 or θ₄ = 0 the Gaussian is degenerate; {@link #logDensity} is then
 * −∞ (a set of prior measure zero). Experiments have no setting: φ is empty.
 */
public final class SlcpSimulator implements TractableSimulator {
    /** Draws per event. */
    public static final int DRAWS = 4;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @Override
    public String name() {
        return "slcp";
    }

    @Override
    public Dimensions dimensions() {
        return Dimensions.withoutPhi(Dimensions.numbered("theta", 5),
                Dimensions.numbered("x", 2 * DRAWS));
    }

    @Override
    public Box thetaDomain() {
        return new Box(new double[] {-3, -3, -3, -3, -3}, new double[] {3, 3, 3, 3, 3});
    }

    @Override
    public Box phiDomain() {
        return Box.empty();
    }

    @Override
    public Box xSupport() {
        return Box.unbounded(2 * DRAWS);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        double s1 = theta[2] * theta[2];
        double s2 = theta[3] * theta[3];
        double rho = Math.tanh(theta[4]);
        double c = Math.sqrt(1 - rho * rho);
        for (int i = 0; i < n * DRAWS; i++) {
            double z1 = StandardNormal.sample(rng);
            double z2 = StandardNormal.sample(rng);
            out[2 * i] = theta[0] + s1 * z1;
            out[2 * i + 1] = theta[1] + s2 * (rho * z1 + c * z2);
        }
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        double s1 = theta[2] * theta[2];
        double s2 = theta[3] * theta[3];
        if (s1 == 0 || s2 == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double rho = Math.tanh(theta[4]);
        double oneMinusRho2 = 1 - rho * rho;
        double logNorm = -LOG_2PI - Math.log(s1) - Math.log(s2) - 0.5 * Math.log(oneMinusRho2);
        double sum = 0;
        for (int j = 0; j < DRAWS; j++) {
            double u = (x[2 * j] - theta[0]) / s1;
            double v = (x[2 * j + 1] - theta[1]) / s2;
            sum += logNorm - 0.5 * (u * u - 2 * rho * u * v + v * v) / oneMinusRho2;
        }
        return sum;
    }
}

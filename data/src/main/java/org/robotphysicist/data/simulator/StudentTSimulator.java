package org.robotphysicist.data.simulator;

import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;

/**
 * A heavy-tailed task: θ ∈ [−5, 5]², and one event x ∈ ℝ⁴ is two i.i.d. noisy measurements of θ
 * with Student-t noise of ν = {@value #NU} degrees of freedom and scale s = {@value #SCALE},
 * independently per coordinate:
 * <pre>
 *   x_{2j+d} = θ_d + s t_{j,d},  t ~ t₃,  d = 1, 2,  j = 0, 1,
 *   log t₃(t) = log(2 / (π √3)) − 2 log(1 + t² / 3).
 * </pre>
 * t₃ has finite variance but only two finite moments beyond the mean, so events have outliers
 * and the posterior heavy tails; when the two measurements disagree it is bimodal. Draws use
 * t = Z / √(χ²₃ / 3) with χ²₃ a sum of three squared standard normals. Experiments have no
 * setting: φ is empty.
 */
public final class StudentTSimulator implements TractableSimulator {
    public static final int NU = 3;
    public static final double SCALE = 0.5;
    /** Measurements per event. */
    public static final int DRAWS = 2;
    private static final double LOG_T3_NORM = Math.log(2 / (Math.PI * Math.sqrt(3)));

    @Override
    public String name() {
        return "student-t";
    }

    @Override
    public Dimensions dimensions() {
        return Dimensions.withoutPhi(List.of("theta1", "theta2"), Dimensions.numbered("x", 2 * DRAWS));
    }

    @Override
    public Box thetaDomain() {
        return new Box(new double[] {-5, -5}, new double[] {5, 5});
    }

    @Override
    public Box phiDomain() {
        return Box.empty();
    }

    @Override
    public Box xSupport() {
        return Box.unbounded(2 * DRAWS);
    }

    /** One t₃ draw. */
    static double sampleT3(SplittableRandom rng) {
        double chi2 = 0;
        for (int k = 0; k < NU; k++) {
            double g = StandardNormal.sample(rng);
            chi2 += g * g;
        }
        return StandardNormal.sample(rng) / Math.sqrt(chi2 / NU);
    }

    /** log of the t₃ density at t. */
    static double logT3(double t) {
        return LOG_T3_NORM - 2 * Math.log1p(t * t / NU);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        for (int i = 0; i < n * DRAWS; i++) {
            out[2 * i] = theta[0] + SCALE * sampleT3(rng);
            out[2 * i + 1] = theta[1] + SCALE * sampleT3(rng);
        }
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        double sum = 0;
        for (int i = 0; i < 2 * DRAWS; i++) {
            sum += logT3((x[i] - theta[i % 2]) / SCALE) - Math.log(SCALE);
        }
        return sum;
    }
}

package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;

/**
 * The angular distribution of a fermion pair from a spin-1 exchange,
 * <pre>
 *   p(c) = 3/8 · (1 + c² + b·c),   c = cos θ ∈ [−1, 1],   |b| ≤ 2,
 * </pre>
 * with forward–backward asymmetry A<sub>FB</sub> = 3b/8. It is non-negative on [−1, 1] exactly
 * when |b| ≤ 2, so larger |b| is rejected rather than truncated.
 *
 * <p>Sampling inverts the cubic CDF
 * F(c) = 3/8 · [(c + 1) + (c³ + 1)/3 + b(c² − 1)/2] by safeguarded Newton iteration to
 * machine precision: exact, no envelope.
 */
public final class ForwardBackwardDistribution {
    private static final double THREE_EIGHTHS = 3.0 / 8.0;
    private final double b;

    /** @param b the linear coefficient, {@code A1/A0}; requires |b| ≤ 2 */
    public ForwardBackwardDistribution(double b) {
        if (!Double.isFinite(b) || Math.abs(b) > 2.0) {
            throw new InvalidInputException("angular asymmetry coefficient b: expected |b| <= 2 so that"
                    + " 1 + c^2 + b c >= 0 on [-1, 1], but found b = " + b);
        }
        this.b = b;
    }

    public double b() {
        return b;
    }

    /** A<sub>FB</sub> = 3b/8. */
    public double forwardBackwardAsymmetry() {
        return THREE_EIGHTHS * b;
    }

    public double density(double c) {
        if (c < -1 || c > 1) {
            return 0.0;
        }
        return THREE_EIGHTHS * (1 + c * c + b * c);
    }

    public double logDensity(double c) {
        return Math.log(density(c));
    }

    public double cdf(double c) {
        if (c <= -1) {
            return 0.0;
        }
        if (c >= 1) {
            return 1.0;
        }
        return THREE_EIGHTHS * ((c + 1) + (c * c * c + 1) / 3 + b * (c * c - 1) / 2);
    }

    /** The c with F(c) = u, for u ∈ [0, 1]. */
    public double inverseCdf(double u) {
        double lo = -1;
        double hi = 1;
        // Start from the b = 0 solution's neighbourhood: the linear guess is good enough for Newton.
        double c = 2 * u - 1;
        for (int iter = 0; iter < 100; iter++) {
            double g = cdf(c) - u;
            if (g > 0) {
                hi = c;
            } else {
                lo = c;
            }
            double slope = density(c);
            double next = slope > 0 ? c - g / slope : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - c) <= 1e-15 || hi - lo <= 1e-15) {
                return next;
            }
            c = next;
        }
        return c;
    }

    /** Draws n values into {@code out[offset .. offset + n)}. */
    public void sample(SplittableRandom rng, int n, double[] out, int offset) {
        for (int i = 0; i < n; i++) {
            out[offset + i] = inverseCdf(rng.nextDouble());
        }
    }
}

package org.robotphysicist.data.simulator.lineshape;

import java.util.SplittableRandom;
import org.robotphysicist.data.simulator.StandardNormal;

/**
 * Draws the true √s and the ISR radiated fraction k of one event from their joint density
 * <pre>
 *   p(√s_true, k) ∝ N(√s_true; φ, σ_√s²) · H(k; s_true) · σ₀(s_true (1 − k)),   0 &lt; k &lt; 0.99,
 * </pre>
 * exactly, by rejection: √s<sub>true</sub> comes from its Gaussian (truncated at ±6σ, a 2·10⁻⁹
 * effect) and u = k<sup>β₀</sup> (β₀ = β(φ²)) from a piecewise-constant envelope on 4096 equal cells
 * of u, each at 1.3 times the largest target value found at its ends and centre for √s<sub>true</sub>
 * at −6σ, 0 and +6σ (and at the Z peak where it falls in the cell). A proposal accepted with
 * probability target/envelope then follows the target exactly. Should the target ever exceed
 * the envelope, sampling stops with an {@link IllegalStateException} rather than bias the events.
 */
final class RadiatedFractionSampler {
    private static final int CELLS = 4096;
    private static final double SAFETY = 1.3;
    private static final double TRUNCATION_SIGMAS = 6;

    private final ImprovedBornCrossSection born;
    private final double nominalSqrtS;
    private final double spread;
    private final double betaRef;
    private final double uMax;
    private final double[] envelope = new double[CELLS];
    private final double[] cumulative = new double[CELLS];

    /** One draw: the true √s (GeV) and the radiated fraction k. */
    record Draw(double sqrtS, double radiatedFraction) {
    }

    RadiatedFractionSampler(ImprovedBornCrossSection born, double nominalSqrtS, double spreadGeV) {
        this.born = born;
        this.nominalSqrtS = nominalSqrtS;
        this.spread = spreadGeV;
        this.betaRef = IsrRadiator.beta(nominalSqrtS * nominalSqrtS);
        this.uMax = Math.pow(IsrConvolution.MAX_RADIATED_FRACTION, betaRef);
        double[] offsets = spreadGeV == 0 ? new double[] {0}
                : new double[] {-TRUNCATION_SIGMAS * spreadGeV, 0, TRUNCATION_SIGMAS * spreadGeV};
        double m2 = born.parameters().massGeV() * born.parameters().massGeV();
        double width = uMax / CELLS;
        double total = 0;
        for (int i = 0; i < CELLS; i++) {
            double lo = i * width;
            double hi = lo + width;
            double max = 0;
            for (double offset : offsets) {
                double sqrtS = nominalSqrtS + offset;
                double s = sqrtS * sqrtS;
                max = Math.max(max, target(lo, s));
                max = Math.max(max, target(0.5 * (lo + hi), s));
                max = Math.max(max, target(hi, s));
                double kPeak = 1 - m2 / s;
                if (kPeak > 0) {
                    double uPeak = Math.pow(kPeak, betaRef);
                    if (uPeak > lo && uPeak < hi) {
                        max = Math.max(max, target(uPeak, s));
                    }
                }
            }
            envelope[i] = SAFETY * max;
            total += envelope[i] * width;
            cumulative[i] = total;
        }
    }

    /** The target density in u at s (GeV²): H(k; s)·dk/du·σ₀(s(1 − k)), k = u^(1/β₀). */
    private double target(double u, double s) {
        double k = Math.pow(u, 1 / betaRef);
        if (!(k < IsrConvolution.MAX_RADIATED_FRACTION)) {
            return 0;
        }
        double weight = IsrRadiator.densityPerUnitU(k, IsrRadiator.beta(s), 1 + IsrRadiator.softVirtualCorrection(s),
                betaRef);
        return weight * born.crossSectionPb(s * (1 - k));
    }

    Draw sample(SplittableRandom rng) {
        double sqrtS = nominalSqrtS;
        if (spread > 0) {
            double z;
            do {
                z = StandardNormal.sample(rng);
            } while (Math.abs(z) > TRUNCATION_SIGMAS);
            sqrtS += spread * z;
        }
        double s = sqrtS * sqrtS;
        double width = uMax / CELLS;
        double totalMass = cumulative[CELLS - 1];
        while (true) {
            double pick = rng.nextDouble() * totalMass;
            int cell = java.util.Arrays.binarySearch(cumulative, pick);
            cell = cell >= 0 ? cell : Math.min(CELLS - 1, -cell - 1);
            double u = (cell + rng.nextDouble()) * width;
            double value = target(u, s);
            if (value > envelope[cell]) {
                throw new IllegalStateException("ISR sampling envelope too low at u = " + u + ", sqrt(s) = " + sqrtS
                        + ": target " + value + " > envelope " + envelope[cell] + "; events would be biased");
            }
            if (rng.nextDouble() * envelope[cell] < value) {
                double k = Math.pow(u, 1 / betaRef);
                return new Draw(sqrtS, k);
            }
        }
    }
}

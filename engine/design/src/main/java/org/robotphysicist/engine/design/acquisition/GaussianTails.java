package org.robotphysicist.engine.design.acquisition;

import org.apache.commons.math3.special.Erf;

/**
 * Numerically stable Gaussian tail functions for the expected-improvement family, following
 * Ament, Daulton, Eriksson, Balandat &amp; Bakshy, "Unexpected Improvements to Expected Improvement
 * for Bayesian Optimization" (NeurIPS 2023), eq. (9):
 *
 * <pre>
 *   h(z) = φ(z) + zΦ(z)                       (EI = σ·h((μ − f*)/σ))
 *   log h(z) = log(φ(z) + zΦ(z))                                  z &gt; −1
 *            = −z²/2 − c₁ + log1mexp(log(erfcx(−z/√2)|z|) + c₂)   −1/√ε &lt; z ≤ −1
 *            = −z²/2 − c₁ − 2 log|z|                              z ≤ −1/√ε
 *   c₁ = log(2π)/2,  c₂ = log(π/2)/2,  ε = 2⁻⁵²
 * </pre>
 *
 * erfcx(x) = exp(x²)·erfc(x) is evaluated as exp(x²)·erfc(x) for x &lt; 1.5 (Commons Math
 * {@link Erf#erfc}) and by the Laplace continued fraction erfcx(x) = π<sup>−½</sup>/(x + ½/(x + 1/(x + (3/2)/(x + …))))
 * for x ≥ 1.5 (80 terms below x = 4, 24 above; relative error ≲ 10⁻¹⁵). Every function here is
 * finite for every finite argument where its value is representable, so log h is finite and
 * increasing across the whole range in which EI itself underflows to 0.
 */
public final class GaussianTails {
    private static final double C1 = 0.5 * Math.log(2 * Math.PI);
    private static final double C2 = 0.5 * Math.log(Math.PI / 2);
    private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double ASYMPTOTIC_Z = -1 / Math.sqrt(Math.ulp(1.0));

    private GaussianTails() {
    }

    /** The scaled complementary error function erfcx(x) = exp(x²)·erfc(x); +∞ once exp(x²) overflows for x ≪ 0. */
    public static double erfcx(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 * Math.exp(x * x) - erfcx(-x);
        }
        if (x < 1.5) {
            return Math.exp(x * x) * Erf.erfc(x);
        }
        int terms = x < 4 ? 80 : 24;
        double tail = 0;
        for (int k = terms; k >= 1; k--) {
            tail = (0.5 * k) / (x + tail);
        }
        return INV_SQRT_PI / (x + tail);
    }

    /** log Φ(z), the log of the standard normal CDF, accurate in both tails. */
    public static double logCdf(double z) {
        if (z < -1) {
            return Math.log(0.5 * erfcx(-z * INV_SQRT2)) - 0.5 * z * z;
        }
        return Math.log1p(-0.5 * Erf.erfc(z * INV_SQRT2));
    }

    /** log h(z) = log(φ(z) + zΦ(z)) in the piecewise stable form of Ament et al. (2023). */
    public static double logH(double z) {
        if (z > -1) {
            double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            double cdf = 0.5 * Erf.erfc(-z * INV_SQRT2);
            return Math.log(pdf + z * cdf);
        }
        if (z > ASYMPTOTIC_Z) {
            double a = Math.log(erfcx(-z * INV_SQRT2) * Math.abs(z)) + C2;
            return -0.5 * z * z - C1 + log1mexp(a);
        }
        return -0.5 * z * z - C1 - 2 * Math.log(Math.abs(z));
    }

    /** d log h / dz = Φ(z)/h(z), evaluated as exp(log Φ(z) − log h(z)). */
    public static double dLogH(double z) {
        return Math.exp(logCdf(z) - logH(z));
    }

    /** log(1 − eˣ) for x &lt; 0 (Mächler 2012: expm1 near 0, log1p far from it). */
    static double log1mexp(double x) {
        return x > -Math.log(2) ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }
}

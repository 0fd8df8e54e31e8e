package org.robotphysicist.data.simulator;

import org.robotphysicist.data.InvalidInputException;

/**
 * Leading-order e⁺e⁻ → μ⁺μ⁻ through γ and Z, as a function of θ = sin²θ<sub>W</sub> and
 * φ = √s in GeV:
 * <pre>
 *   dσ/dc ∝ A0(s)·(1 + c²) + A1(s)·c,           c = cos θ(μ⁻, e⁻ beam)
 *   g_V = −1/2 + 2 sin²θ_W,  g_A = −1/2
 *   χ(s) = s / (s − M_Z² + i M_Z Γ_Z) / (4 sin²θ_W (1 − sin²θ_W))
 *   A0 = 1 + 2 g_V² Re χ + |χ|² (g_V² + g_A²)²
 *   A1 = 4 g_A² Re χ + 8 |χ|² g_V² g_A²
 *   σ(s) = 4πα²/(3s) · A0(s) · (ħc)²
 * </pre>
 * with M<sub>Z</sub> = 91.1876 GeV, Γ<sub>Z</sub> = 2.4952 GeV, α = 1/137.035999 and
 * (ħc)² = 0.3893794 mb·GeV² = 3.893794·10⁸ pb·GeV². The normalized angular density is
 * 3/8·(1 + c² + (A1/A0)·c), so A<sub>FB</sub> = 3·A1 / (8·A0).
 */
public final class WeinbergLoPhysics {
    public static final double Z_MASS_GEV = 91.1876;
    public static final double Z_WIDTH_GEV = 2.4952;
    public static final double ALPHA_EM = 1 / 137.035999;
    public static final double HBARC2_PB_GEV2 = 3.893794e8;

    private WeinbergLoPhysics() {
    }

    /** The coefficients (A0, A1) at sin²θ<sub>W</sub> and √s. */
    public static double[] coefficients(double sin2ThetaW, double sqrtS) {
        double[] all = coefficientsWithDerivatives(sin2ThetaW, sqrtS);
        return new double[] {all[0], all[1]};
    }

    /**
     * (A0, A1, ∂A0/∂sin²θ<sub>W</sub>, ∂A1/∂sin²θ<sub>W</sub>) at sin²θ<sub>W</sub> and √s. With
     * θ = sin²θ<sub>W</sub>, n = 4θ(1 − θ) and g<sub>V</sub>' = 2, χ ∝ 1/n gives
     * ∂Re χ/∂θ = −Re χ · n'/n and ∂|χ|²/∂θ = −2|χ|² · n'/n with n' = 4(1 − 2θ).
     */
    public static double[] coefficientsWithDerivatives(double sin2ThetaW, double sqrtS) {
        if (!(sin2ThetaW > 0 && sin2ThetaW < 1) || !(sqrtS > 0) || !Double.isFinite(sqrtS)) {
            throw new InvalidInputException("Weinberg LO: expected 0 < sin^2(theta_W) < 1 and sqrt(s) > 0 but found "
                    + sin2ThetaW + " and " + sqrtS);
        }
        double s = sqrtS * sqrtS;
        double gv = -0.5 + 2 * sin2ThetaW;
        double ga = -0.5;
        double norm = 4 * sin2ThetaW * (1 - sin2ThetaW);
        // χ = s / (s − M² + i M Γ) / norm  =  s (s − M² − i M Γ) / ((s − M²)² + M²Γ²) / norm
        double re = s - Z_MASS_GEV * Z_MASS_GEV;
        double im = Z_MASS_GEV * Z_WIDTH_GEV;
        double den = (re * re + im * im) * norm;
        double chiRe = s * re / den;
        double chiIm = -s * im / den;
        double chiAbs2 = chiRe * chiRe + chiIm * chiIm;
        double gv2 = gv * gv;
        double ga2 = ga * ga;
        double a0 = 1 + 2 * gv2 * chiRe + chiAbs2 * (gv2 + ga2) * (gv2 + ga2);
        double a1 = 4 * ga2 * chiRe + 8 * chiAbs2 * gv2 * ga2;
        double relNorm = 4 * (1 - 2 * sin2ThetaW) / norm;
        double dChiRe = -chiRe * relNorm;
        double dChiAbs2 = -2 * chiAbs2 * relNorm;
        double dGv2 = 4 * gv;
        double da0 = 2 * (dGv2 * chiRe + gv2 * dChiRe) + dChiAbs2 * (gv2 + ga2) * (gv2 + ga2)
                + 2 * chiAbs2 * (gv2 + ga2) * dGv2;
        double da1 = 4 * ga2 * dChiRe + 8 * ga2 * (dChiAbs2 * gv2 + chiAbs2 * dGv2);
        return new double[] {a0, a1, da0, da1};
    }

    /**
     * ∂ log p(c | θ, φ)/∂sin²θ<sub>W</sub> for the angular density 3/8·(1 + c² + b c), b = A1/A0:
     * c·b' / (1 + c² + b c) with b' = (A1' A0 − A1 A0') / A0², written into {@code score} for the n
     * values of {@code c} (|c| ≤ 1).
     */
    public static void angularScore(double sin2ThetaW, double sqrtS, double[] c, int n, double[] score) {
        double[] a = coefficientsWithDerivatives(sin2ThetaW, sqrtS);
        double b = a[1] / a[0];
        double db = (a[3] * a[0] - a[1] * a[2]) / (a[0] * a[0]);
        for (int i = 0; i < n; i++) {
            score[i] = c[i] * db / (1 + c[i] * c[i] + b * c[i]);
        }
    }

    /** A<sub>FB</sub> = 3·A1 / (8·A0). */
    public static double forwardBackwardAsymmetry(double sin2ThetaW, double sqrtS) {
        double[] a = coefficients(sin2ThetaW, sqrtS);
        return 3 * a[1] / (8 * a[0]);
    }

    /** The normalized angular distribution at (sin²θ<sub>W</sub>, √s). */
    public static ForwardBackwardDistribution angularDistribution(double sin2ThetaW, double sqrtS) {
        double[] a = coefficients(sin2ThetaW, sqrtS);
        return new ForwardBackwardDistribution(a[1] / a[0]);
    }

    /** Total cross-section σ in picobarns. */
    public static double crossSectionPb(double sin2ThetaW, double sqrtS) {
        double s = sqrtS * sqrtS;
        return 4 * Math.PI * ALPHA_EM * ALPHA_EM / (3 * s) * coefficients(sin2ThetaW, sqrtS)[0] * HBARC2_PB_GEV2;
    }
}

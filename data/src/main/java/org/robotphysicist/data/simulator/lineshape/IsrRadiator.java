package org.robotphysicist.data.simulator.lineshape;

/**
 * Initial-state radiation as a probability density of the radiated fraction k = 1 − s'/s (s' the
 * squared mass of the μ⁺μ⁻ system; for one photon collinear with a beam, k = E<sub>γ</sub>/E<sub>beam</sub>):
 * the exponentiated O(α) radiator of Kuraev and Fadin (Sov. J. Nucl. Phys. 41 (1985) 466), in the
 * form used for the Z lineshape by Berends et al., "Z line shape", in CERN 89-08 vol. 1, p. 89:
 * <pre>
 *   H(k; s) = β k^(β−1) (1 + δ_VS) − β (1 − k/2),        0 &lt; k &lt; 1
 *   β       = (2α/π) (ln(s/m_e²) − 1)
 *   δ_VS    = (3/4) β + (α/π) (π²/3 − 1/2)
 * </pre>
 * with α = α(0) = 1/137.035999 (real photons) and m<sub>e</sub> = 0.51099895 MeV. The
 * ISR-corrected cross-section is σ(s) = ∫ dk H(k; s) σ<sub>0</sub>(s(1 − k)). H is positive on
 * (0, 1) and has the integrable singularity k^(β−1) at k = 0 (β ≈ 0.108 at the Z), which every
 * integral here removes with the substitution u = k^β (du = β k^(β−1) dk). β ≈ 0.11 at the Z.
 */
public final class IsrRadiator {
    /** α(0). */
    public static final double ALPHA_ZERO = 1 / 137.035999;
    /** m<sub>e</sub> in GeV. */
    public static final double ELECTRON_MASS_GEV = 0.51099895e-3;

    private IsrRadiator() {
    }

    /** β(s) = (2α/π)(ln(s/m<sub>e</sub>²) − 1), s in GeV². */
    public static double beta(double s) {
        return 2 * ALPHA_ZERO / Math.PI * (Math.log(s / (ELECTRON_MASS_GEV * ELECTRON_MASS_GEV)) - 1);
    }

    /** δ<sub>VS</sub>(s) = ¾β + (α/π)(π²/3 − ½), the finite soft-plus-virtual O(α) correction. */
    public static double softVirtualCorrection(double s) {
        return 0.75 * beta(s) + ALPHA_ZERO / Math.PI * (Math.PI * Math.PI / 3 - 0.5);
    }

    /** H(k; s); 0 outside (0, 1). */
    public static double density(double k, double s) {
        if (!(k > 0 && k < 1)) {
            return 0;
        }
        double b = beta(s);
        return b * Math.pow(k, b - 1) * (1 + softVirtualCorrection(s)) - b * (1 - k / 2);
    }

    /**
     * H(k; s)·dk/du for the substitution u = k^β<sub>ref</sub> (β<sub>ref</sub> close to β(s)):
     * (β/β<sub>ref</sub>)[(1 + δ<sub>VS</sub>) k^(β−β<sub>ref</sub>) − (1 − k/2) k^(1−β<sub>ref</sub>)],
     * bounded as k → 0. {@code beta} and {@code onePlusDelta} are β(s) and 1 + δ<sub>VS</sub>(s),
     * passed in so callers can precompute them.
     */
    public static double densityPerUnitU(double k, double beta, double onePlusDelta, double betaRef) {
        double kk = Math.max(k, Double.MIN_NORMAL);
        return beta / betaRef * (onePlusDelta * Math.pow(kk, beta - betaRef) - (1 - kk / 2) * Math.pow(kk, 1 - betaRef));
    }
}

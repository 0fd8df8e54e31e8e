package org.robotphysicist.data.simulator.lineshape;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.ForwardBackwardDistribution;

/**
 * The hard process e⁺e⁻ → γ, Z → μ⁺μ⁻ (massless leptons) in the improved Born approximation
 * used for the LEP lineshape (Phys. Rept. 427 (2006) 257, sect. 1.4; "Z Physics at LEP 1",
 * CERN 89-08 vol. 1):
 * <pre>
 *   dσ/dc = (π α(s)² / (2s)) · [A0(s)·(1 + c²) + A1(s)·c] · (1 + 3α(s)/(4π)) · (ħc)²,   c = cos θ*(μ⁻, e⁻ beam)
 *   χ(s)  = κ(s) · s / (s − M_Z² + i s Γ_Z / M_Z)          (s-dependent width)
 *   κ(s)  = √2 G_F M_Z² / (4π α(s))
 *   A0    = 1 + 2 g_V² Re χ + (g_V² + g_A²)² |χ|²
 *   A1    = 4 g_A² Re χ + 8 g_V² g_A² |χ|²
 *   g_A   = −½ √ρ_ℓ,   g_V = g_A (1 − 4 sin²θ_eff)            (effective lepton couplings, e = μ)
 *   σ(s)  = (4π α(s)² / (3s)) · A0(s) · (1 + 3α(s)/(4π)) · (ħc)²
 * </pre>
 * with G<sub>F</sub> = 1.1663787·10⁻⁵ GeV⁻², ρ<sub>ℓ</sub> = 1.0050 (the LEP effective value,
 * Phys. Rept. 427) and the running QED coupling
 * 1/α(s) = 128.95 − (20/(9π))·ln(s/M<sub>ref</sub>²), M<sub>ref</sub> = 91.1875 GeV: the one-loop
 * leading-log running with the five light quarks and three charged leptons (Σ N<sub>c</sub>Q² = 20/3)
 * about the value α(M<sub>Z</sub>²)⁻¹ ≈ 128.95 used by the LEP fits. The factor 1 + 3α/(4π) is the
 * inclusive final-state QED correction (no photon is generated for it). Initial-state radiation is
 * not included here: see {@link IsrRadiator}.
 *
 * <p>Consequences: the leptonic width
 * Γ<sub>ℓℓ</sub> = G<sub>F</sub>M<sub>Z</sub>³/(6√2π)·(g<sub>V</sub>² + g<sub>A</sub>²)·(1 + 3α/(4π))
 * and the pole cross-section σ⁰<sub>μμ</sub> = 12π Γ<sub>ee</sub>⁰Γ<sub>μμ</sub>/(M<sub>Z</sub>²Γ<sub>Z</sub>²)
 * follow from θ; A<sub>FB</sub> = 3A1/(8A0) and at the pole, without the photon,
 * A<sub>FB</sub><sup>0</sup> = ¾A<sub>ℓ</sub>² with A<sub>ℓ</sub> = 2g<sub>V</sub>g<sub>A</sub>/(g<sub>V</sub>² + g<sub>A</sub>²).
 * Immutable; valid for √s well above the muon threshold (used from about 5 GeV upward).
 */
public final class ImprovedBornCrossSection {
    /** Fermi constant, GeV⁻². */
    public static final double FERMI_CONSTANT = 1.1663787e-5;
    /** 1/α(M<sub>ref</sub>²). */
    public static final double INVERSE_ALPHA_AT_MZ = 128.95;
    /** The reference scale of the running coupling, GeV. */
    public static final double ALPHA_REFERENCE_SCALE_GEV = 91.1875;
    /** The effective leptonic ρ parameter. */
    public static final double RHO_LEPTON = 1.0050;
    /** (ħc)² in pb·GeV². */
    public static final double HBARC2_PB_GEV2 = 3.893794e8;
    private static final double RUNNING_SLOPE = 20.0 / (9.0 * Math.PI);

    private final LineshapeParameters parameters;
    private final double m2;
    private final double gv2;
    private final double ga2;

    /**
     * @throws UnphysicalWidthException when Γ<sub>Z</sub> ≤ 3Γ<sub>ℓℓ</sub>
     */
    public ImprovedBornCrossSection(LineshapeParameters parameters) {
        this.parameters = parameters;
        this.m2 = parameters.massGeV() * parameters.massGeV();
        double ga = -0.5 * Math.sqrt(RHO_LEPTON);
        double gv = ga * (1 - 4 * parameters.sin2ThetaEff());
        this.gv2 = gv * gv;
        this.ga2 = ga * ga;
        double leptonic = leptonicWidthGeV();
        if (!(parameters.widthGeV() > 3 * leptonic)) {
            throw new UnphysicalWidthException("Gamma_Z: expected more than the three leptonic widths 3 x "
                    + leptonic + " = " + 3 * leptonic + " GeV implied by M_Z = " + parameters.massGeV()
                    + " GeV and sin^2(theta_eff) = " + parameters.sin2ThetaEff() + " but found "
                    + parameters.widthGeV() + " GeV");
        }
    }

    public LineshapeParameters parameters() {
        return parameters;
    }

    /** α(s), the running QED coupling at s (GeV²). */
    public static double alpha(double s) {
        return 1 / (INVERSE_ALPHA_AT_MZ
                - RUNNING_SLOPE * Math.log(s / (ALPHA_REFERENCE_SCALE_GEV * ALPHA_REFERENCE_SCALE_GEV)));
    }

    /** (A0, A1) at s (GeV²). */
    public double[] coefficients(double s) {
        requirePositive(s);
        double kappa = Math.sqrt(2) * FERMI_CONSTANT * m2 / (4 * Math.PI * alpha(s));
        double re = s - m2;
        double im = s * parameters.widthGeV() / parameters.massGeV();
        double den = re * re + im * im;
        double chiRe = kappa * s * re / den;
        double chiAbs2 = kappa * kappa * s * s / den;
        double sum = gv2 + ga2;
        double a0 = 1 + 2 * gv2 * chiRe + sum * sum * chiAbs2;
        double a1 = 4 * ga2 * chiRe + 8 * gv2 * ga2 * chiAbs2;
        return new double[] {a0, a1};
    }

    /** σ(s) in pb, with the final-state QED factor, without initial-state radiation. */
    public double crossSectionPb(double s) {
        double a = alpha(s);
        return 4 * Math.PI * a * a / (3 * s) * coefficients(s)[0] * (1 + 3 * a / (4 * Math.PI)) * HBARC2_PB_GEV2;
    }

    /**
     * dσ/dc at s (GeV²) and c = cos θ*, in pb per unit c: σ(s)·(3/8)(1 + c² + (A1/A0)c).
     */
    public double differentialCrossSectionPb(double s, double c) {
        double a = alpha(s);
        double[] coefficients = coefficients(s);
        return Math.PI * a * a / (2 * s) * (coefficients[0] * (1 + c * c) + coefficients[1] * c)
                * (1 + 3 * a / (4 * Math.PI)) * HBARC2_PB_GEV2;
    }

    /** The normalized angular distribution of the μ⁻ in the μ⁺μ⁻ rest frame at s. */
    public ForwardBackwardDistribution angularDistribution(double s) {
        double[] a = coefficients(s);
        return new ForwardBackwardDistribution(a[1] / a[0]);
    }

    /** A<sub>FB</sub>(s) = 3A1/(8A0) of the hard process. */
    public double forwardBackwardAsymmetry(double s) {
        double[] a = coefficients(s);
        return 3 * a[1] / (8 * a[0]);
    }

    /** Γ<sub>ℓℓ</sub> in GeV, with its final-state QED factor. */
    public double leptonicWidthGeV() {
        double m = parameters.massGeV();
        double alphaZ = alpha(m2);
        return FERMI_CONSTANT * m * m * m / (6 * Math.sqrt(2) * Math.PI) * (gv2 + ga2) * (1 + 3 * alphaZ / (4 * Math.PI));
    }

    /** σ⁰<sub>μμ</sub> = 12π Γ<sub>ee</sub>⁰Γ<sub>μμ</sub>/(M<sub>Z</sub>²Γ<sub>Z</sub>²) in pb (Γ<sub>ee</sub>⁰ without the final-state factor). */
    public double poleCrossSectionPb() {
        double gll = leptonicWidthGeV();
        double qed = 1 + 3 * alpha(m2) / (4 * Math.PI);
        double g = parameters.widthGeV();
        return 12 * Math.PI / m2 * (gll / qed) * gll / (g * g) * HBARC2_PB_GEV2;
    }

    /** A<sub>ℓ</sub> = 2g<sub>V</sub>g<sub>A</sub>/(g<sub>V</sub>² + g<sub>A</sub>²). */
    public double leptonAsymmetryParameter() {
        return 2 * ga2 * (1 - 4 * parameters.sin2ThetaEff()) / (gv2 + ga2);
    }

    /** The pole asymmetry A<sub>FB</sub><sup>0,μ</sup> = ¾A<sub>e</sub>A<sub>μ</sub>. */
    public double poleAsymmetry() {
        double a = leptonAsymmetryParameter();
        return 0.75 * a * a;
    }

    private static void requirePositive(double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new InvalidInputException("s: expected a finite value > 0 GeV^2 but found " + s);
        }
    }
}

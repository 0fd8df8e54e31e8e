package org.robotphysicist.data.simulator.lineshape;

/**
 * Cross-sections with initial-state radiation, by quadrature over the radiated fraction k:
 * <pre>
 *   σ_ISR(s)  = ∫₀^k_max dk H(k; s) σ₀(s(1 − k))
 *   σ_acc(s)  = ∫₀^k_max dk H(k; s) σ₀(s(1 − k)) A(k),   A(k) = ¾ (c_m + c_m³/3),  c_m = tanh(η_max − y(k))
 * </pre>
 * where H is {@link IsrRadiator}, σ₀ is {@link ImprovedBornCrossSection}, k<sub>max</sub> = 0.99 (the
 * generated phase space s'/s &gt; 0.01, the LEP "inclusive" definition √s'/√s &gt; 0.1),
 * y(k) = −½ ln(1 − k) the rapidity of the μ⁺μ⁻ system, and A(k) the fraction of the angular
 * distribution with both muons inside |η| &lt; η<sub>max</sub> (the odd A1 term integrates to zero). A
 * is evaluated on true angles: the 1 mrad smearing of the acceptance edge changes it by
 * O(10⁻⁵). Both integrals substitute u = k<sup>β</sup>, which removes the k<sup>β−1</sup>
 * singularity, and split at the radiative return to the Z (s(1 − k) = M<sub>Z</sub>²). The
 * adaptive Gauss–Kronrod tolerance is 10⁻¹⁰ relative.
 */
final class IsrConvolution {
    /** The largest radiated fraction generated: s'/s ≥ 0.01. */
    static final double MAX_RADIATED_FRACTION = 0.99;

    private final ImprovedBornCrossSection born;
    private final AdaptiveGaussKronrod integrator = new AdaptiveGaussKronrod(1e-10, 0, 400);

    IsrConvolution(ImprovedBornCrossSection born) {
        this.born = born;
    }

    /** σ<sub>ISR</sub>(s) in pb. */
    double totalPb(double s) {
        return integrate(s, Double.POSITIVE_INFINITY);
    }

    /** σ<sub>acc</sub>(s) in pb for the acceptance |η| &lt; maxAbsEta on both muons. */
    double acceptedPb(double s, double maxAbsEta) {
        return integrate(s, maxAbsEta);
    }

    private double integrate(double s, double maxAbsEta) {
        double beta = IsrRadiator.beta(s);
        double onePlusDelta = 1 + IsrRadiator.softVirtualCorrection(s);
        double uMax = Math.pow(MAX_RADIATED_FRACTION, beta);
        java.util.function.DoubleUnaryOperator f = u -> {
            double k = Math.pow(u, 1 / beta);
            double weight = IsrRadiator.densityPerUnitU(k, beta, onePlusDelta, beta);
            double y = -0.5 * Math.log1p(-k);
            double acceptance = Double.isInfinite(maxAbsEta) ? 1 : angularAcceptance(maxAbsEta - y);
            return acceptance == 0 ? 0 : weight * born.crossSectionPb(s * (1 - k)) * acceptance;
        };
        double m2 = born.parameters().massGeV() * born.parameters().massGeV();
        double kReturn = 1 - m2 / s;
        if (kReturn > 0 && kReturn < MAX_RADIATED_FRACTION) {
            double uReturn = Math.pow(kReturn, beta);
            return integrator.integrate(f, 0, uReturn) + integrator.integrate(f, uReturn, uMax);
        }
        return integrator.integrate(f, 0, uMax);
    }

    /** ¾(c<sub>m</sub> + c<sub>m</sub>³/3) with c<sub>m</sub> = tanh(η<sub>room</sub>), 0 when η<sub>room</sub> ≤ 0. */
    static double angularAcceptance(double etaRoom) {
        if (!(etaRoom > 0)) {
            return 0;
        }
        double cm = Math.tanh(etaRoom);
        return 0.75 * (cm + cm * cm * cm / 3);
    }
}

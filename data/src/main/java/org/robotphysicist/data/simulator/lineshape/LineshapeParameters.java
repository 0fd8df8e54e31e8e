package org.robotphysicist.data.simulator.lineshape;

import org.robotphysicist.data.Require;

/**
 * The parameters of nature θ of the {@code z-lineshape} simulator: the Z mass M<sub>Z</sub> (GeV),
 * its total width Γ<sub>Z</sub> (GeV) and the effective leptonic weak mixing angle
 * sin²θ<sub>eff</sub> (dimensionless), in the LEP convention of an s-dependent Breit–Wigner
 * width (Phys. Rept. 427 (2006) 257, sect. 1.4).
 *
 * <p>Why these three: the leptonic partial width Γ<sub>ℓℓ</sub> follows from (M<sub>Z</sub>,
 * sin²θ<sub>eff</sub>) through the couplings ({@link ImprovedBornCrossSection#leptonicWidthGeV()}),
 * while Γ<sub>Z</sub> = 3Γ<sub>ℓℓ</sub> + Γ<sub>had</sub> + Γ<sub>inv</sub> also carries the hadronic and
 * invisible widths, which this channel cannot separate; they are absorbed into Γ<sub>Z</sub>. So
 * the peak height 12π Γ<sub>ℓℓ</sub>²/(M<sub>Z</sub>²Γ<sub>Z</sub>²), the width and the
 * asymmetry move together and coherently when any parameter changes. The only constraint beyond the
 * box domain is Γ<sub>Z</sub> &gt; 3Γ<sub>ℓℓ</sub> (a non-negative remainder), checked by
 * {@link ImprovedBornCrossSection}.
 *
 * @param massGeV          M<sub>Z</sub> in GeV, finite and positive
 * @param widthGeV         Γ<sub>Z</sub> in GeV, finite and positive
 * @param sin2ThetaEff     sin²θ<sub>eff</sub>, in (0, 1)
 */
public record LineshapeParameters(double massGeV, double widthGeV, double sin2ThetaEff) {

    /** The LEP/SLD combination: M<sub>Z</sub> = 91.1875 GeV, Γ<sub>Z</sub> = 2.4952 GeV, sin²θ<sub>eff</sub> = 0.23153 (Phys. Rept. 427). */
    public static final LineshapeParameters LEP_COMBINATION = new LineshapeParameters(91.1875, 2.4952, 0.23153);

    public LineshapeParameters {
        Require.positive("M_Z (GeV)", massGeV);
        Require.positive("Gamma_Z (GeV)", widthGeV);
        Require.finite("sin^2(theta_eff)", sin2ThetaEff);
        if (!(sin2ThetaEff > 0 && sin2ThetaEff < 1)) {
            throw new org.robotphysicist.data.InvalidInputException("sin^2(theta_eff): expected a value in (0, 1)"
                    + " but found " + sin2ThetaEff);
        }
    }

    /** θ as the simulator orders it: (M<sub>Z</sub>, Γ<sub>Z</sub>, sin²θ<sub>eff</sub>). */
    public static LineshapeParameters fromTheta(double[] theta) {
        Require.finiteVector("theta", theta, 3);
        return new LineshapeParameters(theta[0], theta[1], theta[2]);
    }

    /** (M<sub>Z</sub>, Γ<sub>Z</sub>, sin²θ<sub>eff</sub>) as a new array. */
    public double[] toTheta() {
        return new double[] {massGeV, widthGeV, sin2ThetaEff};
    }
}

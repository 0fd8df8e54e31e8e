package org.robotphysicist.data.simulator.lineshape;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * The observables x of one e⁺e⁻ → μ⁺μ⁻ event, computed from the two measured muon momenta and the
 * nominal √s (the z axis along the e⁻ beam). This one function serves the simulator and event
 * files alike.
 * <pre>
 *   cos θ*  = sin((θ⁺ − θ⁻)/2) / sin((θ⁺ + θ⁻)/2)      ∈ [−1, 1]
 *   ξ       = |π − θ⁻ − θ⁺|                            ∈ [0, π]   (rad)
 *   m/√s    = √(2 |p⁻| |p⁺| (1 − cos ψ)) / √s           ψ the opening angle of the two muons
 * </pre>
 * cos θ* is the μ⁻ angle in the μ⁺μ⁻ rest frame when that frame moves along the beam (a single
 * collinear initial-state photon); it is exact then for massless muons, and is the estimator the
 * LEP experiments used for A<sub>FB</sub>. ξ is the acollinearity in the polar angles: 0 for
 * back-to-back muons, growing with the energy radiated. m uses massless muons (m<sub>μ</sub>²/s ≈ 10⁻⁶).
 */
public final class DimuonObservables {
    /** Names of the three observables, in order. */
    public static final List<String> NAMES = List.of("cos_theta_star", "acollinearity", "m_mumu_over_sqrt_s");

    private DimuonObservables() {
    }

    /**
     * x = (cos θ*, ξ, m/√s) from the μ⁻ and μ⁺ three-momenta (GeV) and the nominal √s (GeV),
     * written to {@code out[offset .. offset + 3)}.
     */
    public static void compute(double[] muMinus, double[] muPlus, double sqrtS, double[] out, int offset) {
        Require.finiteVector("mu- momentum", muMinus, 3);
        Require.finiteVector("mu+ momentum", muPlus, 3);
        Require.positive("sqrt(s) (GeV)", sqrtS);
        double pm = norm(muMinus);
        double pp = norm(muPlus);
        if (!(pm > 0 && pp > 0)) {
            throw new InvalidInputException("muon momenta: expected two non-zero momenta but found |p-| = " + pm
                    + " and |p+| = " + pp + " GeV");
        }
        double thetaMinus = Math.atan2(Math.hypot(muMinus[0], muMinus[1]), muMinus[2]);
        double thetaPlus = Math.atan2(Math.hypot(muPlus[0], muPlus[1]), muPlus[2]);
        double cosOpening = (muMinus[0] * muPlus[0] + muMinus[1] * muPlus[1] + muMinus[2] * muPlus[2]) / (pm * pp);
        double denominator = Math.sin((thetaPlus + thetaMinus) / 2);
        double cosThetaStar = Math.max(-1, Math.min(1, Math.sin((thetaPlus - thetaMinus) / 2) / denominator));
        out[offset] = cosThetaStar;
        out[offset + 1] = Math.abs(Math.PI - thetaMinus - thetaPlus);
        out[offset + 2] = Math.sqrt(Math.max(0, 2 * pm * pp * (1 - cosOpening))) / sqrtS;
    }

    private static double norm(double[] p) {
        return Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    }
}

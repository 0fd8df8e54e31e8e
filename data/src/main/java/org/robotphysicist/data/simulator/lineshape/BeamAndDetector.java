package org.robotphysicist.data.simulator.lineshape;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * The collider and detector around the hard process: a Gaussian spread of the true √s about the
 * nominal φ, and a muon detector with Gaussian resolutions, a polar acceptance and an efficiency.
 * <ul>
 *   <li>Beam: √s<sub>true</sub> ~ N(φ, σ<sub>√s</sub>(φ)²) with σ<sub>√s</sub>(φ) =
 *       {@code beamSpreadAtPoleGeV}·(φ/91.1875 GeV)², the E² scaling of a synchrotron-radiation-
 *       dominated energy spread; the default 0.055 GeV is of the size of the LEP 1 centre-of-mass
 *       spread at the Z pole.</li>
 *   <li>Momentum: ln p<sub>meas</sub> = ln p + σ<sub>κ</sub>·p·z, z ~ N(0, 1), i.e. a constant
 *       curvature resolution σ(1/p) ≈ σ<sub>κ</sub> to first order; the default 6·10⁻⁴ GeV⁻¹ is the
 *       ALEPH tracking figure (Nucl. Instrum. Meth. A360 (1995) 481), applied to |p| rather than
 *       p<sub>T</sub>. Log-normal smearing keeps p positive and makes the reference likelihood exact in
 *       this variable.</li>
 *   <li>Angles: each muon's polar angle θ<sub>meas</sub> = θ + σ<sub>θ</sub>·z (default 1 mrad);
 *       azimuths are not measured, since no observable uses them.</li>
 *   <li>Acceptance: both measured muons with |cos θ| &lt; {@code maxAbsCosTheta} (default 0.95).</li>
 *   <li>Efficiency: each accepted event is recorded with probability {@code efficiency} (default
 *       0.98), independent of its kinematics, so it scales the visible cross-section and leaves the
 *       event density unchanged.</li>
 * </ul>
 */
public record BeamAndDetector(double beamSpreadAtPoleGeV, double curvatureResolutionPerGeV,
        double polarAngleResolutionRad, double maxAbsCosTheta, double efficiency) {

    /** The reference √s of the beam-spread scaling, GeV. */
    public static final double SPREAD_REFERENCE_GEV = 91.1875;

    public BeamAndDetector {
        Require.nonNegative("beam energy spread at the pole (GeV)", beamSpreadAtPoleGeV);
        Require.positive("curvature resolution (1/GeV)", curvatureResolutionPerGeV);
        Require.positive("polar-angle resolution (rad)", polarAngleResolutionRad);
        if (beamSpreadAtPoleGeV > 1) {
            throw new InvalidInputException("beam energy spread at the pole: expected at most 1 GeV but found "
                    + beamSpreadAtPoleGeV);
        }
        if (curvatureResolutionPerGeV > 0.01) {
            throw new InvalidInputException("curvature resolution: expected at most 0.01 /GeV but found "
                    + curvatureResolutionPerGeV);
        }
        if (!(polarAngleResolutionRad > 0 && polarAngleResolutionRad <= 0.01)) {
            throw new InvalidInputException("polar-angle resolution: expected a value in (0, 0.01] rad but found "
                    + polarAngleResolutionRad);
        }
        Require.finite("acceptance |cos theta| limit", maxAbsCosTheta);
        if (!(maxAbsCosTheta > 0 && maxAbsCosTheta < 0.999)) {
            throw new InvalidInputException("acceptance |cos theta| limit: expected a value in (0, 0.999) but found "
                    + maxAbsCosTheta);
        }
        Require.finite("efficiency", efficiency);
        if (!(efficiency > 0 && efficiency <= 1)) {
            throw new InvalidInputException("efficiency: expected a value in (0, 1] but found " + efficiency);
        }
    }

    /** The defaults described above. */
    public static BeamAndDetector lepOneLike() {
        return new BeamAndDetector(0.055, 6e-4, 1e-3, 0.95, 0.98);
    }

    /** σ<sub>√s</sub>(φ) in GeV. */
    public double beamSpreadGeV(double nominalSqrtS) {
        double r = nominalSqrtS / SPREAD_REFERENCE_GEV;
        return beamSpreadAtPoleGeV * r * r;
    }

    /** The pseudorapidity limit atanh(maxAbsCosTheta) of the acceptance. */
    public double maxAbsPseudorapidity() {
        return 0.5 * Math.log((1 + maxAbsCosTheta) / (1 - maxAbsCosTheta));
    }
}

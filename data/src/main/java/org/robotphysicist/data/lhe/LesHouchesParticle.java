package org.robotphysicist.data.lhe;

import org.robotphysicist.data.Require;

/**
 * One particle line of a Les Houches event: IDUP ISTUP MOTHUP1 MOTHUP2 ICOLUP1 ICOLUP2 PUP1..PUP5
 * VTIMUP SPINUP (Boos et al., "Generic user process interface for event generators",
 * hep-ph/0109068; Alwall et al., Comput. Phys. Commun. 176 (2007) 300).
 *
 * @param pdgId    IDUP, the PDG code (11 e⁻, −11 e⁺, 13 μ⁻, −13 μ⁺, 22 γ)
 * @param status   ISTUP: −1 incoming, 1 outgoing final state, 2 intermediate resonance, …
 * @param mother1  MOTHUP1, 1-based index of the first mother (0 for none)
 * @param mother2  MOTHUP2
 * @param colour1  ICOLUP1
 * @param colour2  ICOLUP2
 * @param px       PUP1, GeV
 * @param py       PUP2, GeV
 * @param pz       PUP3, GeV (beam 1 moves along +z)
 * @param energy   PUP4, GeV
 * @param mass     PUP5, GeV
 * @param lifetime VTIMUP, mm
 * @param spin     SPINUP, cosine of the spin–momentum angle (9 for unknown)
 */
public record LesHouchesParticle(int pdgId, int status, int mother1, int mother2, int colour1, int colour2,
        double px, double py, double pz, double energy, double mass, double lifetime, double spin) {

    public LesHouchesParticle {
        Require.finite("particle momentum and mass", new double[] {px, py, pz, energy, mass, lifetime, spin});
        if (mother1 < 0 || mother2 < 0) {
            throw new org.robotphysicist.data.InvalidInputException("particle mothers: expected indices >= 0 but found "
                    + mother1 + " and " + mother2);
        }
    }

    /** The three-momentum (px, py, pz) as a new array. */
    public double[] momentum() {
        return new double[] {px, py, pz};
    }
}

package org.robotphysicist.data.lhe;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.lineshape.DimuonObservables;

/**
 * Turns e⁺e⁻ → μ⁺μ⁻(+γ) event records into the {@code z-lineshape} observables x =
 * (cos θ*, acollinearity, m/√s) with {@link DimuonObservables}, the function the simulator uses.
 * The z axis is turned to point along the e⁻ beam (a rotation by π about x when beam 1 is the
 * e⁺), and √s is the nominal 2√(E₁E₂) of the {@code <init>} block. The records are taken as they
 * are: generator-level muons give generator-level x (no detector is applied here).
 */
public final class DimuonEventRecords {
    private DimuonEventRecords() {
    }

    /** x for every event of {@code file}, shape (events, 3). */
    public static Matrix observables(LesHouchesFile file) {
        LesHouchesInit init = file.init();
        boolean flip;
        if (init.beam1Id() == 11 && init.beam2Id() == -11) {
            flip = false;
        } else if (init.beam1Id() == -11 && init.beam2Id() == 11) {
            flip = true;
        } else {
            throw new InvalidInputException("LHE beams: expected e- and e+ (IDBMUP 11 and -11) but found "
                    + init.beam1Id() + " and " + init.beam2Id());
        }
        int n = file.events().size();
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            LesHouchesParticle minus = null;
            LesHouchesParticle plus = null;
            int minusCount = 0;
            int plusCount = 0;
            for (LesHouchesParticle p : file.events().get(i).particles()) {
                if (p.status() == 1 && p.pdgId() == 13) {
                    minus = p;
                    minusCount++;
                } else if (p.status() == 1 && p.pdgId() == -13) {
                    plus = p;
                    plusCount++;
                }
            }
            if (minusCount != 1 || plusCount != 1) {
                throw new InvalidInputException("LHE event " + (i + 1) + ": expected one final-state mu- (13) and one"
                        + " mu+ (-13) but found " + minusCount + " and " + plusCount);
            }
            DimuonObservables.compute(oriented(minus, flip), oriented(plus, flip), init.sqrtS(), out, 3 * i);
        }
        return Matrix.of(n, 3, out);
    }

    private static double[] oriented(LesHouchesParticle p, boolean flip) {
        return flip ? new double[] {p.px(), -p.py(), -p.pz()} : p.momentum();
    }
}

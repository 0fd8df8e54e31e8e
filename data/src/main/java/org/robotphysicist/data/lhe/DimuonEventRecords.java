package org.robotphysicist.data.lhe;

import java.util.Optional;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.lineshape.DimuonObservables;

/**
 * Turns e⁺e⁻ → μ⁺μ⁻(+γ) event records into the {@code z-lineshape} observables x =
 * (cos θ*, acollinearity, m/√s) with {@link DimuonObservables}, the function the simulator uses.
 * The z axis is turned to point along the e⁻ beam (a rotation by π about x when beam 1 is the
 * e⁺), and √s is the nominal 2√(E₁E₂) of the {@code <init>} block, which is also the φ the file
 * speaks about. The records are taken as they are: generator-level muons give generator-level x
 * (no detector is applied here).
 */
public final class DimuonEventRecords implements EventRecordObservables {
    /** The one instance (the function has no state). */
    public static final DimuonEventRecords INSTANCE = new DimuonEventRecords();

    private DimuonEventRecords() {
    }

    /** x for every event of {@code file}, shape (events, 3); errors name the event's line where known. */
    public static Matrix observables(LesHouchesFile file) {
        int n = file.events().size();
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            try {
                System.arraycopy(INSTANCE.observables(file.init(), file.events().get(i)), 0, out, 3 * i, 3);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("LHE " + file.eventLocation(i) + ": " + e.getMessage(), e);
            }
        }
        return Matrix.of(n, 3, out);
    }

    @Override
    public double[] observables(LesHouchesInit init, LesHouchesEvent event) {
        boolean flip = electronIsBeam2(init);
        LesHouchesParticle minus = null;
        LesHouchesParticle plus = null;
        int minusCount = 0;
        int plusCount = 0;
        for (LesHouchesParticle p : event.particles()) {
            if (p.status() == 1 && p.pdgId() == 13) {
                minus = p;
                minusCount++;
            } else if (p.status() == 1 && p.pdgId() == -13) {
                plus = p;
                plusCount++;
            }
        }
        if (minusCount != 1 || plusCount != 1) {
            throw new InvalidInputException("expected one final-state mu- (13) and one mu+ (-13) but found "
                    + minusCount + " and " + plusCount);
        }
        double[] x = new double[3];
        DimuonObservables.compute(oriented(minus, flip), oriented(plus, flip), init.sqrtS(), x, 0);
        return x;
    }

    /** √s = 2√(E₁E₂) of the beams, GeV. */
    @Override
    public Optional<double[]> phiFromInit(LesHouchesInit init) {
        electronIsBeam2(init);
        return Optional.of(new double[] {init.sqrtS()});
    }

    private static boolean electronIsBeam2(LesHouchesInit init) {
        if (init.beam1Id() == 11 && init.beam2Id() == -11) {
            return false;
        } else if (init.beam1Id() == -11 && init.beam2Id() == 11) {
            return true;
        }
        throw new InvalidInputException("LHE beams: expected e- and e+ (IDBMUP 11 and -11) but found "
                + init.beam1Id() + " and " + init.beam2Id());
    }

    private static double[] oriented(LesHouchesParticle p, boolean flip) {
        return flip ? new double[] {p.px(), -p.py(), -p.pz()} : p.momentum();
    }
}

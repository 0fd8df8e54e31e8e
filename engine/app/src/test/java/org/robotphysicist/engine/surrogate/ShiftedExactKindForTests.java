package org.robotphysicist.engine.surrogate;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.ForwardingSurrogate;

/**
 * A user kind registered only through the test class path's
 * {@code META-INF/services/org.robotphysicist.engine.surrogate.SurrogateKindProvider}: the exact
 * likelihood plus a constant {@value #SHIFT} (θ-independent, so posteriors are the exact ones). It
 * proves a kind outside the engine is discovered and used end to end without touching engine code.
 */
public final class ShiftedExactKindForTests implements SurrogateKindProvider {
    public static final String NAME = "test-shifted-exact";
    static final double SHIFT = 0.75;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-only: the exact likelihood shifted by a constant";
    }

    @Override
    public boolean writesModelFile() {
        return false;
    }

    @Override
    public BuiltSurrogate build(SurrogateBuildRequest r) {
        if (!(r.simulator() instanceof TractableSimulator t)) {
            throw new InvalidInputException("test kind: expected a tractable simulator but found "
                    + r.simulator().name());
        }
        ExactLikelihood exact = new ExactLikelihood(t, r.thetaRange(), r.phiBox());
        return new BuiltSurrogate(new Shifted(exact), NAME, "exact + " + SHIFT + " (test kind)", false);
    }

    /** log p(x | θ, φ) + {@value #SHIFT}. */
    private record Shifted(ExactLikelihood delegate) implements ForwardingSurrogate {
        @Override
        public boolean isNormalized() {
            return false;
        }

        @Override
        public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
            double[] out = delegate.logLikelihood(x, theta, phi);
            for (int i = 0; i < out.length; i++) {
                out[i] += SHIFT;
            }
            return out;
        }
    }
}

package org.robotphysicist.engine.surrogate;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.models.ExactLikelihood;

/**
 * {@code exact}: the simulator's own likelihood ({@link ExactLikelihood}), for simulators that
 * have one ({@link TractableSimulator}) — the reference every other kind is measured against.
 * Nothing is simulated or trained; the request's training controls are ignored.
 */
public final class ExactSurrogateKind implements SurrogateKindProvider {
    public static final String NAME = "exact";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the simulator's exact likelihood (tractable simulators only; the reference)";
    }

    @Override
    public boolean writesModelFile() {
        return false;
    }

    @Override
    public BuiltSurrogate build(SurrogateBuildRequest r) {
        if (!(r.simulator() instanceof TractableSimulator tractable)) {
            throw new InvalidInputException("surrogate 'exact': expected a simulator with a tractable likelihood but"
                    + " '" + r.simulator().name() + "' has none; choose another surrogate");
        }
        return new BuiltSurrogate(new ExactLikelihood(tractable, r.thetaRange(), r.phiBox()), NAME, description(),
                false);
    }
}

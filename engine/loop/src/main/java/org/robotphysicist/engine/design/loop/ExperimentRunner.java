package org.robotphysicist.engine.design.loop;

import java.util.Optional;
import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;

/**
 * Runs the experiment an {@link ExperimentDesigner} has chosen and returns what it recorded:
 * a simulation at a hidden true θ ({@link SimulatedExperimentRunner}), or a bridge to a real
 * apparatus that returns the events observed at the requested setting.
 *
 * <p>For work that cannot be done in one call (an experiment that takes weeks) use
 * {@link ExperimentDesigner#propose()} and {@link ExperimentDesigner#record} directly instead.
 */
public interface ExperimentRunner {

    /**
     * Runs round {@code round}'s experiment at {@code phi}.
     *
     * @param round the round number, from 1
     * @param phi   the chosen setting, length D<sub>φ</sub>
     * @param rng   a stream reserved for this round (a simulation's randomness; a real runner ignores it)
     * @return the recorded events, (N, D<sub>x</sub>); N may be 0 under a fixed luminosity
     */
    Matrix run(int round, double[] phi, SplittableRandom rng);

    /** The true θ when it is known (a simulated experiment), for reports and plots. */
    default Optional<double[]> truth() {
        return Optional.empty();
    }

    /** A short description for logs and provenance. */
    String describe();
}

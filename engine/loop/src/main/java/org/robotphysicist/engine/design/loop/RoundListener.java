package org.robotphysicist.engine.design.loop;

import java.util.Map;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * Hears what an {@link ExperimentDesigner} does, round by round: the setting it chose, the round it
 * recorded with its posterior, the end of a run. The designer itself writes no file and draws no
 * plot; what a run leaves behind comes from its listeners ({@link DesignOptions#listeners()}), e.g.
 * the history, events and plots of an output directory ({@link DesignOptions#withOutput}).
 *
 * <p>Listeners are told on the designer's thread, in the order installed, once the designer's state
 * includes what they are told of ({@link ExperimentDesigner#rounds()}, {@link
 * ExperimentDesigner#posteriors()} and {@link ExperimentDesigner#history()} include a recorded round).
 * An exception a listener throws propagates unchanged out of {@link ExperimentDesigner#propose()},
 * {@link ExperimentDesigner#record} or {@link ExperimentDesigner#run()}, which stops the run: a recorded
 * round stays recorded in the designer, and the listeners after the failing one are not told of it.
 * Every method does nothing by default.
 */
public interface RoundListener {

    /** The designer chose {@code proposal}'s setting for the next round (again, when proposing again without recording). */
    default void proposed(ExperimentDesigner designer, RoundProposal proposal) {
    }

    /**
     * The designer recorded {@code round}: the experiment observed {@code events} at its setting and
     * {@code posterior} is the posterior after it (the next round's prior).
     *
     * @param events (N, D<sub>x</sub>) as recorded; N may be 0 under a fixed luminosity
     */
    default void recorded(ExperimentDesigner designer, DesignRound round, Matrix events, GridPosterior posterior) {
    }

    /** {@link ExperimentDesigner#run()} completed every configured round; {@code history} is what it returns. */
    default void finished(ExperimentDesigner designer, DesignHistory history) {
    }

    /**
     * Entries this listener adds to the configuration recorded in the run's provenance
     * ({@link ExperimentDesigner#history()}), e.g. whether the run draws plots, so that a resumed run
     * can do as this one did; none by default.
     */
    default Map<String, Object> provenance() {
        return Map.of();
    }
}

package org.robotphysicist.engine.surrogate;

import java.util.Objects;
import org.robotphysicist.data.simulator.Simulator;

/**
 * Where a surrogate learns from. Today one source exists, {@link Simulated}: a simulator (built-in,
 * discovered or external) run on demand. Sealed so that each kind handles every source it is given;
 * a source of events already on disk is one more permitted record here.
 */
public sealed interface TrainingSource permits TrainingSource.Simulated {

    /** The simulator whose likelihood is learned: its names, domains and dimensions. */
    Simulator simulator();

    /** Training data simulated on demand from {@code simulator}. */
    static TrainingSource of(Simulator simulator) {
        return new Simulated(simulator);
    }

    /** Rows (x, θ, φ) simulated when the kind asks for them. */
    record Simulated(Simulator simulator) implements TrainingSource {
        public Simulated {
            Objects.requireNonNull(simulator, "simulator");
        }
    }
}

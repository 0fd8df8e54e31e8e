package org.robotphysicist.data.lhe;

import java.util.Optional;

/**
 * A simulator's observables function on particle records: it turns one Les Houches event into the
 * x the simulator itself would record (the same function, so that surrogates trained on event
 * files and on the simulator speak about the same x). Declared by
 * {@link org.robotphysicist.data.simulator.Simulator#eventRecordObservables()}.
 */
public interface EventRecordObservables {

    /**
     * x of one event, length D<sub>x</sub>.
     *
     * @throws org.robotphysicist.data.InvalidInputException saying what the record lacks (the caller adds
     *         the file and line)
     */
    double[] observables(LesHouchesInit init, LesHouchesEvent event);

    /**
     * The nominal φ that the {@code <init>} block implies (e.g. √s from the beam energies), where the
     * simulator's φ can be read from it; empty otherwise. Default: empty.
     */
    default Optional<double[]> phiFromInit(LesHouchesInit init) {
        return Optional.empty();
    }
}

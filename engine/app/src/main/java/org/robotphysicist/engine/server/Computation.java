package org.robotphysicist.engine.server;

import org.robotphysicist.data.compute.Cancellation;

/**
 * The work of one validated request, run on a worker thread: it must check {@code cancellation}
 * between units of work (the engine's loops do) so that a request past its deadline, or a server
 * shutting down, frees its worker promptly.
 */
@FunctionalInterface
interface Computation {
    /** The answer, serialized as JSON. */
    Object run(Cancellation cancellation);
}

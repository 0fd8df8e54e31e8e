/**
 * Stopping long computations from outside: a {@link Cancellation} carries a deadline and can be
 * cancelled; the engine's inner loops (posterior tiles, simulated EIG datasets) check it between
 * units of work and stop with a {@link ComputationCancelledException}.
 *
 * <p>Layering: part of the engine's inference module; depends on nothing else of the project, so
 * every engine module (and the server, which cancels requests past their deadline) may use it.
 */
package org.robotphysicist.engine.compute;

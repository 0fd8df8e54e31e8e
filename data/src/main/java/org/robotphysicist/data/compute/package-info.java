/**
 * Stopping long computations from outside: a {@link org.robotphysicist.data.compute.Cancellation}
 * carries a deadline and can be cancelled; the engine's inner loops (posterior tiles, simulated
 * EIG datasets) check it between units of work and stop with a
 * {@link org.robotphysicist.data.compute.ComputationCancelledException}.
 */
package org.robotphysicist.data.compute;

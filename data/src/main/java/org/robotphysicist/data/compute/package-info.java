/**
 * Stopping long computations from outside: a {@link Cancellation} carries a deadline and can be
 * cancelled; the inner loops (grid-evaluator tiles, simulated EIG datasets) check it between units
 * of work and stop with a {@link ComputationCancelledException}.
 *
 * <p>Layering: part of the data module and depends on nothing else of the project, so the
 * surrogates' grid evaluators ({@code models.GridEvaluator}), every engine module and the server (which
 * cancels requests past their deadline) may use it.
 */
package org.robotphysicist.data.compute;

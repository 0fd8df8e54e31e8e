/**
 * Priors p(θ) over a box support: the {@link Prior} interface with {@link UniformBoxPrior} and the
 * optionally truncated {@link NormalPrior}. Posteriors used as the next round's prior implement the
 * same interface in the engine.
 *
 * <p>Layering: depends on the data root only.
 */
package org.robotphysicist.data.prior;

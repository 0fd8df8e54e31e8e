/**
 * Bayesian optimization of an expensive, noisy objective over a box of settings φ:
 * {@link BayesianOptimizer} proposes the next point (or a q-batch, {@link BatchStrategy}) from the
 * {@link Evaluation}s so far, with the acquisition {@link AcquisitionKind} of its {@link BoConfig};
 * its complete state round-trips through JSON as {@link BoHistory}, so a run resumes exactly, and
 * each suggestion is described by a {@link SuggestionReport}.
 *
 * <p>Layering: the engine's design module; depends on the data module, {@code engine.design.gp} and
 * {@code engine.design.acquisition}; never on training, the plots or the application module.
 */
package org.robotphysicist.engine.design.bo;

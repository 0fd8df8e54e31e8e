/**
 * The robot physicist's loop: {@link ExperimentDesigner} chooses φ by Bayesian optimization of the
 * expected information gain, runs the experiment ({@link ExperimentRunner};
 * {@link SimulatedExperimentRunner} simulates it at a hidden θ, with an {@link ExperimentSpec}
 * event count or luminosity), updates the posterior and repeats, as {@link DesignConfig} and
 * {@link DesignOptions} say. Each round's {@link RoundProposal} becomes a {@link DesignRound} (with
 * its {@link GpCurve}, {@link EnsembleRound} and {@link RoundSurrogate} where they apply) of the
 * resumable {@link DesignHistory}, written with the events and plots after every round; a trained
 * surrogate may be refined on each round's posterior.
 *
 * <p>Layering: the engine's application module, as the loop needs the design, inference, plots and
 * surrogates modules (and through them training) together; depends on data and models as well.
 */
package org.robotphysicist.engine.design.loop;

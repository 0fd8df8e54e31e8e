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
 * <p>Layering: the engine's loop module, on top of the design, plots and surrogates modules (and
 * through the surrogates, training), which it needs together; depends on data, models and the
 * inference module as well, never on the application module (facade, CLI, server, demo).
 */
package org.robotphysicist.engine.design.loop;

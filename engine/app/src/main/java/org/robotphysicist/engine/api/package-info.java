/**
 * The engine's Java API for other code: {@link org.robotphysicist.engine.api.RobotPhysicist}, an
 * immutable, validated entry point that takes a simulator, a prior and a range of experiment
 * settings φ and returns trained (or loaded) surrogates, posteriors of observed events (one or several
 * experiments; on a grid up to 3-D θ, by many-chain MCMC beyond, with posterior samples on request
 * through {@link org.robotphysicist.engine.api.PosteriorOptions#withSamples}), expected information
 * gains and the next φ to run. The {@code rp} command line and the HTTP server are thin
 * layers over it.
 *
 * <p>Surrogates are built by kind name through
 * {@link org.robotphysicist.engine.surrogate.SurrogateRegistry} ({@code exact}, {@code histogram},
 * {@code classifier}, {@code maf}, {@code nsf} and any registered kind); neural kinds train across
 * the φ range, with the training controls of {@link org.robotphysicist.engine.api.TrainOptions#training()}.
 *
 * <pre>{@code
 * RobotPhysicist rp = RobotPhysicist.forSimulator(new WeinbergLoSimulator())
 *         .prior(Box.interval(0.15, 0.35)).settings(Box.interval(40, 100));
 * try (TrainedModel model = rp.train(TrainOptions.defaults("histogram"))) {
 *     PosteriorResult p = rp.posterior(model.surrogate(), Observation.of(events, 58.0), PosteriorOptions.defaults());
 *     Suggestion next = rp.withPrior(p.posterior().asPrior()).suggestNext(model.surrogate(), EigOptions.defaults());
 * }
 * }</pre>
 *
 * <p>Layering: the engine's application module; depends on data, models and the inference, design
 * and surrogates modules (and through the last on training). The command line, the server, the
 * Spark module and the benchmarks build on it.
 */
package org.robotphysicist.engine.api;

/**
 * The end-to-end demos behind {@code rp demo}, on the Weinberg LO simulator: {@link WeinbergDemo}
 * (one experiment at a hidden sin²θ<sub>W</sub>, the posterior of a surrogate beside the exact one;
 * {@link DemoConfig}, {@link DemoResult}, {@link DemoPlot}) and {@link LoopDemo} (a neural
 * surrogate trained once across the √s range, then a short design loop; {@link LoopDemoConfig},
 * {@link LoopDemoResult}), with the trained surrogate cached by its settings
 * ({@link DemoModelCache}).
 *
 * <p>Layering: the engine's application module; depends on data, models, the surrogates, inference
 * and plots modules and {@code engine.design.loop}.
 */
package org.robotphysicist.engine.demo;

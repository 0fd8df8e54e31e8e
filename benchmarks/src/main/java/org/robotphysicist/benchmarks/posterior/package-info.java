/**
 * Throughput of the posterior evaluator, the engine's inner loop:
 * {@link PosteriorEvaluatorBenchmark} (JMH) times one grid evaluation of N events × M grid points
 * with a ratio classifier, and {@link PosteriorEvaluatorComparison} compares it with a
 * straightforward Python-PyTorch implementation of the same work
 * ({@code benchmarks/posterior-evaluator.sh}).
 *
 * <p>Layering: the benchmarks module sits on top of the engine's application module and may use
 * every module below it (data, models and {@code engine.posterior} here); nothing depends on it.
 */
package org.robotphysicist.benchmarks.posterior;

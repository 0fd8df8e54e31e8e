/**
 * Calibration of surrogate posteriors: {@link SurrogateCoverageBenchmark} measures the expected
 * coverage of every surrogate kind at its default training sizes on Weinberg LO
 * ({@code benchmarks/surrogate-coverage.sh}), and {@link TemperingTransferBenchmark} whether a
 * fitted likelihood tempering transfers across event counts
 * ({@code benchmarks/tempering-transfer.sh}).
 *
 * <p>Layering: the benchmarks module sits on top of the engine's application module and may use
 * every module below it (data, models, {@code engine.api}, {@code engine.surrogate} and the
 * posterior diagnostics here); nothing depends on it.
 */
package org.robotphysicist.benchmarks.coverage;

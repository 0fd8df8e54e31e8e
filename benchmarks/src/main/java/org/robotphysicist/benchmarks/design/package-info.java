/**
 * The design loop and its parts: {@link AcquisitionQualityBenchmark} (how good the chosen settings
 * are over many seeds), {@link SurrogateDesignBenchmark} (whether a surrogate-driven loop chooses
 * as a physicist would), {@link EigSearchBenchmark} (the EIG grid scan against Bayesian
 * optimization) and {@link BoSuggestBenchmark} (latency of one Bayesian-optimization suggestion);
 * each run by the script of the same name under {@code benchmarks/}.
 *
 * <p>Layering: the benchmarks module sits on top of the engine's application module and may use
 * every module below it (data, {@code engine.api}, the design module and {@code engine.design.loop}
 * here); nothing depends on it.
 */
package org.robotphysicist.benchmarks.design;

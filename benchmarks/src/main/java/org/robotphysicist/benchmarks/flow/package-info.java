/**
 * Throughput of the conditional flows ({@code benchmarks/flow-throughput.sh}):
 * {@link FlowThroughputBenchmark} times log-prob and training in rows per second of the conditional
 * MAF on the Java side beside a PyTorch peer script.
 *
 * <p>Layering: the benchmarks module sits on top of the engine's application module and may use
 * every module below it (data, {@code models.flow}, {@code models.neural} and training here);
 * nothing depends on it.
 */
package org.robotphysicist.benchmarks.flow;

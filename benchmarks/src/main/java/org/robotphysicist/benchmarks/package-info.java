/**
 * What the benchmark programs share: their {@code --name value} arguments with defaults
 * ({@link BenchmarkArguments}), the Python peer scripts that run the same work beside the Java side
 * ({@link PythonPeer}), and the intra-op thread count pinned on both sides of a libtorch comparison
 * ({@link ThreadPinning}). Each benchmark is a {@code main} in a subpackage, run by a script under
 * {@code benchmarks/} and described in {@code benchmarks/README.md}.
 *
 * <p>Layering: the benchmarks module sits on top of the engine's application module and may use
 * every module below it ({@code data.io} here); nothing depends on it.
 */
package org.robotphysicist.benchmarks;

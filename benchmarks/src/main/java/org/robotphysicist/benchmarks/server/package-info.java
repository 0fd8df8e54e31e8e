/**
 * Load on the HTTP server ({@code benchmarks/server-load.sh}): {@link ServerLoadBenchmark} starts
 * {@code rp serve} as its own process and measures throughput and latency under concurrent
 * posterior requests and the server's resident memory.
 *
 * <p>Layering: the benchmarks module sits on top of the engine's application module and may use
 * every module below it (data, {@code engine.api} and {@code training.device} here); nothing
 * depends on it.
 */
package org.robotphysicist.benchmarks.server;

package org.robotphysicist.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * The intra-op thread count of both sides of a libtorch benchmark. Pinned to T: DJL's libtorch
 * gets {@code ai.djl.pytorch.num_threads = T} (it must be set before the engine loads), the
 * Python peer {@code torch.set_num_threads(T)} and {@code OPENBLAS_NUM_THREADS = T}, since
 * Debian's torch runs its matrix products in OpenBLAS, whose own thread pool torch leaves alone.
 * Unpinned, each side keeps its default (libtorch: one thread per core; Debian's torch: one
 * intra-op thread, OpenBLAS one thread per core).
 *
 * @param threads T ≥ 1, or null for each side's default
 */
public record ThreadPinning(Integer threads) {

    public ThreadPinning {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads: expected a count >= 1 but found " + threads);
        }
    }

    /**
     * From {@code --threads}: a count, {@code cores} (the JVM's available processors) or
     * {@code default} (each side's own); {@code fallback} when the option is absent.
     */
    public static ThreadPinning of(BenchmarkArguments args, String fallback) {
        String v = args.string("threads", fallback);
        return switch (v) {
            case "default" -> new ThreadPinning(null);
            case "cores" -> new ThreadPinning(Runtime.getRuntime().availableProcessors());
            default -> new ThreadPinning(Integer.parseInt(v));
        };
    }

    /** Sets DJL's libtorch thread count; call before the engine is first used. */
    public ThreadPinning applyToDjl() {
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        }
        return this;
    }

    /** The peer's {@code --threads} argument (0: its default). */
    public List<String> peerArguments() {
        return List.of("--threads", threads == null ? "0" : threads.toString());
    }

    /** The peer's extra environment. */
    public Map<String, String> peerEnvironment() {
        return threads == null ? Map.of() : Map.of("OPENBLAS_NUM_THREADS", threads.toString());
    }

    /** How the peer's OpenBLAS threads are set, for the report. */
    public String peerBlasThreads() {
        return threads != null ? threads.toString() : System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "unset");
    }
}

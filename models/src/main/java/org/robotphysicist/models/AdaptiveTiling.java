package org.robotphysicist.models;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The current tile size of an evaluator, and the rule that an out-of-memory tile is retried at
 * half the size instead of failing the evaluation. The size stays shrunk afterwards (memory
 * pressure tends to persist); it never goes below the configured minimum, where the error is
 * rethrown. Thread-safe.
 */
public final class AdaptiveTiling {
    private final AtomicInteger tileRows;
    private final int minTileRows;
    private final Predicate<Throwable> isOutOfMemory;
    private final AtomicInteger retries = new AtomicInteger();

    /**
     * @param initialTileRows the first tile size (≥ minTileRows)
     * @param minTileRows     the smallest tile to retry with
     * @param isOutOfMemory   recognizes an allocation failure; {@link #looksLikeOutOfMemory} by default
     */
    public AdaptiveTiling(int initialTileRows, int minTileRows, Predicate<Throwable> isOutOfMemory) {
        this.tileRows = new AtomicInteger(Math.max(initialTileRows, minTileRows));
        this.minTileRows = minTileRows;
        this.isOutOfMemory = isOutOfMemory;
    }

    /** Starts at {@code config}'s tile for the given memory and per-row cost. */
    public static AdaptiveTiling of(TilingConfig config, long availableBytes, long bytesPerRow) {
        return new AdaptiveTiling(config.initialTileRows(availableBytes, bytesPerRow), config.minTileRows(),
                AdaptiveTiling::looksLikeOutOfMemory);
    }

    /** The tile size the next tile will use. */
    public int tileRows() {
        return tileRows.get();
    }

    /** How many tiles have been retried smaller so far. */
    public int retries() {
        return retries.get();
    }

    /**
     * Runs {@code tile} with the current tile size; when it fails with an out-of-memory error,
     * halves the size and runs it again. {@code tile} must have no effect that a retry would
     * repeat (compute, then let the caller commit the result).
     */
    public <T> T run(IntFunction<T> tile) {
        while (true) {
            int rows = tileRows.get();
            try {
                return tile.apply(rows);
            } catch (RuntimeException | OutOfMemoryError e) {
                if (!isOutOfMemory.test(e) || rows <= minTileRows) {
                    throw e;
                }
                tileRows.compareAndSet(rows, Math.max(minTileRows, rows / 2));
                retries.incrementAndGet();
            }
        }
    }

    /**
     * True for a Java {@link OutOfMemoryError} and for a native allocation failure reported as an
     * exception whose message (or a cause's) says "out of memory" (the form CUDA and PyTorch use).
     */
    public static boolean looksLikeOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
            String message = c.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("out of memory")) {
                return true;
            }
        }
        return false;
    }
}

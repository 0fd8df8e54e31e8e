package org.robotphysicist.models;

import org.robotphysicist.data.InvalidInputException;

/**
 * How a grid evaluator cuts the N × M (event, grid point) pairs into tiles.
 *
 * @param tileRows       pairs per tile; 0 chooses from the memory available when the evaluator is built
 * @param minTileRows    the smallest tile an out-of-memory retry may shrink to (≥ 1)
 * @param memoryFraction the share of the currently free memory one tile may use, in (0, 1]
 * @param maxTileRows    the cap of an automatically chosen tile: larger tiles fall out of cache
 *                       (measured: 10⁴-row tiles ran twice as fast as 10⁶-row ones on CPU)
 */
public record TilingConfig(int tileRows, int minTileRows, double memoryFraction, int maxTileRows) {

    /** Default cap of automatic tiles, 2<sup>16</sup> rows. */
    public static final int DEFAULT_MAX_TILE_ROWS = 1 << 16;

    public TilingConfig {
        if (tileRows < 0) {
            throw new InvalidInputException("tile rows: expected 0 (automatic) or a count >= 1 but found " + tileRows);
        }
        if (minTileRows < 1 || maxTileRows < minTileRows || (tileRows > 0 && tileRows < minTileRows)) {
            throw new InvalidInputException("tile bounds: expected 1 <= minTileRows <= tileRows (if set) and"
                    + " minTileRows <= maxTileRows but found min " + minTileRows + ", tile " + tileRows + ", max "
                    + maxTileRows);
        }
        if (!(memoryFraction > 0 && memoryFraction <= 1)) {
            throw new InvalidInputException("memory fraction: expected a value in (0, 1] but found " + memoryFraction);
        }
    }

    /** Tiles sized from free memory: a quarter of it at most, capped at {@value #DEFAULT_MAX_TILE_ROWS} rows. */
    public static TilingConfig automatic() {
        return new TilingConfig(0, 1, 0.25, DEFAULT_MAX_TILE_ROWS);
    }

    /** Tiles of exactly {@code rows} pairs (shrunk only on out-of-memory). */
    public static TilingConfig fixed(int rows) {
        return new TilingConfig(rows, 1, 0.25, Math.max(rows, DEFAULT_MAX_TILE_ROWS));
    }

    /**
     * The tile to start with: {@link #tileRows()} if set, otherwise
     * clamp(⌊memoryFraction · availableBytes / bytesPerRow⌋, minTileRows, maxTileRows).
     *
     * @param availableBytes memory free for the evaluation (heap, or device memory)
     * @param bytesPerRow    what one (event, grid point) pair costs while its tile is evaluated
     */
    public int initialTileRows(long availableBytes, long bytesPerRow) {
        if (tileRows > 0) {
            return tileRows;
        }
        double rows = memoryFraction * Math.max(0, availableBytes) / Math.max(1, bytesPerRow);
        return (int) Math.max(minTileRows, Math.min(maxTileRows, Math.floor(rows)));
    }

    /** Free JVM heap now: max − (total − free). */
    public static long availableHeapBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}

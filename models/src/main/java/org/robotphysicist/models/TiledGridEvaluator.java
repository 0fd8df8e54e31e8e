package org.robotphysicist.models;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;

/**
 * The generic {@link GridEvaluator}, every surrogate's by default: works with every
 * {@link SurrogateLikelihood} through its {@link SurrogateLikelihood#summedLogLikelihood} (which a
 * surrogate overrides when it can share work across pairs).
 *
 * <p>A tile of R = {@link AdaptiveTiling#tileRows()} pairs covers n<sub>e</sub> = min(N, R) events
 * × m<sub>t</sub> = max(1, ⌊R / n<sub>e</sub>⌋) grid points. A block of m<sub>t</sub> grid points
 * runs through the N events tile by tile; per-tile sums are accumulated in float64 with
 * {@link CompensatedSums} and committed once the block is complete, so an out-of-memory tile is
 * retried at half the size without double counting. The tile size starts from the free heap
 * ({@link TilingConfig}), or is fixed by the caller. With a {@link Cancellation} every tile is
 * preceded by {@link Cancellation#check()}, so a cancelled call stops within one tile.
 */
public final class TiledGridEvaluator implements GridEvaluator {
    private final SurrogateLikelihood surrogate;
    private final AdaptiveTiling tiling;
    private final Cancellation cancellation;

    public TiledGridEvaluator(SurrogateLikelihood surrogate, TilingConfig config) {
        this(surrogate, config, Cancellation.none());
    }

    /** Stopped by {@code cancellation} between tiles. */
    public TiledGridEvaluator(SurrogateLikelihood surrogate, TilingConfig config, Cancellation cancellation) {
        this(surrogate, AdaptiveTiling.of(config, TilingConfig.availableHeapBytes(), bytesPerRow(surrogate)),
                cancellation);
    }

    /** With an explicit tiling policy (for example one whose out-of-memory test is custom). */
    public TiledGridEvaluator(SurrogateLikelihood surrogate, AdaptiveTiling tiling) {
        this(surrogate, tiling, Cancellation.none());
    }

    /** With an explicit tiling policy, stopped by {@code cancellation} between tiles. */
    public TiledGridEvaluator(SurrogateLikelihood surrogate, AdaptiveTiling tiling, Cancellation cancellation) {
        this.surrogate = surrogate;
        this.tiling = tiling;
        this.cancellation = java.util.Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * Heap one pair costs in the default row-aligned path: the x, θ and φ copies of the tile
     * (twice: arrays and matrices), the output, and as much again for temporaries.
     */
    static long bytesPerRow(SurrogateLikelihood surrogate) {
        Dimensions d = surrogate.dimensions();
        return 2L * Double.BYTES * (2L * (d.xDim() + d.thetaDim() + d.phiDim()) + 2);
    }

    @Override
    public SurrogateLikelihood surrogate() {
        return surrogate;
    }

    /** The current tile size in pairs (after any out-of-memory shrinking). */
    public int tileRows() {
        return tiling.tileRows();
    }

    /** How many tiles were retried smaller. */
    public int outOfMemoryRetries() {
        return tiling.retries();
    }

    @Override
    public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
        SurrogateArguments.requireGridCall(surrogate, events, thetas, phi);
        int m = thetas.rows();
        double[] out = new double[m];
        int j0 = 0;
        while (j0 < m) {
            int start = j0;
            Block block = tiling.run(rows -> evaluateBlock(events, thetas, phi, start, rows));
            System.arraycopy(block.sums, 0, out, start, block.sums.length);
            j0 = block.end;
        }
        return GridEvaluator.requireValidSums(out, thetas, surrogate);
    }

    private Block evaluateBlock(Matrix events, Matrix thetas, double[] phi, int j0, int tileRows) {
        int n = events.rows();
        int eventsPerTile = Math.min(n, tileRows);
        int gridPerTile = Math.max(1, tileRows / eventsPerTile);
        int j1 = Math.min(thetas.rows(), j0 + gridPerTile);
        Matrix thetaBlock = j0 == 0 && j1 == thetas.rows() ? thetas : thetas.rowRange(j0, j1);
        CompensatedSums sums = new CompensatedSums(j1 - j0);
        for (Matrix eventTile : eventTiles(events, eventsPerTile)) {
            cancellation.check();
            sums.addAll(0, surrogate.summedLogLikelihood(eventTile, thetaBlock, phi));
        }
        return new Block(j1, sums.values());
    }

    private static List<Matrix> eventTiles(Matrix events, int eventsPerTile) {
        if (eventsPerTile >= events.rows()) {
            return List.of(events);
        }
        List<Matrix> tiles = new ArrayList<>();
        for (int i0 = 0; i0 < events.rows(); i0 += eventsPerTile) {
            tiles.add(events.rowRange(i0, Math.min(events.rows(), i0 + eventsPerTile)));
        }
        return tiles;
    }

    private record Block(int end, double[] sums) {
    }

    @Override
    public String toString() {
        return "TiledGridEvaluator(" + surrogate + ", tile " + tiling.tileRows() + " pairs)";
    }
}

package org.robotphysicist.training;

import java.util.function.UnaryOperator;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventBlocks;

/**
 * A training table read block by block, for tables that do not fit in memory: B blocks of known
 * sizes n<sub>b</sub>, each read on demand as an (n<sub>b</sub>, C) matrix already in the form
 * the objective reads (mapped and standardized). Reading the same block twice gives the same
 * rows. {@link TrainingLoop#fit(TrainingObjective, StreamedTable)} reads every block once per
 * epoch in a shuffled order.
 */
public interface StreamedTable {

    /** C, the objective's column count. */
    int columns();

    /** B ≥ 1. */
    int blockCount();

    /** n<sub>b</sub> ≥ 1, known without reading. */
    int blockSize(int block);

    /** Block {@code block} as an (n<sub>b</sub>, C) matrix. */
    Matrix block(int block);

    /** Σ n<sub>b</sub>. */
    default long size() {
        long n = 0;
        for (int b = 0; b < blockCount(); b++) {
            n += blockSize(b);
        }
        return n;
    }

    /**
     * The blocks of {@code events}, each table [x | θ | φ] passed through {@code transform} (which
     * must keep its row count and give {@code columns} columns).
     */
    static StreamedTable of(EventBlocks events, int columns, UnaryOperator<Matrix> transform) {
        return new StreamedTable() {
            @Override
            public int columns() {
                return columns;
            }

            @Override
            public int blockCount() {
                return events.blockCount();
            }

            @Override
            public int blockSize(int block) {
                return events.blockSize(block);
            }

            @Override
            public Matrix block(int block) {
                return transform.apply(events.block(block).table());
            }
        };
    }
}

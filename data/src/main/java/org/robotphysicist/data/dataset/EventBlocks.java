package org.robotphysicist.data.dataset;

import java.util.List;
import java.util.Map;
import org.robotphysicist.data.InvalidInputException;

/**
 * A labelled event table too large to hold in memory, read one block at a time: B blocks whose
 * sizes are known up front (from file footers, say), each read on demand as an
 * {@link EventDataset} of (n<sub>b</sub>, C) rows with the columns of {@link #schema()}, x then θ
 * then φ. Row r of the table is row r − o<sub>b</sub> of the block b with
 * o<sub>b</sub> ≤ r &lt; o<sub>b</sub> + n<sub>b</sub>, o<sub>b</sub> = n<sub>0</sub> + … + n<sub>b−1</sub>:
 * blocks are in a fixed order and read in any order, any number of times, with the same rows each
 * time. A block holds finite values only; a reader that finds otherwise throws
 * {@link org.robotphysicist.data.MalformedDataException} naming the file and row.
 *
 * <p>The owner of an instance closes it (files or connections it holds).
 */
public interface EventBlocks extends AutoCloseable {

    /** The columns: x, θ and φ names. */
    DatasetSchema schema();

    /** B ≥ 1. */
    int blockCount();

    /** n<sub>b</sub> ≥ 1, known without reading the block. */
    int blockSize(int block);

    /** Reads block {@code block}: (n<sub>b</sub>, C), finite. */
    EventDataset block(int block);

    /** Where block {@code block} comes from, for messages ("part-00003.parquet row group 2"). */
    default String describeBlock(int block) {
        return "block " + block + " of " + files();
    }

    /** The files the blocks come from, in block order (one or more blocks each). */
    List<String> files();

    /** SHA-256 of each file's bytes, by {@link #files()} entry (for provenance). */
    Map<String, String> sha256();

    /** Σ n<sub>b</sub>. */
    default long size() {
        long n = 0;
        for (int b = 0; b < blockCount(); b++) {
            n += blockSize(b);
        }
        return n;
    }

    /** o<sub>b</sub> for every block and, last, the size: length B + 1. */
    default long[] offsets() {
        long[] out = new long[blockCount() + 1];
        for (int b = 0; b < blockCount(); b++) {
            out[b + 1] = out[b] + blockSize(b);
        }
        return out;
    }

    @Override
    void close();

    /**
     * An in-memory dataset cut into blocks of {@code blockRows} rows (the last may be shorter): the
     * same rows as {@code data}, for tests and for tables that do fit.
     *
     * @param origin what {@link #files()} names (e.g. the CSV the rows came from)
     */
    static EventBlocks of(EventDataset data, int blockRows, String origin, String sha256) {
        if (blockRows < 1) {
            throw new InvalidInputException("event blocks: expected at least 1 row per block but found " + blockRows);
        }
        int n = data.size();
        int count = (n + blockRows - 1) / blockRows;
        return new EventBlocks() {
            @Override
            public DatasetSchema schema() {
                return data.schema();
            }

            @Override
            public int blockCount() {
                return count;
            }

            @Override
            public int blockSize(int block) {
                java.util.Objects.checkIndex(block, count);
                return Math.min(blockRows, n - block * blockRows);
            }

            @Override
            public EventDataset block(int block) {
                return data.rows(block * blockRows, block * blockRows + blockSize(block));
            }

            @Override
            public List<String> files() {
                return List.of(origin);
            }

            @Override
            public Map<String, String> sha256() {
                return Map.of(origin, sha256);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}

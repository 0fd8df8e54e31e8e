package org.robotphysicist.training.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.data.dataset.EventDataset;

/**
 * Uniformly random subsets of exactly k of the N rows of a table, without holding the table:
 * the k indices are drawn first (Floyd's algorithm, O(k) time and memory, every k-subset equally
 * likely), then the rows are picked from the blocks that hold them.
 */
public final class RowSample {
    private RowSample() {
    }

    /**
     * {@code k} distinct indices of 0..n−1, sorted.
     *
     * @throws InvalidInputException unless 0 ≤ k ≤ n
     */
    public static long[] indices(long n, long k, SplittableRandom rng) {
        if (k < 0 || k > n) {
            throw new InvalidInputException("row sample: expected between 0 and " + n + " rows but found " + k);
        }
        Set<Long> chosen = new HashSet<>();
        for (long j = n - k; j < n; j++) {
            long t = rng.nextLong(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        long[] out = chosen.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }

    /**
     * min(k, N) rows of {@code blocks} chosen uniformly at random, in table order; only the blocks
     * holding a chosen row are read.
     *
     * @param k at least 1
     */
    public static EventDataset from(EventBlocks blocks, int k, SplittableRandom rng) {
        if (k < 1) {
            throw new InvalidInputException("row sample: expected at least 1 row but found " + k);
        }
        long n = blocks.size();
        long[] chosen = indices(n, Math.min(k, n), rng);
        long[] offsets = blocks.offsets();
        int width = blocks.schema().width();
        double[] out = new double[chosen.length * width];
        int filled = 0;
        for (int b = 0; b < blocks.blockCount() && filled < chosen.length; b++) {
            if (chosen[filled] >= offsets[b + 1]) {
                continue;
            }
            double[] table = blocks.block(b).table().toArray();
            while (filled < chosen.length && chosen[filled] < offsets[b + 1]) {
                int r = (int) (chosen[filled] - offsets[b]);
                System.arraycopy(table, r * width, out, filled * width, width);
                filled++;
            }
        }
        return EventDataset.of(blocks.schema(), chosen.length, out);
    }
}

package org.robotphysicist.training.ratio;

import java.util.Arrays;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventDataset;

/**
 * The x of the K rows of a dataset nearest a setting φ, for the normalization of a classifier
 * trained on given events: rows ordered by the distance Σ<sub>d</sub> ((φ<sub>i,d</sub> − φ<sub>d</sub>)
 * / w<sub>d</sub>)², w the width of the φ range in dimension d (0-width dimensions ignored), ties
 * (rows at one φ setting) broken by a seeded order of the rows, and the first K taken.
 *
 * <p>Cost per setting: O(N) for the distances and the K-th smallest (a selection over the N
 * distances, not a sort), then O(K log K) to order the K rows, instead of a sort of all N boxed
 * indices per setting (for 10⁶ rows over a φ range's 33 nodes, about 8 s of a 36 s training).
 */
final class NearestRows {
    private final Matrix x;
    private final Matrix phi;
    private final double[] scale;
    private final int k;
    private final int[] order;

    /**
     * @param data  the rows, N of them
     * @param range the φ range whose widths scale the distance
     * @param k     K ≤ N, the rows taken per setting
     * @param order a permutation of 0..N−1: among rows at equal distance, the one earlier in it comes first
     */
    NearestRows(EventDataset data, Box range, int k, int[] order) {
        if (k < 1 || k > data.size() || order.length != data.size()) {
            throw new DimensionMismatchException("nearest rows: expected 1 <= K <= N = " + data.size()
                    + " and a permutation of N rows but found K = " + k + " and " + order.length + " rows");
        }
        this.x = data.x();
        this.phi = data.phi();
        this.k = k;
        this.order = order.clone();
        this.scale = new double[range.dim()];
        for (int d = 0; d < scale.length; d++) {
            double width = range.upper(d) - range.lower(d);
            scale[d] = width > 0 ? 1 / width : 0;
        }
    }

    /** (K, D<sub>x</sub>) the x of the K rows nearest {@code phiNode}, nearest first. */
    Matrix x(double[] phiNode) {
        int n = order.length;
        // Distance of the row at each position of the order: positions, not rows, break ties.
        double[] distance = new double[n];
        for (int p = 0; p < n; p++) {
            int i = order[p];
            double s = 0;
            for (int d = 0; d < scale.length; d++) {
                double u = (phi.get(i, d) - phiNode[d]) * scale[d];
                s += u * u;
            }
            distance[p] = s;
        }
        double threshold = kthSmallest(distance.clone(), k - 1);
        int below = 0;
        for (double v : distance) {
            if (v < threshold) {
                below++;
            }
        }
        // Every position nearer than the K-th distance, then the earliest ones at it, in position order.
        int[] chosen = new int[k];
        int taken = 0;
        int atThreshold = k - below;
        for (int p = 0; p < n && taken < k; p++) {
            if (distance[p] < threshold || (distance[p] == threshold && atThreshold-- > 0)) {
                chosen[taken++] = p;
            }
        }
        // Order by distance, ties by position (a stable order of the position-ordered choice).
        Integer[] byDistance = new Integer[k];
        for (int r = 0; r < k; r++) {
            byDistance[r] = chosen[r];
        }
        Arrays.sort(byDistance, java.util.Comparator.comparingDouble(p -> distance[p]));
        int dx = x.cols();
        double[] out = new double[k * dx];
        for (int r = 0; r < k; r++) {
            int row = order[byDistance[r]];
            for (int j = 0; j < dx; j++) {
                out[r * dx + j] = x.get(row, j);
            }
        }
        return Matrix.of(k, dx, out);
    }

    /** The value of rank {@code rank} (0-based) of {@code v}, which it reorders (Hoare selection, median-of-three). */
    static double kthSmallest(double[] v, int rank) {
        int lo = 0;
        int hi = v.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double pivot = median(v[lo], v[mid], v[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (rank <= j) {
                hi = j;
            } else if (rank >= i) {
                lo = i;
            } else {
                return v[rank];
            }
        }
        return v[rank];
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}

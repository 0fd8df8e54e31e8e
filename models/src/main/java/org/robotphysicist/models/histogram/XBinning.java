package org.robotphysicist.models.histogram;

import org.robotphysicist.data.Box;

/**
 * A regular binning of an x box: {@code bins} equal bins per dimension, B = bins<sup>D</sup> in
 * all, numbered row-major. Points on the upper edge fall in the last bin; points outside the box
 * have no bin.
 */
record XBinning(Box range, int bins) {

    int dim() {
        return range.dim();
    }

    int totalBins() {
        int b = 1;
        for (int d = 0; d < dim(); d++) {
            b = Math.multiplyExact(b, bins);
        }
        return b;
    }

    /** Volume of one bin. */
    double binVolume() {
        double v = 1;
        for (int d = 0; d < dim(); d++) {
            v *= (range.upper(d) - range.lower(d)) / bins;
        }
        return v;
    }

    /** Flat bin index of the point at {@code x[offset .. offset + D)}, or −1 outside the box. */
    int binOf(double[] x, int offset) {
        int index = 0;
        for (int d = 0; d < dim(); d++) {
            double lo = range.lower(d);
            double hi = range.upper(d);
            double v = x[offset + d];
            if (!(v >= lo && v <= hi)) {
                return -1;
            }
            int b = Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins));
            index = index * bins + b;
        }
        return index;
    }
}

package org.robotphysicist.data.dataset;

/**
 * Per-column mean and population standard deviation of a row-major (N, C) table, in Java:
 * the mean by Kahan-compensated summation, then σ² = (1/N) Σ (x − mean)² in a second pass (no
 * cancellation from Σx² − N·mean²). Immutable.
 */
record ColumnMoments(double[] means, double[] standardDeviations) {
    ColumnMoments {
        means = means.clone();
        standardDeviations = standardDeviations.clone();
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] standardDeviations() {
        return standardDeviations.clone();
    }

    /** Moments of {@code values} (rows·cols, row-major), rows ≥ 1. */
    static ColumnMoments of(double[] values, int rows, int cols) {
        double[] sum = new double[cols];
        double[] compensation = new double[cols];
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int c = 0; c < cols; c++) {
                double y = values[o + c] - compensation[c];
                double t = sum[c] + y;
                compensation[c] = (t - sum[c]) - y;
                sum[c] = t;
            }
        }
        double[] mean = new double[cols];
        for (int c = 0; c < cols; c++) {
            mean[c] = sum[c] / rows;
        }
        double[] squares = new double[cols];
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int c = 0; c < cols; c++) {
                double d = values[o + c] - mean[c];
                squares[c] += d * d;
            }
        }
        double[] sd = new double[cols];
        for (int c = 0; c < cols; c++) {
            sd[c] = Math.sqrt(squares[c] / rows);
        }
        return new ColumnMoments(mean, sd);
    }
}

package org.robotphysicist.data;

import java.util.Arrays;

/**
 * An immutable, dense, row-major matrix of doubles with shape (rows, cols). Used for event
 * blocks (N, D<sub>x</sub>), parameter grids (M, D<sub>θ</sub>) and batches of settings
 * (B, D<sub>φ</sub>). Construction copies; accessors never expose the backing array. A matrix may
 * have no columns (settings of a simulator without φ: B empty rows).
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * A matrix from row-major values; {@code values.length} must equal {@code rows * cols}.
     * Values are copied and must be finite.
     */
    public static Matrix of(int rows, int cols, double[] values) {
        if (rows < 0 || cols < 0) {
            throw new DimensionMismatchException("matrix shape: expected rows >= 0 and cols >= 0 but found ("
                    + rows + ", " + cols + ")");
        }
        if (values.length != (long) rows * cols) {
            throw new DimensionMismatchException("matrix values for shape (" + rows + ", " + cols + ")",
                    (long) rows * cols, values.length);
        }
        return new Matrix(rows, cols, Require.finite("matrix", values.clone()));
    }

    /** A matrix from rows of equal length; copies and checks finiteness. */
    public static Matrix ofRows(double[]... rowValues) {
        if (rowValues.length == 0) {
            throw new DimensionMismatchException("matrix rows: expected at least one row but found none");
        }
        int cols = rowValues[0].length;
        double[] data = new double[rowValues.length * cols];
        for (int i = 0; i < rowValues.length; i++) {
            if (rowValues[i].length != cols) {
                throw new DimensionMismatchException("matrix row " + i + " length", cols, rowValues[i].length);
            }
            System.arraycopy(rowValues[i], 0, data, i * cols, cols);
        }
        return of(rowValues.length, cols, data);
    }

    /** A single-column matrix (N, 1). */
    public static Matrix ofColumn(double... values) {
        return of(values.length, 1, values);
    }

    /** One row repeated {@code rows} times: shape (rows, row.length). */
    public static Matrix repeatRow(double[] row, int rows) {
        double[] data = new double[rows * row.length];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(row, 0, data, i * row.length, row.length);
        }
        return of(rows, row.length, data);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int row, int col) {
        return data[row * cols + col];
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** Copies row {@code i} into {@code out[0..cols)}. */
    public void copyRow(int i, double[] out) {
        System.arraycopy(data, i * cols, out, 0, cols);
    }

    /** A copy of column {@code j}. */
    public double[] column(int j) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = data[i * cols + j];
        }
        return out;
    }

    /** A copy of the row-major values. */
    public double[] toArray() {
        return data.clone();
    }

    /** The row-major values rounded to float. */
    public float[] toFloatArray() {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (float) data[i];
        }
        return out;
    }

    /** Rows {@code [from, to)} as a new matrix. */
    public Matrix rowRange(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new DimensionMismatchException("row range [" + from + ", " + to + ") of a matrix with "
                    + rows + " rows");
        }
        return new Matrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
    }

    /**
     * The rows of {@code parts} one after another, in order: (Σ r<sub>i</sub>, c) from matrices of
     * shape (r<sub>i</sub>, c).
     *
     * @throws DimensionMismatchException when there are no parts or their column counts differ
     */
    public static Matrix stackRows(java.util.List<Matrix> parts) {
        if (parts.isEmpty()) {
            throw new DimensionMismatchException("stacked rows: expected at least one matrix but found none");
        }
        int cols = parts.get(0).cols;
        int rows = 0;
        for (Matrix m : parts) {
            if (m.cols != cols) {
                throw new DimensionMismatchException("stacked rows: expected every matrix with " + cols
                        + " columns but found one with " + m.cols);
            }
            rows += m.rows;
        }
        double[] out = new double[rows * cols];
        int at = 0;
        for (Matrix m : parts) {
            System.arraycopy(m.data, 0, out, at, m.data.length);
            at += m.data.length;
        }
        return new Matrix(rows, cols, out);
    }

    /** Requires shape (expectedRows, expectedCols); either may be -1 for "any". */
    public Matrix requireShape(String name, int expectedRows, int expectedCols) {
        if (expectedCols >= 0 && cols != expectedCols) {
            throw new DimensionMismatchException(name + ": expected " + expectedCols + " columns but found " + cols
                    + " (shape (" + rows + ", " + cols + "))");
        }
        if (expectedRows >= 0 && rows != expectedRows) {
            throw new DimensionMismatchException(name + ": expected " + expectedRows + " rows but found " + rows
                    + " (shape (" + rows + ", " + cols + "))");
        }
        return this;
    }

    /** Requires at least one row. */
    public Matrix requireNonEmpty(String name) {
        if (rows == 0) {
            throw new InvalidInputException(name + ": expected at least one row but found none");
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Matrix(" + rows + ", " + cols + ")" + (rows <= 4 ? Arrays.toString(data) : "");
    }
}

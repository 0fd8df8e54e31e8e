package org.robotphysicist.data.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;

/**
 * An immutable in-memory table of events, held as one ND4J float64 array of shape (N, C) whose
 * columns follow a {@link DatasetSchema}: x, then θ, then φ. Simulated training sets carry all
 * three; observed data carry x (and optionally φ).
 *
 * <p>ND4J serves as storage only: creation, copies, row selection, slicing and stacking move
 * values without arithmetic, and the statistics are computed in Java ({@link ColumnMoments}), so
 * no result depends on the native BLAS kernels a CPU selects (docs/numerics.md).
 *
 * <p>The backing array never leaves this object: accessors copy.
 */
public final class EventDataset {
    private final DatasetSchema schema;
    private final INDArray table;

    private EventDataset(DatasetSchema schema, INDArray table) {
        this.schema = schema;
        this.table = table;
    }

    /**
     * A dataset from row-major values of shape (rows, schema.width()); values are copied and must
     * be finite. At least one row is required.
     */
    public static EventDataset of(DatasetSchema schema, int rows, double[] rowMajor) {
        Require.positive("dataset rows", rows);
        if (rowMajor.length != (long) rows * schema.width()) {
            throw new DimensionMismatchException("dataset values for " + rows + " rows of " + schema.width()
                    + " columns", (long) rows * schema.width(), rowMajor.length);
        }
        Require.finite("dataset values", rowMajor);
        INDArray table = Nd4j.create(rowMajor.clone(), new long[] {rows, schema.width()}, 'c');
        return new EventDataset(schema, table);
    }

    /** Observed events only: x of shape (N, D<sub>x</sub>). */
    public static EventDataset ofEvents(Dimensions dims, Matrix x) {
        x.requireShape("events", -1, dims.xDim()).requireNonEmpty("events");
        return of(DatasetSchema.eventsOnly(dims), x.rows(), x.toArray());
    }

    /**
     * Labelled events: row i is (x<sub>i</sub>, θ<sub>i</sub>, φ<sub>i</sub>); all three matrices
     * have N rows.
     */
    public static EventDataset ofLabelled(Dimensions dims, Matrix x, Matrix theta, Matrix phi) {
        int n = x.requireShape("x", -1, dims.xDim()).requireNonEmpty("x").rows();
        theta.requireShape("theta", n, dims.thetaDim());
        phi.requireShape("phi", n, dims.phiDim());
        DatasetSchema schema = DatasetSchema.labelled(dims);
        double[] data = new double[n * schema.width()];
        int w = schema.width();
        for (int i = 0; i < n; i++) {
            int o = i * w;
            for (int j = 0; j < dims.xDim(); j++) {
                data[o++] = x.get(i, j);
            }
            for (int j = 0; j < dims.thetaDim(); j++) {
                data[o++] = theta.get(i, j);
            }
            for (int j = 0; j < dims.phiDim(); j++) {
                data[o++] = phi.get(i, j);
            }
        }
        return of(schema, n, data);
    }

    /**
     * Assembles a simulated batch: block k holds {@code perBlock} events (row-major x) simulated
     * at row k of {@code thetas} and {@code phis}.
     */
    public static EventDataset fromBlocks(Dimensions dims, double[][] blocks, Matrix thetas, Matrix phis,
            int perBlock) {
        DatasetSchema schema = DatasetSchema.labelled(dims);
        int w = schema.width();
        int dx = dims.xDim();
        int rows = blocks.length * perBlock;
        double[] data = new double[rows * w];
        for (int k = 0; k < blocks.length; k++) {
            double[] theta = thetas.row(k);
            double[] phi = phis.row(k);
            for (int i = 0; i < perBlock; i++) {
                int o = (k * perBlock + i) * w;
                System.arraycopy(blocks[k], i * dx, data, o, dx);
                System.arraycopy(theta, 0, data, o + dx, theta.length);
                System.arraycopy(phi, 0, data, o + dx + theta.length, phi.length);
            }
        }
        return of(schema, rows, data);
    }

    /** Row-wise concatenation of datasets with identical schemas. */
    public static EventDataset concat(List<EventDataset> parts) {
        if (parts.isEmpty()) {
            throw new InvalidInputException("concat: expected at least one dataset but found none");
        }
        DatasetSchema schema = parts.get(0).schema;
        INDArray[] tables = new INDArray[parts.size()];
        for (int i = 0; i < tables.length; i++) {
            if (!parts.get(i).schema.equals(schema)) {
                throw new InvalidInputException("concat: expected schema " + schema.columnNames() + " but part " + i
                        + " has " + parts.get(i).schema.columnNames());
            }
            tables[i] = parts.get(i).table;
        }
        return new EventDataset(schema, Nd4j.vstack(tables));
    }

    public DatasetSchema schema() {
        return schema;
    }

    /** Number of rows N. */
    public int size() {
        return (int) table.rows();
    }

    public boolean hasTheta() {
        return schema.count(ColumnRole.THETA) > 0;
    }

    public boolean hasPhi() {
        return schema.count(ColumnRole.PHI) > 0;
    }

    /** Event coordinates, (N, D<sub>x</sub>). */
    public Matrix x() {
        return block(ColumnRole.X);
    }

    /** Parameters per row, (N, D<sub>θ</sub>); throws if the dataset has none. */
    public Matrix theta() {
        return block(ColumnRole.THETA);
    }

    /** Settings per row, (N, D<sub>φ</sub>); (N, 0) where the dataset has no φ columns. */
    public Matrix phi() {
        return hasPhi() ? block(ColumnRole.PHI) : Matrix.of(size(), 0, new double[0]);
    }

    /** All columns, (N, C), in schema order. */
    public Matrix table() {
        return Matrix.of(size(), schema.width(), table.dup('c').data().asDouble());
    }

    private Matrix block(ColumnRole role) {
        int count = schema.count(role);
        if (count == 0) {
            throw new InvalidInputException("dataset: expected " + role.prefix() + " columns but the dataset has only "
                    + schema.columnNames());
        }
        int from = schema.offset(role);
        INDArray view = table.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count)).dup('c');
        return Matrix.of(size(), count, view.data().asDouble());
    }

    /** Per-column means, length C (compensated summation in Java, not a native reduction). */
    public double[] columnMeans() {
        return ColumnMoments.of(rowMajorCopy(), size(), schema.width()).means();
    }

    /** Per-column population standard deviations, length C (two-pass, in Java). */
    public double[] columnStandardDeviations() {
        return ColumnMoments.of(rowMajorCopy(), size(), schema.width()).standardDeviations();
    }

    /** The table's values, row-major, copied out of the ND4J buffer (a memory copy, no arithmetic). */
    private double[] rowMajorCopy() {
        return table.dup('c').data().asDouble();
    }

    /** A copy with rows in a random order (Fisher–Yates with {@code rng}). */
    public EventDataset shuffled(SplittableRandom rng) {
        int n = size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return new EventDataset(schema, table.getRows(perm));
    }

    /** Rows [from, to) as a new dataset. */
    public EventDataset rows(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new InvalidInputException("dataset rows: expected 0 <= from < to <= " + size() + " but found ["
                    + from + ", " + to + ")");
        }
        return new EventDataset(schema, table.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c'));
    }

    /** A copy of the backing table as an ND4J float64 array (N, C), for bulk numerics. */
    public INDArray toNd4j() {
        return table.dup('c');
    }

    /**
     * SHA-256 over the column names and the values' IEEE-754 bits, in row order: the data hash
     * recorded in provenance.
     */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(String.join(",", schema.columnNames()).getBytes(StandardCharsets.UTF_8));
            double[] values = table.dup('c').data().asDouble();
            ByteBuffer buf = ByteBuffer.allocate(8 * 4096);
            for (int i = 0; i < values.length; i++) {
                buf.putDouble(values[i]);
                if (!buf.hasRemaining()) {
                    md.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            md.update(buf.array(), 0, buf.position());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "EventDataset(" + size() + " rows, columns " + schema.columnNames() + ")";
    }
}

package org.robotphysicist.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.cluster.ExperimentSums;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.CompensatedSums;

/**
 * The summed log-likelihood of events that stay on the executors:
 * <pre>
 *   S_{e,j} = Σ_p Σ_{i ∈ partition p, φ_i = φ_e} log p̂(x_i | θ_j, φ_e),   j &lt; M,
 * </pre>
 * one experiment e per distinct φ of the dataset (or all events at one given φ). Each partition
 * reads its rows once, groups them by φ, and sums chunks of at most {@value #CHUNK_EVENTS}
 * events with the engine's {@link PosteriorEvaluator} for the likelihood, loaded once per
 * executor ({@link ExecutorLikelihoods}; the likelihood source — a model file's bytes — is a
 * broadcast variable). Only the partial sums, M float64 per partition and experiment, come back;
 * the driver adds them in partition order with compensated summation, so the result is the same
 * for the same files and equals the single-machine evaluator's up to float64 round-off (≤ 10⁻⁹
 * relative).
 *
 * <p>Bad input is reported from the executor with what was expected and found: a missing or
 * non-double column, a null, NaN or infinite value (with its partition, row and column), a φ
 * outside the likelihood's range, a model file whose checksum fails where it is loaded.
 */
public final class SparkPosterior {
    /** Events per evaluator call: bounds a task's memory whatever the size of its partition. */
    public static final int CHUNK_EVENTS = 1 << 18;

    private SparkPosterior() {
    }

    /** One partition's sums for one experiment. */
    private record Partial(int partition, double[] phi, long events, double[] sums) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** What every task needs: the grid, the column layout and the source's name. */
    private record Job(double[] thetas, int thetaDim, int xDim, int phiDim, double[] fixedPhi, List<String> columns,
            String source) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The sums for the Parquet event dataset at {@code path}.
     *
     * @see #logLikelihoodSums(SparkSession, Dataset, String, LikelihoodSource, Dimensions, Matrix, double[])
     */
    public static List<ExperimentSums> logLikelihoodSums(SparkSession spark, String path, LikelihoodSource likelihood,
            Dimensions dims, Matrix thetas, double[] phi) {
        Dataset<Row> events;
        try {
            events = spark.read().parquet(path);
        } catch (Exception e) { // Scala throws AnalysisException, a checked exception to Java, undeclared
            if (e instanceof AnalysisException || String.valueOf(e.getMessage()).contains("Path does not exist")) {
                throw new InvalidInputException("--events: expected a Parquet event dataset (from rp simulate --spark)"
                        + " but found none readable at " + path + " (" + e.getMessage() + ")", e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        return logLikelihoodSums(spark, events, path, likelihood, dims, thetas, phi);
    }

    /**
     * The sums for the events of {@code events}, a dataset with double columns {@code x:NAME} (and
     * {@code phi:NAME} unless {@code phi} is given) for the names of {@code dims}; other columns are
     * ignored.
     *
     * @param source     names the dataset in messages
     * @param likelihood the likelihood every executor loads
     * @param thetas     (M, D<sub>θ</sub>), inside the likelihood's θ range
     * @param phi        the setting of every event, or {@code null} for one experiment per distinct φ
     *                   of the φ columns (in ascending order)
     * @return the experiments, each with its event count and S<sub>e,j</sub>
     */
    public static List<ExperimentSums> logLikelihoodSums(SparkSession spark, Dataset<Row> events, String source,
            LikelihoodSource likelihood, Dimensions dims, Matrix thetas, double[] phi) {
        thetas.requireShape("theta points", -1, dims.thetaDim()).requireNonEmpty("theta points");
        if (phi != null && phi.length != dims.phiDim()) {
            throw new InvalidInputException("--phi: expected " + dims.phiDim() + " value(s) " + dims.phiNames()
                    + " but found " + phi.length);
        }
        boolean readPhi = phi == null && dims.hasPhi();
        List<String> columns = EventColumns.observed(dims, readPhi);
        EventColumns.requireColumns("events " + source, events.schema(), columns);
        Dataset<Row> selected = events.select(columns.stream().map(c -> functions.col("`" + c + "`"))
                .toArray(Column[]::new));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Job job = new Job(thetas.toArray(), thetas.cols(), dims.xDim(), dims.phiDim(),
                phi == null ? (dims.hasPhi() ? null : new double[0]) : phi.clone(), columns, source);
        Broadcast<LikelihoodSource> model = jsc.broadcast(likelihood);
        Broadcast<Job> shared = jsc.broadcast(job);
        List<Partial> partials;
        try {
            // Spark's internal rows (Parquet's vectorized reader, no conversion to external Row objects per event)
            partials = selected.queryExecution().toRdd().toJavaRDD().mapPartitionsWithIndex(
                    (index, rows) -> sumPartition(index, rows, model.value(), shared.value()), true).collect();
        } catch (Exception e) { // a failed job: SparkException, checked to Java though Scala does not declare it
            throw SparkFailures.unwrap(e);
        } // the broadcasts are removed by Spark's context cleaner once unreachable
        return combine(partials, thetas.rows(), source);
    }

    /** Adds the partials of each experiment in partition order; experiments in ascending order of φ. */
    static List<ExperimentSums> combine(List<Partial> partials, int m, String source) {
        Map<double[], List<Partial>> byPhi = new TreeMap<>(SparkPosterior::comparePhi);
        for (Partial p : partials) {
            byPhi.computeIfAbsent(p.phi(), k -> new ArrayList<>()).add(p);
        }
        if (byPhi.isEmpty()) {
            throw new MalformedDataException("events " + source + ": expected at least one event but found none");
        }
        List<ExperimentSums> out = new ArrayList<>();
        for (Map.Entry<double[], List<Partial>> e : byPhi.entrySet()) {
            List<Partial> parts = new ArrayList<>(e.getValue());
            parts.sort(Comparator.comparingInt(Partial::partition));
            CompensatedSums total = new CompensatedSums(m);
            long n = 0;
            for (Partial p : parts) {
                total.addAll(0, p.sums());
                n += p.events();
            }
            out.add(new ExperimentSums(e.getKey(), n, total.values()));
        }
        return out;
    }

    private static int comparePhi(double[] a, double[] b) {
        return Arrays.compare(a, b);
    }

    /** One partition: rows grouped by φ, summed chunk by chunk. */
    private static Iterator<Partial> sumPartition(int partition, Iterator<InternalRow> rows, LikelihoodSource likelihood,
            Job job) {
        PosteriorEvaluator evaluator = ExecutorLikelihoods.evaluator(likelihood);
        Matrix thetas = Matrix.of(job.thetas().length / job.thetaDim(), job.thetaDim(), job.thetas());
        Map<String, Accumulator> experiments = new LinkedHashMap<>();
        int width = job.columns().size();
        double[] values = new double[width];
        long row = 0;
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            for (int c = 0; c < width; c++) {
                if (r.isNullAt(c) || !Double.isFinite(r.getDouble(c))) {
                    throw new MalformedDataException("events " + job.source() + " partition " + partition + " row "
                            + row + " column '" + job.columns().get(c) + "': expected a finite number but found "
                            + (r.isNullAt(c) ? "null" : Double.toString(r.getDouble(c))));
                }
                values[c] = r.getDouble(c);
            }
            double[] phi = job.fixedPhi() != null ? job.fixedPhi()
                    : Arrays.copyOfRange(values, job.xDim(), job.xDim() + job.phiDim());
            experiments.computeIfAbsent(Arrays.toString(phi), k -> new Accumulator(phi, job.xDim(), thetas.rows()))
                    .add(values, evaluator, thetas);
            row++;
        }
        List<Partial> out = new ArrayList<>();
        for (Accumulator a : experiments.values()) {
            a.flush(evaluator, thetas);
            out.add(new Partial(partition, a.phi, a.events, a.sums.values()));
        }
        return out.iterator();
    }

    /**
     * One experiment's events of a partition: the current chunk and the sums so far. The chunk
     * grows by doubling up to {@value #CHUNK_EVENTS} events, so a partition holding many settings
     * with few events each (pairs drawn over a φ range) needs memory for its events only.
     */
    private static final class Accumulator {
        private static final int FIRST_CHUNK = 1024;
        final double[] phi;
        final int dx;
        double[] chunk;
        final CompensatedSums sums;
        int filled;
        long events;

        Accumulator(double[] phi, int dx, int m) {
            this.phi = phi.clone();
            this.dx = dx;
            this.chunk = new double[FIRST_CHUNK * dx];
            this.sums = new CompensatedSums(m);
        }

        void add(double[] row, PosteriorEvaluator evaluator, Matrix thetas) {
            if ((filled + 1) * dx > chunk.length) {
                chunk = Arrays.copyOf(chunk, Math.min(CHUNK_EVENTS, 2 * filled) * dx);
            }
            System.arraycopy(row, 0, chunk, filled * dx, dx);
            filled++;
            events++;
            if (filled == CHUNK_EVENTS) {
                flush(evaluator, thetas);
            }
        }

        void flush(PosteriorEvaluator evaluator, Matrix thetas) {
            if (filled == 0) {
                return;
            }
            Matrix x = Matrix.of(filled, dx, Arrays.copyOf(chunk, filled * dx));
            sums.addAll(0, evaluator.logLikelihoodSums(x, thetas, phi));
            filled = 0;
        }
    }
}

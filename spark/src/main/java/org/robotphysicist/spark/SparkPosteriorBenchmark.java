package org.robotphysicist.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.BlockedSimulation;
import org.robotphysicist.data.simulator.SimulationSeed;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.cluster.ClusterSimulation;
import org.robotphysicist.engine.cluster.ExperimentSums;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.cluster.SimulatorSpec;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.ExactLikelihood;

/**
 * {@code benchmarks/spark-posterior.sh}: events per second of the distributed posterior
 * ({@link SparkPosterior}, Parquet events, {@code local[1]} and {@code local[2]}) beside the
 * single-machine evaluator (one thread, events in memory) on the same N events and M grid points,
 * in the same run, with the time to simulate the N events to Parquet on {@code local[2]}. The
 * likelihood is weinberg-lo's exact one (cheap per pair, so the comparison exposes Spark's own
 * overhead: reading Parquet rows and grouping them by φ); the sums must agree to 10⁻⁹ relative.
 *
 * <p>Arguments: {@code [EVENTS] [GRID] [DIR]}: N (default 10⁷), M (default 101), and the directory
 * for the Parquet events (default a temporary one, deleted at the end).
 */
public final class SparkPosteriorBenchmark {
    private static final Box THETA = Box.interval(0.15, 0.35);
    private static final double[] PHI = {58};

    private SparkPosteriorBenchmark() {
    }

    /**
     * Runs the benchmark and prints one line per measurement.
     *
     * @param args {@code [EVENTS] [GRID] [DIR]}
     * @throws Exception when the Parquet directory cannot be made or deleted
     */
    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 101;
        Require.positive("grid points", m);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("events: expected 1 to " + Integer.MAX_VALUE + " but found " + n);
        }
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("rp-spark-bench");
        Path out = dir.resolve("events.parquet");
        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        ClusterSimulation job = ClusterSimulation.of(SimulatorSpec.named(sim.name()), Matrix.ofRows(
                new double[] {0.2312}), Matrix.ofRows(PHI), (int) n, new SimulationSeed(11), Map.of("producer",
                "spark-posterior benchmark"));
        Matrix grid = Matrix.of(m, 1, java.util.stream.IntStream.range(0, m)
                .mapToDouble(j -> THETA.lower(0) + (THETA.upper(0) - THETA.lower(0)) * j / Math.max(1, m - 1))
                .toArray());
        System.out.printf(Locale.ROOT, "N = %d events (weinberg-lo, sqrt_s = 58 GeV), M = %d grid points, %d cores"
                + " available%n", n, m, Runtime.getRuntime().availableProcessors());

        SparkSession spark = SparkSessions.start("local[2]", "rp-benchmark");
        long t0 = System.nanoTime();
        SparkSimulation.write(spark, job, 0, out.toString());
        double simulate = seconds(t0);
        System.out.printf(Locale.ROOT, "simulate to Parquet on local[2]: %.1f s (%.3g events/s)%n", simulate,
                n / simulate);
        spark.stop();

        EventDataset events = BlockedSimulation.run(sim, Matrix.ofRows(new double[] {0.2312}), Matrix.ofRows(PHI),
                (int) n, job.seed().eventStream(), Progress.none());
        PosteriorEvaluator single = PosteriorEvaluator.forSurrogate(new ExactLikelihood(sim, THETA, Box.interval(40,
                100)));
        Matrix x = events.x();
        events = null;
        single.logLikelihoodSums(x.rowRange(0, (int) Math.min(n, SparkPosterior.CHUNK_EVENTS)), grid, PHI); // warm-up
        t0 = System.nanoTime();
        double[] expected = single.logLikelihoodSums(x, grid, PHI);
        double singleRate = n / seconds(t0);
        x = null;
        System.out.printf(Locale.ROOT, "single-machine evaluator, 1 thread: %.3g events/s%n", singleRate);

        LikelihoodSource source = LikelihoodSource.exact(sim.name(), THETA, Box.interval(40, 100));
        for (int cores : new int[] {1, 2}) {
            spark = SparkSessions.start("local[" + cores + "]", "rp-benchmark");
            SparkPosterior.logLikelihoodSums(spark, out.toString(), source, sim.dimensions(), grid.rowRange(0, 2),
                    PHI); // warm-up: session, Parquet reader, executor-side likelihood
            t0 = System.nanoTime();
            List<ExperimentSums> sums = SparkPosterior.logLikelihoodSums(spark, out.toString(), source,
                    sim.dimensions(), grid, PHI);
            double rate = n / seconds(t0);
            int partitions = spark.read().parquet(out.toString()).rdd().getNumPartitions();
            spark.stop();
            ExecutorLikelihoods.closeAll();
            double worst = 0;
            double[] got = sums.get(0).logLikelihood();
            for (int j = 0; j < m; j++) {
                worst = Math.max(worst, Math.abs(got[j] - expected[j]) / Math.max(1, Math.abs(expected[j])));
            }
            System.out.printf(Locale.ROOT, "Spark local[%d], %d partitions: %.3g events/s, %.3g per core = %.0f%% of"
                    + " the single-machine rate per core; sums agree to %.1e relative%n", cores, partitions, rate,
                    rate / cores, 100 * rate / cores / singleRate, worst);
        }
        if (args.length <= 2) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

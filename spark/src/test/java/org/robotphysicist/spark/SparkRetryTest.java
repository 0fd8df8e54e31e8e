package org.robotphysicist.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.cluster.ClusterSimulation;
import org.robotphysicist.engine.cluster.ExperimentSums;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.ExactLikelihood;

/**
 * A task that fails on its first attempt ({@link FlakyWeinberg}, partition 1) is retried by Spark
 * ({@code local[2,3]}: two cores, three attempts per task, the tests' shared session) and the result is the one without the
 * failure: the same simulated events, the same summed log-likelihood.
 */
class SparkRetryTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkFixtures.session();
    }

    @AfterAll
    static void stop() {
        ExecutorLikelihoods.closeAll();
    }

    @Test
    void retriedSimulationTaskWritesTheSameEvents() {
        ClusterSimulation job = SparkSimulationTest.job(FlakyWeinberg.NAME);
        int before = FlakyWeinberg.FAILURES.get();
        Path out = SparkFixtures.tempDir().resolve("events.parquet");
        SparkSimulation.write(spark, job, 3, out.toString());
        assertTrue(FlakyWeinberg.FAILURES.get() > before, "the first attempt of partition 1 failed");
        assertArrayEquals(SparkFixtures.singleMachine(new WeinbergLoSimulator(), job).table().toArray(),
                SparkFixtures.readInOrder(spark, out), "events after the retry against the single machine's");
    }

    @Test
    void retriedPosteriorTaskGivesTheSameSums() {
        Box theta = Box.interval(0.15, 0.35);
        Box phi = Box.interval(50, 90);
        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        Matrix x = sim.simulate(new double[] {0.2312}, new double[] {58}, 900, new java.util.SplittableRandom(4));
        Matrix grid = Matrix.of(21, 1, java.util.stream.IntStream.range(0, 21).mapToDouble(j -> 0.15 + 0.01 * j)
                .toArray());
        double[] expected = PosteriorEvaluator.forSurrogate(new ExactLikelihood(sim, theta, phi))
                .logLikelihoodSums(x, grid, new double[] {58});
        var rows = java.util.Arrays.stream(x.column(0)).mapToObj(v -> org.apache.spark.sql.RowFactory.create(v))
                .toList();
        var events = spark.createDataFrame(org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                spark.sparkContext()).parallelize(rows, 3), new org.apache.spark.sql.types.StructType()
                .add("x:cos_theta", org.apache.spark.sql.types.DataTypes.DoubleType, false));
        int before = FlakyWeinberg.FAILURES.get();
        List<ExperimentSums> sums = SparkPosterior.logLikelihoodSums(spark, events, "test",
                LikelihoodSource.exact(FlakyWeinberg.NAME, theta, phi), sim.dimensions(), grid, new double[] {58});
        assertTrue(FlakyWeinberg.FAILURES.get() > before, "the first attempt of partition 1 failed");
        assertEquals(1, sums.size(), "experiments");
        double[] got = sums.get(0).logLikelihood();
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], got[j], 1e-9 * Math.abs(expected[j]), "sum at grid point " + j);
        }
    }
}

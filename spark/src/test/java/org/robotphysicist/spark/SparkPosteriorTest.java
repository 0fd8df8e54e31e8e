package org.robotphysicist.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.SimulationSeed;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.PosteriorOptions;
import org.robotphysicist.engine.api.PosteriorResult;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.cluster.ClusterSimulation;
import org.robotphysicist.engine.cluster.ExperimentSums;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.cluster.SimulatorSpec;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.eig.ExpectedInformationGain;
import org.robotphysicist.engine.design.eig.ExperimentLikelihood;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.file.ModelFileException;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * The distributed posterior ({@link SparkPosterior}) and EIG ({@link SparkEvaluator}) on
 * {@code local[2,3]} (two cores) equal the single-machine ones: the log density to 10⁻⁹ relative for 1, 3 and 8
 * partitions, two experiments (φ = 58 and 81 GeV) in one dataset, under the exact likelihood and
 * under a trained classifier whose model bytes go to the executors; and bad input is refused with
 * what was expected and found.
 */
class SparkPosteriorTest {
    private static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();
    private static final Box THETA = Box.interval(0.15, 0.35);
    private static final Box PHI = Box.interval(50, 90);
    /** Relative tolerance on the log density (float64 sums in another order). */
    private static final double TOLERANCE = 1e-9;
    /**
     * The same comparison for a float32 network (the classifier): the executors evaluate it on other
     * batch shapes than the single machine, and CPU matrix kernels (the AVX-512 ones in particular)
     * round differently by shape, up to 2⁻²⁴ of each per-event value. Measured: 1.3·10⁻⁸ on an Intel
     * Xeon with AVX-512, below 10⁻⁹ on an AMD EPYC; a wrong event or grid point would move it by far
     * more than 10⁻⁶.
     */
    private static final double NETWORK_TOLERANCE = 1e-6;
    private static SparkSession spark;
    /** 2 x 1500 events, at phi = 58 and 81 GeV, as rows x, phi. */
    private static List<double[]> events;

    @BeforeAll
    static void start() {
        spark = SparkFixtures.session();
        events = new ArrayList<>();
        for (double phi : new double[] {58, 81}) {
            Matrix x = SIM.simulate(new double[] {0.2312}, new double[] {phi}, 1500, new SplittableRandom((long) phi));
            for (int i = 0; i < x.rows(); i++) {
                events.add(new double[] {x.get(i, 0), phi});
            }
        }
    }

    @AfterAll
    static void stop() {
        ExecutorLikelihoods.closeAll();
    }

    private static RobotPhysicist rp() {
        return RobotPhysicist.forSimulator(SIM).prior(THETA).settings(PHI);
    }

    private static StructType schema(String... columns) {
        StructType s = new StructType();
        for (String c : columns) {
            s = s.add(c, DataTypes.DoubleType, false);
        }
        return s;
    }

    /** The events as a dataset of {@code partitions} contiguous partitions. */
    private static Dataset<Row> dataset(List<double[]> rows, int partitions, String... columns) {
        List<Row> r = rows.stream().map(v -> RowFactory.create(Arrays.stream(v).boxed().toArray())).toList();
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(r,
                partitions), schema(columns));
    }

    /** The single-machine posterior of the events, one observation per phi. */
    private static PosteriorResult singleMachine(SurrogateLikelihood likelihood, PosteriorOptions options) {
        List<Observation> observed = new ArrayList<>();
        for (double phi : new double[] {58, 81}) {
            double[][] x = events.stream().filter(e -> e[1] == phi).map(e -> new double[] {e[0]})
                    .toArray(double[][]::new);
            observed.add(Observation.of(x, phi));
        }
        return rp().posterior(likelihood, observed, options, Cancellation.none());
    }

    /** The posterior of the distributed sums, through the engine's grid posterior. */
    private static PosteriorResult fromSums(SurrogateLikelihood likelihood, List<ExperimentSums> sums,
            PosteriorOptions options) {
        double[] total = new double[sums.get(0).logLikelihood().length];
        List<PosteriorResult.Experiment> experiments = new ArrayList<>();
        for (ExperimentSums s : sums) {
            double[] ll = s.logLikelihood();
            for (int j = 0; j < total.length; j++) {
                total[j] += ll[j];
            }
            experiments.add(new PosteriorResult.Experiment((int) s.events(), s.phi()));
        }
        return rp().posteriorFromSums(likelihood, experiments, total, options);
    }

    private static void assertSameLogDensity(PosteriorResult expected, PosteriorResult got, String what) {
        assertSameLogDensity(expected, got, what, TOLERANCE);
    }

    private static void assertSameLogDensity(PosteriorResult expected, PosteriorResult got, String what,
            double tolerance) {
        double[] a = expected.posterior().logDensity();
        double[] b = got.posterior().logDensity();
        assertEquals(a.length, b.length, what + ": grid points");
        double worst = 0;
        for (int j = 0; j < a.length; j++) {
            if (a[j] == Double.NEGATIVE_INFINITY || b[j] == Double.NEGATIVE_INFINITY) {
                assertEquals(a[j], b[j], what + ": log density at grid point " + j);
                continue;
            }
            worst = Math.max(worst, Math.abs(a[j] - b[j]) / Math.max(1, Math.abs(a[j])));
        }
        assertTrue(worst <= tolerance, what + ": largest relative difference of the log density " + worst
                + " (tolerance " + tolerance + ")");
    }

    @Test
    void exactPosteriorOfTwoExperimentsEqualsTheSingleMachineOneForOneThreeAndEightPartitions() {
        PosteriorOptions options = PosteriorOptions.defaults().withGridPoints(201);
        ExactLikelihood exact = new ExactLikelihood(SIM, THETA, PHI);
        PosteriorResult expected = singleMachine(exact, options);
        Matrix grid = rp().posteriorGrid(options).points();
        for (int partitions : new int[] {1, 3, 8}) {
            List<ExperimentSums> sums = SparkPosterior.logLikelihoodSums(spark, dataset(events, partitions,
                    "x:cos_theta", "phi:sqrt_s"), "test", LikelihoodSource.exact("weinberg-lo", THETA, PHI),
                    SIM.dimensions(), grid, null);
            assertEquals(2, sums.size(), "experiments found with " + partitions + " partitions");
            assertEquals(58, sums.get(0).phi()[0], "first experiment's phi (ascending)");
            assertEquals(1500, sums.get(1).events(), "events of the second experiment");
            assertSameLogDensity(expected, fromSums(exact, sums, options), partitions + " partitions");
        }
    }

    @Test
    void parquetFromTheDistributedSimulationGivesTheSingleMachinePosterior() throws Exception {
        ClusterSimulation job = ClusterSimulation.of(SimulatorSpec.named("weinberg-lo"),
                Matrix.ofRows(new double[][] {{0.2312}, {0.2312}}), Matrix.ofRows(new double[][] {{58}, {81}}), 1000,
                new SimulationSeed(5), Map.of());
        Path out = SparkFixtures.tempDir().resolve("w.parquet");
        SparkSimulation.write(spark, job, 2, out.toString());
        double[] table = SparkFixtures.singleMachine(SIM, job).table().toArray(); // x, theta, phi per row
        List<Observation> observed = new ArrayList<>();
        for (int pair = 0; pair < 2; pair++) {
            double[][] x = new double[1000][];
            for (int i = 0; i < 1000; i++) {
                x[i] = new double[] {table[(pair * 1000 + i) * 3]};
            }
            observed.add(Observation.of(x, job.phi(pair)));
        }
        PosteriorOptions options = PosteriorOptions.defaults().withGridPoints(101);
        ExactLikelihood exact = new ExactLikelihood(SIM, THETA, PHI);
        PosteriorResult expected = rp().posterior(exact, observed, options, Cancellation.none());
        List<ExperimentSums> sums = SparkPosterior.logLikelihoodSums(spark, out.toString(),
                LikelihoodSource.exact("weinberg-lo", THETA, PHI), SIM.dimensions(),
                rp().posteriorGrid(options).points(), null);
        assertSameLogDensity(expected, fromSums(exact, sums, options), "Parquet written by the distributed simulation");
    }

    @Test
    void classifierModelBytesGiveTheSingleMachinePosteriorAndADamagedCopyFailsItsChecksumOnTheExecutor()
            throws Exception {
        Path file = SparkFixtures.tempDir().resolve("w.rpm");
        PosteriorOptions options = PosteriorOptions.defaults().withGridPoints(41);
        try (TrainedModel m = rp().train(TrainOptions.defaults("classifier").withTraining(1_000, 1,
                DeviceRequest.CPU).withEventsPerExperiment(20).withEvidenceNormalization(false))) {
            m.save(file);
            PosteriorResult expected = singleMachine(m.surrogate(), options);
            List<ExperimentSums> sums = SparkPosterior.logLikelihoodSums(spark, dataset(events, 3, "x:cos_theta",
                    "phi:sqrt_s"), "test", LikelihoodSource.modelFile(file), SIM.dimensions(),
                    rp().posteriorGrid(options).points(), null);
            assertSameLogDensity(expected, fromSums(m.surrogate(), sums, options), "classifier model file",
                    NETWORK_TOLERANCE);
        }
        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length - 33] ^= 1; // the last parameter byte, before the 32-byte SHA-256
        ModelFileException e = assertThrows(ModelFileException.class, () -> SparkPosterior.logLikelihoodSums(spark,
                dataset(events, 2, "x:cos_theta", "phi:sqrt_s"), "test", new LikelihoodSource.ModelBytes("w.rpm",
                        damaged), SIM.dimensions(), rp().posteriorGrid(options).points(), null));
        assertTrue(e.getMessage().contains("as received by this worker") && e.getMessage().contains("SHA-256 mismatch")
                && e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void aPhiOutsideTheTrainedRangeIsRefusedOnTheExecutorsByDefaultAndEvaluatedUnderWarn() throws Exception {
        Path file = SparkFixtures.tempDir().resolve("w-range.rpm");
        double[] outside = {PHI.upper()[0] + 5};
        Matrix grid = rp().posteriorGrid(PosteriorOptions.defaults().withGridPoints(21)).points();
        List<double[]> xOnly = events.stream().filter(e -> e[1] == 81).map(e -> new double[] {e[0]}).toList();
        try (TrainedModel m = rp().train(TrainOptions.defaults("classifier").withTraining(1_000, 1,
                DeviceRequest.CPU).withEventsPerExperiment(20).withEvidenceNormalization(false))) {
            m.save(file);
            OutOfSupportException refused = assertThrows(OutOfSupportException.class,
                    () -> SparkPosterior.logLikelihoodSums(spark, dataset(xOnly, 2, "x:cos_theta"), "test",
                            LikelihoodSource.modelFile(file), SIM.dimensions(), grid, outside));
            String message = String.valueOf(refused.getMessage());
            assertTrue(message.contains("phi") && message.contains(String.valueOf(outside[0])), message);

            List<ExperimentSums> sums = SparkPosterior.logLikelihoodSums(spark, dataset(xOnly, 2, "x:cos_theta"),
                    "test", LikelihoodSource.modelFile(file, RangePolicy.WARN), SIM.dimensions(), grid, outside);
            assertEquals(1, sums.size(), "experiments");
            double[][] x = xOnly.toArray(new double[0][]);
            try (TrainedSurrogate lenient = ((TrainedSurrogate) m.surrogate()).copyWithRangePolicy(RangePolicy.WARN)) {
                double[] expected = PosteriorEvaluator.forSurrogate(lenient).logLikelihoodSums(Matrix.ofRows(x), grid,
                        outside);
                double[] found = sums.get(0).logLikelihood();
                for (int j = 0; j < expected.length; j++) {
                    // float32 network, summed in other tiles: relative to the summed magnitudes
                    assertEquals(expected[j], found[j], 1e-6 * (x.length + Math.abs(expected[j])),
                            "log-likelihood sum at theta point " + j + " under WARN");
                }
            }
        }
    }

    @Test
    void eigOnTheExecutorsEqualsTheSingleMachineEstimate() {
        ExactLikelihood exact = new ExactLikelihood(SIM, THETA, PHI);
        ThetaGrid grid = rp().posteriorGrid(PosteriorOptions.defaults().withGridPoints(61));
        Experiment experiment = new Experiment.FixedEventCount(200);
        ExpectedInformationGain local = new ExpectedInformationGain(new ExperimentLikelihood(
                PosteriorEvaluator.forSurrogate(exact), SIM, experiment, false), grid, 8);
        ExpectedInformationGain distributed = new ExpectedInformationGain(new ExperimentLikelihood(
                new SparkEvaluator(spark, LikelihoodSource.exact("weinberg-lo", THETA, PHI), exact), SIM, experiment,
                false), grid, 8);
        var prior = new org.robotphysicist.data.prior.UniformBoxPrior(THETA);
        EigEstimate a = local.estimate(prior, new double[] {70}, new SplittableRandom(3));
        EigEstimate b = distributed.estimate(prior, new double[] {70}, new SplittableRandom(3));
        double difference = Math.abs(a.value() - b.value()) / Math.abs(a.value());
        assertTrue(difference <= TOLERANCE && Math.abs(a.standardError() - b.standardError())
                <= TOLERANCE * a.standardError(), "EIG " + b.value() + " +- " + b.standardError()
                + " on the executors against " + a.value() + " +- " + a.standardError() + " (relative difference "
                + difference + ")");
    }

    /**
     * With the simulator's recipe the experiments of an EIG estimate are simulated on the executors
     * (the driver's simulator refuses to simulate here) from the streams the driver would have used:
     * the estimate equals the single-machine one, for a fixed event count and for a fixed luminosity
     * (Poisson event counts, the rate term included).
     */
    @Test
    void eigWithItsExperimentsSimulatedOnTheExecutorsEqualsTheSingleMachineEstimate() {
        ExactLikelihood exact = new ExactLikelihood(SIM, THETA, PHI);
        ThetaGrid grid = rp().posteriorGrid(PosteriorOptions.defaults().withGridPoints(61));
        Simulator driverOnly = new Simulator() {
            @Override
            public String name() {
                return SIM.name();
            }

            @Override
            public Dimensions dimensions() {
                return SIM.dimensions();
            }

            @Override
            public Box thetaDomain() {
                return SIM.thetaDomain();
            }

            @Override
            public Box phiDomain() {
                return SIM.phiDomain();
            }

            @Override
            public Box xSupport() {
                return SIM.xSupport();
            }

            @Override
            public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
                throw new AssertionError("an experiment was simulated on the driver");
            }
        };
        var prior = new org.robotphysicist.data.prior.UniformBoxPrior(THETA);
        SparkEvaluator distributed = new SparkEvaluator(spark, LikelihoodSource.exact("weinberg-lo", THETA, PHI), exact,
                SimulatorSpec.named("weinberg-lo"));
        Experiment fixed = new Experiment.FixedEventCount(200);
        EigEstimate a = new ExpectedInformationGain(new ExperimentLikelihood(PosteriorEvaluator.forSurrogate(exact),
                SIM, fixed, false), grid, 8).estimate(prior, new double[] {70}, new SplittableRandom(3));
        EigEstimate b = new ExpectedInformationGain(new ExperimentLikelihood(distributed, driverOnly, fixed, false),
                grid, 8).estimate(prior, new double[] {70}, new SplittableRandom(3));
        assertSameEstimate("fixed count", a, b);

        Experiment luminosity = new Experiment.FixedLuminosity(0.5);
        EigEstimate c = new ExpectedInformationGain(new ExperimentLikelihood(PosteriorEvaluator.forSurrogate(exact),
                SIM, luminosity, true), grid, 8).estimate(prior, new double[] {88}, new SplittableRandom(4));
        EigEstimate d = new ExpectedInformationGain(new ExperimentLikelihood(distributed, SIM, luminosity, true), grid,
                8).estimate(prior, new double[] {88}, new SplittableRandom(4));
        assertSameEstimate("fixed luminosity", c, d);
        assertEquals(c.meanEvents(), d.meanEvents(), 0, "mean Poisson event count of the simulated experiments");

        var e = assertThrows(InvalidInputException.class, () -> new ExpectedInformationGain(new ExperimentLikelihood(
                new SparkEvaluator(spark, LikelihoodSource.exact("weinberg-lo", THETA, PHI), exact,
                        SimulatorSpec.named("toy-gaussian")), SIM, fixed, false), grid, 8)
                .estimate(prior, new double[] {70}, new SplittableRandom(3)));
        assertTrue(e.getMessage().contains("expected the simulator toy-gaussian the evaluator opens there but found"
                + " weinberg-lo"), e.getMessage());
    }

    private static void assertSameEstimate(String what, EigEstimate local, EigEstimate distributed) {
        double difference = Math.abs(local.value() - distributed.value()) / Math.abs(local.value());
        assertTrue(difference <= TOLERANCE && Math.abs(local.standardError() - distributed.standardError())
                <= TOLERANCE * local.standardError(), what + ": EIG " + distributed.value() + " +- "
                + distributed.standardError() + " simulated on the executors against " + local.value() + " +- "
                + local.standardError() + " (relative difference " + difference + ")");
    }

    /** A stream continued from its captured state draws what the original draws next. */
    @Test
    void aRandomStreamContinuesExactlyFromItsCapturedState() {
        SplittableRandom original = new SplittableRandom(42).split();
        original.nextDouble();
        SplittableRandom copy = RandomStreamState.of(original).restore();
        for (int i = 0; i < 1000; i++) {
            assertEquals(original.nextLong(), copy.nextLong(), "draw " + i);
        }
        assertEquals(original.split().nextLong(), copy.split().nextLong(), "a split of each");
    }

    @Test
    void refusesWrongColumnsNamingTheExpectedOnes() throws Exception {
        Path out = SparkFixtures.tempDir().resolve("wrong.parquet");
        dataset(events, 1, "x:costheta", "phi:sqrt_s").write().parquet(out.toString());
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> SparkPosterior.logLikelihoodSums(
                spark, out.toString(), LikelihoodSource.exact("weinberg-lo", THETA, PHI), SIM.dimensions(),
                rp().posteriorGrid(PosteriorOptions.defaults().withGridPoints(11)).points(), null));
        assertTrue(e.getMessage().contains("expected the columns [x:cos_theta, phi:sqrt_s] (double) but found"
                + " [x:costheta double, phi:sqrt_s double]"), e.getMessage());
    }

    @Test
    void refusesANaNEventNamingItsPartitionRowAndColumn() {
        List<double[]> bad = new ArrayList<>(events.subList(0, 10));
        bad.set(7, new double[] {Double.NaN, 58});
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> SparkPosterior.logLikelihoodSums(
                spark, dataset(bad, 1, "x:cos_theta", "phi:sqrt_s"), "test", LikelihoodSource.exact("weinberg-lo",
                        THETA, PHI), SIM.dimensions(), rp().posteriorGrid(PosteriorOptions.defaults()
                        .withGridPoints(11)).points(), null));
        assertTrue(e.getMessage().contains("partition 0 row 7 column 'x:cos_theta': expected a finite number but found"
                + " NaN"), e.getMessage());
    }
}

package org.robotphysicist.benchmarks.posterior;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.models.ratio.SplitMlpGridEvaluator;
import org.robotphysicist.models.ratio.calibration.ScoreCalibration;

/**
 * One grid evaluation S<sub>j</sub> = Σ<sub>i</sub> log r̂(x<sub>i</sub>, θ<sub>j</sub>, φ) for N
 * events × M grid points with a ReLU classifier 3→128→128→128→1 in float32 (x, θ, φ one-dimensional;
 * weights from a fixed seed), through {@link PosteriorEvaluator#forSurrogate} (the split-first-layer
 * device evaluator) or a {@link SplitMlpGridEvaluator} with fixed tiles. Single-shot: one
 * evaluation of 10⁷–10⁸ pairs is seconds to minutes, far above any timer resolution. Run it through
 * {@link PosteriorEvaluatorComparison}, which converts the time to evaluations per second and runs the
 * Python peer in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PosteriorEvaluatorBenchmark {
    @Param("10000")
    int events;
    @Param({"1000", "10000"})
    int grid;
    /** Pairs per tile; 0 for the automatic choice. */
    @Param("0")
    int tileRows;
    /** Tiles run at once; 0 for the evaluator's default. */
    @Param("0")
    int concurrentTiles;

    private ParameterizedRatioClassifier classifier;
    private PosteriorEvaluator evaluator;
    private Matrix x;
    private Matrix thetas;
    private final double[] phi = {1.0};

    /** The benchmark's classifier: the 3→128→128→128→1 network, untrained (speed does not depend on the weights). */
    static ParameterizedRatioClassifier classifier() {
        Mlp net = Mlp.initialize(MlpSpec.of(3, 128, 3, 1, ActivationFunction.RELU), Device.cpu(), DataType.FLOAT32,
                new SplittableRandom(1));
        return new ParameterizedRatioClassifier(Dimensions.of("mu", "variance", "x"), net,
                new Standardizer(new double[] {0.3, 0.0, 1.0}, new double[] {1.2, 0.58, 0.3}),
                new ParameterizedRatioClassifier.Settings(RatioForm.likelihoodToEvidence(), ScoreCalibration.none()),
                new TrainedRanges(Box.interval(-1, 1), Box.interval(0.5, 2), Box.interval(-10, 10)), RangePolicy.FAIL,
                Provenance.capture("posterior-evaluator-benchmark", Map.of(), Map.of("init", 1L), Map.of()),
                TrainingCurve.untrained(), ParameterizedRatioClassifier.DEFAULT_TILE_ROWS);
    }

    /** N events x = 0.3 + 1.2·z, z standard normal (seeded). */
    static Matrix events(int n) {
        SplittableRandom rng = new SplittableRandom(2);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(-9.9, Math.min(9.9, 0.3 + 1.2 * rng.nextGaussian()));
        }
        return Matrix.ofColumn(v);
    }

    @Setup(Level.Trial)
    public void setUp() {
        classifier = classifier();
        evaluator = tileRows == 0 && concurrentTiles == 0 ? PosteriorEvaluator.forSurrogate(classifier)
                : PosteriorEvaluator.of(new SplitMlpGridEvaluator(classifier, tileRows == 0
                        ? SplitMlpGridEvaluator.automaticTiles(Device.cpu())
                        : TilingConfig.fixed(tileRows), concurrentTiles == 0
                        ? SplitMlpGridEvaluator.defaultConcurrentTiles(Device.cpu()) : concurrentTiles));
        System.out.println(evaluator);
        x = events(events);
        thetas = RegularGrid.of(-1, 1, grid).points();
        evaluator.logLikelihoodSums(x, RegularGrid.of(-1, 1, 20).points(), phi);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        classifier.close();
    }

    @Benchmark
    public double[] evaluate() {
        return evaluator.logLikelihoodSums(x, thetas, phi);
    }
}

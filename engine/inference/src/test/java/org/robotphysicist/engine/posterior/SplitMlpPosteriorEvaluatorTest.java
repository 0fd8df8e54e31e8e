package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.maxAbsDifference;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.AdaptiveTiling;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.GridEvaluator;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.TiledGridEvaluator;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.neural.AlignedArrays;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.models.ratio.EvidenceNormalization;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.models.ratio.SplitMlpGridEvaluator;
import org.robotphysicist.models.ratio.calibration.CalibrationMethod;
import org.robotphysicist.models.ratio.calibration.ScoreCalibration;

/**
 * The split-first-layer evaluator against the classifier's own path and a plain float64 forward
 * pass, on a freshly initialized 3→32→32→32→1 SiLU classifier (weights from a fixed seed; logits
 * of order one, which is all the comparison needs).
 *
 * <p><b>Float32 bound.</b> |S<sub>j</sub><sup>split</sup> − S<sub>j</sub><sup>other</sup>| ≤
 * 10⁻⁶ · Σ<sub>i</sub> (1 + |ℓ<sub>ij</sub>|), i.e. 10⁻⁶ per event for logits of order one. Both
 * paths compute each logit in float32 from the same float32 inputs; they differ only in the first
 * layer's rounding order (A[i] + B[j] instead of one three-term dot product) and in the order of
 * the float64 reduction. A logit then carries a few float32 roundings (u = 6·10⁻⁸) per layer, of
 * the order of the activations' magnitude (≈ 1 for standardized inputs): the worst grid point
 * measured ≈ 7·10⁻⁸ per event (about one ulp), so 10⁻⁶ (≈ 17 u) leaves a margin of ten for other
 * CPUs' matrix-product kernels, while any real error (a θ column taken as x, a missed bias, a wrong
 * normalization) moves logits by 10⁻¹ or more. <b>Float64:</b> the network built in float64
 * ({@code copyWithDataType(FLOAT64)}: DJL's PyTorch engine runs float64 matrix products) agrees with a
 * plain float64 forward pass of the concatenated inputs to 10⁻⁹ of Σ<sub>i</sub>|ℓ<sub>ij</sub>|.
 */
class SplitMlpPosteriorEvaluatorTest {
    private static final Dimensions DIMS = Dimensions.of("mu", "variance", "x");
    private static final double FLOAT32_BOUND = 1e-6;
    private static final double FLOAT64_BOUND = 1e-9;
    private static final double[] PHI = {1.3};

    private static ParameterizedRatioClassifier c32;
    private static ParameterizedRatioClassifier c64;

    @BeforeAll
    static void classifiers() {
        c32 = classifier(ScoreCalibration.none());
        c64 = c32.copyWithDataType(DataType.FLOAT64);
    }

    @AfterAll
    static void close() {
        c32.close();
        c64.close();
    }

    static ParameterizedRatioClassifier classifier(ScoreCalibration calibration) {
        Mlp net = Mlp.initialize(MlpSpec.of(3, 32, 3, 1, ActivationFunction.SILU), Device.cpu(), DataType.FLOAT32,
                new SplittableRandom(21));
        return new ParameterizedRatioClassifier(DIMS, net,
                new Standardizer(new double[] {0.1, 0.05, 1.25}, new double[] {1.4, 0.58, 0.43}),
                new ParameterizedRatioClassifier.Settings(RatioForm.likelihoodToEvidence(), calibration),
                new TrainedRanges(Box.interval(-1, 1), Box.interval(0.5, 2), Box.interval(-6, 6)), RangePolicy.FAIL,
                Provenance.capture("test", Map.of(), Map.of("init", 21L), Map.of()), TrainingCurve.untrained(),
                ParameterizedRatioClassifier.DEFAULT_TILE_ROWS);
    }

    private static Matrix events(int n, long seed) {
        return new ToyGaussianSimulator().simulate(new double[] {0.3}, PHI, n, new SplittableRandom(seed));
    }

    /** Σᵢ ℓᵢⱼ and Σᵢ |ℓᵢⱼ| from a plain forward pass of the concatenated, standardized (x, θ, φ) rows. */
    private static double[][] plainForward(ParameterizedRatioClassifier c, Matrix x, Matrix grid) {
        Standardizer s = c.inputStandardizer();
        int n = x.rows();
        double[] sum = new double[grid.rows()];
        double[] abs = new double[grid.rows()];
        for (int j = 0; j < grid.rows(); j++) {
            double[] z = new double[n * 3];
            for (int i = 0; i < n; i++) {
                double[] row = s.apply(Matrix.ofRows(new double[] {x.get(i, 0), grid.get(j, 0), PHI[0]})).row(0);
                System.arraycopy(row, 0, z, 3 * i, 3);
            }
            try (NDManager m = c.network().newSubManager()) {
                NDArray input = c.network().dataType() == DataType.FLOAT64 ? AlignedArrays.of(m, z, new Shape(n, 3))
                        : AlignedArrays.of(m, toFloat(z), new Shape(n, 3));
                double[] logits = c.network().forward(input).toType(DataType.FLOAT64, false).toDoubleArray();
                for (double l : logits) {
                    sum[j] += l;
                    abs[j] += Math.abs(l);
                }
            }
        }
        return new double[][] {sum, abs};
    }

    private static float[] toFloat(double[] z) {
        float[] f = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            f[i] = (float) z[i];
        }
        return f;
    }

    /** max over j of |a_j − b_j| / scale_j. */
    private static double worst(double[] a, double[] b, double[] scale) {
        double w = 0;
        for (int j = 0; j < a.length; j++) {
            w = Math.max(w, Math.abs(a[j] - b[j]) / scale[j]);
        }
        return w;
    }

    private static double[] onePlus(double[] abs, int n) {
        double[] out = new double[abs.length];
        for (int j = 0; j < abs.length; j++) {
            out[j] = n + abs[j];
        }
        return out;
    }

    @Test
    void float32SplitEqualsTheClassifiersPathAndThePlainForwardPass() {
        Matrix x = events(300, 1);
        Matrix grid = RegularGrid.of(-1, 1, 101).points();
        double[] split = new SplitMlpGridEvaluator(c32, TilingConfig.fixed(1000)).logLikelihoodSums(x, grid, PHI);
        double[] generic = new TiledGridEvaluator(c32, TilingConfig.automatic()).logLikelihoodSums(x, grid, PHI);
        double[][] plain = plainForward(c32, x, grid);
        double[] scale = onePlus(plain[1], x.rows());
        double vsGeneric = worst(split, generic, scale);
        double vsPlain = worst(split, plain[0], scale);
        System.out.printf("float32 split vs classifier path %.3g, vs plain forward %.3g (per event, of 1 + |logit|)%n",
                vsGeneric, vsPlain);
        assertTrue(vsGeneric <= FLOAT32_BOUND, () -> "split vs classifier path: " + vsGeneric + " > " + FLOAT32_BOUND);
        assertTrue(vsPlain <= FLOAT32_BOUND, () -> "split vs plain forward: " + vsPlain + " > " + FLOAT32_BOUND);
    }

    @Test
    void float64SplitEqualsThePlainFloat64ForwardPass() {
        Matrix x = events(300, 2);
        Matrix grid = RegularGrid.of(-1, 1, 101).points();
        double[] split = new SplitMlpGridEvaluator(c64, TilingConfig.fixed(777)).logLikelihoodSums(x, grid, PHI);
        double[][] plain = plainForward(c64, x, grid);
        double rel = worst(split, plain[0], plain[1]);
        double[] f32 = new SplitMlpGridEvaluator(c32, TilingConfig.fixed(777)).logLikelihoodSums(x, grid, PHI);
        double f32Error = worst(f32, plain[0], onePlus(plain[1], x.rows()));
        System.out.printf("float64 split vs plain float64 forward: %.3g of sum |logit|; float32 split vs float64:"
                + " %.3g per event%n", rel, f32Error);
        assertTrue(rel <= FLOAT64_BOUND, () -> "float64 split vs plain forward: " + rel + " > " + FLOAT64_BOUND);
        assertTrue(f32Error <= FLOAT32_BOUND, () -> "float32 split vs float64: " + f32Error + " > " + FLOAT32_BOUND);
    }

    /**
     * Tiles that divide neither N nor M, single pairs, one tile for everything, and tiles run
     * concurrently (more threads than grid points included) agree.
     */
    @Test
    void tileSizeDoesNotChangeTheSums() {
        Matrix x = events(50, 3);
        Matrix grid = RegularGrid.of(-0.9, 0.9, 23).points();
        int n = x.rows();
        int all = n * grid.rows();
        double[] ref64 = new SplitMlpGridEvaluator(c64, TilingConfig.fixed(all)).logLikelihoodSums(x, grid, PHI);
        double[] ref32 = new SplitMlpGridEvaluator(c32, TilingConfig.fixed(all)).logLikelihoodSums(x, grid, PHI);
        double[] abs = plainForward(c64, x, grid)[1];
        for (int rows : new int[] {1, 7, n - 1, n + 1, 3 * n + 5, all - 1}) {
            double[] t64 = new SplitMlpGridEvaluator(c64, TilingConfig.fixed(rows)).logLikelihoodSums(x, grid, PHI);
            double[] t32 = new SplitMlpGridEvaluator(c32, TilingConfig.fixed(rows)).logLikelihoodSums(x, grid, PHI);
            double d64 = worst(t64, ref64, abs);
            double d32 = worst(t32, ref32, onePlus(abs, n));
            assertTrue(d64 <= FLOAT64_BOUND, () -> "float64, tiles of " + rows + ": " + d64 + " > " + FLOAT64_BOUND);
            assertTrue(d32 <= FLOAT32_BOUND, () -> "float32, tiles of " + rows + ": " + d32 + " > " + FLOAT32_BOUND);
        }
        for (int concurrent : new int[] {2, 3, 40}) {
            double[] t64 = new SplitMlpGridEvaluator(c64, TilingConfig.fixed(n + 1), concurrent)
                    .logLikelihoodSums(x, grid, PHI);
            double d64 = worst(t64, ref64, abs);
            assertTrue(d64 <= FLOAT64_BOUND, () -> "float64, " + concurrent + " concurrent tiles: " + d64 + " > "
                    + FLOAT64_BOUND);
        }
    }

    /** Calibration (per pair, non-linear) and evidence normalization (per θ) are applied as the classifier does. */
    @Test
    void calibrationAndNormalizationMatchTheClassifiersPath() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] scores = new double[4000];
        boolean[] labels = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            labels[i] = i % 2 == 0;
            scores[i] = (labels[i] ? 0.4 : -0.4) + 1.5 * rng.nextGaussian();
        }
        RegularGrid nodes = EvidenceNormalization.nodes(Box.interval(-1, 1), Box.interval(0.5, 2), 5, 3);
        double[] logZ = new double[nodes.size()];
        for (int k = 0; k < logZ.length; k++) {
            logZ[k] = 0.05 * rng.nextGaussian();
        }
        try (ParameterizedRatioClassifier calibrated = c32.copyWithCalibration(
                ScoreCalibration.fit(CalibrationMethod.HISTOGRAM, scores, labels, 0));
                ParameterizedRatioClassifier c = calibrated.copyWithNormalization(
                        new EvidenceNormalization(nodes, logZ, 1000))) {
            Matrix x = events(200, 5);
            Matrix grid = RegularGrid.of(-1, 1, 61).points();
            double[] split = new SplitMlpGridEvaluator(c, TilingConfig.fixed(999)).logLikelihoodSums(x, grid, PHI);
            double[] generic = new TiledGridEvaluator(c, TilingConfig.automatic()).logLikelihoodSums(x, grid, PHI);
            double[] uncalibrated = new SplitMlpGridEvaluator(c32, TilingConfig.fixed(999))
                    .logLikelihoodSums(x, grid, PHI);
            double[] scale = onePlus(plainForward(c32, x, grid)[1], x.rows());
            double d = worst(split, generic, scale);
            double effect = worst(uncalibrated, generic, scale);
            System.out.printf("calibrated + normalized: split vs classifier path %.3g (calibration's own effect %.3g)%n",
                    d, effect);
            assertTrue(d <= FLOAT32_BOUND, () -> "calibrated split vs classifier path: " + d + " > " + FLOAT32_BOUND);
            assertTrue(effect > 100 * FLOAT32_BOUND, () -> "the calibration changed the sums by only " + effect);
        }
    }

    /** forSurrogate picks the split evaluator for a classifier; its grid posterior equals the generic one's. */
    @Test
    void forSurrogateUsesTheSplitAndThePosteriorMatchesTheGenericPath() {
        PosteriorEvaluator chosen = PosteriorEvaluator.forSurrogate(c32);
        assertInstanceOf(SplitMlpGridEvaluator.class, assertInstanceOf(SurrogateGridEvaluator.class, chosen)
                .gridEvaluator());
        assertInstanceOf(TiledGridEvaluator.class, assertInstanceOf(SurrogateGridEvaluator.class,
                PosteriorEvaluator.forSurrogate(new ExactLikelihood(new ToyGaussianSimulator()))).gridEvaluator());
        Matrix x = events(400, 6);
        RegularGrid grid = RegularGrid.of(-1, 1, 201);
        UniformBoxPrior prior = UniformBoxPrior.interval(-1, 1);
        GridPosterior split = GridPosterior.fromLogLikelihood(prior, grid, List.of("mu"),
                chosen.logLikelihoodSums(x, grid.points(), PHI));
        GridPosterior generic = GridPosterior.fromLogLikelihood(prior, grid, List.of("mu"),
                new TiledGridEvaluator(c32, TilingConfig.automatic()).logLikelihoodSums(x, grid.points(), PHI));
        double sd = generic.standardDeviation()[0];
        assertClose("(split mean - generic mean) / sd", 0, (split.mean()[0] - generic.mean()[0]) / sd, 1e-4);
        assertClose("split sd / generic sd", 1, split.standardDeviation()[0] / sd, 1e-4);
        double[] p = split.probabilities();
        double[] q = generic.probabilities();
        double worst = maxAbsDifference(p, q);
        assertClose("max |p_split - p_generic| over the grid", 0, worst, 1e-5);
    }

    @Test
    void manyDatasetsEqualOneCallEach() {
        GridEvaluator e = SplitMlpGridEvaluator.automatic(c32);
        Matrix grid = RegularGrid.of(-1, 1, 31).points();
        List<Matrix> datasets = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            datasets.add(events(20 + 13 * k, 10 + k));
        }
        double[][] batch = e.logLikelihoodSums(datasets, grid, PHI);
        for (int k = 0; k < datasets.size(); k++) {
            assertArrayEquals(e.logLikelihoodSums(datasets.get(k), grid, PHI), batch[k], 0.0, "dataset " + k);
        }
    }

    @Test
    void badInputIsRefusedWithClearErrors() {
        SplitMlpGridEvaluator e = SplitMlpGridEvaluator.automatic(c32);
        Matrix x = events(10, 7);
        Matrix grid = RegularGrid.of(-1, 1, 11).points();
        assertThrows(NonFiniteValueException.class,
                () -> e.logLikelihoodSums(Matrix.ofColumn(0.1, Double.NaN, 0.3), grid, PHI));
        var outside = assertThrows(OutOfSupportException.class,
                () -> e.logLikelihoodSums(x, RegularGrid.of(-1, 1.5, 11).points(), PHI));
        assertTrue(outside.getMessage().contains("theta"), outside::getMessage);
        assertThrows(OutOfSupportException.class, () -> e.logLikelihoodSums(x, grid, new double[] {3.0}));
        var far = assertThrows(OutOfSupportException.class,
                () -> e.logLikelihoodSums(Matrix.ofColumn(0.0, 9.0), grid, PHI));
        assertTrue(far.getMessage().contains("trained on"), far::getMessage);
        var wide = assertThrows(DimensionMismatchException.class,
                () -> e.logLikelihoodSums(Matrix.of(2, 2, new double[] {0, 1, 2, 3}), grid, PHI));
        assertTrue(wide.getMessage().contains("events"), wide::getMessage);
        assertThrows(DimensionMismatchException.class,
                () -> e.logLikelihoodSums(x, Matrix.of(2, 2, new double[] {0, 0.1, 0.2, 0.3}), PHI));
        assertThrows(DimensionMismatchException.class, () -> e.logLikelihoodSums(x, grid, new double[] {1.0, 1.0}));
    }
}

package org.robotphysicist.models.ratio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.maxAbsDifference;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.dataset.ColumnRole;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.KeyFiles;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelSignatureException;
import org.robotphysicist.models.file.SigningKey;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.file.TrustedKeys;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.models.ratio.calibration.IsotonicCalibration;
import org.robotphysicist.models.ratio.calibration.ScoreCalibration;

/** Mechanics of the classifier on a freshly initialized (untrained) network; accuracy is tested in training. */
class ParameterizedRatioClassifierTest {
    private static final Dimensions DIMS = Dimensions.of("mu", "variance", "x");

    @TempDir
    Path dir;

    static ParameterizedRatioClassifier untrained(ScoreCalibration calibration, int tileRows) {
        Mlp net = Mlp.initialize(MlpSpec.of(3, 16, 2, 1, ActivationFunction.TANH), Device.cpu(), DataType.FLOAT32,
                new SplittableRandom(9));
        return new ParameterizedRatioClassifier(DIMS, net,
                new Standardizer(new double[] {0, 0, 1.25}, new double[] {1.4, 0.58, 0.43}),
                new ParameterizedRatioClassifier.Settings(RatioForm.likelihoodToEvidence(), calibration),
                new TrainedRanges(Box.interval(-1, 1), Box.interval(0.5, 2), Box.interval(-6, 6)), RangePolicy.FAIL,
                Provenance.capture("test", Map.of(), Map.of("init", 9L), Map.of()), TrainingCurve.untrained(), tileRows);
    }

    private static Matrix[] rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] t = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -5 + 10 * r.nextDouble();
            t[i] = -1 + 2 * r.nextDouble();
            p[i] = 0.5 + 1.5 * r.nextDouble();
        }
        return new Matrix[] {Matrix.ofColumn(x), Matrix.ofColumn(t), Matrix.ofColumn(p)};
    }

    @Test
    void saveThenLoadReproducesEveryOutputBitForBit() {
        Matrix[] in = rows(5000, 1);
        IsotonicCalibration cal = new IsotonicCalibration(new double[] {-1, 0, 2}, new double[] {0.1, 0.5, 0.8}, 10, 12);
        try (ParameterizedRatioClassifier c = untrained(cal, 1024)) {
            Path p = dir.resolve("c.rpm");
            c.save(p);
            double[] before = c.logLikelihood(in[0], in[1], in[2]);
            try (ParameterizedRatioClassifier back = ParameterizedRatioClassifier.load(p, LoadOptions.defaults());
                    TrainedSurrogate any = SurrogateFiles.load(p, LoadOptions.defaults())) {
                assertArrayEquals(before, back.logLikelihood(in[0], in[1], in[2]));
                assertArrayEquals(before, any.logLikelihood(in[0], in[1], in[2]));
                assertEquals(c.calibration(), back.calibration());
                assertEquals(c.form(), back.form());
                assertEquals(c.inputStandardizer(), back.inputStandardizer());
                assertEquals(c.trainedRanges(), back.trainedRanges());
                assertEquals(9L, back.provenance().seeds().get("init"));
                assertTrue(any instanceof ParameterizedRatioClassifier);
            }
        }
    }

    @Test
    void tamperedFilesAreRefused() throws Exception {
        try (ParameterizedRatioClassifier c = untrained(ScoreCalibration.none(), 1024)) {
            Path p = dir.resolve("c.rpm");
            c.save(p);
            byte[] b = Files.readAllBytes(p);
            b[b.length - 100] ^= 0x10;
            Files.write(p, b);
            var e = assertThrows(MalformedDataException.class, () -> ParameterizedRatioClassifier.load(p,
                    LoadOptions.defaults()));
            assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        }
    }

    @Test
    void aSignatureRequiredByTheLoadOptionsIsCheckedByEveryLoadPath() {
        try (ParameterizedRatioClassifier c = untrained(ScoreCalibration.none(), 1024)) {
            SigningKey key = KeyFiles.generateEd25519(dir.resolve("k"), dir.resolve("k.pub"));
            LoadOptions strict = LoadOptions.defaults()
                    .requireSignature(TrustedKeys.read(List.of(dir.resolve("k.pub"))));
            Path unsigned = dir.resolve("u.rpm");
            Path signed = dir.resolve("s.rpm");
            c.save(unsigned);
            c.save(signed, key);
            try (ParameterizedRatioClassifier back = ParameterizedRatioClassifier.load(signed, strict);
                    TrainedSurrogate any = SurrogateFiles.load(signed, strict)) {
                assertEquals(c.trainedRanges(), back.trainedRanges());
                assertTrue(any instanceof ParameterizedRatioClassifier);
            }
            assertThrows(ModelSignatureException.class, () -> ParameterizedRatioClassifier.load(unsigned, strict));
            assertThrows(ModelSignatureException.class, () -> SurrogateFiles.load(unsigned, strict));
        }
    }

    @Test
    void tilingAndCalibrationAreApplied() {
        Matrix[] in = rows(3000, 2);
        IsotonicCalibration cal = new IsotonicCalibration(new double[] {-1, 0, 2}, new double[] {0.1, 0.5, 0.8}, 10, 12);
        try (ParameterizedRatioClassifier small = untrained(ScoreCalibration.none(), 7);
                ParameterizedRatioClassifier big = untrained(ScoreCalibration.none(), 1 << 14);
                ParameterizedRatioClassifier calibrated = big.copyWithCalibration(cal)) {
            double[] a = small.logLikelihood(in[0], in[1], in[2]);
            double[] b = big.logLikelihood(in[0], in[1], in[2]);
            float[] logits = big.logits(in[0], in[1], in[2]);
            double[] c = calibrated.logLikelihood(in[0], in[1], in[2]);
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
                assertEquals(cal.logRatio(logits[i]), c[i], "calibrated row " + i);
                assertEquals((double) logits[i], b[i], "uncalibrated row " + i);
            }
            assertClose("max |tile 7 - tile 16384| (float32 round-off)", 0, worst, 1e-5);
        }
    }

    /** Four threads evaluating at once get exactly what one thread gets. */
    @Test
    void concurrentEvaluationIsSafe() throws Exception {
        Matrix[] in = rows(20_000, 3);
        try (ParameterizedRatioClassifier c = untrained(ScoreCalibration.none(), 4096)) {
            double[] reference = c.logLikelihood(in[0], in[1], in[2]);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[]>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> c.logLikelihood(in[0], in[1], in[2])));
                }
                for (Future<double[]> f : results) {
                    assertArrayEquals(reference, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void rangePolicyFailsOrWarns() {
        try (ParameterizedRatioClassifier c = untrained(ScoreCalibration.none(), 1024);
                ParameterizedRatioClassifier lenient = c.copyWithRangePolicy(RangePolicy.WARN)) {
            var e = assertThrows(OutOfSupportException.class,
                    () -> c.logLikelihood(Matrix.ofColumn(7.5), Matrix.ofColumn(0), Matrix.ofColumn(1)));
            assertTrue(e.getMessage().contains("7.5") && e.getMessage().contains("RangePolicy.WARN"), e.getMessage());
            assertThrows(OutOfSupportException.class,
                    () -> c.summedLogLikelihood(Matrix.ofColumn(0), Matrix.ofColumn(0), new double[] {2.5}));
            double[] v = lenient.logLikelihood(Matrix.ofColumn(7.5), Matrix.ofColumn(1.5), Matrix.ofColumn(3));
            assertTrue(Double.isFinite(v[0]));
            assertEquals(1, lenient.summedLogLikelihood(Matrix.ofColumn(9), Matrix.ofColumn(-2), new double[] {4}).length);
        }
    }

    @Test
    void badInputAndUseAfterCloseAreRejected() {
        ParameterizedRatioClassifier c = untrained(ScoreCalibration.none(), 1024);
        var e = assertThrows(DimensionMismatchException.class,
                () -> c.logLikelihood(Matrix.ofColumn(0, 1), Matrix.ofColumn(0), Matrix.ofColumn(1, 1)));
        assertTrue(e.getMessage().contains("theta: expected 2 rows but found 1"), e.getMessage());
        assertArrayEquals(new int[] {1, 2}, c.columns(ColumnRole.THETA));
        assertArrayEquals(new int[] {2, 3}, c.columns(ColumnRole.PHI));
        var d = assertThrows(DimensionMismatchException.class, () -> new ParameterizedRatioClassifier(
                Dimensions.of("a", "b", "c"), Mlp.initialize(MlpSpec.of(4, 8, 1, 1, ActivationFunction.RELU), Device.cpu(),
                        DataType.FLOAT32, new SplittableRandom(1)), Standardizer.identity(3),
                new ParameterizedRatioClassifier.Settings(RatioForm.likelihoodToEvidence(), ScoreCalibration.none()),
                new TrainedRanges(Box.interval(0, 1), Box.interval(0, 1), Box.interval(0, 1)), RangePolicy.FAIL,
                Provenance.capture("t", Map.of(), Map.of(), Map.of()), null, 10));
        assertTrue(d.getMessage().contains("expected a network 3 -> ... -> 1"), d.getMessage());
        c.close();
        var closed = assertThrows(IllegalStateException.class,
                () -> c.logLikelihood(Matrix.ofColumn(0), Matrix.ofColumn(0), Matrix.ofColumn(1)));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    @Test
    void float64CopyAgreesWithFloat32() {
        Matrix[] in = rows(1000, 4);
        try (ParameterizedRatioClassifier c = untrained(ScoreCalibration.none(), 1024);
                ParameterizedRatioClassifier d = c.copyWithDataType(DataType.FLOAT64)) {
            double[] a = c.logLikelihood(in[0], in[1], in[2]);
            double[] b = d.logLikelihood(in[0], in[1], in[2]);
            double worst = maxAbsDifference(a, b);
            assertClose("max |float32 - float64|", 0, worst, 1e-5);
        }
    }
}

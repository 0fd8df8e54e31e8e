package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.neural.Standardizer;

/**
 * Model files of flows (untrained but far from the identity, so every parameter matters): a
 * saved and reloaded flow gives bit-identical log-likelihoods, grid sums and samples; damaged
 * files are refused; the range policy is honoured. Accuracy is tested in training.
 */
class TrainedFlowTest {
    private static final Dimensions DIMS = new Dimensions(List.of("a", "b"), List.of("e"), List.of("x1", "x2", "x3"));

    @TempDir
    Path dir;

    static TrainedFlow untrained(FlowSpec.Kind kind, RangePolicy policy) {
        return untrained(kind, policy, Provenance.capture("test", Map.of(), Map.of("init", 31L), Map.of()));
    }

    static TrainedFlow untrained(FlowSpec.Kind kind, RangePolicy policy, Provenance provenance) {
        FlowSpec spec = kind == FlowSpec.Kind.MAF ? FlowSpec.maf(3, 3, 3, List.of(16, 16))
                : FlowSpec.nsf(3, 3, 2, List.of(16, 16), 6, 3.0);
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        ConditionalFlow flow = spec.build();
        flow.initializeParameters(manager, DataType.FLOAT32, new SplittableRandom(31), 0.7);
        FlowEvaluator evaluator = new FlowEvaluator(flow, new Standardizer(new double[] {0.1, -0.2, 0.3},
                new double[] {1.1, 0.8, 1.7}), new Standardizer(new double[] {0, 0.5, 2}, new double[] {0.6, 0.3, 1}),
                FlowEvaluator.DEFAULT_TILE_ROWS);
        TrainedRanges ranges = new TrainedRanges(new Box(new double[] {-1, 0}, new double[] {1, 1}),
                Box.interval(1, 3), new Box(new double[] {-12, -12, -12}, new double[] {12, 12, 12}));
        return new TrainedFlow(DIMS, manager, evaluator, ranges, policy, provenance, TrainingCurve.untrained());
    }

    private static Matrix[] rows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * 3];
        double[] t = new double[n * 2];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                x[i * 3 + d] = 2 * rng.nextGaussian();
            }
            t[i * 2] = 2 * rng.nextDouble() - 1;
            t[i * 2 + 1] = rng.nextDouble();
            p[i] = 1 + 2 * rng.nextDouble();
        }
        return new Matrix[] {Matrix.of(n, 3, x), Matrix.of(n, 2, t), Matrix.ofColumn(p)};
    }

    @ParameterizedTest
    @EnumSource(FlowSpec.Kind.class)
    void savedAndLoadedFlowsAreBitIdentical(FlowSpec.Kind kind) {
        Path path = dir.resolve(kind + ModelFile.EXTENSION);
        Matrix[] r = rows(500, 3);
        Matrix grid = Matrix.of(4, 2, new double[] {-0.5, 0.1, 0, 0.5, 0.5, 0.9, 0.9, 0.2});
        try (TrainedFlow original = untrained(kind, RangePolicy.FAIL)) {
            original.save(path);
            try (TrainedSurrogate loaded = SurrogateFiles.load(path, LoadOptions.defaults())) {
                TrainedFlow flow = assertInstanceOf(TrainedFlow.class, loaded);
                assertEquals(TrainedFlow.kindOf(kind), flow.kind());
                assertEquals(original.spec(), flow.spec());
                assertEquals(original.parameters().sha256(), flow.parameters().sha256());
                assertArrayEquals(original.logLikelihood(r[0], r[1], r[2]), flow.logLikelihood(r[0], r[1], r[2]));
                assertArrayEquals(original.summedLogLikelihood(r[0], grid, new double[] {2}),
                        flow.summedLogLikelihood(r[0], grid, new double[] {2}));
                Matrix a = original.sample(200, new double[] {0.2, 0.4}, new double[] {1.5}, new SplittableRandom(4));
                Matrix b = flow.sample(200, new double[] {0.2, 0.4}, new double[] {1.5}, new SplittableRandom(4));
                assertArrayEquals(a.toArray(), b.toArray());
                assertEquals(original.trainedRanges(), flow.trainedRanges());
                assertEquals(original.provenance(), flow.provenance());
                assertEquals(original.trainingCurve(), flow.trainingCurve());
                assertTrue(flow.isNormalized());
            }
        }
    }

    @Test
    void damagedFilesAreRefused() throws Exception {
        Path path = dir.resolve("f.rpm");
        try (TrainedFlow original = untrained(FlowSpec.Kind.NSF, RangePolicy.FAIL)) {
            original.save(path);
        }
        byte[] good = Files.readAllBytes(path);
        byte[] bad = good.clone();
        bad[bad.length - 100] ^= 0x10;
        Files.write(path, bad);
        var e = assertThrows(MalformedDataException.class, () -> SurrogateFiles.load(path, LoadOptions.defaults()));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        Files.write(path, java.util.Arrays.copyOf(good, good.length / 2));
        assertThrows(MalformedDataException.class, () -> TrainedFlow.load(path, LoadOptions.defaults()));
    }

    @Test
    void aClassifierFileIsNotAFlow() {
        Path path = dir.resolve("c.rpm");
        try (TrainedFlow original = untrained(FlowSpec.Kind.MAF, RangePolicy.FAIL)) {
            original.save(path);
        }
        var contents = ModelFile.read(path);
        var relabelled = new ModelFile.Contents(new org.robotphysicist.models.file.ModelManifest("carl-classifier",
                contents.manifest().dimensions(), contents.manifest().architecture(),
                contents.manifest().standardizers(), contents.manifest().ranges(), contents.manifest().provenance(),
                contents.manifest().curve(), contents.manifest().settings(), contents.manifest().parameters(),
                contents.manifest().parametersSha256()), contents.parameters());
        var e = assertThrows(MalformedDataException.class,
                () -> TrainedFlow.fromContents(relabelled, LoadOptions.defaults(), "relabelled"));
        assertTrue(e.getMessage().contains("carl-classifier"), e.getMessage());
        var wrongKind = new ModelFile.Contents(new org.robotphysicist.models.file.ModelManifest("nsf",
                contents.manifest().dimensions(), contents.manifest().architecture(),
                contents.manifest().standardizers(), contents.manifest().ranges(), contents.manifest().provenance(),
                contents.manifest().curve(), contents.manifest().settings(), contents.manifest().parameters(),
                contents.manifest().parametersSha256()), contents.parameters());
        e = assertThrows(MalformedDataException.class,
                () -> TrainedFlow.fromContents(wrongKind, LoadOptions.defaults(), "relabelled"));
        assertTrue(e.getMessage().contains("MAF"), e.getMessage());
    }

    @Test
    void theRangePolicyIsHonoured() {
        Matrix[] r = rows(3, 5);
        Matrix farTheta = Matrix.of(3, 2, new double[] {0, 0.5, 0, 0.5, 1.5, 0.5});
        try (TrainedFlow strict = untrained(FlowSpec.Kind.MAF, RangePolicy.FAIL);
                TrainedFlow lenient = strict.copyWithRangePolicy(RangePolicy.WARN)) {
            var e = assertThrows(OutOfSupportException.class, () -> strict.logLikelihood(r[0], farTheta, r[2]));
            assertTrue(e.getMessage().contains("1.5"), e.getMessage());
            assertThrows(OutOfSupportException.class,
                    () -> strict.sample(3, new double[] {0, 0.5}, new double[] {7}, new SplittableRandom(1)));
            assertThrows(OutOfSupportException.class, () -> strict.summedLogLikelihood(r[0],
                    Matrix.of(1, 2, new double[] {0, 0.5}), new double[] {0.5}));
            double[] values = lenient.logLikelihood(r[0], farTheta, r[2]);
            for (double v : values) {
                assertTrue(Double.isFinite(v), "lenient value " + v);
            }
            assertEquals(RangePolicy.WARN, lenient.rangePolicy());
            assertArrayEquals(strict.parameters().sha256().getBytes(), lenient.parameters().sha256().getBytes());
        }
    }

    @Test
    void aClosedFlowRefusesWork() {
        TrainedFlow flow = untrained(FlowSpec.Kind.MAF, RangePolicy.FAIL);
        flow.close();
        Matrix[] r = rows(2, 1);
        assertThrows(IllegalStateException.class, () -> flow.logLikelihood(r[0], r[1], r[2]));
    }

    @Test
    void loadersAreRegisteredForBothKinds() {
        var loaders = SurrogateFiles.loaders();
        assertInstanceOf(FlowFileLoader.Maf.class, loaders.get(TrainedFlow.MAF));
        assertInstanceOf(FlowFileLoader.Nsf.class, loaders.get(TrainedFlow.NSF));
    }
}

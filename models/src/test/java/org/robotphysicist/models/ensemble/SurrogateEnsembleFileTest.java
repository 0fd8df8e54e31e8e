package org.robotphysicist.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.LogSumExp;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelFileException;
import org.robotphysicist.models.file.ModelManifest;
import org.robotphysicist.models.file.NamedParameters;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.testing.SmallFlows;

/**
 * Ensembles of small untrained flows (different seeds, so different densities): the per-event
 * mixture density against a direct computation, K = 1 against the member, the model file round
 * trip bit for bit, and refusals of mismatched members and of files whose members were altered.
 */
class SurrogateEnsembleFileTest {
    private static final Dimensions DIMS = SmallFlows.DIMS;
    private static final TrainedRanges RANGES = SmallFlows.RANGES;

    @TempDir
    Path dir;

    private static TrainedFlow member(FlowSpec.Kind kind, long seed) {
        return SmallFlows.flow(kind, seed, DataType.FLOAT32);
    }

    private static SurrogateEnsemble ensemble(int k) {
        List<TrainedSurrogate> members = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            members.add(member(FlowSpec.Kind.NSF, 11 + i));
        }
        return SurrogateEnsemble.of(members);
    }

    private static Matrix[] rows(int n) {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[n];
        double[] t = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1.5 * rng.nextGaussian();
            t[i] = rng.nextDouble();
            p[i] = 1 + rng.nextDouble();
        }
        return new Matrix[] {Matrix.ofColumn(x), Matrix.ofColumn(t), Matrix.ofColumn(p)};
    }

    @Test
    void theMixtureDensityIsTheMeanOfTheMembersDensities() {
        Matrix[] r = rows(50);
        try (SurrogateEnsemble e = ensemble(3)) {
            double[] mixed = e.logLikelihood(r[0], r[1], r[2]);
            double[][] each = new double[3][];
            for (int k = 0; k < 3; k++) {
                each[k] = e.members().get(k).logLikelihood(r[0], r[1], r[2]);
            }
            double largestGap = 0;
            for (int b = 0; b < mixed.length; b++) {
                double direct = Math.log((Math.exp(each[0][b]) + Math.exp(each[1][b]) + Math.exp(each[2][b])) / 3);
                assertEquals(direct, mixed[b], 1e-12, "row " + b);
                largestGap = Math.max(largestGap, Math.abs(each[0][b] - each[1][b]));
            }
            assertTrue(largestGap > 1e-3, "members with different seeds differ; largest gap " + largestGap);
            assertEquals(3, e.size());
            assertEquals("nsf", e.memberKind());
            assertTrue(e.isNormalized());
        }
    }

    @Test
    void anEnsembleOfOneIsItsMember() {
        Matrix[] r = rows(40);
        try (TrainedFlow alone = member(FlowSpec.Kind.NSF, 11); SurrogateEnsemble one = ensemble(1)) {
            assertArrayEquals(alone.logLikelihood(r[0], r[1], r[2]), one.logLikelihood(r[0], r[1], r[2]), 1e-12);
        }
    }

    @Test
    void aSavedEnsembleLoadsBackBitForBitWithEveryMembersProvenance() {
        Path file = dir.resolve("e.rpm");
        Matrix[] r = rows(30);
        try (SurrogateEnsemble e = ensemble(3)) {
            e.save(file);
            double[] before = e.logLikelihood(r[0], r[1], r[2]);
            try (TrainedSurrogate loaded = SurrogateFiles.load(file, LoadOptions.defaults())) {
                SurrogateEnsemble back = assertInstanceOf(SurrogateEnsemble.class, loaded);
                assertEquals(3, back.size());
                assertArrayEquals(before, back.logLikelihood(r[0], r[1], r[2]), 0);
                for (int k = 0; k < 3; k++) {
                    assertEquals(11L + k, back.members().get(k).provenance().seeds().get("init"));
                    assertEquals(11L + k, back.provenance().seeds().get("member-" + k + "/init"));
                }
                assertEquals(e.trainedRanges(), back.trainedRanges());
            }
        }
        ModelManifest m = ModelFile.read(file).manifest();
        assertEquals(SurrogateEnsemble.KIND, m.kind());
        assertEquals(3, m.settings().get("members").size());
        assertTrue(m.parameters().get(0).name().startsWith("member-0/"), m.parameters().get(0).name());
    }

    @Test
    void aMemberAlteredAfterSavingIsRefusedByName() {
        Path file = dir.resolve("e.rpm");
        try (SurrogateEnsemble e = ensemble(3)) {
            e.save(file);
        }
        ModelFile.Contents c = ModelFile.read(file);
        List<NamedParameters.Tensor> tensors = new ArrayList<>(c.parameters().tensors());
        int at = 0;
        while (!tensors.get(at).name().startsWith("member-1/")) {
            at++;
        }
        NamedParameters.Tensor t = tensors.get(at);
        float[] changed = t.values().clone();
        changed[0] += 0.5f;
        tensors.set(at, new NamedParameters.Tensor(t.name(), t.shape(), changed));
        Path tampered = dir.resolve("tampered.rpm");
        // rewritten with a fresh file SHA-256 and parameter hash: only the member's own hash still tells
        ModelFile.write(tampered, c.manifest(), new NamedParameters(tensors));
        var error = assertThrows(ModelFileException.class, () -> SurrogateFiles.load(tampered, LoadOptions.defaults()));
        assertTrue(error.getMessage().startsWith(tampered.toString())
                && error.getMessage().contains("ensemble member 1: expected parameters hashing to")
                && error.getMessage().contains("altered or damaged"), error.getMessage());

        ObjectNode settings = c.manifest().settings().deepCopy();
        ((ObjectNode) settings.get("members").get(2)).put("kind", "maf");
        ModelManifest relabelled = new ModelManifest(c.manifest().kind(), c.manifest().dimensions(),
                c.manifest().architecture(), c.manifest().standardizers(), c.manifest().ranges(),
                c.manifest().provenance(), c.manifest().curve(), settings, List.of(), "");
        Path mixed = dir.resolve("mixed.rpm");
        ModelFile.write(mixed, relabelled, c.parameters());
        var kind = assertThrows(ModelFileException.class, () -> SurrogateFiles.load(mixed, LoadOptions.defaults()));
        assertTrue(kind.getMessage().contains("ensemble member 2: expected kind 'nsf'"), kind.getMessage());

        Path dropped = dir.resolve("dropped.rpm");
        List<NamedParameters.Tensor> original = c.parameters().tensors();
        ModelFile.write(dropped, c.manifest(), new NamedParameters(original.subList(0, original.size() - 1)));
        var missing = assertThrows(ModelFileException.class, () -> SurrogateFiles.load(dropped, LoadOptions.defaults()));
        assertTrue(missing.getMessage().contains("ensemble member 2: expected parameter 'member-2/"),
                missing.getMessage());
    }

    @Test
    void membersOfDifferentKindsOrRangesDoNotFormAnEnsemble() {
        try (TrainedFlow nsf = member(FlowSpec.Kind.NSF, 1); TrainedFlow maf = member(FlowSpec.Kind.MAF, 2)) {
            var kinds = assertThrows(InvalidInputException.class, () -> SurrogateEnsemble.of(List.of(nsf, maf)));
            assertTrue(kinds.getMessage().contains("ensemble member 1: expected kind 'nsf' like member 0 but found"
                    + " 'maf'"), kinds.getMessage());
            var none = assertThrows(InvalidInputException.class, () -> SurrogateEnsemble.of(List.of()));
            assertTrue(none.getMessage().contains("at least one member"), none.getMessage());
        }
        double lse = LogSumExp.of(new double[] {Math.log(2), Math.log(3)});
        assertEquals(Math.log(5), lse, 1e-15);
    }
}

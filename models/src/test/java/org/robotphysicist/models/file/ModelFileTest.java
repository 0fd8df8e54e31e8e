package org.robotphysicist.models.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.neural.Standardizer;

class ModelFileTest {
    @TempDir
    Path dir;

    private static ModelManifest manifest(String kind) {
        TrainingCurve curve = new TrainingCurve(List.of(new TrainingCurve.Epoch(1, 0.69, 0.68, 1e-3, 1e6, 0.5),
                new TrainingCurve.Epoch(2, 0.61, Double.NaN, 5e-4, 1.1e6, 0.4)), 1, "max epochs");
        return ModelManifest.of(kind, Dimensions.of("mu", "variance", "x"), Map.of("width", 4),
                Map.of("input", new Standardizer(new double[] {0.1, -2, 1}, new double[] {1.5, 0.5, 3})),
                new TrainedRanges(Box.interval(-1, 1), Box.interval(0.5, 2), Box.interval(-7.25, 8.5)),
                Provenance.capture("test", Map.of("epochs", 2), Map.of("training", 42L), Map.of("data", "ab12")), curve,
                Map.of("note", "settings"));
    }

    private static NamedParameters parameters() {
        return new NamedParameters(List.of(
                new NamedParameters.Tensor("01Linear_weight", new long[] {2, 3},
                        new float[] {1.5f, -0f, Float.MIN_VALUE, 3.25e-8f, -7f, 0.1f}),
                new NamedParameters.Tensor("01Linear_bias", new long[] {2}, new float[] {0.5f, -0.25f})));
    }

    private Path written() {
        Path p = dir.resolve("m" + ModelFile.EXTENSION);
        ModelFile.write(p, manifest("test-kind"), parameters());
        return p;
    }

    @Test
    void roundTripPreservesManifestAndEveryParameterBit() throws Exception {
        Path p = written();
        ModelFile.Contents c = ModelFile.read(p, "test-kind");
        ModelManifest m = c.manifest();
        assertEquals(manifest("test-kind").standardizers(), m.standardizers());
        assertEquals(manifest("test-kind").ranges(), m.ranges());
        assertEquals(2, m.curve().epochs().size());
        assertTrue(Double.isNaN(m.curve().epochs().get(1).validationLoss()));
        assertEquals(42L, m.provenance().seeds().get("training"));
        assertEquals(4, m.architecture().get("width").asInt());
        assertEquals(List.of(2L, 3L), m.parameters().get(0).shape());
        assertEquals(parameters().sha256(), m.parametersSha256());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(parameters().tensors().get(i).values(), c.parameters().tensors().get(i).values());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aTamperedByteAnywhereIsRefused() throws Exception {
        Path p = written();
        byte[] good = Files.readAllBytes(p);
        int headerEnd = 16 + ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        for (int at : new int[] {headerEnd + 5, good.length - 40, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x01;
            Files.write(p, bad);
            var e = assertThrows(MalformedDataException.class, () -> ModelFile.read(p));
            assertTrue(e.getMessage().contains("SHA-256 mismatch") && e.getMessage().contains("modified or corrupted"),
                    "byte " + at + ": " + e.getMessage());
        }
        // A header edit that keeps the JSON valid (a seed changed) is caught by the hash too.
        String text = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\"training\" : 42",
                "\"training\" : 43");
        Files.write(p, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        var e = assertThrows(MalformedDataException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
    }

    @Test
    void truncatedFilesSayHowLongTheyShouldBe() throws Exception {
        Path p = written();
        byte[] good = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(good, good.length - 10));
        var e = assertThrows(MalformedDataException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("truncated model file: expected " + good.length + " bytes"), e.getMessage());
        Files.write(p, Arrays.copyOf(good, 100));
        var h = assertThrows(MalformedDataException.class, () -> ModelFile.read(p));
        assertTrue(h.getMessage().contains("truncated"), h.getMessage());
        Files.write(p, Arrays.copyOf(good, 20));
        assertTrue(assertThrows(MalformedDataException.class, () -> ModelFile.read(p)).getMessage()
                .contains("expected at least 48 bytes but found 20"));
        byte[] longer = Arrays.copyOf(good, good.length + 4);
        Files.write(p, longer);
        assertTrue(assertThrows(MalformedDataException.class, () -> ModelFile.read(p)).getMessage()
                .contains("trailing data"));
    }

    @Test
    void wrongMagicVersionKindAndMissingFilesAreRefused() throws Exception {
        Path p = written();
        byte[] good = Files.readAllBytes(p);
        byte[] magic = good.clone();
        magic[0] = 'X';
        Files.write(p, magic);
        var e = assertThrows(MalformedDataException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("expected magic \"RPMODEL\\x00\" but found \"XPMODEL\\x00\""), e.getMessage());
        byte[] version = good.clone();
        version[8] = 9;
        Files.write(p, version);
        var v = assertThrows(MalformedDataException.class, () -> ModelFile.read(p));
        assertTrue(v.getMessage().contains("format version: expected 1 or 2 but found 9"), v.getMessage());
        Files.write(p, good);
        var k = assertThrows(MalformedDataException.class, () -> ModelFile.read(p, "carl-classifier"));
        assertTrue(k.getMessage().contains("expected a 'carl-classifier' model but found kind 'test-kind'"), k.getMessage());
        var u = assertThrows(MalformedDataException.class, () -> SurrogateFiles.load(p, LoadOptions.defaults()));
        assertTrue(u.getMessage().contains("unknown model kind") && u.getMessage().contains("carl-classifier")
                && u.getMessage().contains("'test-kind'"), u.getMessage());
        var missing = assertThrows(MalformedDataException.class, () -> ModelFile.read(dir.resolve("none.rpm")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    @Test
    void manifestsAndParametersAreValidated() {
        assertThrows(InvalidInputException.class, () -> manifest("Bad Kind"));
        var e = assertThrows(InvalidInputException.class,
                () -> new NamedParameters.Tensor("w", new long[] {2, 2}, new float[3]));
        assertTrue(e.getMessage().contains("expected 4 values"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new ParameterEntry("w", List.of(2L), "float64"));
        assertThrows(InvalidInputException.class, () -> new TrainedRanges(Box.interval(0, 1), Box.interval(0, 1),
                Box.unbounded(1)));
        assertThrows(InvalidInputException.class, () -> new TrainingCurve(List.of(), 3, "x"));
    }
}

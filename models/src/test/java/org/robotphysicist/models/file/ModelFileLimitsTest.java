package org.robotphysicist.models.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.neural.Standardizer;

/** Hostile and impossible model files: each is refused from its header, with a one-line reason. */
class ModelFileLimitsTest {
    private static final long THREE_GB = 3L << 30;
    /** One manifest for the whole class: its provenance records the time it was made. */
    private static final ModelManifest MANIFEST = ModelManifest.of("test-kind", Dimensions.of("mu", "variance", "x"),
            Map.of("width", 4), Map.of("input", new Standardizer(new double[] {0, 0, 0}, new double[] {1, 1, 1})),
            new TrainedRanges(Box.interval(-1, 1), Box.interval(0.5, 2), Box.interval(-7, 8)),
            Provenance.capture("test", Map.of(), Map.of(), Map.of()), null, Map.of());

    @TempDir
    Path dir;

    private static NamedParameters parameters() {
        return new NamedParameters(List.of(new NamedParameters.Tensor("w", new long[] {2, 3},
                new float[] {1, 2, 3, 4, 5, 6}), new NamedParameters.Tensor("b", new long[] {2}, new float[] {7, 8})));
    }

    /** The documented version-1 layout, assembled here independently of the writer. */
    private static byte[] version1(byte[] header, byte[] data) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16 + header.length + data.length + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RPMODEL\0".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(header.length).put(header).put(data);
        b.put(MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(b.array(), b.position())));
        return b.array();
    }

    private static byte[] goodHeader() {
        return Json.write(MANIFEST.withParameters(parameters())).getBytes(StandardCharsets.UTF_8);
    }

    /** A file whose manifest was edited as JSON and whose SHA-256 was recomputed. */
    private Path crafted(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode m = (ObjectNode) Json.mapper().readTree(goodHeader());
        edit.accept(m);
        Path p = dir.resolve("crafted.rpm");
        Files.write(p, version1(Json.write(m).getBytes(StandardCharsets.UTF_8), parameters().toBytes()));
        return p;
    }

    private Path withRawHeader(String header) throws Exception {
        Path p = dir.resolve("raw.rpm");
        Files.write(p, version1(header.getBytes(StandardCharsets.UTF_8), parameters().toBytes()));
        return p;
    }

    private static String refusal(Path p) {
        return assertThrows(ModelFileException.class, () -> ModelFile.read(p)).getMessage();
    }

    @Test
    void existingVersion1FilesStillLoadAndUnsignedFilesAreStillWrittenAsVersion1() throws Exception {
        byte[] legacy = version1(goodHeader(), parameters().toBytes());
        Path old = dir.resolve("old.rpm");
        Files.write(old, legacy);
        ModelFile.Contents c = ModelFile.read(old, "test-kind");
        assertArrayEquals(parameters().tensors().get(0).values(), c.parameters().tensors().get(0).values());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (NamedParameters.Tensor t : parameters().tensors()) {
            md.update((t.name() + "\0").getBytes(StandardCharsets.UTF_8));
            ByteBuffer shape = ByteBuffer.allocate(8 * t.shape().length).order(ByteOrder.LITTLE_ENDIAN);
            java.util.Arrays.stream(t.shape()).forEach(shape::putLong);
            md.update(shape.array());
        }
        md.update(parameters().toBytes());
        assertEquals(java.util.HexFormat.of().formatHex(md.digest()), c.manifest().parametersSha256(),
                "the documented parameter hash: names, shapes, then the data section");
        Path written = dir.resolve("new.rpm");
        ModelFile.write(written, MANIFEST, parameters());
        assertArrayEquals(legacy, Files.readAllBytes(written));
    }

    @Test
    void aThreeGigabyteFileWithTheModelMagicIsRefusedFromItsHeaderWithoutBeingRead() throws Exception {
        Path p = dir.resolve("huge.rpm");
        Files.write(p, version1(goodHeader(), parameters().toBytes()));
        long expected = Files.size(p);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(THREE_GB); // sparse: no 3 GB are written
        }
        String m = refusal(p);
        assertTrue(m.contains("expected " + expected + " bytes but found " + THREE_GB + " (trailing data)"), m);

        // a preamble declaring a 2 GB manifest in a 3 GB file
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.seek(12);
            f.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        }
        String h = refusal(p);
        assertTrue(h.contains("expected a manifest of 2 to " + ModelFile.MAX_MANIFEST_BYTES
                + " bytes but the preamble declares 2147483647"), h);
    }

    @Test
    void aManifestJustOverTheCapIsRefused() throws Exception {
        Path p = dir.resolve("cap.rpm");
        int declared = ModelFile.MAX_MANIFEST_BYTES + 1;
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write("RPMODEL\0".getBytes(StandardCharsets.US_ASCII));
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(declared).array());
            f.setLength(16L + declared + 32);
        }
        String m = refusal(p);
        assertTrue(m.contains("but the preamble declares " + declared), m);
    }

    @Test
    void impossibleParameterShapesAreRefusedNamingTheShape() throws Exception {
        String overflow = refusal(crafted(m -> ((ArrayNode) m.withArray("parameters").get(0).get("shape")).removeAll()
                .add(1L << 62).add(4)));
        assertTrue(overflow.contains("parameter w: expected at most " + ModelFile.MAX_PARAMETER_VALUES
                + " values but found shape [4611686018427387904, 4]"), overflow);
        String negative = refusal(crafted(m -> ((ArrayNode) m.withArray("parameters").get(0).get("shape")).removeAll()
                .add(-2).add(-3)));
        assertTrue(negative.contains("parameter w: expected extents >= 1 but found shape [-2, -3]"), negative);
        String tooBig = refusal(crafted(m -> ((ArrayNode) m.withArray("parameters").get(0).get("shape")).removeAll()
                .add(1L << 40)));
        assertTrue(tooBig.contains("expected at most " + ModelFile.MAX_PARAMETER_VALUES + " values but found shape"
                + " [1099511627776]"), tooBig);
        String total = refusal(crafted(m -> {
            ((ArrayNode) m.withArray("parameters").get(0).get("shape")).removeAll().add(ModelFile.MAX_PARAMETER_VALUES / 2).add(2);
            ((ArrayNode) m.withArray("parameters").get(1).get("shape")).removeAll().add(1);
        }));
        assertTrue(total.contains("expected at most " + ModelFile.MAX_PARAMETER_VALUES + " parameter values in all but"
                + " the manifest lists more"), total);
        String beyondFile = refusal(crafted(m -> ((ArrayNode) m.withArray("parameters").get(0).get("shape"))
                .removeAll().add(1000).add(1000)));
        assertTrue(beyondFile.contains("truncated model file: expected") && beyondFile.contains("(1000002 parameter"
                + " values) but found"), beyondFile);
    }

    @Test
    void manifestsThatAreNotStrictJsonAreRefused() throws Exception {
        String text = new String(goodHeader(), StandardCharsets.UTF_8);
        assertTrue(refusal(withRawHeader("this is not JSON at all")).contains("expected a JSON manifest but"));
        String trailing = refusal(withRawHeader(text + " {}"));
        assertTrue(trailing.contains("expected a JSON manifest but") && trailing.contains("Trailing token"), trailing);
        String duplicate = refusal(withRawHeader(text.replaceFirst("\\{", "{ \"kind\" : \"other-kind\",")));
        assertTrue(duplicate.contains("Duplicate field 'kind'"), duplicate);
        String missing = refusal(withRawHeader("{\"kind\":\"test-kind\"}"));
        assertTrue(missing.contains("expected dimensions, ranges and provenance"), missing);
        Path p = withRawHeader(text);
        byte[] b = Files.readAllBytes(p);
        b[20] = (byte) 0xc3; // a UTF-8 lead byte followed by ASCII
        b[21] = (byte) 'x';
        Files.write(p, b);
        assertTrue(refusal(p).contains("expected UTF-8 JSON but found bytes that are not UTF-8"));
    }

    @Test
    void directoriesAndFilesShorterThanTheirPreambleAreRefused() throws Exception {
        assertTrue(refusal(dir).contains("expected a model file but found a directory"));
        Path p = dir.resolve("short.rpm");
        Files.write(p, version1(goodHeader(), parameters().toBytes()));
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(16 + 10 + 32);
        }
        assertTrue(refusal(p).contains("truncated or corrupted model file: the header claims"));
    }

    @Test
    void refusalsAreModelFileExceptionsThatCallersOfTheOldTypeStillCatch() throws Exception {
        Path p = withRawHeader("[]");
        var e = assertThrows(org.robotphysicist.data.MalformedDataException.class, () -> ModelFile.read(p));
        assertEquals(ModelFileException.class, e.getClass());
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
    }
}

package org.robotphysicist.models.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.neural.Standardizer;

/** Signed model files: what the signature catches that the SHA-256 cannot. */
class ModelSignatureTest {
    @TempDir
    Path dir;

    private Path unsigned() {
        ModelManifest m = ModelManifest.of("test-kind", Dimensions.of("mu", "variance", "x"), Map.of(),
                Map.of("input", new Standardizer(new double[] {0, 0, 0}, new double[] {1, 1, 1})),
                new TrainedRanges(Box.interval(-1.5, 1.5), Box.interval(0.5, 2), Box.interval(-7, 8)),
                Provenance.capture("test", Map.of(), Map.of(), Map.of()), null, Map.of());
        Path p = dir.resolve("m.rpm");
        ModelFile.write(p, m, new NamedParameters(List.of(
                new NamedParameters.Tensor("w", new long[] {3}, new float[] {1, -2, 3}))));
        return p;
    }

    private SigningKey ed25519(String name) {
        return KeyFiles.generateEd25519(dir.resolve(name + ".key"), dir.resolve(name + ".pub"));
    }

    private static SignaturePolicy trusting(Path... keyFiles) {
        return SignaturePolicy.require(TrustedKeys.read(List.of(keyFiles)));
    }

    private static String refusal(Path model, SignaturePolicy policy) {
        return assertThrows(ModelSignatureException.class, () -> ModelFile.read(model, policy)).getMessage();
    }

    /** Edits the manifest of a (signed) file and recomputes the SHA-256, as a forger would. */
    private static void forge(Path model, UnaryOperator<String> edit) throws Exception {
        byte[] b = Files.readAllBytes(model);
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int h = in.getInt(12);
        int data = 4 * 3;
        byte[] manifest = edit.apply(new String(b, 16, h, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        byte[] trailer = Arrays.copyOfRange(b, 16 + h + data + 32, b.length);
        ByteBuffer out = ByteBuffer.allocate(16 + manifest.length + data + 32 + trailer.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(b, 0, 12).putInt(manifest.length).put(manifest).put(b, 16 + h, data);
        out.put(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(out.array(), out.position()))).put(trailer);
        Files.write(model, out.array());
    }

    private static UnaryOperator<String> replacing(String from, String to) {
        return text -> {
            assertTrue(text.contains(from), text);
            return text.replace(from, to);
        };
    }

    private static String swapThetaAndPhiNames(String manifest) {
        try {
            ObjectNode m = (ObjectNode) Json.mapper().readTree(manifest);
            ObjectNode d = (ObjectNode) m.get("dimensions");
            var theta = d.get("thetaNames");
            d.set("thetaNames", d.get("phiNames"));
            d.set("phiNames", theta);
            return Json.write(m);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSignedFileVerifiesAndKeepsItsManifestAndParametersByteForByte() throws Exception {
        Path model = unsigned();
        byte[] before = Files.readAllBytes(model);
        SigningKey key = ed25519("alice");
        ModelSignature s = ModelFile.sign(model, model, key);
        assertEquals(SignatureAlgorithm.ED25519, s.algorithm());
        assertEquals(key.keyId(), s.keyId());
        byte[] after = Files.readAllBytes(model);
        assertEquals(2, ByteBuffer.wrap(after).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        assertArrayEquals(Arrays.copyOfRange(before, 12, before.length - 32),
                Arrays.copyOfRange(after, 12, before.length - 32), "manifest and parameters unchanged");
        ModelFile.Contents c = ModelFile.read(model, trusting(dir.resolve("alice.pub")));
        assertArrayEquals(new float[] {1, -2, 3}, c.parameters().tensors().get(0).values());
        assertEquals(s, ModelFile.signature(model));
        ModelFile.read(model); // a signed file loads where no signature is required
    }

    @Test
    void aWidenedThetaRangeWithARecomputedSha256PassesTheChecksumButNotTheSignature() throws Exception {
        Path model = unsigned();
        ModelFile.sign(model, model, ed25519("alice"));
        forge(model, replacing("-1.5", "-9.5"));
        ModelFile.Contents forged = ModelFile.read(model);
        assertEquals(-9.5, forged.manifest().ranges().theta().lower()[0], "the checksum alone accepts the forgery");
        String m = refusal(model, trusting(dir.resolve("alice.pub")));
        assertTrue(m.startsWith(model + ": ") && m.contains("does not match the content")
                && m.contains("modified after it was signed"), m);
    }

    @Test
    void swappedParameterNamesAreCaughtByTheSignature() throws Exception {
        Path model = unsigned();
        SigningKey key = KeyFiles.generateHmac(dir.resolve("shared.hmac"));
        ModelFile.sign(model, model, key);
        forge(model, ModelSignatureTest::swapThetaAndPhiNames);
        assertEquals(List.of("variance"), ModelFile.read(model).manifest().dimensions().thetaNames());
        assertTrue(refusal(model, trusting(dir.resolve("shared.hmac"))).contains("does not match the content"));
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedNamingBothKeys() {
        Path model = unsigned();
        SigningKey mallory = ed25519("mallory");
        SigningKey alice = ed25519("alice");
        ModelFile.sign(model, model, mallory);
        String m = refusal(model, trusting(dir.resolve("alice.pub")));
        assertTrue(m.contains("expected a signature by one of [ED25519 key " + alice.keyId() + "]")
                && m.contains("found one by ED25519 key " + mallory.keyId() + ", which is not trusted"), m);
        SigningKey hmac = KeyFiles.generateHmac(dir.resolve("other.hmac"));
        KeyFiles.generateHmac(dir.resolve("ours.hmac"));
        ModelFile.sign(model, model, hmac);
        assertTrue(refusal(model, trusting(dir.resolve("ours.hmac"))).contains("which is not trusted"));
        ModelFile.read(model, trusting(dir.resolve("ours.hmac"), dir.resolve("other.hmac")));
    }

    @Test
    void unsignedFilesLoadUnlessASignatureIsRequired() {
        Path model = unsigned();
        ed25519("alice");
        assertNull(ModelFile.signature(model));
        ModelFile.read(model, SignaturePolicy.none());
        assertTrue(ModelFile.read(model, LoadOptions.defaults().signatures()).parameters().size() == 3);
        String m = refusal(model, trusting(dir.resolve("alice.pub")));
        assertTrue(m.contains("but found an unsigned file"), m);
        assertTrue(LoadOptions.defaults().requireSignature(TrustedKeys.read(List.of(dir.resolve("alice.pub"))))
                .signatures().required());
    }

    @Test
    void aDamagedSignatureBlockIsRefused() throws Exception {
        Path model = unsigned();
        ModelFile.sign(model, model, ed25519("alice"));
        byte[] b = Files.readAllBytes(model);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"signature\":\"") + 13;
        b[at] = (byte) (b[at] == 'A' ? 'B' : 'A');
        Files.write(model, b);
        assertTrue(refusal(model, trusting(dir.resolve("alice.pub"))).contains("does not match the content"));
        b[b.length - 1] = 'x';
        Files.write(model, b);
        var e = assertThrows(ModelFileException.class, () -> ModelFile.read(model));
        assertTrue(e.getMessage().contains("corrupted signature block"), e.getMessage());
    }

    @Test
    void keyFilesAreSecretWhereTheyMustBeAndNeverOverwritten() throws Exception {
        ed25519("alice");
        SigningKey hmac = KeyFiles.generateHmac(dir.resolve("k.hmac"));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            for (String secret : List.of("alice.key", "k.hmac")) {
                assertEquals("rw-------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(secret))), secret);
            }
        }
        assertTrue(assertThrows(InvalidInputException.class, () -> ed25519("alice")).getMessage()
                .contains("expected a new file but it exists"));
        assertEquals(hmac.keyId(), KeyFiles.readSigningKey(dir.resolve("k.hmac")).keyId());
        assertEquals(KeyFiles.readSigningKey(dir.resolve("alice.key")).keyId(),
                KeyFiles.readVerifyingKey(dir.resolve("alice.pub")).keyId());
        String priv = assertThrows(InvalidInputException.class,
                () -> KeyFiles.readVerifyingKey(dir.resolve("alice.key"))).getMessage();
        assertTrue(priv.contains("expected a public key or an HMAC key but found a private key"), priv);
        String pub = assertThrows(InvalidInputException.class,
                () -> KeyFiles.readSigningKey(dir.resolve("alice.pub"))).getMessage();
        assertTrue(pub.contains("a public key verifies, it cannot sign"), pub);
        Path shortKey = dir.resolve("short.hmac");
        Files.writeString(shortKey, "-----BEGIN RP MODEL HMAC KEY-----\nAAECAw==\n-----END RP MODEL HMAC KEY-----\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> KeyFiles.readVerifyingKey(shortKey)).getMessage()
                .contains("expected at least 32 bytes but found 4"));
        Path onlyPrivate = dir.resolve("only.key");
        String text = Files.readString(dir.resolve("alice.key"));
        Files.writeString(onlyPrivate, text.substring(0, text.indexOf("-----BEGIN PUBLIC KEY")));
        assertTrue(assertThrows(InvalidInputException.class, () -> KeyFiles.readSigningKey(onlyPrivate)).getMessage()
                .contains("expected a PUBLIC KEY block after the PRIVATE KEY block"));
        Path notPem = dir.resolve("x.pub");
        Files.writeString(notPem, "hello");
        assertTrue(assertThrows(InvalidInputException.class, () -> KeyFiles.readVerifyingKey(notPem)).getMessage()
                .contains("expected PEM text"));
    }
}

package org.robotphysicist.models.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.robotphysicist.data.io.AtomicFiles;
import org.robotphysicist.data.io.Json;

/**
 * One self-describing binary file per trained surrogate. Layout (integers little-endian):
 * <pre>
 *   offset 0   8 bytes   magic "RPMODEL\0"
 *          8   int32     format version: {@value #FORMAT_VERSION} unsigned, {@value #SIGNED_FORMAT_VERSION} signed
 *         12   int32     manifest length H in bytes, 2 ≤ H ≤ {@link #MAX_MANIFEST_BYTES}
 *         16   H bytes   UTF-8 JSON {@link ModelManifest}
 *     16 + H   4·P bytes the P parameter values, float32 little-endian, in manifest order,
 *                        P ≤ {@link #MAX_PARAMETER_VALUES}
 *  16+H+4P    32 bytes  SHA-256 of every byte before it
 * version 2 only:
 *  16+H+4P+32  int32    signature block length S, 2 ≤ S ≤ {@link #MAX_SIGNATURE_BYTES}
 *  16+H+4P+36  S bytes  UTF-8 JSON {@link ModelSignature}: a signature of the SHA-256 above
 * </pre>
 * Nothing follows: the file's length is exactly what its header implies. Files are written
 * atomically ({@link AtomicFiles}: a temporary file, then a move). Reading ({@link ModelFileReader})
 * is streamed and bounded by the header: it checks, in order, the magic, the version, the manifest
 * length, the manifest (strict JSON: no duplicate keys, nothing after it; every shape within the
 * limits), that the file is exactly as long as the header implies, the SHA-256, the parameter hash,
 * the signature where {@link SignaturePolicy} requires one, and (when asked) the kind; any failure
 * raises {@link ModelFileException} ({@link ModelSignatureException} for signatures) naming what was
 * expected and what was found.
 *
 * <p>The SHA-256 detects accidental damage only: anyone who edits a file can recompute it. A
 * signature ({@link SignatureAlgorithm}) shows that the holder of a key wrote exactly these bytes.
 * Nothing in a model file is ever executed: no Java serialization, no TorchScript. Stateless and
 * thread-safe; concurrent writers of one path leave one complete file.
 */
public final class ModelFile {
    /** The first eight bytes of every model file. */
    public static final byte[] MAGIC = {'R', 'P', 'M', 'O', 'D', 'E', 'L', 0};
    /** The format version of unsigned files, which this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The format version of signed files: version 1 followed by a signature block. */
    public static final int SIGNED_FORMAT_VERSION = 2;
    /** Conventional file-name extension. */
    public static final String EXTENSION = ".rpm";
    /** The longest manifest read, in bytes (16 MiB). */
    public static final int MAX_MANIFEST_BYTES = 16 << 20;
    /**
     * The most parameter values a file may hold, in all: 2^26 (67 million values, 256 MiB of float32),
     * far above any surrogate here, and small enough that loading one cannot exhaust a default heap.
     */
    public static final long MAX_PARAMETER_VALUES = 1L << 26;
    /** The longest signature block read, in bytes. */
    public static final int MAX_SIGNATURE_BYTES = 4096;
    static final int PREAMBLE = 16;
    static final int DIGEST = 32;

    private ModelFile() {
    }

    /** What a model file holds. */
    public record Contents(ModelManifest manifest, NamedParameters parameters) {
    }

    /**
     * Writes an unsigned model file atomically. The manifest's parameter list and hash are set from
     * {@code parameters}.
     */
    public static void write(Path path, ModelManifest manifest, NamedParameters parameters) {
        write(path, manifest, parameters, null);
    }

    /** Writes a model file atomically, signed by {@code key} (version 2), or unsigned when it is null. */
    public static void write(Path path, ModelManifest manifest, NamedParameters parameters, SigningKey key) {
        byte[] header = Json.write(manifest.withParameters(parameters)).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = encode(header, parameters.toBytes(), key);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /**
     * Signs the model file {@code source} with {@code key} and writes the signed file to
     * {@code target} atomically (the same path signs in place). The manifest and parameters are
     * kept byte for byte; a previous signature is replaced. The source is fully verified first.
     *
     * @return the signature written
     */
    public static ModelSignature sign(Path source, Path target, SigningKey key) {
        ModelFileReader.Verified v = ModelFileReader.read(source);
        byte[] payload = v.contents().parameters().toBytes();
        if (!MessageDigest.isEqual(Hashing.sha256().digest(payload), v.payloadSha256())) {
            throw new ModelFileException(source + ": expected parameters that re-encode bit for bit but found values"
                    + " that do not (non-canonical NaN payloads?); refusing to sign a changed file");
        }
        Encoded signed = encoded(v.manifestBytes(), payload, key);
        AtomicFiles.write(target, out -> out.write(signed.bytes()));
        return signed.signature();
    }

    /** Reads and verifies a model file of any kind; signatures are not required. */
    public static Contents read(Path path) {
        return read(path, SignaturePolicy.none());
    }

    /** Reads and verifies a model file of any kind, applying {@code signatures}. */
    public static Contents read(Path path, SignaturePolicy signatures) {
        ModelFileReader.Verified v = ModelFileReader.read(path);
        signatures.check(path.toString(), v.digest(), v.signature());
        return v.contents();
    }

    /** Reads and verifies a model file, requiring its kind to be {@code expectedKind}. */
    public static Contents read(Path path, String expectedKind) {
        return read(path, expectedKind, SignaturePolicy.none());
    }

    /** Reads and verifies a model file of kind {@code expectedKind}, applying {@code signatures}. */
    public static Contents read(Path path, String expectedKind, SignaturePolicy signatures) {
        Contents c = read(path, signatures);
        if (!c.manifest().kind().equals(expectedKind)) {
            throw new ModelFileException(path + ": expected a '" + expectedKind + "' model but found kind '"
                    + c.manifest().kind() + "'");
        }
        return c;
    }

    /**
     * The signature a verified model file carries, or null when it is unsigned. The signature is
     * parsed, not checked: use {@link #read(Path, SignaturePolicy)} for that.
     */
    public static ModelSignature signature(Path path) {
        return ModelFileReader.read(path).signature();
    }

    /** The complete file content: version 1 when {@code key} is null, else version 2, signed. */
    static byte[] encode(byte[] header, byte[] data, SigningKey key) {
        return encoded(header, data, key).bytes();
    }

    private record Encoded(byte[] bytes, ModelSignature signature) {
    }

    private static Encoded encoded(byte[] header, byte[] data, SigningKey key) {
        int version = key == null ? FORMAT_VERSION : SIGNED_FORMAT_VERSION;
        ByteBuffer content = ByteBuffer.allocate(PREAMBLE + header.length + data.length + DIGEST)
                .order(ByteOrder.LITTLE_ENDIAN);
        content.put(MAGIC).putInt(version).putInt(header.length).put(header).put(data);
        MessageDigest md = Hashing.sha256();
        md.update(content.array(), 0, content.position());
        byte[] digest = md.digest();
        content.put(digest);
        if (key == null) {
            return new Encoded(content.array(), null);
        }
        ModelSignature signature = key.sign(digest);
        byte[] block = signatureJson(signature);
        byte[] bytes = ByteBuffer.allocate(content.capacity() + 4 + block.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(content.array()).putInt(block.length).put(block).array();
        return new Encoded(bytes, signature);
    }

    private static byte[] signatureJson(ModelSignature s) {
        try {
            return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a signature: " + e.getMessage(), e);
        }
    }
}

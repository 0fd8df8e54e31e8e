package org.robotphysicist.models.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.io.AtomicFiles;
import org.robotphysicist.data.io.Json;

/**
 * One self-describing binary file per trained surrogate. Layout (integers little-endian):
 * <pre>
 *   offset 0   8 bytes   magic "RPMODEL\0"
 *          8   int32     format version ({@value #FORMAT_VERSION})
 *         12   int32     header length H in bytes
 *         16   H bytes   UTF-8 JSON {@link ModelManifest}
 *     16 + H   4·P bytes the P parameter values, float32 little-endian, in manifest order
 *  16+H+4P    32 bytes  SHA-256 of every byte before it
 * </pre>
 * Files are written atomically ({@link AtomicFiles}: a temporary file, then a move). Reading
 * checks, in order, the magic, the version, that the file is as long as its header says, the
 * SHA-256 of the whole file, the parameter hash, and (when asked) the kind; any failure raises
 * {@link MalformedDataException} naming what was expected and what was found. Nothing in a model
 * file is ever executed: no Java serialization, no TorchScript.
 */
public final class ModelFile {
    /** The first eight bytes of every model file. */
    public static final byte[] MAGIC = {'R', 'P', 'M', 'O', 'D', 'E', 'L', 0};
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Conventional file-name extension. */
    public static final String EXTENSION = ".rpm";
    private static final int PREAMBLE = 16;
    private static final int DIGEST = 32;
    private static final int MAX_HEADER = 64 << 20;

    private ModelFile() {
    }

    /** What a model file holds. */
    public record Contents(ModelManifest manifest, NamedParameters parameters) {
    }

    /**
     * Writes a model file atomically. The manifest's parameter list and hash are set from
     * {@code parameters}.
     */
    public static void write(Path path, ModelManifest manifest, NamedParameters parameters) {
        byte[] bytes = encode(manifest.withParameters(parameters), parameters);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** The complete file content. */
    static byte[] encode(ModelManifest manifest, NamedParameters parameters) {
        byte[] header = Json.write(manifest).getBytes(StandardCharsets.UTF_8);
        byte[] data = parameters.toBytes();
        ByteBuffer buf = ByteBuffer.allocate(PREAMBLE + header.length + data.length + DIGEST)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(FORMAT_VERSION).putInt(header.length).put(header).put(data);
        MessageDigest md = Hashing.sha256();
        md.update(buf.array(), 0, buf.position());
        buf.put(md.digest());
        return buf.array();
    }

    /** Reads and verifies a model file of any kind. */
    public static Contents read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new MalformedDataException(path + ": expected a model file but there is no such file", e);
        } catch (IOException e) {
            throw new MalformedDataException(path + ": expected a readable model file but " + e, e);
        }
        return decode(bytes, path.toString());
    }

    /** Reads and verifies a model file, requiring its kind to be {@code expectedKind}. */
    public static Contents read(Path path, String expectedKind) {
        Contents c = read(path);
        if (!c.manifest().kind().equals(expectedKind)) {
            throw new MalformedDataException(path + ": expected a '" + expectedKind + "' model but found kind '"
                    + c.manifest().kind() + "'");
        }
        return c;
    }

    static Contents decode(byte[] bytes, String source) {
        if (bytes.length < PREAMBLE + DIGEST) {
            throw new MalformedDataException(source + ": truncated model file: expected at least " + (PREAMBLE + DIGEST)
                    + " bytes but found " + bytes.length);
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new MalformedDataException(source + ": not a Robot Physicist model file: expected magic "
                    + printable(MAGIC) + " but found " + printable(Arrays.copyOf(bytes, MAGIC.length)));
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = buf.getInt(8);
        if (version != FORMAT_VERSION) {
            throw new MalformedDataException(source + ": unsupported model-file format version: expected "
                    + FORMAT_VERSION + " but found " + version);
        }
        int headerLength = buf.getInt(12);
        if (headerLength < 2 || headerLength > MAX_HEADER || PREAMBLE + (long) headerLength + DIGEST > bytes.length) {
            throw new MalformedDataException(source + ": truncated or corrupted model file: the header claims "
                    + headerLength + " bytes but the file has " + bytes.length + " bytes in all");
        }
        String header = new String(bytes, PREAMBLE, headerLength, StandardCharsets.UTF_8);
        ModelManifest manifest;
        try {
            manifest = Json.read(header, ModelManifest.class, source + " header");
        } catch (MalformedDataException e) {
            throw new MalformedDataException(source + ": corrupted model-file header: " + e.getMessage(), e);
        } catch (org.robotphysicist.data.InvalidInputException e) {
            throw new MalformedDataException(source + ": invalid model-file header: " + e.getMessage(), e);
        }
        long values = manifest.parameterValues();
        long expected = PREAMBLE + (long) headerLength + 4 * values + DIGEST;
        if (bytes.length < expected) {
            throw new MalformedDataException(source + ": truncated model file: expected " + expected + " bytes ("
                    + values + " parameter values) but found " + bytes.length);
        }
        if (bytes.length > expected) {
            throw new MalformedDataException(source + ": corrupted model file: expected " + expected + " bytes but found "
                    + bytes.length + " (trailing data)");
        }
        MessageDigest md = Hashing.sha256();
        md.update(bytes, 0, bytes.length - DIGEST);
        byte[] digest = md.digest();
        byte[] stored = Arrays.copyOfRange(bytes, bytes.length - DIGEST, bytes.length);
        if (!MessageDigest.isEqual(digest, stored)) {
            throw new MalformedDataException(source + ": SHA-256 mismatch: expected " + HexFormat.of().formatHex(stored)
                    + " (stored) but the content hashes to " + HexFormat.of().formatHex(digest)
                    + "; the file was modified or corrupted after it was written");
        }
        buf.position(PREAMBLE + headerLength);
        List<NamedParameters.Tensor> tensors = new ArrayList<>();
        for (ParameterEntry e : manifest.parameters()) {
            float[] v = new float[Math.toIntExact(e.size())];
            buf.asFloatBuffer().get(v);
            buf.position(buf.position() + 4 * v.length);
            long[] shape = e.shape().stream().mapToLong(Long::longValue).toArray();
            tensors.add(new NamedParameters.Tensor(e.name(), shape, v));
        }
        NamedParameters parameters = new NamedParameters(tensors);
        String hash = parameters.sha256();
        if (!hash.equals(manifest.parametersSha256())) {
            throw new MalformedDataException(source + ": parameter SHA-256 mismatch: expected "
                    + manifest.parametersSha256() + " (manifest) but the parameters hash to " + hash);
        }
        return new Contents(manifest, parameters);
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte c : b) {
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c & 0xff));
        }
        return sb.append('"').toString();
    }
}

package org.robotphysicist.models.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.robotphysicist.data.io.Json;

/**
 * Reads one {@link ModelFile} as a stream, never more than its header says it holds: the preamble
 * and the manifest (at most {@link ModelFile#MAX_MANIFEST_BYTES}) first, then the file's exact
 * length is derived from the manifest's parameter shapes (at most
 * {@link ModelFile#MAX_PARAMETER_VALUES} values) and compared with the file's size before any
 * parameter is read, so a huge or lying file costs a few reads, not its size in memory. Then the
 * parameters are read in chunks while the SHA-256 is computed. Not thread-safe; one per read.
 */
final class ModelFileReader {
    private static final int CHUNK = 1 << 16;
    private static final ObjectReader MANIFEST = Json.mapper().readerFor(ModelManifest.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectReader SIGNATURE = Json.mapper().readerFor(ModelSignature.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /**
     * A verified file: its integrity is checked, its signature (if any) is only parsed.
     *
     * @param manifestBytes the manifest exactly as stored
     * @param payloadSha256 SHA-256 of the parameter section exactly as stored
     * @param digest        the stored SHA-256 of everything before it (what a signature signs)
     * @param signature     the signature block, or null for an unsigned file
     */
    record Verified(int version, byte[] manifestBytes, ModelFile.Contents contents, byte[] payloadSha256,
            byte[] digest, ModelSignature signature) {
    }

    private final FileChannel channel;
    private final String source;
    private final long size;

    private ModelFileReader(FileChannel channel, String source) throws IOException {
        this.channel = channel;
        this.source = source;
        this.size = channel.size();
    }

    static Verified read(Path path) {
        String source = path.toString();
        if (Files.isDirectory(path)) {
            throw new ModelFileException(source + ": expected a model file but found a directory");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return new ModelFileReader(ch, source).verify();
        } catch (NoSuchFileException e) {
            throw new ModelFileException(source + ": expected a model file but there is no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(source + ": expected a readable model file but " + e, e);
        }
    }

    private Verified verify() throws IOException {
        final int preamble = ModelFile.PREAMBLE;
        final int digestBytes = ModelFile.DIGEST;
        if (size < preamble + digestBytes) {
            throw fail("truncated model file: expected at least " + (preamble + digestBytes) + " bytes but found "
                    + size);
        }
        byte[] head = readFully(0, preamble, "preamble");
        if (!Arrays.equals(head, 0, ModelFile.MAGIC.length, ModelFile.MAGIC, 0, ModelFile.MAGIC.length)) {
            throw fail("not a Robot Physicist model file: expected magic " + printable(ModelFile.MAGIC) + " but found "
                    + printable(Arrays.copyOf(head, ModelFile.MAGIC.length)));
        }
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int version = h.getInt(8);
        if (version != ModelFile.FORMAT_VERSION && version != ModelFile.SIGNED_FORMAT_VERSION) {
            throw fail("unsupported model-file format version: expected " + ModelFile.FORMAT_VERSION + " or "
                    + ModelFile.SIGNED_FORMAT_VERSION + " but found " + version);
        }
        int manifestLength = h.getInt(12);
        if (manifestLength < 2 || manifestLength > ModelFile.MAX_MANIFEST_BYTES) {
            throw fail("corrupted model file: expected a manifest of 2 to " + ModelFile.MAX_MANIFEST_BYTES
                    + " bytes but the preamble declares " + manifestLength);
        }
        if (preamble + (long) manifestLength + digestBytes > size) {
            throw fail("truncated or corrupted model file: the header claims " + manifestLength
                    + " bytes but the file has " + size + " bytes in all");
        }
        byte[] manifestBytes = readFully(preamble, manifestLength, "manifest");
        ModelManifest manifest = parseManifest(manifestBytes);
        long values = parameterValues(manifest);
        long contentEnd = preamble + (long) manifestLength + 4 * values + digestBytes;
        long expected = contentEnd;
        int signatureLength = 0;
        if (version == ModelFile.SIGNED_FORMAT_VERSION) {
            if (size < contentEnd + 4) {
                throw fail("truncated model file: expected at least " + (contentEnd + 4) + " bytes (" + values
                        + " parameter values and a signature block) but found " + size);
            }
            signatureLength = ByteBuffer.wrap(readFully(contentEnd, 4, "signature length"))
                    .order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (signatureLength < 2 || signatureLength > ModelFile.MAX_SIGNATURE_BYTES) {
                throw fail("corrupted model file: expected a signature block of 2 to " + ModelFile.MAX_SIGNATURE_BYTES
                        + " bytes but found a declared length of " + signatureLength);
            }
            expected = contentEnd + 4 + signatureLength;
        }
        if (size < expected) {
            throw fail("truncated model file: expected " + expected + " bytes (" + values + " parameter values) but"
                    + " found " + size);
        }
        if (size > expected) {
            throw fail("corrupted model file: expected " + expected + " bytes but found " + size + " (trailing data)");
        }
        MessageDigest file = Hashing.sha256();
        file.update(head);
        file.update(manifestBytes);
        MessageDigest payload = Hashing.sha256();
        List<NamedParameters.Tensor> tensors = readParameters(manifest, preamble + (long) manifestLength, file,
                payload);
        byte[] digest = file.digest();
        byte[] stored = readFully(contentEnd - digestBytes, digestBytes, "SHA-256");
        if (!MessageDigest.isEqual(digest, stored)) {
            throw fail("SHA-256 mismatch: expected " + HexFormat.of().formatHex(stored)
                    + " (stored) but the content hashes to " + HexFormat.of().formatHex(digest)
                    + "; the file was modified or corrupted after it was written");
        }
        ModelSignature signature = signatureLength == 0 ? null
                : parseSignature(readFully(contentEnd + 4, signatureLength, "signature block"));
        NamedParameters parameters = new NamedParameters(tensors);
        String hash = parameters.sha256();
        if (!hash.equals(manifest.parametersSha256())) {
            throw fail("parameter SHA-256 mismatch: expected " + manifest.parametersSha256()
                    + " (manifest) but the parameters hash to " + hash);
        }
        return new Verified(version, manifestBytes, new ModelFile.Contents(manifest, parameters), payload.digest(),
                stored, signature);
    }

    private ModelManifest parseManifest(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail("corrupted model-file header: expected UTF-8 JSON but found bytes that are not UTF-8", e);
        }
        try {
            return MANIFEST.readValue(text);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw fail("corrupted model-file header: expected a JSON manifest but " + why, e);
        } catch (RuntimeException e) {
            throw fail("invalid model-file header: " + e.getMessage(), e);
        }
    }

    private ModelSignature parseSignature(byte[] bytes) {
        try {
            return SIGNATURE.readValue(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw fail("corrupted signature block: expected JSON {algorithm, keyId, signature} but " + why, e);
        } catch (RuntimeException e) {
            throw fail("invalid signature block: " + e.getMessage(), e);
        }
    }

    private long parameterValues(ModelManifest manifest) {
        long values = 0;
        for (ParameterEntry e : manifest.parameters()) {
            values += e.size();
            if (values > ModelFile.MAX_PARAMETER_VALUES) {
                throw fail("corrupted model-file header: expected at most " + ModelFile.MAX_PARAMETER_VALUES
                        + " parameter values in all but the manifest lists more (" + manifest.parameters().size()
                        + " tensors)");
            }
        }
        return values;
    }

    /** Reads the parameter section tensor by tensor, feeding both digests. */
    private List<NamedParameters.Tensor> readParameters(ModelManifest manifest, long offset, MessageDigest file,
            MessageDigest payload) throws IOException {
        List<NamedParameters.Tensor> tensors = new ArrayList<>();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        long position = offset;
        for (ParameterEntry e : manifest.parameters()) {
            float[] v = new float[(int) e.size()];
            int done = 0;
            while (done < v.length) {
                int n = Math.min(v.length - done, CHUNK / 4);
                chunk.clear().limit(4 * n);
                fill(chunk, position, "parameter " + e.name());
                file.update(chunk.array(), 0, 4 * n);
                payload.update(chunk.array(), 0, 4 * n);
                chunk.flip();
                chunk.asFloatBuffer().get(v, done, n);
                done += n;
                position += 4L * n;
            }
            long[] shape = e.shape().stream().mapToLong(Long::longValue).toArray();
            tensors.add(new NamedParameters.Tensor(e.name(), shape, v));
        }
        return tensors;
    }

    private byte[] readFully(long position, int length, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        fill(b, position, what);
        return b.array();
    }

    private void fill(ByteBuffer b, long position, String what) throws IOException {
        long at = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) {
                throw fail("truncated model file: it ended at byte " + at + " while reading the " + what
                        + " (the file shrank while being read)");
            }
            at += n;
        }
    }

    private ModelFileException fail(String message) {
        return new ModelFileException(source + ": " + message);
    }

    private ModelFileException fail(String message, Throwable cause) {
        return new ModelFileException(source + ": " + message, cause);
    }

    static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte c : b) {
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c & 0xff));
        }
        return sb.append('"').toString();
    }
}

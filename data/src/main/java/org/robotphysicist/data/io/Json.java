package org.robotphysicist.data.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.robotphysicist.data.MalformedDataException;

/**
 * The project's one JSON configuration: records map field-for-field, unknown properties are an
 * error (a misspelt option must not be silently ignored), output is indented, and doubles are
 * written so they read back bit-identically.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .build();

    private Json() {
    }

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    /** A record or bean as a JSON-shaped map, e.g. a configuration for {@link Provenance}. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, java.util.Map.class);
    }

    /** Writes {@code value} as JSON to {@code path}, atomically. */
    public static void writeFile(Path path, Object value) {
        AtomicFiles.write(path, out -> MAPPER.writeValue(new NonClosingStream(out), value));
    }

    /** Reads JSON text as {@code type}; malformed input or unknown fields raise {@link MalformedDataException}. */
    public static <T> T read(String json, Class<T> type, String source) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? " (at " + m.getPathReference() + ")" : "";
            throw new MalformedDataException(source + ": expected JSON for " + type.getSimpleName() + " but "
                    + e.getOriginalMessage() + where, e);
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException(source + ": " + e.getMessage(), e);
        }
    }

    /** Reads a JSON file as {@code type}. */
    public static <T> T readFile(Path path, Class<T> type) {
        try {
            return read(Files.readString(path), type, path.toString());
        } catch (IOException e) {
            throw new MalformedDataException(path + ": expected a readable JSON file but " + e, e);
        }
    }

    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

package org.robotphysicist.engine.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.robotphysicist.data.io.Json;

/**
 * Parses a request body as exactly one JSON value: a syntax error, a key that appears twice in an
 * object, or anything but whitespace after the value is a 400 {@link HttpError} naming what was
 * found and its byte offset (never "last key wins", never ignored trailing data). Stateless and
 * thread-safe.
 */
final class StrictJson {
    private StrictJson() {
    }

    /** The one JSON value of {@code body} (UTF-8). */
    static JsonNode parse(byte[] body) {
        try (JsonParser p = Json.mapper().getFactory().createParser(body)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonNode node;
            try {
                node = Json.mapper().readTree(p);
            } catch (JsonProcessingException e) {
                throw new HttpError(400, "request body: expected valid JSON but found " + describe(e) + at(e));
            }
            if (node == null || node.isMissingNode()) {
                throw new HttpError(400, "request body: expected a JSON object but found an empty body");
            }
            try {
                if (p.nextToken() == null) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // garbage after the value: reported as trailing data below
            }
            throw new HttpError(400, "request body: expected nothing after the JSON value but found more data at byte"
                    + " offset " + offset(p.currentTokenLocation()));
        } catch (IOException e) {
            throw new HttpError(400, "request body: expected valid JSON but found unreadable data: " + e.getMessage());
        }
    }

    private static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m != null && m.startsWith("Duplicate field ")) {
            return "the key " + m.substring("Duplicate field ".length()) + " twice in one object";
        }
        return "a syntax error: " + m;
    }

    private static String at(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null ? "" : " at byte offset " + offset(l);
    }

    private static long offset(JsonLocation l) {
        return l.getByteOffset() >= 0 ? l.getByteOffset() : l.getCharOffset();
    }
}

package org.robotphysicist.engine.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.robotphysicist.data.io.Json;

/**
 * Writes one JSON answer on a Jetty {@link Response}: the status, {@code Content-Type:
 * application/json; charset=utf-8}, the length, the body, then completes the callback. Errors are
 * {@code {"error": {"status": S, "message": "..."}}}. Stateless; callable from any thread, once per
 * response.
 */
final class JsonAnswer {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private JsonAnswer() {
    }

    static void write(Response response, Callback callback, int status, Object value) {
        byte[] bytes = Json.write(value).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** The error document. */
    static Map<String, Object> error(int status, String message) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("status", status);
        inner.put("message", String.valueOf(message));
        return Map.of("error", inner);
    }
}

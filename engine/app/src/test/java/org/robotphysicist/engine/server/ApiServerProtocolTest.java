package org.robotphysicist.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.io.Json;

/**
 * What hostile or broken clients send, over raw loopback sockets: every answer is JSON (protocol
 * errors included), an oversized declared body is refused at once, JSON is parsed strictly, the
 * Content-Type is checked, request costs are limited, and the request log cannot be forged.
 */
class ApiServerProtocolTest {
    static final List<String> LOG = new CopyOnWriteArrayList<>();
    static ApiServer server;
    static String posterior;

    @BeforeAll
    static void start() throws IOException {
        // A long read timeout, so that an answer arriving quickly cannot be the timeout's.
        server = ApiServer.start(ServerConfig.defaults(Map.of("w", ServedModel.path())).withAddress("127.0.0.1", 0)
                .withLimits(2, 16, 64 * 1024, 60_000).withTransport(30_000, 64, 1_000_000_000L), LOG::add);
        posterior = Json.write(Map.of("model", "w", "phi", new double[] {58}, "events", ServedModel.events(),
                "grid", 51)).replace("\n", "");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static RawHttp.Answer raw(String request) throws IOException {
        return RawHttp.exchange(server, request, 5_000);
    }

    static String post(String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (contentType == null ? ""
                : "Content-Type: " + contentType + "\r\n") + "Content-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** A JSON error answer with {@code status} (any error status when 0) whose message contains {@code fragment}. */
    static JsonNode assertJsonError(RawHttp.Answer a, int status, String fragment) throws IOException {
        if (status == 0) {
            assertTrue(a.status() >= 400, "an error answer: " + a);
        } else {
            assertEquals(status, a.status(), a.body());
        }
        assertTrue(a.headers().getOrDefault("content-type", "").startsWith("application/json"), "JSON: " + a);
        JsonNode error = Json.mapper().readTree(a.body()).get("error");
        assertEquals(a.status(), error.get("status").asInt(), a.body());
        assertTrue(error.get("message").asText().contains(fragment), "'" + fragment + "' in " + error);
        return error;
    }

    @Test
    void protocolErrorsAreAnsweredWithJsonNotHtml() throws Exception {
        String get = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        assertJsonError(raw(get + "Content-Length: abc\r\n\r\n"), 400, "HTTP request");
        assertJsonError(raw(get + "Content-Length: -5\r\n\r\n"), 400, "HTTP request");
        assertJsonError(raw(get + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab"), 400, "HTTP request");
        assertJsonError(raw("HELLO THERE\r\n\r\n"), 0, "");
        assertJsonError(raw("GET /health\r\n\r\n"), 0, ""); // HTTP/0.9
        assertJsonError(raw("GET //health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 0, "");
        assertJsonError(raw(get + "X-Big: " + "a".repeat(ApiServer.MAX_HEADER_BYTES) + "\r\n\r\n"), 431, "");
        RawHttp.Answer ok = raw(get + "Connection: close\r\n\r\n");
        assertEquals(200, ok.status(), "the server still answers: " + ok);
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedAtOnceWithoutReadingIt() throws Exception {
        try (Socket s = RawHttp.connect(server, 5_000)) {
            s.getOutputStream().write(("POST /posterior HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                    + "\r\nContent-Length: 1000000000000\r\n\r\n{\"model\"").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            // No more body comes: the answer must not wait for it (the read timeout is 30 s, this read 5 s).
            RawHttp.Answer a = RawHttp.read(s.getInputStream());
            assertJsonError(a, 413, "expected at most 65536 bytes but found a Content-Length of 1000000000000");
            assertEquals("close", a.headers().get("connection"));
        }
    }

    /**
     * A body somewhat over the limit, sent whole: the server reads it to its end before the 413, so
     * the client, which writes all of it before reading, gets the answer (answering at once and
     * closing with the rest unread could reset the connection before the answer was read).
     */
    @Test
    void aBodySomewhatOverTheLimitIsReadToItsEndAndRefused() throws Exception {
        StringBuilder big = new StringBuilder("{\"model\": \"w\", \"phi\": [58], \"events\": [0.1");
        while (big.length() < 100 * 1024) {
            big.append(", 0.123456789");
        }
        String body = big.append("]}").toString();
        for (int attempt = 0; attempt < 5; attempt++) {
            RawHttp.Answer a = raw(post("/posterior", "application/json", body));
            assertJsonError(a, 413, "expected at most 65536 bytes but found a Content-Length of " + body.length());
        }
        assertTrue(BodyReader.drains(body.length(), 64 * 1024) && !BodyReader.drains(2 * 64 * 1024 + 1, 64 * 1024),
                "bodies up to twice the limit are drained, larger declared ones refused at once");
        assertEquals(200, raw(post("/posterior", "application/json", posterior)).status(), "the server still answers");
    }

    @Test
    void jsonIsParsedStrictly() throws Exception {
        assertEquals(200, raw(post("/posterior", "application/json", posterior)).status(), "the valid request");
        assertJsonError(raw(post("/posterior", "application/json", posterior + " xyz")), 400,
                "expected nothing after the JSON value but found more data at byte offset " + (posterior.length() + 1));
        assertJsonError(raw(post("/posterior", "application/json", posterior + posterior)), 400,
                "expected nothing after the JSON value");
        String duplicate = "{\"model\": \"w\", \"phi\": [58], \"phi\": [60], \"events\": [0.1]}";
        assertJsonError(raw(post("/posterior", "application/json", duplicate)), 400,
                "found the key 'phi' twice in one object at byte offset");
        assertJsonError(raw(post("/posterior", "application/json; charset=utf-8", "{\"model\": ")), 400,
                "expected valid JSON");
    }

    @Test
    void aPostWhoseContentTypeIsNotJsonGets415() throws Exception {
        assertJsonError(raw(post("/posterior", "text/plain", posterior)), 415,
                "expected application/json (UTF-8) but found 'text/plain'");
        assertJsonError(raw(post("/eig", "application/x-www-form-urlencoded", posterior)), 415, "expected application/json");
        assertJsonError(raw(post("/posterior", null, posterior)), 415, "but found none");
        assertJsonError(raw(post("/posterior", "application/json; charset=latin1", posterior)), 415, "latin1");
        assertEquals(200, raw(post("/posterior", "Application/JSON; charset=\"UTF-8\"", posterior)).status());
    }

    @Test
    void requestsOverTheCostLimitGet400NamingCostLimitAndOption() throws Exception {
        JsonNode e = assertJsonError(raw(post("/eig", "application/json", "{\"model\": \"w\", \"range\": {\"lower\":"
                + " [50], \"upper\": [70], \"count\": 256}, \"datasets\": 64, \"events\": 1000, \"grid\": 101}")), 400,
                "expected a cost of at most 1000000000 likelihood evaluations (rp serve --max-cost) but found 1654784000"
                        + " = 256 candidates x 64 datasets x 1000 events x 101 grid points");
        assertTrue(e.get("message").asText().contains("raise --max-cost"), e.toString());
        assertJsonError(raw(post("/eig", "application/json", "{\"model\": \"w\", \"range\": {\"lower\": [50],"
                + " \"upper\": [70], \"count\": 256}, \"datasets\": 4096, \"events\": 1000000}")), 400,
                "expected at most 16777216 simulated events per estimate");
        StringBuilder levels = new StringBuilder("[0.5");
        for (int i = 1; i < 10_000; i++) {
            levels.append(",0.5");
        }
        String many = "{\"model\": \"w\", \"phi\": [58], \"events\": [0.1], \"levels\": " + levels + "]}";
        assertJsonError(raw(post("/posterior", "application/json", many)), 400,
                "expected at most 64 credibility levels but found 10000");
        String big = "{\"model\": \"w\", \"phi\": [58], \"events\": [0.1], \"grid\": 65536}";
        // This one computes (65 536 grid points): wait as long as the server's own 60 s limit, not 5 s.
        assertEquals(200, RawHttp.exchange(server, post("/posterior", "application/json", big), 60_000).status(),
                "a cheap large grid is fine");
    }

    @Test
    void controlCharactersInThePathCannotForgeLogLines() throws Exception {
        LOG.clear();
        RawHttp.Answer a = raw("GET /health%0d%0aX-Injected:%20yes%1b[31m HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(a.status() == 404 || a.status() == 400, a.toString());
        assertJsonError(a, a.status(), "");
        assertFalse(LOG.isEmpty(), "the request is logged");
        for (String line : LOG) {
            assertFalse(line.contains("\r") || line.contains("\n") || line.contains("\u001b"), "escaped: " + line);
        }
        assertTrue(LOG.stream().anyMatch(l -> l.contains("X-Injected")), LOG.toString());
        assertEquals("GET /a\\r\\nb\\u001b\\\\ -> 404 (3 ms)", RequestLogLine.of("GET", "/a\r\nb\u001b\\", 404, 3));
    }
}

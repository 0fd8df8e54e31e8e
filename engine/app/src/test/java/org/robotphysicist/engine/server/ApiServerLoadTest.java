package org.robotphysicist.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.io.Json;

/**
 * The server under heavy or hostile load, on loopback with bounded loops: slow clients hold no
 * thread and are cut off at the read timeout, a computation past its deadline is stopped and frees
 * its worker, closing under load ends promptly, and many concurrent clients all get correct answers.
 */
class ApiServerLoadTest {
    /** An EIG request far beyond any test timeout (4·10⁸ likelihood evaluations), but within the cost limit. */
    static final String LONG_EIG = "{\"model\": \"w\", \"range\": {\"lower\": [50], \"upper\": [70], \"count\": 8},"
            + " \"datasets\": 256, \"events\": 2000, \"grid\": 101}";

    static ApiServer start(int workers, long timeoutMillis, long readTimeoutMillis) throws IOException {
        return ApiServer.start(ServerConfig.defaults(Map.of("w", ServedModel.path())).withAddress("127.0.0.1", 0)
                .withLimits(workers, 64, 64 * 1024, timeoutMillis).withTransport(readTimeoutMillis, 64,
                        ServerConfig.DEFAULT_MAX_COST), line -> { });
    }

    static RawHttp.Answer get(ApiServer s, String path, int timeoutMillis) throws IOException {
        return RawHttp.exchange(s, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                timeoutMillis);
    }

    static RawHttp.Answer post(ApiServer s, String path, String body, int timeoutMillis) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(s, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n" + body, timeoutMillis);
    }

    static int busy(ApiServer s) throws IOException {
        RawHttp.Answer a = get(s, "/health", 5_000);
        assertEquals(200, a.status(), a.body());
        return Json.mapper().readTree(a.body()).get("busy").asInt();
    }

    @Test
    void slowClientsHoldNoThreadAndAreCutOffAtTheReadTimeout() throws Exception {
        try (ApiServer s = start(2, 60_000, 1_000)) {
            List<Socket> slowHeads = new ArrayList<>();
            List<Socket> silentBodies = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket head = RawHttp.connect(s, 3_000);
                    head.getOutputStream().write("POST /posterior HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    slowHeads.add(head);
                    Socket body = RawHttp.connect(s, 5_000);
                    body.getOutputStream().write(("POST /posterior HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                            + " application/json\r\nContent-Length: 5000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    silentBodies.add(body);
                }
                // The slow clients trickle a header line every 200 ms; /health must answer meanwhile.
                for (int round = 0; round < 3; round++) {
                    for (Socket head : slowHeads) {
                        head.getOutputStream().write(("X-Slow-" + round + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    RawHttp.Answer health = get(s, "/health", 2_000);
                    assertEquals(200, health.status(), "health answers while 16 clients stall: " + health);
                    Thread.sleep(200);
                }
                for (Socket head : slowHeads) {
                    assertTrue(RawHttp.closedByServer(head), "a client still sending its head after the read timeout"
                            + " is disconnected");
                }
                for (Socket body : silentBodies) {
                    RawHttp.Answer a = RawHttp.read(body.getInputStream());
                    assertEquals(408, a.status(), a.body());
                    assertTrue(a.body().contains("expected it within 1000 ms"), a.body());
                }
                assertTrue(s.slowConnectionsClosed() >= 8, "closed: " + s.slowConnectionsClosed());
                assertEquals(200, get(s, "/health", 2_000).status());
            } finally {
                for (Socket k : slowHeads) {
                    k.close();
                }
                for (Socket k : silentBodies) {
                    k.close();
                }
            }
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTheReadTimeout() throws Exception {
        try (ApiServer s = start(1, 60_000, 500); Socket silent = RawHttp.connect(s, 5_000);
                Socket keptAlive = RawHttp.connect(s, 5_000)) {
            keptAlive.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, RawHttp.read(keptAlive.getInputStream()).status(), "answered, connection kept alive");
            assertTrue(RawHttp.closedByServer(silent), "a connection that never sends is closed");
            assertTrue(RawHttp.closedByServer(keptAlive), "a keep-alive connection idle after its answer is closed");
            assertEquals(2, s.slowConnectionsClosed());
        }
    }

    @Test
    void aComputationPastItsDeadlineIsStoppedAndFreesItsWorker() throws Exception {
        try (ApiServer s = start(1, 500, 10_000)) {
            RawHttp.Answer a = post(s, "/eig", LONG_EIG, 30_000);
            long answered = System.nanoTime();
            assertEquals(504, a.status(), a.body());
            assertTrue(a.body().contains("was stopped"), a.body());
            long freed = -1;
            for (int i = 0; i < 300 && freed < 0; i++) { // polls for at most ~3 s
                if (busy(s) == 0) {
                    freed = (System.nanoTime() - answered) / 1_000_000;
                } else {
                    Thread.sleep(10);
                }
            }
            assertTrue(freed >= 0 && freed < 2_000, "the worker is free again within a second or so of the 504: "
                    + freed + " ms");
            System.out.println("worker free again " + freed + " ms after the 504");
            String small = Json.write(Map.of("model", "w", "phi", new double[] {58}, "events", ServedModel.events(),
                    "grid", 51));
            assertEquals(200, post(s, "/posterior", small, 30_000).status(), "the freed worker computes again");
        }
    }

    @Test
    void closingUnderLoadStopsRunningComputationsPromptly() throws Exception {
        ApiServer s = start(2, 600_000, 10_000);
        try {
            closeUnderLoad(s);
        } finally {
            s.close(); // again, when the test failed before closing: no computation may outlive it
        }
    }

    private static void closeUnderLoad(ApiServer s) throws Exception {
        List<CompletableFuture<RawHttp.Answer>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return post(s, "/eig", LONG_EIG, 60_000);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int i = 0; i < 3_000 && s.busyWorkers() < 2; i++) { // at most ~30 s
            Thread.sleep(10);
        }
        assertEquals(2, s.busyWorkers(), "both workers compute");
        long t0 = System.nanoTime();
        s.close();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 10_000, "close() under load returned after " + millis + " ms");
        for (CompletableFuture<RawHttp.Answer> r : running) {
            RawHttp.Answer a = r.get();
            assertEquals(503, a.status(), a.body());
            assertTrue(a.body().contains("shutting down"), a.body());
        }
    }

    @Test
    void sixteenClientsSendingHundredsOfRequestsAllGetCorrectAnswers() throws Exception {
        try (ApiServer s = start(4, 120_000, 10_000)) {
            String body = Json.write(Map.of("model", "w", "phi", new double[] {58}, "events", ServedModel.events(),
                    "grid", 51));
            String expected = post(s, "/posterior", body, 30_000).body();
            JsonNode doc = Json.mapper().readTree(expected);
            assertEquals(51, doc.get("density").size(), expected);
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int c = 0; c < 16; c++) {
                    done.add(clients.submit(() -> {
                        int correct = 0;
                        for (int i = 0; i < 16; i++) {
                            if (i % 2 == 0) {
                                RawHttp.Answer a = post(s, "/posterior", body, 60_000);
                                correct += a.status() == 200 && a.body().equals(expected) ? 1 : 0;
                            } else {
                                correct += get(s, "/health", 60_000).status() == 200 ? 1 : 0;
                            }
                        }
                        return correct;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : done) {
                    total += f.get();
                }
                assertEquals(16 * 16, total, "every one of 256 requests answered correctly");
            } finally {
                clients.shutdownNow();
            }
        }
    }

}

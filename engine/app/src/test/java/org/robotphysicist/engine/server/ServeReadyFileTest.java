package org.robotphysicist.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rp serve --ready-file}: the URL appears once the server listens, and goes at shutdown. */
class ServeReadyFileTest {
    @TempDir
    Path dir;

    @Test
    void theReadyFileHoldsTheUrlWhileTheServerListensAndIsDeletedAtShutdown() throws Exception {
        Path ready = dir.resolve("state").resolve("url");
        Files.createDirectories(ready.getParent());
        Files.writeString(ready, "left from an earlier run\n");
        Path log = dir.resolve("serve.log");
        Process p = new ProcessBuilder(RpProcess.command("serve", "--model", "w=" + ServedModel.path(), "--port", "0",
                "--ready-file", ready.toString(), "-q")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String url = awaitUrl(ready, p, log);
            assertTrue(url.matches("http://127\\.0\\.0\\.1:[0-9]+\n"), "one line, the URL, but found '" + url + "'");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url.strip() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(Files.readString(log).contains("listening on " + url.strip()), Files.readString(log));
        } finally {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rp serve stops on SIGTERM");
        }
        assertFalse(Files.exists(ready), "the ready file is deleted at shutdown");
        try (var left = Files.list(ready.getParent())) {
            assertEquals(0, left.count(), "no temporary file is left beside it");
        }
    }

    /** The ready file's content once it holds a URL (the stale one is deleted first), within 120 s. */
    private static String awaitUrl(Path ready, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(ready)) {
                String content = Files.readString(ready, StandardCharsets.UTF_8);
                if (content.startsWith("http://")) {
                    return content;
                }
            }
            assertTrue(p.isAlive(), "rp serve exited early: " + Files.readString(log));
            Thread.sleep(20);
        }
        throw new AssertionError("no URL in " + ready + " within 120 s: " + Files.readString(log));
    }
}

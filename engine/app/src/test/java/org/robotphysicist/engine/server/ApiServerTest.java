package org.robotphysicist.engine.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.data.testing.Python3;
import org.robotphysicist.engine.api.EigOptions;
import org.robotphysicist.engine.api.PosteriorOptions;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.training.device.DeviceRequest;

/** Starts the server on a free loopback port with a small trained classifier and exercises it. */
class ApiServerTest {
    static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();
    static final RobotPhysicist RP = RobotPhysicist.forSimulator(SIM).prior(Box.interval(0.15, 0.35))
            .settings(Box.interval(50, 70));
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Path model;
    static ApiServer server;
    static double[] events;

    @BeforeAll
    static void start() throws IOException {
        model = dir.resolve("w.rpm");
        try (TrainedModel m = RP.train(TrainOptions.defaults("classifier").withTraining(20_000, 1, DeviceRequest.CPU)
                .withEventsPerExperiment(20))) {
            m.save(model);
        }
        Matrix x = SIM.simulate(new double[] {0.2312}, new double[] {58}, 300, new SplittableRandom(9));
        events = x.column(0);
        server = ApiServer.start(ServerConfig.defaults(Map.of("w", model)).withAddress("127.0.0.1", 0)
                .withLimits(4, 64, 64 * 1024, 120_000), line -> { });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> send(ApiServer s, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.uri() + path));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }

    static String posteriorRequest() {
        return Json.write(Map.of("model", "w", "phi", new double[] {58}, "events", events, "grid", 101));
    }

    static final String EIG = "{\"model\": \"w\", \"candidates\": [[52], [60], [68]], \"datasets\": 8, \"events\": 50,"
            + " \"grid\": 51, \"seed\": 3}";

    @Test
    void healthAndModelsDescribeTheServer() throws Exception {
        JsonNode health = json(send(server, "GET", "/health", null));
        assertEquals("ok", health.get("status").asText());
        assertEquals(4, health.get("workers").asInt());
        assertTrue(server.uri().toString().startsWith("http://127.0.0.1:") && server.port() > 0);
        JsonNode m = json(send(server, "GET", "/models", null)).get("models").get(0);
        assertEquals("w", m.get("name").asText());
        assertEquals("carl-classifier", m.get("kind").asText());
        assertEquals("weinberg-lo", m.get("simulator").asText());
        assertEquals(70.0, m.get("phiRange").get("upper").get(0).asDouble());
        assertTrue(m.get("calibration").isNull(), "a model file without a certificate shows null: " + m);
        assertTrue(m.get("scoreFit").isNull(), "a model file without a score fit shows null: " + m);
    }

    @Test
    void aModelFilesScoreFitIsListed() throws Exception {
        Path fitted = dir.resolve("fitted.rpm");
        ModelFile.Contents c = ModelFile.read(model);
        ModelFile.write(fitted, c.manifest().withScoreFit(new ScoreFit(0.975, 20_000, true)), c.parameters());
        try (ApiServer s = ApiServer.start(ServerConfig.defaults(Map.of("f", fitted)).withAddress("127.0.0.1", 0),
                line -> { })) {
            JsonNode fit = json(send(s, "GET", "/models", null)).get("models").get(0).get("scoreFit");
            assertEquals(0.975, fit.get("rSquared").asDouble(), fit.toString());
            assertEquals(20_000, fit.get("events").asInt(), fit.toString());
        }
    }

    @Test
    void posteriorAndEigMatchTheJavaApi() throws Exception {
        HttpResponse<String> r = send(server, "POST", "/posterior", posteriorRequest());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = json(r);
        double[] served = Json.mapper().convertValue(doc.get("density"), double[].class);
        HttpResponse<String> e = send(server, "POST", "/eig", EIG);
        assertEquals(200, e.statusCode(), e.body());
        JsonNode estimates = json(e).get("estimates");
        try (TrainedModel local = RP.load(model, LoadOptions.defaults())) {
            double[] direct = RP.settings(58).posterior(local.surrogate(), new Observation(Matrix.ofColumn(events),
                    new double[] {58}), PosteriorOptions.defaults().withGridPoints(101)).density();
            assertArrayEquals(direct, served, 1e-9, "the served posterior is the Java API's");
            List<EigEstimate> eig = RP.eig(local.surrogate(), List.of(new double[] {52}, new double[] {60},
                    new double[] {68}), new EigOptions(8, 50, 51, 2, 1, 3));
            for (int i = 0; i < 3; i++) {
                assertEquals(eig.get(i).value(), estimates.get(i).get("value").asDouble(), 1e-12);
                assertEquals(eig.get(i).standardError(), estimates.get(i).get("standardError").asDouble(), 1e-12);
                assertTrue(estimates.get(i).get("standardError").asDouble() > 0, "a standard error is reported");
            }
        }
        assertEquals(300, doc.get("events").asInt());
        assertEquals(101, served.length);
    }

    @Test
    void sixteenConcurrentClientsGetIdenticalCorrectAnswers() throws Exception {
        String posterior = send(server, "POST", "/posterior", posteriorRequest()).body();
        String eig = send(server, "POST", "/eig", EIG).body();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                boolean even = c % 2 == 0;
                answers.add(clients.submit(() -> send(server, "POST", even ? "/posterior" : "/eig",
                        even ? posteriorRequest() : EIG)));
            }
            for (int c = 0; c < 16; c++) {
                HttpResponse<String> r = answers.get(c).get();
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(c % 2 == 0 ? posterior : eig, r.body(), "client " + c + " got the sequential answer");
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(server.loadedCopies() <= 4, "at most one model copy per worker: " + server.loadedCopies());
    }

    @Test
    void badRequestsGetJsonErrorsNamingExpectedAndFound() throws Exception {
        assertError(send(server, "POST", "/posterior", "{\"model\": \"w\", \"phi\": [58"), 400, "expected valid JSON");
        assertError(send(server, "POST", "/posterior", "[1, 2]"), 400, "expected a JSON object but found array");
        assertError(send(server, "POST", "/posterior", ""), 400, "empty body");
        assertError(send(server, "POST", "/posterior", "{\"model\": \"nosuch\", \"phi\": [58], \"events\": [0.1]}"),
                400, "expected one of [w] but found 'nosuch'");
        assertError(send(server, "POST", "/posterior", "{\"model\": \"w\", \"phi\": \"58\", \"events\": [0.1]}"), 400,
                "field 'phi': expected an array of numbers but found string");
        assertError(send(server, "POST", "/posterior", "{\"model\": \"w\", \"phi\": [58], \"events\": [[0.1, 0.2]]}"),
                400, "expected 1 number(s) but found 2");
        assertError(send(server, "POST", "/posterior", "{\"model\": \"w\", \"phi\": [90], \"events\": [0.1]}"), 400,
                "expected a value in [50.0, 70.0] but found 90.0");
        assertError(send(server, "POST", "/posterior", "{\"model\": \"w\", \"phi\": [58], \"events\": [0.1],"
                + " \"grid\": 1}"), 400, "expected an integer in [2, 65536] but found 1");
        assertError(send(server, "POST", "/eig", "{\"model\": \"w\"}"), 400, "exactly one of 'candidates'");
        assertError(send(server, "POST", "/eig", "{\"model\": \"w\", \"range\": {\"lower\": [50], \"upper\": [70]}}"),
                400, "expected a 'count'");
        assertError(send(server, "GET", "/nowhere", null), 404, "expected one of GET /health");
        HttpResponse<String> wrong = send(server, "GET", "/posterior", null);
        assertError(wrong, 405, "expected POST for /posterior but found GET");
        assertEquals("POST", wrong.headers().firstValue("Allow").orElse(""));
        assertError(send(server, "DELETE", "/health", null), 405, "expected GET");
        StringBuilder big = new StringBuilder("{\"model\": \"w\", \"phi\": [58], \"events\": [0.1");
        while (big.length() < 70 * 1024) {
            big.append(", 0.123456789");
        }
        assertError(send(server, "POST", "/posterior", big.append("]}").toString()), 413, "expected at most 65536 bytes");
    }

    @Test
    void overloadGets503AndSlowRequestsGet504() throws Exception {
        String slow = "{\"model\": \"w\", \"range\": {\"lower\": [50], \"upper\": [70], \"count\": 2},"
                + " \"datasets\": 64, \"events\": 200, \"grid\": 101}";
        try (ApiServer one = ApiServer.start(ServerConfig.defaults(Map.of("w", model)).withAddress("127.0.0.1", 0)
                .withLimits(1, 0, 64 * 1024, 200), line -> { })) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return send(one, "POST", "/eig", slow);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitBusy(one);
            assertError(send(one, "POST", "/posterior", posteriorRequest()), 503, "workers are busy");
            assertError(first.get(), 504, "expected to finish within 200 ms");
        }
    }

    @Test
    void closingLetsARunningRequestFinish() throws Exception {
        ApiServer s = ApiServer.start(ServerConfig.defaults(Map.of("w", model)).withAddress("127.0.0.1", 0)
                .withLimits(1, 4, 64 * 1024, 60_000), line -> { });
        String medium = "{\"model\": \"w\", \"candidates\": [[55], [65]], \"datasets\": 64, \"events\": 200,"
                + " \"grid\": 101}";
        CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> {
            try {
                return send(s, "POST", "/eig", medium);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitBusy(s);
        s.close();
        HttpResponse<String> r = running.get();
        assertEquals(200, r.statusCode(), r.body());
        assertThrows(IOException.class, () -> send(s, "GET", "/health", null), "closed servers refuse connections");
    }

    @Test
    void badConfigurationsAreRefusedBeforeListening() {
        assertThrows(InvalidInputException.class, () -> ServerConfig.defaults(Map.of()));
        assertThrows(InvalidInputException.class, () -> ServerConfig.defaults(Map.of("a b", model)));
        assertThrows(InvalidInputException.class, () -> ServerConfig.defaults(Map.of("w", model)).withAddress("x", 70000));
        assertThrows(InvalidInputException.class, () -> ApiServer.start(ServerConfig.defaults(Map.of("w",
                dir.resolve("missing.rpm"))).withAddress("127.0.0.1", 0), line -> { }));
    }

    @Test
    void thePythonStandardLibraryClientGetsTheJavaApisAnswers() throws Exception {
        Assumptions.assumeTrue(Python3.available(), Python3.SKIP_REASON);
        Path csv = dir.resolve("ev.csv");
        Matrix x = Matrix.ofColumn(events);
        EventCsv.write(EventDataset.ofLabelled(SIM.dimensions(), x, Matrix.repeatRow(new double[] {0.2312}, x.rows()),
                Matrix.repeatRow(new double[] {58}, x.rows())), Map.of(), csv);
        Process p = new ProcessBuilder("python3", Path.of("..", "..", "examples", "python-client", "rp_client.py").toString(),
                "--url", server.uri().toString(), "--model", "w", "--events", csv.toString(), "--grid", "101",
                "--candidates", "52,68", "--datasets", "8", "--eig-events", "50").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the client finishes");
        assertEquals(0, p.exitValue(), out);
        try (TrainedModel local = RP.load(model, LoadOptions.defaults())) {
            var summary = RP.settings(58).posterior(local.surrogate(), new Observation(x, new double[] {58}),
                    PosteriorOptions.defaults().withGridPoints(101)).summary();
            String expected = String.format(java.util.Locale.ROOT, "posterior sin2_theta_w: mean %.6f sd %.6f",
                    summary.mean()[0], summary.standardDeviation()[0]);
            assertTrue(out.contains(expected), "'" + expected + "' in:\n" + out);
            List<EigEstimate> eig = RP.eig(local.surrogate(), List.of(new double[] {52}, new double[] {68}),
                    new EigOptions(8, 50, 101, 2, 1, 1));
            String line = String.format(java.util.Locale.ROOT, "EIG at phi=68: %.6f +- %.6f nats", eig.get(1).value(),
                    eig.get(1).standardError());
            assertTrue(out.contains(line), "'" + line + "' in:\n" + out);
        }
        assertTrue(out.startsWith("server ok: 1 model(s), 4 worker(s)"), out);
    }

    /** Waits until a worker of {@code s} computes (at most 30 s). */
    static void awaitBusy(ApiServer s) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (s.busyWorkers() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, s.busyWorkers(), "the first request reached the worker");
    }

    @Test
    void posteriorSamplesFromTheGridAndFromMcmcAreCostedAndReturned() throws Exception {
        HttpResponse<String> r = send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "phi",
                new double[] {58}, "events", events, "grid", 101, "samples", 300, "seed", 4)));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = json(r);
        assertEquals("grid", doc.get("sampler").asText());
        assertEquals(300, doc.get("samples").size());
        for (JsonNode row : doc.get("samples")) {
            double v = row.get(0).asDouble();
            assertTrue(v >= 0.15 && v <= 0.35, "sample " + v + " outside the prior");
        }
        double[] few = java.util.Arrays.copyOf(events, 30);
        HttpResponse<String> m = send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "phi",
                new double[] {58}, "events", few, "sampler", "mcmc", "samples", 200, "chains", 8)));
        assertEquals(200, m.statusCode(), m.body());
        JsonNode mcmc = json(m);
        assertEquals("mcmc", mcmc.get("sampler").asText());
        assertEquals(8, mcmc.get("mcmc").get("chains").asInt(), mcmc.get("mcmc").toString());
        assertEquals(200, mcmc.get("samples").size());
        assertTrue(mcmc.get("mcmc").get("maxRhat").asDouble() > 0, mcmc.get("mcmc").toString());
        assertTrue(mcmc.get("density").isNull(), "no grid density under MCMC");

        double[] first = java.util.Arrays.copyOfRange(events, 0, 150);
        double[] second = java.util.Arrays.copyOfRange(events, 150, 300);
        HttpResponse<String> split = send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "grid", 101,
                "experiments", List.of(Map.of("phi", new double[] {58}, "events", first), Map.of("phi",
                        new double[] {58}, "events", second)))));
        assertEquals(200, split.statusCode(), split.body());
        JsonNode both = json(split);
        assertEquals(2, both.get("experiments").size());
        assertEquals(300, both.get("events").asInt());
        double[] joint = Json.mapper().convertValue(json(send(server, "POST", "/posterior", posteriorRequest()))
                .get("density"), double[].class);
        assertArrayEquals(joint, Json.mapper().convertValue(both.get("density"), double[].class), 1e-5,
                "two experiments of 150 events at one phi give the posterior of all 300 (float32 sums in other batches)");
        assertError(send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "phi", new double[] {58},
                "events", events, "experiments", List.of()))), 400, "expected either 'phi' and 'events' or"
                + " 'experiments' but found both");
        assertError(send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "phi", new double[] {58},
                "events", events, "samples", 0))), 400, "field 'samples': expected an integer in [1, 1000000] but"
                + " found 0");
        assertError(send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "phi", new double[] {58},
                "events", events, "samples", 2_000_000))), 400, "but found 2000000");
        assertError(send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "phi", new double[] {58},
                "events", events, "sampler", "hmc"))), 400, "sampler: expected one of auto, grid, mcmc but found 'hmc'");
        assertError(send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "phi", new double[] {58},
                "events", few, "sampler", "mcmc", "chains", 2))), 400, "field 'chains': expected an integer in [4,"
                + " 1024] but found 2");
        assertError(send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "phi", new double[] {58},
                "events", few, "chains", 8))), 400, "chains: expected the default 16 with the grid");
        assertError(send(server, "POST", "/posterior", Json.write(Map.of("model", "w", "phi", new double[] {58},
                "events", events, "sampler", "mcmc", "samples", 1_000_000))), 400, "MCMC theta points + 1000000"
                + " samples; ask for less or raise --max-cost");
    }

    static void assertError(HttpResponse<String> r, int status, String fragment) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode error = json(r).get("error");
        assertEquals(status, error.get("status").asInt());
        assertTrue(error.get("message").asText().contains(fragment), "'" + fragment + "' in " + error);
    }
}

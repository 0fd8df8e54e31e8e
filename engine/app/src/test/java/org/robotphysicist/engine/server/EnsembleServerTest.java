package org.robotphysicist.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * The server with two tiny toy-Gaussian flows trained across two disjoint φ boxes, one network and
 * an ensemble of three: {@code GET /models} lists both boxes and the members, and the cost limit
 * counts every member, so a request the single network may run is refused for the ensemble.
 */
class EnsembleServerTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();
    private static final List<Box> BOXES = List.of(Box.interval(0.5, 1.0), Box.interval(2.0, 3.0));
    /** 100 events × 101 grid points = 10 100 evaluations per network: one fits, three do not. */
    private static final long MAX_COST = 20_000;

    @TempDir
    static Path dir;
    static ApiServer server;

    @BeforeAll
    static void start() throws java.io.IOException {
        RobotPhysicist rp = RobotPhysicist.forSimulator(TOY).prior(Box.interval(-2, 2)).settings(BOXES);
        Path one = dir.resolve("one.rpm");
        Path three = dir.resolve("three.rpm");
        TrainOptions tiny = TrainOptions.defaults("maf").withControls(SurrogateTrainingConfig.of(2_000, 1, 5).withNetwork(1, 8))
                .withTraining(2_000, 1, DeviceRequest.CPU);
        try (TrainedModel m = rp.train(tiny)) {
            m.save(one);
        }
        try (TrainedModel m = rp.train(tiny.withEnsemble(3))) {
            m.save(three);
        }
        server = ApiServer.start(ServerConfig.defaults(Map.of("one", one, "three", three)).withAddress("127.0.0.1", 0)
                .withLimits(2, 8, 64 * 1024, 120_000).withTransport(10_000, 16, MAX_COST), line -> { });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String posterior(String model) {
        double[] events = TOY.simulate(new double[] {0.3}, new double[] {0.75}, 100, new SplittableRandom(4)).column(0);
        return Json.write(Map.of("model", model, "phi", new double[] {0.75}, "events", events, "grid", 101));
    }

    private static String eig(String model) {
        return Json.write(Map.of("model", model, "candidates", List.of(new double[] {0.75}), "datasets", 4, "events",
                25, "grid", 101, "seed", 2));
    }

    @Test
    void modelsListEveryPhiBoxAndTheEnsembleMembers() throws Exception {
        JsonNode models = ApiServerTest.json(ApiServerTest.send(server, "GET", "/models", null)).get("models");
        assertEquals(2, models.size(), models.toString());
        for (JsonNode m : models) {
            int members = m.get("name").asText().equals("three") ? 3 : 1;
            assertEquals(members, m.get("ensembleMembers").asInt(), m.toString());
            JsonNode boxes = m.get("phiBoxes");
            assertEquals(2, boxes.size(), "both phi boxes of " + m);
            assertEquals(0.5, boxes.get(0).get("lower").get(0).asDouble(), m.toString());
            assertEquals(1.0, boxes.get(0).get("upper").get(0).asDouble(), m.toString());
            assertEquals(2.0, boxes.get(1).get("lower").get(0).asDouble(), m.toString());
            assertEquals(3.0, boxes.get(1).get("upper").get(0).asDouble(), m.toString());
            assertEquals(0.5, m.get("phiRange").get("lower").get(0).asDouble(), "the bounding box: " + m);
            assertEquals(3.0, m.get("phiRange").get("upper").get(0).asDouble(), "the bounding box: " + m);
        }
        String between = Json.write(Map.of("model", "three", "phi", new double[] {1.5}, "events", new double[] {0.1},
                "grid", 11));
        ApiServerTest.assertError(ApiServerTest.send(server, "POST", "/posterior", between), 400,
                "expected a value inside one of the boxes Box[[0.5, 1.0]] u Box[[2.0, 3.0]] but found [1.5]");
    }

    @Test
    void theCostLimitCountsEveryEnsembleMember() throws Exception {
        var single = ApiServerTest.send(server, "POST", "/posterior", posterior("one"));
        assertEquals(200, single.statusCode(), "10100 evaluations fit the limit of " + MAX_COST + ": " + single.body());
        ApiServerTest.assertError(ApiServerTest.send(server, "POST", "/posterior", posterior("three")), 400,
                "posterior request: expected a cost of at most 20000 likelihood evaluations (rp serve --max-cost) but"
                        + " found 30300 = 3 ensemble members x 100 events x 101 grid points; ask for less or raise"
                        + " --max-cost");

        var eigOne = ApiServerTest.send(server, "POST", "/eig", eig("one"));
        assertEquals(200, eigOne.statusCode(), "10100 evaluations fit the limit of " + MAX_COST + ": " + eigOne.body());
        ApiServerTest.assertError(ApiServerTest.send(server, "POST", "/eig", eig("three")), 400,
                "eig request: expected a cost of at most 20000 likelihood evaluations (rp serve --max-cost) but found"
                        + " 30300 = 3 ensemble members x 1 candidates x 4 datasets x 25 events x 101 grid points");
    }
}

package org.robotphysicist.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.CrescentSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.training.device.DeviceRequest;

/** {@code POST /posterior} and {@code /eig} for a model whose experiments have no setting ({@code crescent}). */
class NoSettingServerTest {
    @TempDir
    Path dir;

    @Test
    void posteriorTakesNoPhiAndEigRefuses() throws Exception {
        CrescentSimulator sim = new CrescentSimulator();
        Path model = dir.resolve("c.rpm");
        try (TrainedModel m = RobotPhysicist.forSimulator(sim).train(TrainOptions.defaults("maf")
                .withControls(SurrogateTrainingConfig.of(2_000, 1, 4).withNetwork(1, 8)).withTraining(2_000, 1,
                        DeviceRequest.CPU))) {
            m.save(model);
        }
        Matrix x = sim.simulate(new double[] {0.5, -1}, new double[0], 20, new SplittableRandom(2));
        double[][] events = new double[x.rows()][];
        for (int i = 0; i < events.length; i++) {
            events[i] = x.row(i);
        }
        try (ApiServer s = ApiServer.start(ServerConfig.defaults(Map.of("c", model)).withAddress("127.0.0.1", 0),
                line -> { })) {
            var ok = ApiServerTest.send(s, "POST", "/posterior", Json.write(Map.of("model", "c", "events", events,
                    "grid", 21)));
            assertEquals(200, ok.statusCode(), ok.body());
            JsonNode answer = ApiServerTest.json(ok);
            assertEquals(0, answer.get("phi").size(), ok.body());
            var empty = ApiServerTest.send(s, "POST", "/posterior", Json.write(Map.of("model", "c", "phi",
                    new double[0], "events", events, "grid", 21)));
            assertEquals(200, empty.statusCode(), empty.body());
            var withPhi = ApiServerTest.send(s, "POST", "/posterior", Json.write(Map.of("model", "c", "phi",
                    new double[] {1}, "events", events, "grid", 21)));
            assertEquals(400, withPhi.statusCode(), withPhi.body());
            assertTrue(withPhi.body().contains("phi: the model's experiments have no setting; expected no 'phi' (or"
                    + " []) but found 1 number(s)"), withPhi.body());
            var eig = ApiServerTest.send(s, "POST", "/eig", "{\"model\": \"c\", \"candidates\": [[1]]}");
            assertEquals(400, eig.statusCode(), eig.body());
            assertTrue(eig.body().contains("'c' has none"), eig.body());
        }
    }
}

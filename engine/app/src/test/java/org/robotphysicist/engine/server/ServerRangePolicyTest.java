package org.robotphysicist.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.models.RangePolicy;

/**
 * The server's model-loading range policy: a φ outside the served model's trained range (50 to 70
 * GeV) is refused with 400 and the hint by default, and answered with the posterior and a warning
 * naming φ when the server loads its models with {@link RangePolicy#WARN}.
 */
class ServerRangePolicyTest {

    private static final double OUTSIDE_PHI = 75;

    private static String request() {
        return Json.write(Map.of("model", "w", "phi", new double[] {OUTSIDE_PHI}, "events", ServedModel.events(),
                "grid", 21));
    }

    private static ApiServer start(Path model, RangePolicy policy) throws java.io.IOException {
        return ApiServer.start(ServerConfig.defaults(Map.of("w", model)).withAddress("127.0.0.1", 0)
                .withRangePolicy(policy), line -> { });
    }

    @Test
    void aPhiOutsideTheTrainedRangeIsRefusedByDefaultAndAnsweredWithAWarningUnderWarn() throws Exception {
        Path model = ServedModel.path();
        try (ApiServer strict = start(model, RangePolicy.FAIL)) {
            var refused = ApiServerTest.send(strict, "POST", "/posterior", request());
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("phi") && refused.body().contains("RangePolicy.WARN"),
                    "expected the refusal to name phi and the policy that would evaluate it; found " + refused.body());
        }
        try (ApiServer lenient = start(model, RangePolicy.WARN)) {
            var answered = ApiServerTest.send(lenient, "POST", "/posterior", request());
            assertEquals(200, answered.statusCode(), answered.body());
            JsonNode warnings = ApiServerTest.json(answered).get("warnings");
            assertTrue(warnings != null && warnings.size() == 1 && warnings.get(0).asText().contains("phi"),
                    "expected one warning naming phi for phi = " + OUTSIDE_PHI + " but found " + warnings);
        }
    }
}

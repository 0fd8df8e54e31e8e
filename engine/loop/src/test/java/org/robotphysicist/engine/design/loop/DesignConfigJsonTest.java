package org.robotphysicist.engine.design.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;

/** The design settings name a registry kind, carry training controls and a model file, and read older histories. */
class DesignConfigJsonTest {
    private static final DesignConfig BASE = DesignConfig.defaults(Box.interval(0.15, 0.35), Box.interval(40, 100));

    @Test
    void aNeuralConfigurationRoundTripsThroughJson() {
        DesignConfig c = BASE.withSurrogate("nsf", HistogramGridConfig.defaults())
                .withTraining(SurrogateTrainingConfig.of(5_000, 3, 99).withOptimizer(512, null).withValidation(0.1, 2));
        DesignConfig back = Json.read(Json.write(c), DesignConfig.class, "test");
        assertEquals(c, back);
        assertEquals(512, back.training().batchSize());
        assertNull(back.training().learningRate(), "an unset control stays the kind's default");
        assertEquals(0, back.training().seed(), "the surrogate's seed follows from the master seed, not the controls");
        DesignConfig fromFile = c.withModelFile("maf", "/models/m.rpm");
        assertEquals(fromFile, Json.read(Json.write(fromFile), DesignConfig.class, "test"));
        assertEquals("maf", fromFile.surrogate());
        DesignConfig unverified = c.withVerifications(0);
        assertEquals(unverified, Json.read(Json.write(unverified), DesignConfig.class, "test"));
        assertEquals(0, unverified.verifications());
        assertEquals(DesignConfig.DEFAULT_VERIFICATIONS, BASE.verifications());
        var negative = assertThrows(InvalidInputException.class, () -> BASE.withVerifications(-1));
        assertTrue(negative.getMessage().contains("expected 0 (none) or more settings to re-estimate per round but"
                + " found -1"), negative.getMessage());
    }

    @Test
    void reEstimatesHaveFourTimesTheSearchsDatasetsAndARivalUnlessConfiguredOtherwise() {
        assertEquals(4 * DesignConfig.DEFAULT_EIG_DATASETS, BASE.verificationDatasets());
        assertTrue(BASE.verifyRival());
        DesignConfig fewer = BASE.withEig(32, 8, 4);
        assertEquals(128, fewer.verificationDatasets(), "the re-estimates follow the search's datasets");
        DesignConfig plain = fewer.withVerification(2, 32, false);
        assertEquals(2, plain.verifications());
        assertEquals(32, plain.verificationDatasets());
        assertFalse(plain.verifyRival());
        assertEquals(plain, Json.read(Json.write(plain), DesignConfig.class, "test"));
        assertNotEquals(plain, plain.withVerification(2, 32, true));
        assertNotEquals(plain, plain.withVerification(2, 64, false));
        assertTrue(plain.toString().contains("verifications=2 of 32 datasets,"), plain.toString());
        assertTrue(BASE.toString().contains("verifications=3 of 512 datasets + a rival"), BASE.toString());
        var one = assertThrows(InvalidInputException.class, () -> BASE.withVerification(3, 1, true));
        assertTrue(one.getMessage().contains("EIG verification datasets: expected at least 2 simulated datasets per"
                + " re-estimate (for a standard error) but found 1"), one.getMessage());
    }

    @Test
    void aHistoryWrittenBeforeTheRegistryStillReads() throws Exception {
        ObjectNode old = (ObjectNode) Json.mapper().readTree(Json.write(BASE));
        old.put("surrogate", "HISTOGRAM");
        old.remove("training");
        old.remove("modelFile");
        old.remove("verifications");
        old.remove("verificationDatasets");
        old.remove("verifyRival");
        ((ObjectNode) old.get("histogram")).remove("thetaSmoothing");
        DesignConfig c = Json.read(old.toString(), DesignConfig.class, "old history");
        assertEquals(0, c.histogram().thetaSmoothing(), "a histogram from before smoothing resumes as it ran: unsmoothed");
        assertEquals(8, BASE.histogram().thetaSmoothing());
        assertEquals(0, c.verifications(), "a run from before verification resumes as it ran: without it");
        assertEquals(BASE.eigDatasets(), c.verificationDatasets(),
                "a run from before the verification's own datasets re-estimates as it ran: with the search's");
        assertFalse(c.verifyRival(), "a run from before the rival resumes as it ran: without it");
        assertEquals("histogram", c.surrogate());
        assertEquals(DesignConfig.DEFAULT_TRAINING, c.training());
        assertNull(c.modelFile());
        var bad = assertThrows(InvalidInputException.class,
                () -> BASE.withSurrogate("Fancy Net", HistogramGridConfig.defaults()));
        assertTrue(bad.getMessage().contains("expected a kind name such as 'histogram' or 'nsf' but found 'Fancy Net'"),
                bad.getMessage());
    }
}

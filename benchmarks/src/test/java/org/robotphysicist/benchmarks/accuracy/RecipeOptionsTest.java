package org.robotphysicist.benchmarks.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * The accuracy benchmark's {@code --classifier-network}, {@code --flow-network} and
 * {@code --schedule}: read as given, and bad values refused with the text that was given.
 */
class RecipeOptionsTest {

    @Test
    void readsNetworksByCountOrByWidths() {
        assertEquals(List.of(128, 128, 128), SurrogateKinds.Recipe.network("3x128"));
        assertEquals(List.of(128, 64), SurrogateKinds.Recipe.network("128, 64"));
        assertEquals(SurrogateKinds.Recipe.DEFAULT_FLOW_NETWORK, SurrogateKinds.Recipe.network("2x64"));
    }

    @Test
    void refusesNetworksThatAreNotPositiveWidths() {
        for (String bad : List.of("0x64", "3x0", "-1x64", "64,-8", "wide", "")) {
            assertEquals("network: expected LAYERSxWIDTH (e.g. 3x64) or positive widths (e.g. 128,64) but found '"
                    + bad + "'", assertThrows(InvalidInputException.class, () -> SurrogateKinds.Recipe.network(bad))
                            .getMessage());
        }
    }

    @Test
    void readsSchedules() {
        assertEquals(LearningRateSchedule.constant(), SurrogateKinds.Recipe.schedule("constant"));
        assertEquals(LearningRateSchedule.cosine(0.01), SurrogateKinds.Recipe.schedule("cosine"));
        assertEquals(LearningRateSchedule.cosine(0.1), SurrogateKinds.Recipe.schedule("cosine:0.1"));
        assertEquals(LearningRateSchedule.plateau(0.5, 5, 0.01), SurrogateKinds.Recipe.schedule("plateau:5"));
    }

    @Test
    void refusesUnknownOrIncompleteSchedules() {
        for (String bad : List.of("linear", "plateau", "cosine:fast", "constant:1", "plateau:x")) {
            assertEquals("learning-rate schedule: expected constant, cosine, cosine:F or plateau:P but found '" + bad
                    + "'", assertThrows(InvalidInputException.class, () -> SurrogateKinds.Recipe.schedule(bad))
                            .getMessage());
        }
    }

    @Test
    void theDefaultRecipeIsTheOneThePublishedTablesRan() {
        SurrogateKinds.Recipe defaults = SurrogateKinds.Recipe.defaults();
        assertEquals(LearningRateSchedule.constant(), defaults.schedule());
        assertEquals(List.of(64, 64), defaults.flowNetwork());
        assertEquals("Adam 0.00100, batches of max(50, rows/20), at most 100 epochs, patience 15", defaults.toString());
        SurrogateKinds.Recipe changed = new SurrogateKinds.Recipe(200, 500, 1e-3, 0, RatioTrainingConfig.Contrast.binary(),
                defaults.classifierNetwork(), List.of(128, 128), SurrogateKinds.Recipe.schedule("cosine"));
        assertEquals("Adam 0.00100, batches of 500, at most 200 epochs, patience 0, flow MADE widths [128, 128],"
                + " cosine decay to 0.01 of the rate", changed.toString());
        SurrogateKinds.Recipe contrastive = new SurrogateKinds.Recipe(100, 0, 1e-3, 15,
                new RatioTrainingConfig.Contrast(10, 0.5), defaults.classifierNetwork(), defaults.flowNetwork(),
                defaults.schedule());
        assertEquals("Adam 0.00100, batches of max(50, rows/20), at most 100 epochs, patience 15, classifier"
                + " contrastive K=10, gamma=0.5", contrastive.toString());
    }
}

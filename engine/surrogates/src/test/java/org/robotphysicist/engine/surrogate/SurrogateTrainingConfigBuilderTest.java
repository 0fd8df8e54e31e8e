package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;

/**
 * The builder of the training controls: it sets every control by name, starts from the kind's
 * defaults, round-trips through {@code toBuilder}, and validates when it builds, with the same
 * messages the record's constructor gives; the {@code with…} methods change only what they name.
 */
class SurrogateTrainingConfigBuilderTest {

    private static SurrogateTrainingConfig everyControlSet() {
        return SurrogateTrainingConfig.builder(20_000, 3, 42).batchSize(256).learningRate(5e-4).hiddenLayers(2)
                .hiddenWidth(32).validationFraction(0.2).patience(4).timeBudget(Duration.ofMinutes(3))
                .ensembleMembers(3).evidenceNormalization(false).scoreWeight(10.0).contrast(4).contrastOdds(2.0)
                .gradientClip(2.5).build();
    }

    @Test
    void theBuilderSetsEachControlByName() {
        SurrogateTrainingConfig c = everyControlSet();
        assertEquals(20_000, c.rows());
        assertEquals(3, c.epochs());
        assertEquals(42, c.seed());
        assertEquals(256, c.batchSize());
        assertEquals(5e-4, c.learningRate());
        assertEquals(2, c.hiddenLayers());
        assertEquals(32, c.hiddenWidth());
        assertEquals(0.2, c.validationFraction());
        assertEquals(4, c.patience());
        assertEquals(Duration.ofMinutes(3), c.timeBudget());
        assertEquals(3, c.ensembleMembers());
        assertEquals(false, c.evidenceNormalization());
        assertEquals(10.0, c.scoreWeight());
        assertEquals(4, c.contrast());
        assertEquals(2.0, c.contrastOdds());
        assertEquals(2.5, c.gradientClip());
    }

    @Test
    void anUntouchedBuilderIsTheKindsDefaults() {
        SurrogateTrainingConfig built = SurrogateTrainingConfig.builder(1000, 1, 7).build();
        assertEquals(SurrogateTrainingConfig.of(1000, 1, 7), built);
        assertEquals(null, built.batchSize());
        assertEquals(null, built.scoreWeight());
        assertEquals(1, built.ensembleMembers());
        assertEquals(SurrogateTrainingConfig.defaults(7), SurrogateTrainingConfig.builder(
                SurrogateTrainingConfig.DEFAULT_ROWS, null, 7).build());
    }

    @Test
    void toBuilderKeepsEveryControlAndChangesOnlyWhatItIsTold() {
        SurrogateTrainingConfig c = everyControlSet();
        assertEquals(c, c.toBuilder().build());
        SurrogateTrainingConfig wider = c.toBuilder().hiddenWidth(64).build();
        assertEquals(64, wider.hiddenWidth());
        assertEquals(c, wider.toBuilder().hiddenWidth(32).build(), "only the width differed");
        assertNotEquals(c, wider);
    }

    @Test
    void theWithMethodsAgreeWithTheBuilder() {
        SurrogateTrainingConfig c = everyControlSet();
        assertEquals(c.toBuilder().rows(5000).epochs(9).build(), c.withRowsAndEpochs(5000, 9));
        assertEquals(c.toBuilder().batchSize(null).learningRate(null).build(), c.withOptimizer(null, null));
        assertEquals(c.toBuilder().hiddenLayers(4).hiddenWidth(8).build(), c.withNetwork(4, 8));
        assertEquals(c.toBuilder().validationFraction(0.0).patience(0).build(), c.withValidation(0.0, 0));
        assertEquals(c.toBuilder().seed(-3).build(), c.withSeed(-3));
        assertEquals(c.toBuilder().timeBudget(null).build(), c.withTimeBudget(null));
        assertEquals(c.toBuilder().ensembleMembers(1).build(), c.withEnsembleMembers(1));
        assertEquals(c.toBuilder().evidenceNormalization(null).build(), c.withEvidenceNormalization(null));
        assertEquals(c.toBuilder().scoreWeight(0.0).build(), c.withScoreWeight(0.0));
        assertEquals(c.toBuilder().contrast(null).contrastOdds(null).build(), c.withContrast(null).withContrastOdds(null));
        assertEquals(c.toBuilder().gradientClip(0.0).build(), c.withGradientClip(0.0));
    }

    @Test
    void aBuiltConfigurationRoundTripsThroughJson() {
        SurrogateTrainingConfig c = everyControlSet();
        assertEquals(c, Json.read(Json.write(c), SurrogateTrainingConfig.class, "training controls"));
    }

    @Test
    void buildRejectsAnOutOfRangeControlNamingItAndTheValueFound() {
        var rows = assertThrows(InvalidInputException.class,
                () -> SurrogateTrainingConfig.builder(999, 1, 1).build());
        assertTrue(rows.getMessage().contains("at least 1000") && rows.getMessage().contains("999"), rows.getMessage());
        var batch = assertThrows(InvalidInputException.class,
                () -> SurrogateTrainingConfig.builder(1000, 1, 1).batchSize(0).build());
        assertTrue(batch.getMessage().contains("batch size") && batch.getMessage().contains("0"), batch.getMessage());
        var rate = assertThrows(InvalidInputException.class,
                () -> SurrogateTrainingConfig.builder(1000, 1, 1).learningRate(Double.NaN).build());
        assertTrue(rate.getMessage().contains("learning rate") && rate.getMessage().contains("NaN"), rate.getMessage());
        var fraction = assertThrows(InvalidInputException.class,
                () -> SurrogateTrainingConfig.builder(1000, 1, 1).validationFraction(0.7).build());
        assertTrue(fraction.getMessage().contains("validation fraction") && fraction.getMessage().contains("0.7"),
                fraction.getMessage());
        var members = assertThrows(InvalidInputException.class,
                () -> SurrogateTrainingConfig.builder(1000, 1, 1).ensembleMembers(65).build());
        assertTrue(members.getMessage().contains("ensemble members") && members.getMessage().contains("65"),
                members.getMessage());
        for (double clip : new double[] {-1, Double.POSITIVE_INFINITY, Double.NaN}) {
            var e = assertThrows(InvalidInputException.class,
                    () -> SurrogateTrainingConfig.builder(1000, 1, 1).gradientClip(clip).build());
            assertTrue(e.getMessage().contains("gradient clip") && e.getMessage().contains(String.valueOf(clip)),
                    e.getMessage());
        }
    }
}

package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * The classifier's contrast in the training controls: binary unless asked for, the asked K and odds γ
 * passed to the classifier's trainer (each 1 where not given), validated, refused for every other kind
 * and dropped when controls are fitted to one.
 */
class ContrastControlsTest {
    private static final SurrogateTrainingConfig CONTROLS = SurrogateTrainingConfig.of(1000, 1, 1);

    private static RatioTrainingConfig classifierConfig(SurrogateTrainingConfig controls) {
        return ClassifierSurrogateKind.trainingConfig(SurrogateBuildRequest.of(new ToyGaussianSimulator(),
                Box.interval(-2, 2), Box.interval(0.25, 4), controls));
    }

    @Test
    void binaryUnlessAskedForAndTheAskedKReachesTheTrainer() {
        assertEquals(RatioTrainingConfig.Contrast.binary(), classifierConfig(CONTROLS).contrast());
        assertEquals(new RatioTrainingConfig.Contrast(10, 1), classifierConfig(CONTROLS.withContrast(10)).contrast());
        assertEquals(RatioTrainingConfig.Contrast.binary(), classifierConfig(CONTROLS.withContrast(10)
                .withContrast(null)).contrast());
        assertEquals(new RatioTrainingConfig.Contrast(10, 0.25), classifierConfig(CONTROLS.withContrast(10)
                .withContrastOdds(0.25)).contrast());
        assertEquals(new RatioTrainingConfig.Contrast(1, 3), classifierConfig(CONTROLS.withContrastOdds(3.0))
                .contrast(), "odds without K: one candidate, weighted");
    }

    @Test
    void theOddsAreValidatedRefusedForOtherKindsAndRoundTripThroughJson() {
        SurrogateTrainingConfig c = CONTROLS.withContrast(4).withContrastOdds(0.5);
        assertEquals(c, Json.read(Json.write(c), SurrogateTrainingConfig.class, "training controls"));
        SurrogateTrainingConfig oddsOnly = CONTROLS.withContrastOdds(2.0);
        for (String kind : new String[] {"maf", "nsf", "histogram", "exact"}) {
            var e = assertThrows(InvalidInputException.class, () -> oddsOnly.requireFitsKind(kind));
            assertEquals("contrast odds: expected it set only for the 'classifier' surrogate (the only kind trained by"
                    + " contrasting parameters) but found it set for '" + kind + "'", e.getMessage());
            assertEquals(null, c.fittedToKind(kind).contrastOdds(), kind);
        }
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(InvalidInputException.class, () -> CONTROLS.withContrastOdds(bad));
            assertEquals("contrastive gamma: expected a finite value > 0 but found " + bad, e.getMessage());
        }
    }

    @Test
    void validatedRefusedForOtherKindsAndRoundTripsThroughJson() {
        SurrogateTrainingConfig c = CONTROLS.withContrast(8);
        assertEquals(c, Json.read(Json.write(c), SurrogateTrainingConfig.class, "training controls"));
        assertEquals(c, c.requireFitsKind("classifier"));
        for (String kind : new String[] {"maf", "nsf", "histogram", "exact"}) {
            var e = assertThrows(InvalidInputException.class, () -> c.requireFitsKind(kind));
            assertTrue(e.getMessage().contains("contrast") && e.getMessage().contains("'" + kind + "'"),
                    e.getMessage());
            SurrogateTrainingConfig fitted = c.fittedToKind(kind);
            assertEquals(null, fitted.contrast(), kind);
            assertEquals(fitted, fitted.requireFitsKind(kind), kind);
        }
        var zero = assertThrows(InvalidInputException.class, () -> CONTROLS.withContrast(0));
        assertTrue(zero.getMessage().contains("expected 1 to 1024") && zero.getMessage().contains("found 0"),
                zero.getMessage());
        var many = assertThrows(InvalidInputException.class, () -> CONTROLS.withContrast(2000));
        assertTrue(many.getMessage().contains("found 2000"), many.getMessage());
    }
}

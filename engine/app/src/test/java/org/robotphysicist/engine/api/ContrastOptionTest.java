package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;

/** {@link TrainOptions#withContrast}: set for the classifier only, validated, round-trips to JSON. */
class ContrastOptionTest {
    @Test
    void theContrastIsTheClassifiersValidatedAndRoundTripsToJson() {
        var e = assertThrows(InvalidInputException.class, () -> TrainOptions.defaults("nsf").withContrast(4));
        assertEquals("contrast: expected it set only for the 'classifier' surrogate (the only kind trained by"
                + " contrasting parameters) but found it set for 'nsf'", e.getMessage());
        var range = assertThrows(InvalidInputException.class, () -> TrainOptions.defaults("classifier")
                .withContrast(1025));
        assertEquals("contrastive classes: expected 1 to 1024 candidate parameters per event but found 1025",
                range.getMessage());
        TrainOptions ten = TrainOptions.defaults("classifier").withContrast(10);
        assertEquals(10, ten.training().contrast());
        assertEquals(null, TrainOptions.defaults("classifier").training().contrast(), "binary unless asked for");
        assertEquals(ten, Json.read(Json.write(ten), TrainOptions.class, "train options"));
    }

    @Test
    void theOddsAreTheClassifiersValidatedAndRoundTripToJson() {
        var e = assertThrows(InvalidInputException.class, () -> TrainOptions.defaults("maf").withContrastOdds(2));
        assertEquals("contrast odds: expected it set only for the 'classifier' surrogate (the only kind trained by"
                + " contrasting parameters) but found it set for 'maf'", e.getMessage());
        var zero = assertThrows(InvalidInputException.class, () -> TrainOptions.defaults("classifier")
                .withContrastOdds(0));
        assertEquals("contrastive gamma: expected a finite value > 0 but found 0.0", zero.getMessage());
        TrainOptions odds = TrainOptions.defaults("classifier").withContrast(10).withContrastOdds(0.5);
        assertEquals(0.5, odds.training().contrastOdds());
        assertEquals(null, TrainOptions.defaults("classifier").training().contrastOdds(), "even odds unless asked for");
        assertEquals(odds, Json.read(Json.write(odds), TrainOptions.class, "train options"));
    }
}

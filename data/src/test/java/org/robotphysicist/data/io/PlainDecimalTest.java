package org.robotphysicist.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainDecimalTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+1", "12", "0.5", "-.25", "3.", "1e5", "1E-5", "-2.5e+10", "007",
        "4.9E-324", "1.7976931348623157E308"})
    void plainAndScientificNotationAreAccepted(String s) {
        assertTrue(PlainDecimal.isPlain(s), s);
        assertEquals(Double.parseDouble(s), PlainDecimal.parse(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "0.5d", "0.5D", "1f", "1F", "0x1p-2", "0X10", "NaN", "Infinity",
        "-Infinity", "0.5\0", "\u00011", "1e", "1e+", "e5", ".", "-", "+", "1.2.3", "1,5", "١", "1_000", "--1",
        "0.5\n"})
    void everythingElseIsRefused(String s) {
        assertFalse(PlainDecimal.isPlain(s), s);
        assertThrows(NumberFormatException.class, () -> PlainDecimal.parse(s));
    }

    @Test
    void theShortestRoundTripTextOfEveryDoubleIsRead() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 10_000; i++) {
            double v = Double.longBitsToDouble(rng.nextLong());
            if (Double.isFinite(v)) {
                assertEquals(v, PlainDecimal.parse(Double.toString(v)));
            }
        }
    }
}

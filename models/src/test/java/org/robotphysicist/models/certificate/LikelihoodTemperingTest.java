package org.robotphysicist.models.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

class LikelihoodTemperingTest {

    @Test
    void temperatureIsOnePlusKappaTimesEvents() {
        LikelihoodTempering t = LikelihoodTempering.uniform(2e-4);
        assertEquals(1.2, t.temperature(new double[] {58}, 1000), 1e-12);
        assertEquals(2.0, t.temperature(new double[0], 5000), 1e-12);
        assertEquals(5000, t.informationCap(new double[] {81}), 1e-9);
        assertFalse(t.isNone());
        assertTrue(LikelihoodTempering.none().isNone());
        assertEquals(1, LikelihoodTempering.none().temperature(new double[] {1}, 1_000_000), 0);
        assertEquals(Double.POSITIVE_INFINITY, LikelihoodTempering.none().informationCap(new double[0]));
    }

    @Test
    void kappaIsInterpolatedBetweenPhiNodesAndHeldBeyondThem() {
        LikelihoodTempering t = new LikelihoodTempering(List.of(50.0, 70.0, 90.0), List.of(1e-4, 3e-4, 0.0));
        assertEquals(1e-4, t.kappaAt(new double[] {40}), 1e-15);
        assertEquals(2e-4, t.kappaAt(new double[] {60}), 1e-15);
        assertEquals(1.5e-4, t.kappaAt(new double[] {80}), 1e-15);
        assertEquals(0, t.kappaAt(new double[] {95}), 1e-15);
        var e = assertThrows(InvalidInputException.class, () -> t.kappaAt(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("one-dimensional phi") && e.getMessage().contains("2 values"),
                e.getMessage());
    }

    @Test
    void badValuesAreRefusedNamingWhatWasFound() {
        var negative = assertThrows(InvalidInputException.class, () -> LikelihoodTempering.uniform(-1e-3));
        assertTrue(negative.getMessage().contains(">= 0") && negative.getMessage().contains("-0.001"),
                negative.getMessage());
        var nan = assertThrows(InvalidInputException.class, () -> LikelihoodTempering.uniform(Double.NaN));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        var order = assertThrows(InvalidInputException.class,
                () -> new LikelihoodTempering(List.of(70.0, 50.0), List.of(0.0, 0.0)));
        assertTrue(order.getMessage().contains("strictly increasing"), order.getMessage());
        var count = assertThrows(InvalidInputException.class,
                () -> new LikelihoodTempering(List.of(50.0, 70.0), List.of(0.0)));
        assertTrue(count.getMessage().contains("expected 2") && count.getMessage().contains("found 1"),
                count.getMessage());
        var events = assertThrows(InvalidInputException.class,
                () -> LikelihoodTempering.uniform(1e-4).temperature(new double[0], -1));
        assertTrue(events.getMessage().contains("-1"), events.getMessage());
    }

    @Test
    void describesTheInformationCap() {
        assertEquals("kappa 2.00e-04 (information cap 5000 events)", LikelihoodTempering.uniform(2e-4).describe());
        assertEquals("none (kappa = 0)", LikelihoodTempering.none().describe());
    }
}

package org.robotphysicist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.TrainedParts;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainingCurve;

/**
 * The two holders surrogates share: {@link SurrogateDomain} (names and θ/φ boxes) and
 * {@link TrainedParts} (names, trained ranges, range policy, provenance, curve) refuse boxes of the
 * wrong dimension and missing parts, naming what they expected and found.
 */
class SurrogateHoldersTest {
    private static final Dimensions DIMS = Dimensions.of("mu", "variance", "x");
    private static final Provenance PROVENANCE = Provenance.capture("test", Map.of(), Map.of(), Map.of());

    @Test
    void aDomainHoldsBoxesOfItsDimensionsAndRefusesOthers() {
        SurrogateDomain d = new SurrogateDomain(DIMS, Box.interval(-1, 1), Box.interval(0.5, 2));
        assertEquals(Box.interval(0.5, 2), d.phiRange());
        var e = assertThrows(DimensionMismatchException.class, () -> new SurrogateDomain(DIMS,
                new Box(new double[] {0, 0}, new double[] {1, 1}), Box.interval(0.5, 2)));
        assertEquals("surrogate ranges: expected boxes of dimension 1 and 1 but found 2 and 1", e.getMessage());
        assertThrows(InvalidInputException.class, () -> new SurrogateDomain(DIMS, null, Box.interval(0.5, 2)));
    }

    @Test
    void trainedPartsNeedEveryPartAndDefaultTheCurve() {
        TrainedRanges ranges = new TrainedRanges(Box.interval(-1, 1), Box.interval(0.5, 2), Box.interval(-6, 6));
        TrainedParts parts = new TrainedParts(DIMS, ranges, RangePolicy.FAIL, PROVENANCE, null);
        assertEquals(TrainingCurve.untrained(), parts.curve());
        TrainedParts warn = parts.withPolicy(RangePolicy.WARN);
        assertEquals(RangePolicy.WARN, warn.policy());
        assertSame(parts.provenance(), warn.provenance());
        var e = assertThrows(InvalidInputException.class, () -> new TrainedParts(DIMS, ranges, null, PROVENANCE, null));
        assertTrue(e.getMessage().contains("expected dimensions, ranges, a range policy and provenance"),
                e.getMessage());
        assertThrows(DimensionMismatchException.class, () -> new TrainedParts(Dimensions.of("mu", "variance", "x"),
                new TrainedRanges(Box.interval(-1, 1), Box.interval(0.5, 2), new Box(new double[] {0, 0},
                        new double[] {1, 1})), RangePolicy.FAIL, PROVENANCE, null));
    }
}

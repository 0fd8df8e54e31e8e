package org.robotphysicist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link BoxUnion}: draws in proportion to volume, membership, refusals; and the zero-dimensional box. */
class BoxUnionTest {
    private static final Box LOW = Box.interval(40, 60);
    private static final Box HIGH = Box.interval(85, 95);

    @Test
    void drawsEachBoxInProportionToItsVolumeAndUniformlyInside() {
        BoxUnion u = new BoxUnion(List.of(LOW, HIGH));
        int n = 30_000;
        Matrix draws = u.sample(n, new SplittableRandom(8));
        int low = 0;
        double sumLow = 0;
        for (int i = 0; i < n; i++) {
            double v = draws.get(i, 0);
            assertTrue(u.contains(new double[] {v}), "draw " + v + " inside the union");
            if (v <= 60) {
                low++;
                sumLow += v;
            }
        }
        double p = 20.0 / 30.0;
        assertWithinSigmas("share of draws in [40, 60]", p, low / (double) n, Math.sqrt(p * (1 - p) / n), 4);
        assertWithinSigmas("mean of the draws in [40, 60]", 50, sumLow / low, 20 / Math.sqrt(12 * low), 4);
        assertEquals(Box.interval(40, 95), u.bounds());
    }

    @Test
    void aValueBetweenTheBoxesIsRefusedNamingThem() {
        BoxUnion u = new BoxUnion(List.of(LOW, HIGH));
        assertEquals(90.0, u.require("phi", new double[] {90})[0]);
        var e = assertThrows(OutOfSupportException.class, () -> u.require("phi", new double[] {70}));
        assertEquals("phi: expected a value inside one of the boxes Box[[40.0, 60.0]] u Box[[85.0, 95.0]] but found"
                + " [70.0]", e.getMessage());
        assertFalse(u.contains(new double[] {70}));
    }

    @Test
    void overlappingMismatchedOrMixedFlatBoxesAreRefused() {
        var overlap = assertThrows(InvalidInputException.class, () -> new BoxUnion(List.of(LOW, Box.interval(50, 70))));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
        assertThrows(DimensionMismatchException.class, () -> new BoxUnion(List.of(LOW, Box.unbounded(2))));
        var flat = assertThrows(InvalidInputException.class, () -> new BoxUnion(List.of(LOW, Box.interval(70, 70))));
        assertTrue(flat.getMessage().contains("a flat box among boxes with volume"), flat.getMessage());
        assertEquals(2, new BoxUnion(List.of(LOW, Box.interval(60, 61))).boxes().size(), "touching faces are fine");
        BoxUnion points = new BoxUnion(List.of(Box.interval(1, 1), Box.interval(2, 2)));
        Matrix p = points.sample(2_000, new SplittableRandom(1));
        long ones = java.util.Arrays.stream(p.column(0)).filter(v -> v == 1).count();
        assertWithinSigmas("share of the first of two settings", 0.5, ones / 2_000.0, Math.sqrt(0.25 / 2_000), 4);
    }

    @Test
    void theZeroDimensionalBoxHoldsOnlyTheEmptyVector() {
        Box empty = Box.empty();
        assertEquals(0, empty.dim());
        assertTrue(empty.isBounded());
        assertTrue(empty.contains(new double[0]));
        assertEquals(0, empty.require("phi", new double[0]).length);
        assertThrows(DimensionMismatchException.class, () -> empty.require("phi", new double[] {1}));
        Matrix none = BoxUnion.of(empty).sample(3, new SplittableRandom(1));
        assertEquals(3, none.rows());
        assertEquals(0, none.cols());
        assertEquals(1, new RegularGrid(new double[0], new double[0], new int[0]).size());
        var noTheta = assertThrows(DimensionMismatchException.class, () -> new Dimensions(List.of(), List.of(),
                List.of("x")));
        assertTrue(noTheta.getMessage().contains("phi may be empty"), noTheta.getMessage());
    }
}

package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.io.Json;

class FlowSpecTest {

    @Test
    void roundTripsThroughJson() {
        for (FlowSpec spec : List.of(FlowSpec.maf(2, 3, 5, List.of(64, 32)),
                FlowSpec.nsf(1, 2, 4, List.of(16), 12, 2.5).withOrdering(FlowSpec.Ordering.RANDOM, 42)
                        .withSplineMinima(1e-4, 2e-4, 3e-4),
                FlowSpec.maf(8, 1, 2, List.of(128)).withLogScaleBound(1.5))) {
            String json = Json.write(spec);
            assertEquals(spec, Json.read(json, FlowSpec.class, "spec json"), json);
        }
    }

    @Test
    void theSupportOfXAndTheLeadingSplineRoundTripAndOldSpecsReadAsUnbounded() {
        FlowSpec bounded = FlowSpec.nsf(2, 1, 2, List.of(8), 8, 3).withXSupport(new org.robotphysicist.data.Box(
                new double[] {-1, 0}, new double[] {1, Double.POSITIVE_INFINITY}));
        String json = Json.write(bounded);
        assertEquals(bounded, Json.read(json, FlowSpec.class, "spec json"), json);

        FlowSpec maf1 = FlowSpec.maf(1, 2, 3, List.of(8));
        assertTrue(maf1.leadingSpline(), "a 1-D MAF gets a spline layer");
        assertFalse(FlowSpec.maf(2, 2, 3, List.of(8)).leadingSpline(), "a 2-D MAF stays affine");
        assertEquals(RationalQuadraticSpline.class, maf1.transformOfLayer(0).getClass());
        assertEquals(AffineTransform.class, maf1.transformOfLayer(1).getClass());

        String old = Json.write(maf1).replaceAll(",\\s*\"xSupport\"\\s*:\\s*\\{[^}]*\\}", "")
                .replaceAll(",\\s*\"leadingSpline\"\\s*:\\s*true", "");
        assertFalse(old.contains("xSupport") || old.contains("leadingSpline"), old);
        FlowSpec read = Json.read(old, FlowSpec.class, "a spec written before the support existed");
        assertEquals(org.robotphysicist.data.Box.unbounded(1), read.xSupport());
        assertFalse(read.leadingSpline());
        assertTrue(read.supportBijection().isIdentity());
    }

    @Test
    void aBadSupportOrASplineOnAnNsfIsRejected() {
        assertMessage("flow x support dimension: expected 1 but found 2", () -> FlowSpec.maf(1, 1, 1, List.of(8))
                .withXSupport(org.robotphysicist.data.Box.unbounded(2)));
        assertMessage("expected an interval with lower < upper (bounds may be infinite) but found [1.0, 1.0]",
                () -> FlowSpec.maf(1, 1, 1, List.of(8)).withXSupport(org.robotphysicist.data.Box.interval(1, 1)));
        assertMessage("flow leading spline: expected it on a MAF only",
                () -> FlowSpec.nsf(1, 1, 1, List.of(8), 8, 3).withLeadingSpline(true));
    }

    @Test
    void unknownOrMisspeltFieldsAreRejected() {
        String json = Json.write(FlowSpec.maf(1, 1, 1, List.of(8))).replace("\"bins\"", "\"binz\"");
        assertThrows(MalformedDataException.class, () -> Json.read(json, FlowSpec.class, "spec json"));
    }

    @Test
    void invalidArchitecturesAreRejectedWithWhatWasFound() {
        assertMessage("flow x dimension: expected a count >= 1 but found 0",
                () -> FlowSpec.maf(0, 1, 1, List.of(8)));
        assertMessage("flow context dimension: expected a count >= 1 but found 0",
                () -> FlowSpec.maf(1, 0, 1, List.of(8)));
        assertMessage("flow layers: expected at most 64 but found 65", () -> FlowSpec.maf(1, 1, 65, List.of(8)));
        assertMessage("expected at least one hidden layer but found []", () -> FlowSpec.maf(1, 1, 1, List.of()));
        assertMessage("expected widths in [1, 65536] but found [8, 0]", () -> FlowSpec.maf(1, 1, 1, List.of(8, 0)));
        assertMessage("flow spline bins: expected a count in [2, 512] but found 1",
                () -> FlowSpec.nsf(1, 1, 1, List.of(8), 1, 3));
        assertMessage("flow spline tail bound: expected a value > 0 but found -1.0",
                () -> FlowSpec.nsf(1, 1, 1, List.of(8), 8, -1));
        assertMessage("expected bins × minimum < 1 but found 8 × 0.2",
                () -> FlowSpec.nsf(1, 1, 1, List.of(8), 8, 3).withSplineMinima(0.2, 1e-3, 1e-3));
        assertMessage("flow log-scale bound: expected a value in (0, 20] but found 50.0",
                () -> FlowSpec.maf(1, 1, 1, List.of(8)).withLogScaleBound(50));
        assertMessage("flow spline minimum derivative: expected a finite number but found NaN",
                () -> FlowSpec.nsf(1, 1, 1, List.of(8), 8, 3).withSplineMinima(1e-3, 1e-3, Double.NaN));
    }

    @Test
    void otherHiddenWidthsChangeOnlyTheWidthsAndAreValidated() {
        FlowSpec spec = FlowSpec.nsf(2, 3, 4, List.of(16), 12, 2.5).withOrdering(FlowSpec.Ordering.RANDOM, 42)
                .withXSupport(new org.robotphysicist.data.Box(new double[] {-1, 0},
                        new double[] {1, Double.POSITIVE_INFINITY}));
        FlowSpec wider = spec.withHiddenWidths(List.of(128, 64));
        assertEquals(List.of(128, 64), wider.hiddenWidths());
        assertEquals(spec, wider.withHiddenWidths(List.of(16)), "everything but the widths kept");
        assertMessage("expected widths in [1, 65536] but found [8, 0]", () -> spec.withHiddenWidths(List.of(8, 0)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void reversedOrderingsAlternate() {
        int[][] orders = FlowSpec.maf(3, 1, 3, List.of(8)).orderings();
        assertArrayEquals(new int[] {1, 2, 3}, orders[0]);
        assertArrayEquals(new int[] {3, 2, 1}, orders[1]);
        assertArrayEquals(new int[] {1, 2, 3}, orders[2]);
    }

    @Test
    void randomOrderingsArePermutationsFixedByTheSeed() {
        FlowSpec spec = FlowSpec.nsf(8, 2, 6, List.of(8), 4, 3).withOrdering(FlowSpec.Ordering.RANDOM, 7);
        int[][] orders = spec.orderings();
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, orders[0], "the first layer keeps the natural order");
        boolean anyShuffled = false;
        for (int[] order : orders) {
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, sorted, Arrays.toString(order));
            anyShuffled |= !Arrays.equals(order, orders[0]);
        }
        assertTrue(anyShuffled, "later layers are permuted");
        assertTrue(Arrays.deepEquals(orders, spec.orderings()), "same seed, same orders");
        assertFalse(Arrays.deepEquals(orders, spec.withOrdering(FlowSpec.Ordering.RANDOM, 8).orderings()),
                "another seed, other orders");
    }

    @Test
    void conditionerWidthFollowsTheTransform() {
        assertEquals(2, FlowSpec.maf(1, 1, 1, List.of(8)).paramsPerDimension());
        assertEquals(3 * 10 - 1, FlowSpec.nsf(1, 1, 1, List.of(8), 10, 3).paramsPerDimension());
    }
}

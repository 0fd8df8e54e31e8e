package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

class MadeMasksTest {

    /** Number of paths from input j to output o through all masks: (out, in) = M_L ⋯ M_0. */
    private static long[][] paths(MadeMasks masks, List<Integer> widths) {
        int d = masks.xDim();
        long[][] acc = new long[widths.get(0)][d];
        float[] m0 = masks.mask(0);
        for (int r = 0; r < widths.get(0); r++) {
            for (int c = 0; c < d; c++) {
                acc[r][c] = (long) m0[r * d + c];
            }
        }
        for (int l = 1; l <= widths.size(); l++) {
            int in = widths.get(l - 1);
            int out = l < widths.size() ? widths.get(l) : d * masks.paramsPerDim();
            float[] m = masks.mask(l);
            long[][] next = new long[out][d];
            for (int r = 0; r < out; r++) {
                for (int k = 0; k < in; k++) {
                    if (m[r * in + k] != 0) {
                        for (int c = 0; c < d; c++) {
                            next[r][c] += acc[k][c];
                        }
                    }
                }
            }
            acc = next;
        }
        return acc;
    }

    @Test
    void outputsDependOnExactlyTheEarlierVariablesOfTheOrder() {
        int[][] orders = {{1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}, {3, 1, 5, 2, 4}};
        for (int[] order : orders) {
            for (List<Integer> widths : List.of(List.of(5), List.of(12, 7), List.of(64, 64, 64))) {
                MadeMasks masks = new MadeMasks(order, widths, 3);
                long[][] p = paths(masks, widths);
                for (int o = 0; o < p.length; o++) {
                    int d = o / 3;
                    for (int j = 0; j < order.length; j++) {
                        boolean allowed = order[j] < order[d];
                        String where = "order " + java.util.Arrays.toString(order) + ", widths " + widths
                                + ", output " + o + " (x" + d + ") from x" + j;
                        assertEquals(allowed, p[o][j] > 0, where);
                    }
                }
            }
        }
    }

    @Test
    void narrowLayersNeverBreakTheAutoregressiveProperty() {
        int[] order = {4, 2, 6, 1, 3, 5, 8, 7};
        List<Integer> widths = List.of(3, 2);
        long[][] p = paths(new MadeMasks(order, widths, 2), widths);
        for (int o = 0; o < p.length; o++) {
            for (int j = 0; j < order.length; j++) {
                if (order[j] >= order[o / 2]) {
                    assertEquals(0, p[o][j], "output " + o + " from x" + j);
                }
            }
        }
    }

    @Test
    void everyHiddenLayerHasContextOnlyUnits() {
        MadeMasks masks = new MadeMasks(new int[] {2, 1, 3}, List.of(6, 4), 2);
        for (int l = 0; l < masks.hiddenLayers(); l++) {
            assertEquals(0, masks.hiddenDegrees(l)[0], "layer " + l);
        }
        float[] first = masks.mask(0);
        for (int c = 0; c < 3; c++) {
            assertEquals(0f, first[c], "a degree-0 unit sees no x");
        }
        float[] out = masks.mask(2);
        int[] last = masks.hiddenDegrees(1);
        int variableOfDegreeOne = 1;
        for (int p = 0; p < 2; p++) {
            int row = variableOfDegreeOne * 2 + p;
            for (int k = 0; k < 4; k++) {
                assertEquals(last[k] == 0 ? 1f : 0f, out[row * 4 + k],
                        "the first variable of the order reads exactly the context-only units; unit " + k);
            }
        }
    }

    @Test
    void oneDimensionalXMakesAContextOnlyConditioner() {
        MadeMasks masks = new MadeMasks(new int[] {1}, List.of(4, 4), 23);
        assertFalse(masks.hasXInput());
        for (float v : masks.mask(0)) {
            assertEquals(0f, v);
        }
        for (int l = 1; l <= 2; l++) {
            for (float v : masks.mask(l)) {
                assertEquals(1f, v, "layer " + l + " is dense");
            }
        }
        assertTrue(new MadeMasks(new int[] {2, 1}, List.of(4), 2).hasXInput());
    }

    @Test
    void ordersMustBePermutations() {
        var e = assertThrows(InvalidInputException.class, () -> new MadeMasks(new int[] {1, 1, 3}, List.of(4), 2));
        assertTrue(e.getMessage().contains("expected a permutation of 1..3 but found [1, 1, 3]"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new MadeMasks(new int[] {0, 1}, List.of(4), 2));
        assertThrows(InvalidInputException.class, () -> new MadeMasks(new int[] {1, 2}, List.of(), 2));
    }
}

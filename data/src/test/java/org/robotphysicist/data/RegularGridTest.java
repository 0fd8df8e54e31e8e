package org.robotphysicist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import org.junit.jupiter.api.Test;

class RegularGridTest {

    @Test
    void pointsAreRowMajorWithTheLastDimensionFastest() {
        RegularGrid g = new RegularGrid(new double[] {0, 10}, new double[] {1, 12}, new int[] {2, 3});
        Matrix p = g.points();
        assertEquals(6, p.rows());
        assertArrayEquals(new double[] {0, 11}, p.row(1));
        assertArrayEquals(new double[] {1, 10}, p.row(3));
        assertArrayEquals(new int[] {1, 2}, g.multiIndex(5));
        assertEquals(5, g.flatIndex(new int[] {1, 2}));
        assertClose("cell volume (spacings 1 and 1)", 1.0, g.cellVolume(), 1e-15);
    }

    @Test
    void stencilReproducesMultilinearFunctionsExactly() {
        RegularGrid g = new RegularGrid(new double[] {0, -1}, new double[] {2, 1}, new int[] {5, 4});
        Matrix p = g.points();
        double[] f = new double[g.size()];
        for (int k = 0; k < f.length; k++) {
            f[k] = 3 + 2 * p.get(k, 0) - p.get(k, 1) + 0.5 * p.get(k, 0) * p.get(k, 1);
        }
        for (double[] v : new double[][] {{0.3, 0.2}, {2, 1}, {0, -1}, {1.77, -0.51}}) {
            RegularGrid.Stencil s = g.stencil(v);
            double interp = 0;
            double wsum = 0;
            for (int c = 0; c < s.indices().length; c++) {
                interp += s.weights()[c] * f[s.indices()[c]];
                wsum += s.weights()[c];
            }
            assertClose("weights sum", 1, wsum, 1e-14);
            assertClose("interpolated bilinear function", 3 + 2 * v[0] - v[1] + 0.5 * v[0] * v[1], interp, 1e-12);
        }
        assertThrows(OutOfSupportException.class, () -> g.stencil(new double[] {2.1, 0}));
    }

    @Test
    void singlePointDimensionsAreAllowed() {
        RegularGrid g = new RegularGrid(new double[] {0, 5}, new double[] {1, 5}, new int[] {3, 1});
        assertEquals(3, g.size());
        assertEquals(2, g.stencil(new double[] {0.25, 5}).indices().length);
        assertThrows(InvalidInputException.class, () -> RegularGrid.of(1, 0, 3));
        assertThrows(InvalidInputException.class, () -> RegularGrid.of(0, 1, 0));
    }
}

package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;

class ThetaGridTest {

    @Test
    void regularGridCellsAreCentredOnThePointsAndClippedDrawsStayInside() {
        RegularGrid rg = new RegularGrid(new double[] {0, -1}, new double[] {1, 1}, new int[] {11, 5});
        ThetaGrid g = ThetaGrid.of(rg);
        assertEquals(55, g.size());
        assertEquals(0.1 * 0.5, g.cellVolume(7), 1e-15);
        assertEquals(rg.flatIndex(new int[] {3, 2}), g.cellOf(new double[] {0.33, 0.2}));
        assertEquals(rg.flatIndex(new int[] {10, 4}), g.cellOf(new double[] {1, 1}));
        assertThrows(OutOfSupportException.class, () -> g.cellOf(new double[] {1.01, 0}));

        ThetaGrid.AxisCells cells = g.axisCells(1);
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, cells.values(), 1e-15);
        assertArrayEquals(new double[] {-1.25, -0.75, -0.25, 0.25, 0.75, 1.25}, cells.edges(), 1e-15);
        assertEquals(2, cells.groupOfPoint()[rg.flatIndex(new int[] {6, 2})]);

        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            double[] v = g.drawInCell(0, rng);
            assertTrue(v[0] >= 0 && v[0] <= 0.05 && v[1] >= -1 && v[1] <= -0.75, () -> java.util.Arrays.toString(v));
            double[] w = g.drawInCell(rg.flatIndex(new int[] {5, 2}), rng);
            assertTrue(Math.abs(w[0] - 0.5) <= 0.05 && Math.abs(w[1]) <= 0.25);
        }
    }

    @Test
    void pointSetsGroupByCoordinateAndFindTheNearestPoint() {
        Matrix pts = Matrix.ofRows(new double[] {0.1, 0.9}, new double[] {0.5, 0.5}, new double[] {0.1, 0.2},
                new double[] {0.8, 0.9});
        ThetaGrid g = ThetaGrid.ofPoints(pts, new double[] {0.2, 0.3, 0.25, 0.25}, new Box(new double[] {0, 0},
                new double[] {1, 1}));
        ThetaGrid.AxisCells x = g.axisCells(0);
        assertArrayEquals(new double[] {0.1, 0.5, 0.8}, x.values(), 0);
        assertArrayEquals(new double[] {-0.1, 0.3, 0.65, 0.95}, x.edges(), 1e-15);
        assertArrayEquals(new int[] {0, 1, 0, 2}, x.groupOfPoint());
        assertArrayEquals(new double[] {0.45, 0.3, 0.25}, x.sumByGroup(new double[] {0.2, 0.3, 0.25, 0.25}), 1e-15);
        assertEquals(3, g.cellOf(new double[] {0.7, 1.0}));
        assertEquals(2, g.cellOf(new double[] {0, 0}));
        assertEquals(0.3, g.cellVolume(1), 0);
        assertArrayEquals(pts.row(1), g.drawInCell(1, new SplittableRandom(2)), 0);
    }

    @Test
    void invalidPointSetsAreRejected() {
        Box unit = new Box(new double[] {0, 0}, new double[] {1, 1});
        Matrix pts = Matrix.ofRows(new double[] {0.1, 0.9}, new double[] {0.5, 0.5});
        assertThrows(DimensionMismatchException.class, () -> ThetaGrid.ofPoints(pts, new double[] {1}, unit));
        var e = assertThrows(InvalidInputException.class, () -> ThetaGrid.ofPoints(pts, new double[] {1, 0}, unit));
        assertTrue(e.getMessage().contains("cell volume[1]"), e.getMessage());
        assertThrows(OutOfSupportException.class, () -> ThetaGrid.ofPoints(pts, new double[] {1, 1},
                new Box(new double[] {0, 0}, new double[] {1, 0.8})));
        assertThrows(InvalidInputException.class, () -> ThetaGrid.ofPoints(pts, new double[] {1, 1}, Box.unbounded(2)));
        assertThrows(DimensionMismatchException.class, () -> ThetaGrid.ofPoints(pts, new double[] {1, 1},
                Box.interval(0, 1)));
    }
}

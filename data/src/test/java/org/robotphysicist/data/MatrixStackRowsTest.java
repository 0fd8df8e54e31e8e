package org.robotphysicist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Matrix#stackRows}: rows in order, shapes checked, the parts left unchanged. */
class MatrixStackRowsTest {

    @Test
    void stacksTheRowsOfEveryPartInOrder() {
        Matrix a = Matrix.ofRows(new double[] {1, 2}, new double[] {3, 4});
        Matrix b = Matrix.of(0, 2, new double[0]);
        Matrix c = Matrix.ofRows(new double[] {5, 6});
        Matrix s = Matrix.stackRows(List.of(a, b, c));
        assertEquals(3, s.rows());
        assertEquals(2, s.cols());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, s.toArray());
        assertArrayEquals(new double[] {1, 2, 3, 4}, a.toArray(), "the parts are not changed");
        assertEquals(c, Matrix.stackRows(List.of(c)));
    }

    @Test
    void refusesNoPartsAndMismatchedColumns() {
        DimensionMismatchException none = assertThrows(DimensionMismatchException.class,
                () -> Matrix.stackRows(List.of()));
        assertTrue(none.getMessage().contains("expected at least one matrix but found none"), none.getMessage());
        DimensionMismatchException cols = assertThrows(DimensionMismatchException.class,
                () -> Matrix.stackRows(List.of(Matrix.ofRows(new double[] {1, 2}), Matrix.ofRows(new double[] {3}))));
        assertTrue(cols.getMessage().contains("expected every matrix with 2 columns but found one with 1"),
                cols.getMessage());
    }
}

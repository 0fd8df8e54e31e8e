package org.robotphysicist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundingBoxTest {

    @Test
    void rowsAddedInPiecesGiveTheBoxOfAllOfThem() {
        Matrix all = Matrix.ofRows(new double[] {1, -2}, new double[] {-3, 5}, new double[] {0.5, 0}, new double[] {
            2, -7});
        Box whole = BoundingBox.of(all);
        assertArrayEquals(new double[] {-3, -7}, whole.lower());
        assertArrayEquals(new double[] {2, 5}, whole.upper());
        BoundingBox pieces = new BoundingBox(2).add(all.rowRange(0, 1)).add(Matrix.of(0, 2, new double[0]))
                .add(all.rowRange(1, 4));
        assertEquals(whole, pieces.box());
    }

    @Test
    void beforeAnyRowTheBoundsAreInfiniteAndNotABox() {
        BoundingBox none = new BoundingBox(1);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY}, none.lower());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY}, none.upper());
        var e = assertThrows(InvalidInputException.class, none::box);
        assertTrue(e.getMessage().contains("expected lower <= upper"), e.getMessage());
        var wrong = assertThrows(RuntimeException.class, () -> none.add(Matrix.ofRows(new double[] {1, 2})));
        assertTrue(wrong.getMessage().contains("bounding box rows"), wrong.getMessage());
    }
}

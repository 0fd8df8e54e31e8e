package org.robotphysicist.models.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Json;

class StandardizerAndInitializerTest {

    @Test
    void standardizesToZeroMeanUnitVarianceAndInverts() {
        Matrix m = Matrix.ofRows(new double[] {1, 5, 3}, new double[] {3, 5, -1}, new double[] {5, 5, 1});
        Standardizer s = Standardizer.fit(m);
        assertClose("mean of column 0", 3, s.mean()[0], 1e-15);
        assertEquals(1.0, s.scale()[1], "constant column keeps scale 1");
        Matrix z = s.apply(m);
        assertClose("standardized column 0 sd", 1.0,
                Math.sqrt((z.get(0, 0) * z.get(0, 0) + z.get(1, 0) * z.get(1, 0) + z.get(2, 0) * z.get(2, 0)) / 3), 1e-12);
        double[] back = s.invert(z).toArray();
        for (int i = 0; i < back.length; i++) {
            assertClose("inverted value [" + i + "]", m.toArray()[i], back[i], 1e-14);
        }
        assertEquals(s, Json.read(Json.write(s), Standardizer.class, "json"));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(m.toFloatArray(), new Shape(3, 3));
            float[] got = s.apply(a).toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertClose("NDArray standardization [" + i + "]", z.toArray()[i], got[i], 1e-6);
            }
            assertThrows(DimensionMismatchException.class, () -> s.apply(manager.zeros(new Shape(2, 2))));
        }
    }

    @Test
    void seededInitializerIsReproducibleAndBounded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] a = new SeededInitializer(new SplittableRandom(3), SeededInitializer.Scheme.GLOROT)
                    .initialize(manager, new Shape(64, 32), DataType.FLOAT32).toFloatArray();
            float[] b = new SeededInitializer(new SplittableRandom(3), SeededInitializer.Scheme.GLOROT)
                    .initialize(manager, new Shape(64, 32), DataType.FLOAT32).toFloatArray();
            float[] c = new SeededInitializer(new SplittableRandom(4), SeededInitializer.Scheme.GLOROT)
                    .initialize(manager, new Shape(64, 32), DataType.FLOAT32).toFloatArray();
            assertArrayEquals(a, b);
            assertTrue(!java.util.Arrays.equals(a, c));
            double bound = Math.sqrt(6.0 / 96);
            double max = 0;
            for (float v : a) {
                max = Math.max(max, Math.abs(v));
            }
            double measured = max;
            assertTrue(max <= bound && max > 0.9 * bound, () -> "max |w| " + measured + ", Glorot bound " + bound);
        }
    }

    /**
     * Moments merged over uneven blocks equal those of the whole table to 1e-12 (relative), one
     * block gives {@code fit} exactly, and an empty accumulator is refused.
     */
    @Test
    void momentsAccumulatedBlockByBlockEqualThoseOfTheWholeTable() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 5000;
        double[] values = new double[n * 3];
        for (int i = 0; i < n; i++) {
            values[3 * i] = 1e4 + rng.nextGaussian();
            values[3 * i + 1] = 3 * rng.nextGaussian() - 7;
            values[3 * i + 2] = 42;
        }
        Matrix all = Matrix.of(n, 3, values);
        Standardizer whole = Standardizer.fit(all);
        Standardizer.Accumulator acc = new Standardizer.Accumulator(3);
        int[] sizes = {1, 999, 0, 2500, 1500};
        int from = 0;
        for (int size : sizes) {
            double[] part = java.util.Arrays.copyOfRange(values, 3 * from, 3 * (from + size));
            acc.add(Matrix.of(size, 3, part));
            from += size;
        }
        assertEquals(n, acc.rows());
        Standardizer merged = acc.result();
        for (int j = 0; j < 3; j++) {
            assertClose("mean of column " + j, whole.mean()[j], merged.mean()[j], 1e-12 * Math.abs(whole.mean()[j]));
            assertClose("scale of column " + j, whole.scale()[j], merged.scale()[j], 1e-12 * whole.scale()[j]);
        }
        assertEquals(1.0, merged.scale()[2], "a constant column keeps scale 1");
        assertEquals(whole, new Standardizer.Accumulator(3).add(all).result(), "one block is fit itself");
        var e = assertThrows(org.robotphysicist.data.InvalidInputException.class,
                () -> new Standardizer.Accumulator(2).result());
        assertTrue(e.getMessage().contains("expected at least one row but found none"), e.getMessage());
    }
}

package org.robotphysicist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

class GradientNormClipTest {

    /** Gradients (3, 4) and (12) have global norm 13: a bound of 6.5 halves both, a bound of 20 leaves them. */
    @Test
    void scalesEveryGradientByTheBoundOverTheGlobalNormOnlyWhenLonger() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = m.create(new float[] {3, 4});
            NDArray b = m.create(new float[] {12});
            NDArray clipped = new GradientNormClip(6.5).clip(List.of(a, b));
            assertEquals(1f, clipped.getFloat(), "a norm of 13 is longer than 6.5");
            assertArrayEquals(new float[] {1.5f, 2f}, a.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {6f}, b.toFloatArray(), 1e-6f);

            NDArray kept = new GradientNormClip(20).clip(List.of(a, b));
            assertEquals(0f, kept.getFloat(), "a norm of 6.5 is within 20");
            assertArrayEquals(new float[] {1.5f, 2f}, a.toFloatArray(), 1e-6f);
        }
        assertThrows(InvalidInputException.class, () -> new GradientNormClip(0));
        assertThrows(InvalidInputException.class, () -> new GradientNormClip(Double.NaN));
    }
}

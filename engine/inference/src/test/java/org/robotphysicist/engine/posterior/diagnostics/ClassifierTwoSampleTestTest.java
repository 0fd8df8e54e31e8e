package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;

/** The k-NN C2ST ({@link ClassifierTwoSampleTest#defaults()}) under the shared contract, and its own checks. */
class ClassifierTwoSampleTestTest extends TwoSampleTestContract {
    private final ClassifierTwoSampleTest c2st = ClassifierTwoSampleTest.defaults();

    @Override
    ClassifierTwoSampleTest c2st() {
        return c2st;
    }

    /** k-NN smooths the boundary: up to 0.05 below Bayes at these sizes. */
    @Override
    double shortfallBelowBayes() {
        return 0.05;
    }

    @Test
    void invariantToRescalingAColumnAndDeterministic() {
        Matrix p = gaussian(500, 2, 0, 7);
        Matrix q = gaussian(500, 2, 0.7, 8);
        double[] ps = p.toArray();
        double[] qs = q.toArray();
        for (int i = 0; i < ps.length; i += 2) {
            ps[i] = 1000 * ps[i] + 5;
            qs[i] = 1000 * qs[i] + 5;
        }
        double acc = c2st.accuracy(p, q);
        assertEquals(acc, c2st.accuracy(Matrix.of(500, 2, ps), Matrix.of(500, 2, qs)), 1e-12,
                "z-scores make the test blind to units");
        assertEquals(acc, c2st.accuracy(p, q), 0.0, "same seed, same folds, same accuracy");
    }

    @Test
    void refusesMismatchedOrTooSmallSamplesAndEvenK() {
        assertThrows(DimensionMismatchException.class, () -> c2st.accuracy(gaussian(10, 2, 0, 1),
                gaussian(10, 3, 0, 1)));
        assertThrows(InvalidInputException.class, () -> c2st.accuracy(gaussian(3, 2, 0, 1), gaussian(10, 2, 0, 1)));
        assertThrows(InvalidInputException.class, () -> new ClassifierTwoSampleTest(5, 4, 1));
        assertThrows(InvalidInputException.class, () -> new ClassifierTwoSampleTest(1, 0, 1));
        assertEquals(57, ClassifierTwoSampleTest.automaticK(3200));
        assertEquals(3, ClassifierTwoSampleTest.automaticK(4));
    }
}

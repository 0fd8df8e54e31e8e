package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.StandardNormal;

class ClassifierTwoSampleTestTest {
    private final ClassifierTwoSampleTest c2st = ClassifierTwoSampleTest.defaults();

    /** n draws of N(shift·e₁, I) in d dimensions. */
    private static Matrix gaussian(int n, int d, double shift, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = StandardNormal.sample(rng) + (i % d == 0 ? shift : 0);
        }
        return Matrix.of(n, d, v);
    }

    @Test
    void identicalDistributionsGiveOneHalf() {
        // 4000 points: the accuracy's binomial s.e. is 0.008; 0.03 is about 4 of them.
        double acc = c2st.accuracy(gaussian(2000, 3, 0, 1), gaussian(2000, 3, 0, 2));
        assertEquals(0.5, acc, 0.03, "C2ST of two samples of N(0, I): " + acc);
    }

    @Test
    void shiftedGaussiansApproachTheBayesAccuracy() {
        // N(0, 1) against N(1, 1) along one axis: Bayes accuracy Φ(1/2) = 0.691. k-NN stays below it,
        // by at most 0.05 at these sizes; above it only by sampling noise (0.02 ≈ 2.5 s.e.).
        double bayes = new NormalDistribution(0, 1).cumulativeProbability(0.5);
        double acc = c2st.accuracy(gaussian(2000, 2, 0, 3), gaussian(2000, 2, 1, 4));
        assertTrue(acc > bayes - 0.05 && acc < bayes + 0.02, "C2ST " + acc + " against Bayes accuracy " + bayes);
    }

    @Test
    void clearlyDifferentDistributionsGiveNearlyOne() {
        // Shift 6: Bayes accuracy Φ(3) = 0.9987.
        double acc = c2st.accuracy(gaussian(1000, 4, 0, 5), gaussian(1000, 4, 6, 6));
        assertTrue(acc > 0.99, "C2ST of N(0, I) against N(6 e1, I): " + acc);
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

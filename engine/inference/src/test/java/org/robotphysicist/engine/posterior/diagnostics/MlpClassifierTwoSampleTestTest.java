package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.StandardNormal;

/**
 * sbibm's MLP C2ST ({@link ClassifierTwoSampleTest#mlp()}) on samples whose answer is known: 0.5
 * for one distribution, the Bayes accuracy Φ(δ/2) for unit Gaussians δ apart, 1 for disjoint ones.
 */
class MlpClassifierTwoSampleTestTest {
    private final ClassifierTwoSampleTest c2st = ClassifierTwoSampleTest.mlp();

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
        // 3000 points: the accuracy's binomial s.e. is 0.009; an MLP may overfit a little, so 0.035.
        double acc = c2st.accuracy(gaussian(1500, 3, 0, 1), gaussian(1500, 3, 0, 2));
        assertEquals(0.5, acc, 0.035, "MLP C2ST of two samples of N(0, I): " + acc);
    }

    @Test
    void shiftedGaussiansReachTheBayesAccuracy() {
        // N(0, 1) against N(1, 1) along one axis: Bayes accuracy Φ(1/2) = 0.691; the MLP's boundary is
        // learnable (a hyperplane), so it comes within 0.03 below, and above only by sampling noise.
        double bayes = new NormalDistribution(0, 1).cumulativeProbability(0.5);
        double acc = c2st.accuracy(gaussian(1500, 2, 0, 3), gaussian(1500, 2, 1, 4));
        assertTrue(acc > bayes - 0.03 && acc < bayes + 0.025, "MLP C2ST " + acc + " against Bayes accuracy "
                + bayes);
    }

    @Test
    void clearlyDifferentDistributionsGiveNearlyOneAndTheSameTwice() {
        Matrix p = gaussian(500, 4, 0, 5);
        Matrix q = gaussian(500, 4, 6, 6);
        double acc = c2st.accuracy(p, q);
        assertTrue(acc > 0.99, "MLP C2ST of N(0, I) against N(6 e1, I): " + acc);
        assertEquals(acc, c2st.accuracy(p, q), 0.0, "same seed, same folds and networks, same accuracy");
    }

    @Test
    void aMissingClassifierIsRefused() {
        var e = assertThrows(InvalidInputException.class, () -> new ClassifierTwoSampleTest(5, 0, 1, null));
        assertTrue(e.getMessage().contains("expected K_NEAREST_NEIGHBOURS or MLP but found null"), e.getMessage());
    }
}

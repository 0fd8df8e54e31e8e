package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.StandardNormal;

/**
 * What every classifier of {@link ClassifierTwoSampleTest} must do on samples whose answer is
 * known: 0.5 for one distribution, close to the Bayes accuracy Φ(δ/2) for unit Gaussians δ apart,
 * nearly 1 for disjoint ones, and the same figure twice for the same seed.
 */
abstract class TwoSampleTestContract {

    /** The test under check. */
    abstract ClassifierTwoSampleTest c2st();

    /** How far below the Bayes accuracy of N(0, 1) against N(1, 1) this classifier may stay at 2000 + 2000 points. */
    abstract double shortfallBelowBayes();

    /** n draws of N(shift·e₁, I) in d dimensions. */
    static Matrix gaussian(int n, int d, double shift, long seed) {
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
        double acc = c2st().accuracy(gaussian(2000, 3, 0, 1), gaussian(2000, 3, 0, 2));
        assertEquals(0.5, acc, 0.03, c2st().classifier() + " C2ST of two samples of N(0, I): " + acc);
    }

    @Test
    void shiftedGaussiansApproachTheBayesAccuracy() {
        // N(0, 1) against N(1, 1) along one axis: Bayes accuracy Φ(1/2) = 0.691; above it only by
        // sampling noise (0.02 ≈ 2.5 s.e.).
        double bayes = new NormalDistribution(0, 1).cumulativeProbability(0.5);
        double acc = c2st().accuracy(gaussian(2000, 2, 0, 3), gaussian(2000, 2, 1, 4));
        assertTrue(acc > bayes - shortfallBelowBayes() && acc < bayes + 0.02, c2st().classifier() + " C2ST " + acc
                + " against Bayes accuracy " + bayes + " (allowed shortfall " + shortfallBelowBayes() + ")");
    }

    @Test
    void clearlyDifferentDistributionsGiveNearlyOneAndTheSameTwice() {
        // Shift 6: Bayes accuracy Φ(3) = 0.9987.
        Matrix p = gaussian(1000, 4, 0, 5);
        Matrix q = gaussian(1000, 4, 6, 6);
        double acc = c2st().accuracy(p, q);
        assertTrue(acc > 0.99, c2st().classifier() + " C2ST of N(0, I) against N(6 e1, I): " + acc);
        assertEquals(acc, c2st().accuracy(p, q), 0.0, "same seed, same folds, same accuracy");
    }
}

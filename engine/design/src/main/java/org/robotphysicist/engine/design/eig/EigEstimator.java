package org.robotphysicist.engine.design.eig;

import java.util.SplittableRandom;

/**
 * EIG(φ) under one fixed prior, estimated by Monte Carlo from a random stream: what an
 * {@link EigSearch} evaluates. {@link ExpectedInformationGain#forPrior} is the estimator of the
 * design loop; the same stream at different φ gives common random numbers.
 */
@FunctionalInterface
public interface EigEstimator {
    /**
     * @param phi the setting, inside the search's range
     * @param rng the stream every draw of this estimate comes from (the estimate depends on nothing else)
     */
    EigEstimate estimate(double[] phi, SplittableRandom rng);
}

package org.robotphysicist.engine.design.bo;

import java.util.Arrays;
import org.robotphysicist.engine.design.gp.GpHyperparameters;

/**
 * What one {@link BayesianOptimizer#suggest} call did, for logs and benchmarks.
 *
 * @param fromDesign            whether the points came from the initial space-filling design (no model)
 * @param evaluations           evaluations the suggestion was based on
 * @param batchSize             q, points suggested
 * @param fitSeconds            wall-clock seconds of the GP hyperparameter fit (0 for design points)
 * @param acquisitionSeconds    wall-clock seconds of acquisition maximization, fantasies included
 * @param likelihoodEvaluations marginal-likelihood evaluations of the fit
 * @param hyperparameters       the fitted hyperparameters (null for design points)
 * @param acquisitionValues     the maximized acquisition value of each suggested point (empty for design points)
 */
public record SuggestionReport(boolean fromDesign, int evaluations, int batchSize, double fitSeconds,
        double acquisitionSeconds, int likelihoodEvaluations, GpHyperparameters hyperparameters,
        double[] acquisitionValues) {

    public SuggestionReport {
        acquisitionValues = acquisitionValues.clone();
    }

    @Override
    public double[] acquisitionValues() {
        return acquisitionValues.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SuggestionReport r && r.fromDesign == fromDesign && r.evaluations == evaluations
                && r.batchSize == batchSize && Double.compare(r.fitSeconds, fitSeconds) == 0
                && Double.compare(r.acquisitionSeconds, acquisitionSeconds) == 0
                && r.likelihoodEvaluations == likelihoodEvaluations
                && java.util.Objects.equals(r.hyperparameters, hyperparameters)
                && Arrays.equals(r.acquisitionValues, acquisitionValues);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(fromDesign, evaluations, batchSize, fitSeconds, acquisitionSeconds,
                likelihoodEvaluations, hyperparameters, Arrays.hashCode(acquisitionValues));
    }

    @Override
    public String toString() {
        return "SuggestionReport[fromDesign=" + fromDesign + ", evaluations=" + evaluations + ", batchSize=" + batchSize
                + ", fitSeconds=" + fitSeconds + ", acquisitionSeconds=" + acquisitionSeconds
                + ", likelihoodEvaluations=" + likelihoodEvaluations + ", hyperparameters=" + hyperparameters
                + ", acquisitionValues=" + Arrays.toString(acquisitionValues) + "]";
    }
}

package org.robotphysicist.engine.api;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * How expected information gains are estimated and searched ({@link RobotPhysicist#eig},
 * {@link RobotPhysicist#suggestNext}). Each estimate simulates {@code datasets} experiments of
 * {@code eventsPerExperiment} events at θ drawn from the current prior and evaluates their
 * posteriors on a grid of {@code gridPoints} per θ dimension; estimates at different φ share random
 * numbers (the same seed), so differences between settings are far less noisy than the estimates.
 *
 * @param datasets            K, simulated experiments per estimate, ≥ 2 (for a standard error)
 * @param eventsPerExperiment events one experiment records, ≥ 1
 * @param gridPoints          θ grid points per dimension, ≥ 2
 * @param evaluations         EIG estimates the Bayesian optimizer spends in {@code suggestNext}, ≥ 2
 * @param initialPoints       of which from a space-filling design, in [1, evaluations]
 * @param seed                the seed of the simulated experiments and of the optimizer
 */
public record EigOptions(int datasets, int eventsPerExperiment, int gridPoints, int evaluations, int initialPoints,
        long seed) {

    /**
     * Validates the sizes.
     *
     * @param datasets            K, simulated experiments per estimate, ≥ 2 (for a standard error)
     * @param eventsPerExperiment events one experiment records, ≥ 1
     * @param gridPoints          θ grid points per dimension, ≥ 2
     * @param evaluations         EIG estimates the Bayesian optimizer spends in {@code suggestNext}, ≥ 2
     * @param initialPoints       of which from a space-filling design, in [1, evaluations]
     * @param seed                the seed of the simulated experiments and of the optimizer
     */
    public EigOptions {
        if (datasets < 2) {
            throw new InvalidInputException("EIG datasets: expected at least 2 (for a standard error) but found "
                    + datasets);
        }
        Require.positive("events per experiment", eventsPerExperiment);
        if (gridPoints < 2) {
            throw new InvalidInputException("grid points: expected at least 2 per theta dimension but found "
                    + gridPoints);
        }
        if (evaluations < 2 || initialPoints < 1 || initialPoints > evaluations) {
            throw new InvalidInputException("EIG evaluations: expected at least 2 with 1 to that many initial points"
                    + " but found " + evaluations + " with " + initialPoints + " initial points");
        }
    }

    /**
     * The defaults: 64 datasets of 500 events, 201 grid points, 12 evaluations of which 5 initial,
     * seed 20261122.
     *
     * @return the default options
     */
    public static EigOptions defaults() {
        return new EigOptions(64, 500, 201, 12, 5, 20261122L);
    }

    /**
     * The same options with another number of simulated experiments per estimate.
     *
     * @param k simulated experiments per estimate, ≥ 2; the standard error falls as 1/√k
     * @return the changed options
     */
    public EigOptions withDatasets(int k) {
        return new EigOptions(k, eventsPerExperiment, gridPoints, evaluations, initialPoints, seed);
    }

    /**
     * The same options with another experiment size.
     *
     * @param n events one simulated experiment records, ≥ 1 (the size of the experiment being designed)
     * @return the changed options
     */
    public EigOptions withEventsPerExperiment(int n) {
        return new EigOptions(datasets, n, gridPoints, evaluations, initialPoints, seed);
    }

    /**
     * The same options with another posterior grid.
     *
     * @param m θ grid points per dimension, ≥ 2; the grid must resolve a posterior of the experiment's size
     * @return the changed options
     */
    public EigOptions withGridPoints(int m) {
        return new EigOptions(datasets, eventsPerExperiment, m, evaluations, initialPoints, seed);
    }

    /**
     * The same options with another budget of the Bayesian optimizer.
     *
     * @param total   EIG estimates {@code suggestNext} spends, ≥ 2
     * @param initial of which placed by a space-filling design before the GP guides the rest, in [1, total]
     * @return the changed options
     */
    public EigOptions withEvaluations(int total, int initial) {
        return new EigOptions(datasets, eventsPerExperiment, gridPoints, total, initial, seed);
    }

    /**
     * The same options with another seed.
     *
     * @param s the seed of the simulated experiments and of the optimizer
     * @return the changed options
     */
    public EigOptions withSeed(long s) {
        return new EigOptions(datasets, eventsPerExperiment, gridPoints, evaluations, initialPoints, s);
    }
}

package org.robotphysicist.engine.design.bo;

import java.util.Objects;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.design.acquisition.AcquisitionMaximizer;
import org.robotphysicist.engine.design.acquisition.Goal;
import org.robotphysicist.engine.design.gp.GpConfig;

/**
 * Settings of a {@link BayesianOptimizer}; round-trips to JSON.
 *
 * @param goal          maximize (e.g. EIG) or minimize
 * @param acquisition   the acquisition function
 * @param ucbBeta       β of the upper confidence bound (ignored for log EI), ≥ 0
 * @param initialPoints observations gathered from a space-filling design before the GP takes over (≥ 1)
 * @param gp            the Gaussian process and its hyperparameter fit
 * @param search        Sobol candidates and local refinement of the acquisition
 * @param batch         how q &gt; 1 suggestions are made
 */
public record BoConfig(Goal goal, AcquisitionKind acquisition, double ucbBeta, int initialPoints, GpConfig gp,
        AcquisitionMaximizer.Settings search, BatchStrategy batch) {

    public BoConfig {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(acquisition, "acquisition");
        Require.nonNegative("UCB beta", ucbBeta);
        Require.positive("initial design points", initialPoints);
        Objects.requireNonNull(gp, "gp");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(batch, "batch");
    }

    /**
     * Maximize with log EI; β = 4 if UCB is chosen; 5 initial points; {@link GpConfig#defaults()};
     * 1024 Sobol candidates with 5 local refinements of ≤ 50 iterations; Kriging believer.
     */
    public static BoConfig defaults() {
        return new BoConfig(Goal.MAXIMIZE, AcquisitionKind.LOG_EXPECTED_IMPROVEMENT, 4.0, 5, GpConfig.defaults(),
                new AcquisitionMaximizer.Settings(1024, 5, 50), BatchStrategy.KRIGING_BELIEVER);
    }

    /**
     * The settings the engine searches experiment settings φ with, maximizing EIG: the
     * {@link #defaults()} with {@code initialPoints} initial design points, a GP fitted with 2
     * restarts, and 512 Sobol candidates with 3 local refinements of ≤ 40 iterations.
     */
    public static BoConfig forEigSearch(int initialPoints) {
        return defaults().withInitialPoints(initialPoints).withGp(GpConfig.defaults().withRestarts(2))
                .withSearch(new AcquisitionMaximizer.Settings(512, 3, 40));
    }

    public BoConfig withGoal(Goal g) {
        return new BoConfig(g, acquisition, ucbBeta, initialPoints, gp, search, batch);
    }

    public BoConfig withAcquisition(AcquisitionKind a) {
        return new BoConfig(goal, a, ucbBeta, initialPoints, gp, search, batch);
    }

    public BoConfig withInitialPoints(int n) {
        return new BoConfig(goal, acquisition, ucbBeta, n, gp, search, batch);
    }

    public BoConfig withGp(GpConfig g) {
        return new BoConfig(goal, acquisition, ucbBeta, initialPoints, g, search, batch);
    }

    public BoConfig withSearch(AcquisitionMaximizer.Settings s) {
        return new BoConfig(goal, acquisition, ucbBeta, initialPoints, gp, s, batch);
    }

    public BoConfig withBatch(BatchStrategy b) {
        return new BoConfig(goal, acquisition, ucbBeta, initialPoints, gp, search, b);
    }
}

package org.robotphysicist.engine.design.bo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.engine.design.acquisition.AcquisitionMaximizer;
import org.robotphysicist.engine.design.acquisition.Goal;
import org.robotphysicist.engine.design.gp.GpConfig;

/**
 * Simple regret f(best) − f* after 50 evaluations on Branin, Hartmann-3 and Hartmann-6, over 10
 * seeds, against random search with the same budget. Thresholds sit in gaps of the observed
 * regret distributions (three seed sets of 10 tried): Branin ≤ 10⁻³ (observed ≤ 4.4·10⁻⁴),
 * Hartmann-3 ≤ 10⁻³ (observed ≤ 1.5·10⁻⁴, or 0.0079 at a nearby local minimum), Hartmann-6
 * below. Settings kept modest for test time (the three functions × 10 seeds take 15–35 s on
 * 2 cores): 2 GP restarts, 1024 Sobol candidates, 5 local refinements of ≤ 50 iterations, a
 * 2D + 1 point initial design.
 */
class BayesianOptimizerRegretTest {
    private static final int BUDGET = 50;
    private static final int SEEDS = 10;

    private static BoConfig config(int dim) {
        return BoConfig.defaults().withGoal(Goal.MINIMIZE).withInitialPoints(2 * dim + 1)
                .withGp(GpConfig.defaults().withRestarts(2)).withSearch(new AcquisitionMaximizer.Settings(1024, 5, 50));
    }

    private static double bayesianRegret(BenchmarkFunctions fn, long seed) {
        BayesianOptimizer bo = BayesianOptimizer.start(fn.domain(), config(fn.domain().dim()), seed);
        for (int i = 0; i < BUDGET; i++) {
            double[] x = bo.suggest(1).row(0);
            bo.observe(x, fn.value(x));
        }
        return bo.best().orElseThrow().value() - fn.minimum();
    }

    private static double randomRegret(BenchmarkFunctions fn, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = fn.domain().dim();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < BUDGET; i++) {
            double[] x = new double[d];
            for (int c = 0; c < d; c++) {
                x[c] = fn.domain().lower(c) + (fn.domain().upper(c) - fn.domain().lower(c)) * rng.nextDouble();
            }
            best = Math.min(best, fn.value(x));
        }
        return best - fn.minimum();
    }

    /**
     * Requires regret ≤ threshold in at least {@code required} of 10 seeds, and BO better than
     * random search in at least 9 of 10 paired seeds and in median.
     */
    private static void check(BenchmarkFunctions fn, double threshold, int required) {
        double[] bo = new double[SEEDS];
        double[] random = new double[SEEDS];
        int reached = 0;
        int wins = 0;
        for (int s = 0; s < SEEDS; s++) {
            bo[s] = bayesianRegret(fn, 1000 + s);
            random[s] = randomRegret(fn, 2000 + s);
            reached += bo[s] <= threshold ? 1 : 0;
            wins += bo[s] < random[s] ? 1 : 0;
        }
        String detail = fn.name() + ": BO regrets " + Arrays.toString(bo) + "; random-search regrets "
                + Arrays.toString(random);
        System.out.println(detail);
        int r = reached;
        int w = wins;
        assertTrue(reached >= required, () -> detail + "; regret <= " + threshold + " in " + r + " of " + SEEDS
                + " seeds, expected at least " + required);
        assertTrue(wins >= 9, () -> detail + "; BO beat random search in " + w + " of " + SEEDS + " seeds, expected >= 9");
        double boMedian = median(bo);
        double randomMedian = median(random);
        assertTrue(boMedian < randomMedian, () -> detail + "; median regret BO " + boMedian + " vs random " + randomMedian);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    @Test
    void braninReachesRegretOneThousandthIn50Evaluations() {
        check(BenchmarkFunctions.branin(), 1e-3, 8);
    }

    @Test
    void hartmann3ReachesRegretOneThousandthIn50Evaluations() {
        check(BenchmarkFunctions.hartmann3(), 1e-3, 8);
    }

    /**
     * Hartmann-6 has a local minimum at −3.2032 (regret 0.119) besides the global one at −3.3224;
     * regret ≤ 0.4 means the search has converged into one of these two basins (random search with
     * 50 points: 0 of 10 seeds). Observed regrets cluster below 0.03, at 0.12–0.15 and at
     * 0.19–0.26, or above 0.5 (not converged), so 0.4 sits in a gap.
     */
    @Test
    void hartmann6ReachesRegretPointFourIn50Evaluations() {
        check(BenchmarkFunctions.hartmann6(), 0.4, 7);
    }
}

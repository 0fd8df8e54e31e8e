package org.robotphysicist.engine.posterior.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;

/**
 * Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari and Gelman 2018): for each
 * prior-predictive pair (θ*, X*) draw L independent samples from the posterior and record, per
 * component, the rank of θ*<sub>d</sub> among them, #{l : θ<sub>l,d</sub> &lt; θ*<sub>d</sub>} ∈ {0,
 * …, L}. If the posterior is right the ranks are uniform; a ∪-shaped histogram means an
 * overconfident posterior, a ∩-shape an underconfident one, a slope a bias. Grid posteriors give
 * independent draws (uniform within cells), so no thinning is needed.
 */
public final class SimulationBasedCalibration {
    private SimulationBasedCalibration() {
    }

    /**
     * @param trials        number of (θ*, X*) pairs
     * @param drawsPerTrial L ≥ 1 posterior draws per pair
     * @param bins          histogram bins for the χ² test; must divide L + 1
     */
    public static SbcReport run(CalibrationProblem problem, int trials, int drawsPerTrial, int bins,
            SplittableRandom rng) {
        Require.positive("posterior draws per trial", drawsPerTrial);
        UniformityTest.of(new int[] {0}, drawsPerTrial, bins);
        List<int[]> perTrial = problem.run(trials, rng, (trial, r) -> ranks(trial, drawsPerTrial, r));
        return fromRanks(problem, perTrial, drawsPerTrial, bins);
    }

    /**
     * The rank of θ*<sub>d</sub> among L draws from the trial's posterior, per component d:
     * #{l : θ<sub>l,d</sub> &lt; θ*<sub>d</sub>} ∈ {0, …, L}.
     */
    public static int[] ranks(CalibrationProblem.Trial trial, int drawsPerTrial, SplittableRandom rng) {
        Require.positive("posterior draws per trial", drawsPerTrial);
        Matrix draws = trial.posterior().sample(drawsPerTrial, rng);
        int[] ranks = new int[draws.cols()];
        for (int d = 0; d < ranks.length; d++) {
            for (int l = 0; l < draws.rows(); l++) {
                if (draws.get(l, d) < trial.theta()[d]) {
                    ranks[d]++;
                }
            }
        }
        return ranks;
    }

    /** The report of ranks already computed by {@link #ranks}, one array per trial. */
    public static SbcReport fromRanks(CalibrationProblem problem, List<int[]> perTrial, int drawsPerTrial, int bins) {
        int trials = perTrial.size();
        int dim = problem.grid().dim();
        int[][] ranks = new int[dim][trials];
        for (int i = 0; i < trials; i++) {
            for (int d = 0; d < dim; d++) {
                ranks[d][i] = perTrial.get(i)[d];
            }
        }
        List<UniformityTest> tests = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            tests.add(UniformityTest.of(ranks[d], drawsPerTrial, bins));
        }
        List<String> names = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            names.add(problem.parameterName(d));
        }
        return new SbcReport(names, ranks, drawsPerTrial, tests);
    }
}

package org.robotphysicist.engine.posterior.diagnostics;

import java.util.Arrays;
import java.util.List;

/**
 * Simulation-based-calibration ranks per θ component and their uniformity tests.
 *
 * @param parameters    θ component names
 * @param ranks         ranks[d][trial] ∈ {0, …, L}
 * @param drawsPerTrial L, posterior draws per trial
 * @param tests         one χ² uniformity test per component
 */
public record SbcReport(List<String> parameters, int[][] ranks, int drawsPerTrial, List<UniformityTest> tests) {

    public SbcReport {
        parameters = List.copyOf(parameters);
        ranks = Arrays.stream(ranks).map(int[]::clone).toArray(int[][]::new);
        tests = List.copyOf(tests);
    }

    @Override
    public int[][] ranks() {
        return Arrays.stream(ranks).map(int[]::clone).toArray(int[][]::new);
    }

    /** The smallest p-value over components. */
    public double minPValue() {
        return tests.stream().mapToDouble(UniformityTest::pValue).min().orElse(Double.NaN);
    }

    /** A printable table: χ², degrees of freedom, p-value and the rank histogram per component. */
    public String table() {
        TextTable t = new TextTable("parameter", "chi2", "dof", "p-value", "rank histogram");
        for (int d = 0; d < parameters.size(); d++) {
            UniformityTest u = tests.get(d);
            t.row(parameters.get(d), u.chiSquare(), u.degreesOfFreedom(), u.pValue(), Arrays.toString(u.histogram()));
        }
        return t.render() + ranks[0].length + " trials, " + drawsPerTrial + " posterior draws each\n";
    }
}

package org.robotphysicist.engine.posterior.diagnostics;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.robotphysicist.data.InvalidInputException;

/**
 * Pearson's χ² test that ranks in {0, …, L} are uniform, on a histogram of B equal-width bins
 * (B must divide L + 1 so every bin holds the same number of rank values): χ² = Σ (O<sub>b</sub> −
 * E)²/E with E = n/B, B − 1 degrees of freedom.
 *
 * @param histogram        counts per bin
 * @param chiSquare        the statistic
 * @param degreesOfFreedom B − 1
 * @param pValue           P(χ²<sub>B−1</sub> ≥ statistic)
 */
public record UniformityTest(int[] histogram, double chiSquare, int degreesOfFreedom, double pValue) {

    public UniformityTest {
        histogram = histogram.clone();
    }

    @Override
    public int[] histogram() {
        return histogram.clone();
    }

    /** Tests {@code ranks}, each in [0, maxRank], with {@code bins} bins. */
    public static UniformityTest of(int[] ranks, int maxRank, int bins) {
        if (bins < 2 || (maxRank + 1) % bins != 0) {
            throw new InvalidInputException("rank histogram: expected at least 2 bins dividing the " + (maxRank + 1)
                    + " possible ranks but found " + bins);
        }
        if (ranks.length == 0) {
            throw new InvalidInputException("ranks: expected at least one rank but found none");
        }
        int perBin = (maxRank + 1) / bins;
        int[] histogram = new int[bins];
        for (int r : ranks) {
            if (r < 0 || r > maxRank) {
                throw new InvalidInputException("rank: expected a value in [0, " + maxRank + "] but found " + r);
            }
            histogram[r / perBin]++;
        }
        double expected = (double) ranks.length / bins;
        double chi2 = 0;
        for (int count : histogram) {
            chi2 += (count - expected) * (count - expected) / expected;
        }
        double p = 1 - new ChiSquaredDistribution(null, bins - 1).cumulativeProbability(chi2);
        return new UniformityTest(histogram, chi2, bins - 1, p);
    }
}

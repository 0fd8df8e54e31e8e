package org.robotphysicist.models.histogram;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * How a {@link HistogramSurrogate} is tabulated.
 *
 * @param binsPerDimension    bins along each x dimension (B = bins<sup>D<sub>x</sub></sup> in all)
 * @param eventsPerCell       simulated events per (θ, φ) grid cell
 * @param pseudoCount         α added to every bin count, so no bin has zero density:
 *                            p̂ = (n<sub>b</sub> + α) / ((n + αB) · V<sub>b</sub>)
 * @param commonRandomNumbers simulate every cell from the same random stream (variance reduction:
 *                            Monte Carlo noise then largely cancels between neighbouring cells,
 *                            which is what a posterior over θ depends on)
 * @param xRange              the binned x box; {@code null} means the simulator's x support when
 *                            bounded, else the range of a pilot run (1% of the events per cell, at least 1000) widened by
 *                            5% per side; events outside it get the empty-bin density
 */
public record HistogramConfig(int binsPerDimension, int eventsPerCell, double pseudoCount,
        boolean commonRandomNumbers, Box xRange) {

    public HistogramConfig {
        Require.positive("histogram bins per dimension", binsPerDimension);
        Require.positive("histogram events per cell", eventsPerCell);
        Require.positive("histogram pseudo-count", pseudoCount);
        if (binsPerDimension > 100_000) {
            throw new InvalidInputException("histogram bins per dimension: expected at most 100000 but found "
                    + binsPerDimension);
        }
        if (xRange != null && !xRange.isBounded()) {
            throw new InvalidInputException("histogram x range: expected finite bounds but found " + xRange);
        }
    }

    /** 40 bins, 10⁶ events per cell, α = 0.5, common random numbers, range from the simulator. */
    public static HistogramConfig defaults() {
        return new HistogramConfig(40, 1_000_000, 0.5, true, null);
    }

    public HistogramConfig withEventsPerCell(int n) {
        return new HistogramConfig(binsPerDimension, n, pseudoCount, commonRandomNumbers, xRange);
    }

    public HistogramConfig withBins(int bins) {
        return new HistogramConfig(bins, eventsPerCell, pseudoCount, commonRandomNumbers, xRange);
    }

    public HistogramConfig withXRange(Box range) {
        return new HistogramConfig(binsPerDimension, eventsPerCell, pseudoCount, commonRandomNumbers, range);
    }
}

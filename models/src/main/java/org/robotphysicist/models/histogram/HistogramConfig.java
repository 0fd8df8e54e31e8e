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
 * @param thetaSmoothing      half-width h, in θ grid cells, of the local quadratic smoothing of every
 *                            bin's density along each θ axis ({@link LocalQuadraticSmoother}, windows
 *                            of 2h + 1 cells; an axis of fewer cells is left as tabulated); 0 for none.
 *                            With common random numbers (inverse-CDF simulators) a bin's count moves with θ in unit steps as single events cross
 *                            its edges, so neighbouring cells' densities carry rough Monte Carlo noise whose
 *                            effect on a posterior grows with the events per experiment; a window over
 *                            which the true bin probabilities are close to quadratic in θ removes most of it
 */
public record HistogramConfig(int binsPerDimension, int eventsPerCell, double pseudoCount,
        boolean commonRandomNumbers, Box xRange, int thetaSmoothing) {

    public HistogramConfig {
        Require.positive("histogram bins per dimension", binsPerDimension);
        Require.positive("histogram events per cell", eventsPerCell);
        Require.positive("histogram pseudo-count", pseudoCount);
        if (binsPerDimension > 100_000) {
            throw new InvalidInputException("histogram bins per dimension: expected at most 100000 but found "
                    + binsPerDimension);
        }
        requireThetaSmoothing(thetaSmoothing);
        if (xRange != null && !xRange.isBounded()) {
            throw new InvalidInputException("histogram x range: expected finite bounds but found " + xRange);
        }
    }

    /**
     * Checks a θ smoothing half-width: 0 (none) or more cells.
     *
     * @throws InvalidInputException naming what was found, for a negative one
     */
    public static void requireThetaSmoothing(int cells) {
        if (cells < 0) {
            throw new InvalidInputException("histogram theta smoothing: expected a half-width of 0 (none) or more"
                    + " theta cells but found " + cells);
        }
    }

    /** As the canonical constructor, without smoothing in θ. */
    public HistogramConfig(int binsPerDimension, int eventsPerCell, double pseudoCount, boolean commonRandomNumbers,
            Box xRange) {
        this(binsPerDimension, eventsPerCell, pseudoCount, commonRandomNumbers, xRange, 0);
    }

    /** 40 bins, 10⁶ events per cell, α = 0.5, common random numbers, range from the simulator, no smoothing. */
    public static HistogramConfig defaults() {
        return new HistogramConfig(40, 1_000_000, 0.5, true, null, 0);
    }

    public HistogramConfig withEventsPerCell(int n) {
        return new HistogramConfig(binsPerDimension, n, pseudoCount, commonRandomNumbers, xRange, thetaSmoothing);
    }

    public HistogramConfig withBins(int bins) {
        return new HistogramConfig(bins, eventsPerCell, pseudoCount, commonRandomNumbers, xRange, thetaSmoothing);
    }

    public HistogramConfig withXRange(Box range) {
        return new HistogramConfig(binsPerDimension, eventsPerCell, pseudoCount, commonRandomNumbers, range,
                thetaSmoothing);
    }

    /** The same tabulation smoothed along θ with half-width {@code cells} (0: none). */
    public HistogramConfig withThetaSmoothing(int cells) {
        return new HistogramConfig(binsPerDimension, eventsPerCell, pseudoCount, commonRandomNumbers, xRange, cells);
    }
}

package org.robotphysicist.engine.surrogate;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.histogram.HistogramConfig;

/**
 * How the histogram surrogate is tabulated over the requested θ range × φ range: a regular grid of
 * {@code thetaCells} points per θ dimension and {@code phiCells} per φ dimension (edges included),
 * each cell a histogram of {@code eventsPerCell} simulated events in {@code bins} bins per x
 * dimension, with common random numbers across cells ({@link HistogramConfig}). Between cells the
 * surrogate interpolates multilinearly, so the φ spacing must resolve how fast the physics changes
 * with φ (for e⁺e⁻ → μ⁺μ⁻, a few GeV, finer near the Z pole). Round-trips to JSON.
 */
public record HistogramGridConfig(int thetaCells, int phiCells, int eventsPerCell, int bins) {

    public HistogramGridConfig {
        if (thetaCells < 2 || phiCells < 2) {
            throw new InvalidInputException("histogram cells: expected at least 2 along theta and along phi but found "
                    + thetaCells + " and " + phiCells);
        }
        Require.positive("histogram events per cell", eventsPerCell);
        Require.positive("histogram bins", bins);
    }

    /** 41 θ cells, 61 φ cells, 10⁵ events per cell, 20 bins. */
    public static HistogramGridConfig defaults() {
        return new HistogramGridConfig(41, 61, 100_000, 20);
    }

    /** The models-module configuration of one cell. */
    public HistogramConfig toConfig() {
        return HistogramConfig.defaults().withEventsPerCell(eventsPerCell).withBins(bins);
    }
}

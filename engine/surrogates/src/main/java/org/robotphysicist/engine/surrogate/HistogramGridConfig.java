package org.robotphysicist.engine.surrogate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.histogram.HistogramConfig;

/**
 * How the histogram surrogate is tabulated over the requested θ range × φ range: a regular grid of
 * {@code thetaCells} points per θ dimension and {@code phiCells} per φ dimension (edges included),
 * each cell a histogram of {@code eventsPerCell} simulated events in {@code bins} bins per x
 * dimension, with common random numbers across cells ({@link HistogramConfig}). Between cells the
 * surrogate interpolates multilinearly, so the φ spacing must resolve how fast the physics changes
 * with φ (for e⁺e⁻ → μ⁺μ⁻, a few GeV, finer near the Z pole). With {@code thetaSmoothing} = h &gt; 0
 * every bin is smoothed along each θ axis of at least 2h + 1 cells by a local quadratic fit over
 * 2h + 1 cells ({@link HistogramConfig#thetaSmoothing()}); a configuration written without it reads as 0 (none).
 * Round-trips to JSON.
 */
public record HistogramGridConfig(int thetaCells, int phiCells, int eventsPerCell, int bins, int thetaSmoothing) {

    public HistogramGridConfig {
        if (thetaCells < 2 || phiCells < 2) {
            throw new InvalidInputException("histogram cells: expected at least 2 along theta and along phi but found "
                    + thetaCells + " and " + phiCells);
        }
        Require.positive("histogram events per cell", eventsPerCell);
        Require.positive("histogram bins", bins);
        HistogramConfig.requireThetaSmoothing(thetaSmoothing);
    }

    /** Reads JSON; a configuration written before smoothing existed has none and reads as unsmoothed. */
    @JsonCreator
    private static HistogramGridConfig fromJson(@JsonProperty("thetaCells") int thetaCells,
            @JsonProperty("phiCells") int phiCells, @JsonProperty("eventsPerCell") int eventsPerCell,
            @JsonProperty("bins") int bins, @JsonProperty("thetaSmoothing") Integer thetaSmoothing) {
        return new HistogramGridConfig(thetaCells, phiCells, eventsPerCell, bins,
                thetaSmoothing == null ? 0 : thetaSmoothing);
    }

    /** As the canonical constructor, without smoothing in θ. */
    public HistogramGridConfig(int thetaCells, int phiCells, int eventsPerCell, int bins) {
        this(thetaCells, phiCells, eventsPerCell, bins, 0);
    }

    /**
     * 41 θ cells, 61 φ cells, 10⁵ events per cell, 20 bins, smoothed along θ over 17 cells (h = 8).
     * On Weinberg LO over sin²θ_W ∈ [0.15, 0.35] and √s ∈ [40, 100] GeV the smoothing brings the
     * largest coverage deviation at 58 and 81 GeV with 1000 and 5000 events from 0.042–0.057 to
     * 0.020–0.037 (400 datasets per case; benchmarks/README.md, "Surrogate coverage").
     */
    public static HistogramGridConfig defaults() {
        return new HistogramGridConfig(41, 61, 100_000, 20, 8);
    }

    /** The same grid smoothed along θ with half-width {@code cells} (0: none). */
    public HistogramGridConfig withThetaSmoothing(int cells) {
        return new HistogramGridConfig(thetaCells, phiCells, eventsPerCell, bins, cells);
    }

    /** The models-module configuration of one cell. */
    public HistogramConfig toConfig() {
        return HistogramConfig.defaults().withEventsPerCell(eventsPerCell).withBins(bins)
                .withThetaSmoothing(thetaSmoothing);
    }
}

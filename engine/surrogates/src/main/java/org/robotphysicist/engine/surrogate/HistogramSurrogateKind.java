package org.robotphysicist.engine.surrogate;

import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.models.histogram.HistogramSurrogate;

/**
 * {@code histogram}: per-cell histograms of simulated events on a regular (θ, φ) grid over the
 * prior's support × the φ box ({@link HistogramSurrogate}, sized by {@link HistogramGridConfig}),
 * smoothed along θ ({@link HistogramGridConfig#thetaSmoothing()}) and interpolated multilinearly between
 * cells; one cell along each flat dimension (a fixed φ).
 * Tabulated where it is used, so it has no model file. All randomness from the training seed.
 */
public final class HistogramSurrogateKind implements SurrogateKindProvider {
    public static final String NAME = "histogram";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "histograms of simulated events on a (theta, phi) grid, smoothed along theta, interpolated between"
                + " cells (the baseline)";
    }

    @Override
    public boolean writesModelFile() {
        return false;
    }

    @Override
    public BuiltSurrogate build(SurrogateBuildRequest r) {
        if (r.fromEventFiles()) {
            throw new InvalidInputException("surrogate 'histogram': expected a simulator to run on its (theta, phi)"
                    + " grid of cells but the training source is " + r.source().describe() + ", whose events lie at"
                    + " their own theta; train classifier, maf or nsf from event files");
        }
        HistogramGridConfig h = r.histogram();
        RegularGrid thetaGrid = grid(r.thetaRange(), h.thetaCells());
        RegularGrid phiGrid = grid(r.phiBox(), h.phiCells());
        HistogramSurrogate s;
        try (Progress cells = r.progress().start("histogram surrogate", (long) thetaGrid.size() * phiGrid.size(),
                "cells")) {
            s = HistogramSurrogate.build(r.simulator(), thetaGrid, phiGrid, h.toConfig(),
                    new SplittableRandom(r.training().seed()), cells);
        }
        return new BuiltSurrogate(s, NAME, String.format(Locale.ROOT, "histogram, %d theta x %d phi cells x %d"
                + " simulated events, %d bins%s", thetaGrid.size(), phiGrid.size(), h.eventsPerCell(), h.bins(),
                h.thetaSmoothing() == 0 ? "" : ", smoothed over " + (2 * h.thetaSmoothing() + 1) + " theta cells"),
                false);
    }

    /** A regular grid with {@code points} per dimension over {@code box}; one point where the box is flat. */
    private static RegularGrid grid(Box box, int points) {
        int[] counts = new int[box.dim()];
        for (int d = 0; d < counts.length; d++) {
            counts[d] = box.lower(d) == box.upper(d) ? 1 : points;
        }
        return new RegularGrid(box.lower(), box.upper(), counts);
    }
}

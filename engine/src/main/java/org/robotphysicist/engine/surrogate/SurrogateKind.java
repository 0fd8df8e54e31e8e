package org.robotphysicist.engine.surrogate;

import java.util.Arrays;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.histogram.HistogramSurrogate;

/**
 * The surrogates the engine can build for a simulator by name ({@code --surrogate NAME} on the
 * command line). Each entry is one {@link SurrogateFactory}; a new kind (a ratio classifier, a
 * flow) is one more entry here.
 */
public enum SurrogateKind {
    /** Histograms tabulated across the θ range × φ range ({@link HistogramSurrogate}, {@link HistogramSettings}). */
    HISTOGRAM("histogram", "histograms of simulated events on a (theta, phi) grid, interpolated between cells",
            SurrogateKind::histogram),
    /** The simulator's own likelihood ({@link ExactLikelihood}): the reference, for tractable simulators only. */
    EXACT("exact", "the simulator's exact likelihood (tractable simulators only; the reference)", SurrogateKind::exact);

    private final String cliName;
    private final String description;
    private final SurrogateFactory factory;

    SurrogateKind(String cliName, String description, SurrogateFactory factory) {
        this.cliName = cliName;
        this.description = description;
        this.factory = factory;
    }

    /** The command-line name, e.g. {@code "histogram"}. */
    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** Builds the surrogate for {@code request}. */
    public SurrogateLikelihood build(SurrogateRequest request) {
        return factory.build(request);
    }

    /** The kind called {@code name} (case-insensitive); the error lists the names known. */
    public static SurrogateKind fromName(String name) {
        for (SurrogateKind k : values()) {
            if (k.cliName.equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new InvalidInputException("surrogate: expected one of " + Arrays.stream(values()).map(k -> k.cliName)
                .toList() + " but found '" + name + "'");
    }

    private static SurrogateLikelihood histogram(SurrogateRequest r) {
        HistogramSettings h = r.histogram();
        RegularGrid thetaGrid = grid(r.thetaRange(), h.thetaCells());
        RegularGrid phiGrid = grid(r.phiRange(), h.phiCells());
        try (Progress cells = r.progress().start("histogram surrogate", (long) thetaGrid.size() * phiGrid.size(),
                "cells")) {
            return HistogramSurrogate.build(r.simulator(), thetaGrid, phiGrid, h.toConfig(), r.rng(), cells);
        }
    }

    private static SurrogateLikelihood exact(SurrogateRequest r) {
        if (!(r.simulator() instanceof TractableSimulator tractable)) {
            throw new InvalidInputException("surrogate 'exact': expected a simulator with a tractable likelihood but"
                    + " '" + r.simulator().name() + "' has none; choose another surrogate");
        }
        return new ExactLikelihood(tractable, r.thetaRange(), r.phiRange());
    }

    /** A regular grid with {@code points} per dimension over {@code box}; one point where the box is flat. */
    private static RegularGrid grid(Box box, int points) {
        int[] counts = new int[box.dim()];
        for (int d = 0; d < counts.length; d++) {
            counts[d] = box.lower(d) == box.upper(d) ? 1 : points;
        }
        return new RegularGrid(box.lower(), box.upper(), counts);
    }

    @Override
    public String toString() {
        return cliName;
    }
}

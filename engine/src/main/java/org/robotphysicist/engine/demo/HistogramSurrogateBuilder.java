package org.robotphysicist.engine.demo;

import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.models.histogram.HistogramConfig;
import org.robotphysicist.models.histogram.HistogramSurrogate;

/** {@code --surrogate histogram}: per-cell histograms on a θ grid (the baseline). */
public final class HistogramSurrogateBuilder implements SurrogateBuilder {
    @Override
    public String name() {
        return "histogram";
    }

    @Override
    public String description() {
        return "histograms of simulated events on a theta grid (the baseline)";
    }

    @Override
    public Built build(Request r) {
        DemoConfig c = r.config();
        HistogramConfig histogram = HistogramConfig.defaults().withEventsPerCell(c.histogramEventsPerCell())
                .withBins(c.histogramBins());
        HistogramSurrogate s;
        try (Progress cells = r.progress().start("histogram", c.histogramThetaPoints(), "cells")) {
            s = HistogramSurrogate.build(r.simulator(),
                    RegularGrid.of(r.thetaRange().lower(0), r.thetaRange().upper(0), c.histogramThetaPoints()),
                    RegularGrid.point(r.phi()), histogram, r.rng(), cells);
        }
        return new Built(s, String.format("histogram, %d cells x %d simulated events, %d bins",
                c.histogramThetaPoints(), c.histogramEventsPerCell(), c.histogramBins()), false);
    }
}

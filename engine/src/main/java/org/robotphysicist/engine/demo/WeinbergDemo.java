package org.robotphysicist.engine.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.histogram.HistogramConfig;
import org.robotphysicist.models.histogram.HistogramSurrogate;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * The end-to-end demo: a "real" e⁺e⁻ → μ⁺μ⁻ experiment at a hidden sin²θ<sub>W</sub>, a surrogate
 * likelihood built only from simulations, and the resulting grid posterior, set beside the
 * posterior under the exact likelihood.
 */
public final class WeinbergDemo {
    private final DemoConfig config;
    private final Consumer<String> log;
    private final ProgressReporter progress;

    public WeinbergDemo(DemoConfig config, Consumer<String> log) {
        this(config, log, ProgressReporter.silent());
    }

    /** As above, reporting the histogram build (one unit per cell) to {@code progress}. */
    public WeinbergDemo(DemoConfig config, Consumer<String> log, ProgressReporter progress) {
        this.config = config;
        this.log = log;
        this.progress = progress;
    }

    public DemoResult run() {
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        SplittableRandom master = new SplittableRandom(config.seed());
        SplittableRandom experimentRng = master.split();
        SplittableRandom surrogateRng = master.split();
        List<DemoResult.Timing> timings = new ArrayList<>();
        double[] phi = {config.sqrtS()};

        long t0 = System.nanoTime();
        Matrix observed = new Experiment.FixedEventCount(config.events())
                .run(simulator, new double[] {config.hiddenSin2ThetaW()}, phi, experimentRng);
        String dataHash = EventDataset.ofEvents(simulator.dimensions(), observed).sha256();
        timings.add(stage("experiment", t0));
        log.accept(String.format("experiment: %d events at sqrt(s) = %.4f GeV (sin^2 theta_W hidden)", observed.rows(),
                config.sqrtS()));

        t0 = System.nanoTime();
        HistogramConfig histogram = HistogramConfig.defaults().withEventsPerCell(config.histogramEventsPerCell())
                .withBins(config.histogramBins());
        SurrogateLikelihood surrogate;
        try (Progress cells = progress.start("histogram", config.histogramThetaPoints(), "cells")) {
            surrogate = HistogramSurrogate.build(simulator,
                    RegularGrid.of(config.thetaLower(), config.thetaUpper(), config.histogramThetaPoints()),
                    RegularGrid.point(config.sqrtS()), histogram, surrogateRng, cells);
        }
        timings.add(stage("surrogate", t0));
        log.accept(String.format("surrogate: histogram, %d cells x %d simulated events, %d bins (%.1f s)",
                config.histogramThetaPoints(), config.histogramEventsPerCell(), config.histogramBins(),
                timings.get(timings.size() - 1).seconds()));

        t0 = System.nanoTime();
        RegularGrid grid = RegularGrid.of(config.thetaLower(), config.thetaUpper(), config.posteriorGridPoints());
        UniformBoxPrior prior = UniformBoxPrior.interval(config.thetaLower(), config.thetaUpper());
        List<String> names = simulator.dimensions().thetaNames();
        GridPosterior posterior = GridPosterior.fromLogLikelihood(prior, grid, names,
                surrogate.summedLogLikelihood(observed, grid.points(), phi));
        GridPosterior exact = GridPosterior.fromLogLikelihood(prior, grid, names,
                new ExactLikelihood(simulator).summedLogLikelihood(observed, grid.points(), phi));
        timings.add(stage("posterior", t0));

        PosteriorSummary summary = posterior.summarize(0.68, 0.95);
        PosteriorSummary exactSummary = exact.summarize(0.68, 0.95);
        String name = names.get(0);
        double hidden = config.hiddenSin2ThetaW();
        Provenance provenance = Provenance.capture("rp demo", Json.toMap(config), Map.of("master", config.seed()),
                Map.of("observed-events", dataHash));
        return new DemoResult(DemoResult.SCHEMA, provenance, hidden, observed.rows(), "histogram", summary,
                exactSummary, summary.interval(name, 0.68).contains(hidden), summary.interval(name, 0.95).contains(hidden),
                grid.axis(0), exp(posterior.logDensity()), exp(exact.logDensity()), timings);
    }

    private static double[] exp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i]);
        }
        return out;
    }

    private static DemoResult.Timing stage(String name, long startNanos) {
        return new DemoResult.Timing(name, (System.nanoTime() - startNanos) / 1e9);
    }
}

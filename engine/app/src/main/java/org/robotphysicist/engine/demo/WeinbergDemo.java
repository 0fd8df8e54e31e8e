package org.robotphysicist.engine.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.PosteriorSummary;
import org.robotphysicist.engine.posterior.ReportingPosteriorEvaluator;
import org.robotphysicist.engine.surrogate.BuiltSurrogate;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateBuildRequest;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.engine.surrogate.TrainingSource;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.training.device.Devices;

/**
 * The end-to-end demo: a "real" e⁺e⁻ → μ⁺μ⁻ experiment at a hidden sin²θ<sub>W</sub>, a surrogate
 * likelihood built only from simulations, and the resulting grid posterior, set beside the
 * posterior under the exact likelihood.
 */
public final class WeinbergDemo {
    private final DemoConfig config;
    private final Consumer<String> log;
    private final ProgressReporter progress;

    private final java.nio.file.Path loadModel;
    private final java.nio.file.Path saveModel;
    private boolean gpuFellBack;

    public WeinbergDemo(DemoConfig config, Consumer<String> log) {
        this(config, log, ProgressReporter.silent(), null, null);
    }

    /**
     * @param progress  reports long stages (the histogram build, one unit per cell)
     * @param loadModel a model file to use instead of building the surrogate (null: build it)
     * @param saveModel where to save a trained surrogate (null: do not save)
     */
    public WeinbergDemo(DemoConfig config, Consumer<String> log, ProgressReporter progress,
            java.nio.file.Path loadModel, java.nio.file.Path saveModel) {
        this.config = config;
        this.log = log;
        this.progress = progress;
        this.loadModel = loadModel;
        this.saveModel = saveModel;
    }

    /** True when the last run trained on the CPU although a GPU was requested. */
    public boolean gpuFellBack() {
        return gpuFellBack;
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
        timings.add(LoopDemo.stage("experiment", t0));
        log.accept(String.format("experiment: %d events at sqrt(s) = %.4f GeV (sin^2 theta_W hidden)", observed.rows(),
                config.sqrtS()));

        t0 = System.nanoTime();
        BuiltSurrogate built = buildSurrogate(simulator, phi, surrogateRng);
        SurrogateLikelihood surrogate = built.surrogate();
        gpuFellBack = built.gpuFellBack();
        timings.add(LoopDemo.stage("surrogate", t0));
        log.accept(String.format("surrogate: %s (%.1f s)", built.description(),
                timings.get(timings.size() - 1).seconds()));
        if (gpuFellBack) {
            log.accept("FALLING BACK TO THE CPU: a GPU was requested for training but the engine sees none"
                    + " (see cuda-notes/README.md)");
        }
        try {
            return posterior(simulator, observed, phi, surrogate, built.description(), dataHash, timings);
        } finally {
            if (surrogate instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the surrogate: " + e.getMessage(), e);
                }
            }
        }
    }

    private BuiltSurrogate buildSurrogate(WeinbergLoSimulator simulator, double[] phi, SplittableRandom rng) {
        if (loadModel != null) {
            TrainedSurrogate s = SurrogateFiles.load(loadModel,
                    LoadOptions.defaults().withDevice(Devices.choose(config.device()).device()));
            return new BuiltSurrogate(s, s.kind(), s.kind() + " loaded from " + loadModel, false);
        }
        SurrogateRegistry registry = SurrogateRegistry.discover();
        if (saveModel != null && !registry.named(config.surrogate()).writesModelFile()) {
            throw new InvalidInputException("--save-model: expected a trained surrogate but '" + config.surrogate()
                    + "' builds one that has no model file");
        }
        SurrogateBuildRequest request = new SurrogateBuildRequest(TrainingSource.of(simulator),
                UniformBoxPrior.interval(config.thetaLower(), config.thetaUpper()), new Box(phi, phi),
                config.training(rng.nextLong()),
                new HistogramGridConfig(config.histogramThetaPoints(), 2, config.histogramEventsPerCell(),
                        config.histogramBins()), config.events(), config.device(), log, progress);
        BuiltSurrogate built = registry.build(config.surrogate(), request);
        if (saveModel != null) {
            ((TrainedSurrogate) built.surrogate()).save(saveModel);
            log.accept("surrogate saved to " + saveModel);
        }
        return built;
    }

    private DemoResult posterior(WeinbergLoSimulator simulator, Matrix observed, double[] phi,
            SurrogateLikelihood surrogate, String description, String dataHash, List<DemoResult.Timing> timings) {
        long t0 = System.nanoTime();
        RegularGrid grid = RegularGrid.of(config.thetaLower(), config.thetaUpper(), config.posteriorGridPoints());
        UniformBoxPrior prior = UniformBoxPrior.interval(config.thetaLower(), config.thetaUpper());
        List<String> names = simulator.dimensions().thetaNames();
        GridPosterior posterior = GridPosterior.fromLogLikelihood(prior, grid, names,
                ReportingPosteriorEvaluator.summed(surrogate, observed, grid.points(), phi, progress));
        GridPosterior exact = GridPosterior.fromLogLikelihood(prior, grid, names,
                new ExactLikelihood(simulator).summedLogLikelihood(observed, grid.points(), phi));
        timings.add(LoopDemo.stage("posterior", t0));

        PosteriorSummary summary = posterior.summarize(0.68, 0.95);
        PosteriorSummary exactSummary = exact.summarize(0.68, 0.95);
        String name = names.get(0);
        double hidden = config.hiddenSin2ThetaW();
        Provenance provenance = Provenance.capture("rp demo", Json.toMap(config), Map.of("master", config.seed()),
                Map.of("observed-events", dataHash));
        return new DemoResult(DemoResult.SCHEMA, provenance, hidden, observed.rows(), description, summary,
                exactSummary, summary.interval(name, 0.68).contains(hidden), summary.interval(name, 0.95).contains(hidden),
                grid.axis(0), LoopDemo.exp(posterior.logDensity()), LoopDemo.exp(exact.logDensity()), timings);
    }
}

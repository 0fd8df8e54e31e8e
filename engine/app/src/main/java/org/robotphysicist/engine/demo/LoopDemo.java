package org.robotphysicist.engine.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.design.loop.DesignConfig;
import org.robotphysicist.engine.design.loop.DesignHistory;
import org.robotphysicist.engine.design.loop.DesignOptions;
import org.robotphysicist.engine.design.loop.DesignRound;
import org.robotphysicist.engine.design.loop.ExperimentDesigner;
import org.robotphysicist.engine.design.loop.ExperimentRunner;
import org.robotphysicist.engine.design.loop.SimulatedExperimentRunner;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.models.ExactLikelihood;

/**
 * The robot-physicist demo: a neural surrogate of the Weinberg LO likelihood trained once across
 * the √s range (or reused from {@link DemoModelCache}), then {@link LoopDemoConfig#rounds()} rounds
 * of {@link ExperimentDesigner} with it — each choosing √s by the expected information gain,
 * simulating the experiment at the hidden sin²θ<sub>W</sub> and updating the posterior. Beside each
 * round's surrogate posterior it computes the reference: the same rounds' events scored with the
 * exact likelihood, log p(θ | X₁..X<sub>r</sub>) = Σ<sub>k ≤ r</sub> Σ<sub>i</sub> log p(x<sub>ki</sub> | θ, φ<sub>k</sub>)
 * + const on the same θ grid under the same uniform prior.
 */
public final class LoopDemo {
    private final LoopDemoConfig config;
    private final DemoModelCache cache;
    private final boolean retrain;
    private final DesignOptions options;

    /**
     * @param cache   where the trained surrogate is kept and looked for
     * @param retrain train the surrogate even if the cache holds one for these settings
     * @param options the loop's log, progress, output directory and the listeners that write its history, events
     *                and plots ({@link DesignOptions#withOutput})
     */
    public LoopDemo(LoopDemoConfig config, DemoModelCache cache, boolean retrain, DesignOptions options) {
        this.config = config;
        this.cache = cache;
        this.retrain = retrain;
        this.options = options.withDevice(config.device());
    }

    public LoopDemoResult run() {
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        List<DemoResult.Timing> timings = new ArrayList<>();
        config.designConfig("not yet trained"); // the loop's settings are checked before training
        long t0 = System.nanoTime();
        DemoModelCache.Entry model = cache.obtain(config, simulator, retrain, options.log(), options.progress());
        timings.add(stage(model.reused() ? "surrogate (reused)" : "surrogate", t0));

        DesignConfig design = config.designConfig(model.file().toString());
        RecordingRunner runner = new RecordingRunner(new SimulatedExperimentRunner(simulator,
                design.experiment().toExperiment(), new double[] {config.hiddenSin2ThetaW()}));
        t0 = System.nanoTime();
        DesignHistory history;
        RegularGrid grid;
        GridPosterior last;
        try (ExperimentDesigner designer = ExperimentDesigner.start(design, simulator, runner, options)) {
            history = designer.run();
            grid = designer.grid();
            last = designer.posterior().orElseThrow();
        }
        timings.add(stage("design loop", t0));

        t0 = System.nanoTime();
        List<GridPosterior> exact = exactPosteriors(simulator, grid, history.rounds(), runner.events);
        timings.add(stage("exact reference", t0));
        List<LoopDemoResult.Round> rounds = new ArrayList<>();
        for (int r = 0; r < history.rounds().size(); r++) {
            DesignRound d = history.rounds().get(r);
            rounds.add(new LoopDemoResult.Round(d.round(), d.phi()[0], d.events(), d.chosen().value(), d.posterior(),
                    exact.get(r).summarize(0.68, 0.95)));
        }
        Provenance provenance = Provenance.capture("rp demo", Json.toMap(config), Map.of("master", config.seed()),
                Map.of());
        return new LoopDemoResult(LoopDemoResult.SCHEMA, provenance, config.hiddenSin2ThetaW(), config.surrogate(),
                model.file().toString(), model.reused(), rounds, grid.axis(0), exp(last.logDensity()),
                exp(exact.get(exact.size() - 1).logDensity()), timings);
    }

    /** After each round, the posterior of the events so far under the exact likelihood. */
    private List<GridPosterior> exactPosteriors(WeinbergLoSimulator simulator, RegularGrid grid,
            List<DesignRound> rounds, List<Matrix> events) {
        ExactLikelihood exact = new ExactLikelihood(simulator);
        UniformBoxPrior prior = new UniformBoxPrior(config.thetaRange());
        double[] total = new double[grid.size()];
        List<GridPosterior> out = new ArrayList<>();
        try (Progress p = options.progress().start("exact-likelihood reference", rounds.size(), "rounds")) {
            for (int r = 0; r < rounds.size(); r++) {
                double[] ll = exact.summedLogLikelihood(events.get(r), grid.points(), rounds.get(r).phi());
                for (int j = 0; j < total.length; j++) {
                    total[j] += ll[j];
                }
                out.add(GridPosterior.fromLogLikelihood(prior, grid, simulator.dimensions().thetaNames(), total.clone()));
                p.advance(1);
            }
        }
        return out;
    }

    /** A simulated experiment that also keeps what it recorded, round by round. */
    private static final class RecordingRunner implements ExperimentRunner {
        private final ExperimentRunner inner;
        private final List<Matrix> events = new ArrayList<>();

        RecordingRunner(ExperimentRunner inner) {
            this.inner = inner;
        }

        @Override
        public Matrix run(int round, double[] phi, SplittableRandom rng) {
            Matrix m = inner.run(round, phi, rng);
            events.add(m);
            return m;
        }

        @Override
        public Optional<double[]> truth() {
            return inner.truth();
        }

        @Override
        public String describe() {
            return inner.describe();
        }
    }

    static double[] exp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i]);
        }
        return out;
    }

    static DemoResult.Timing stage(String name, long startNanos) {
        return new DemoResult.Timing(name, (System.nanoTime() - startNanos) / 1e9);
    }
}

package org.robotphysicist.benchmarks.coverage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.posterior.diagnostics.CalibrationProblem;
import org.robotphysicist.engine.surrogate.HistogramSettings;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.training.device.DeviceRequest;

/** Experiment: coverage of the tempered surrogate posterior, L/(1 + kappa N), fitted on one seed, checked on another. */
public final class TemperingExperiment {
    private static final Box PRIOR = Box.interval(0.15, 0.35);
    private static final Box SQRT_S = Box.interval(40, 100);
    private static final double[] LEVELS = {0.5, 0.68, 0.9, 0.95};

    record T(double[] ls, double[] le, GridPosterior grid, double[] theta) {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        String kind = opt.string("kind", "nsf");
        Path file = Path.of(opt.string("model", "/tmp/cal/model.rpm"));
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        UniformBoxPrior prior = new UniformBoxPrior(PRIOR);
        RobotPhysicist rp = RobotPhysicist.forSimulator(simulator).prior(PRIOR).settings(SQRT_S);
        TrainedModel model;
        if (Files.exists(file)) {
            model = rp.load(file, LoadOptions.defaults());
        } else {
            model = rp.train(TrainOptions.defaults(kind).withHistogram(HistogramSettings.defaults())
                    .withTraining(opt.integer("rows", 200000), opt.integer("epochs", 6), DeviceRequest.CPU)
                    .withControls(SurrogateCoverageBenchmark.controls(opt, opt.integer("rows", 200000),
                            opt.integer("epochs", 6), 20261122L)).withSeed(20261122L));
            model.save(file);
        }
        int datasets = opt.integer("datasets", 100);
        int[] events = opt.integers("events", "1000,2000,5000");
        double[] phis = {58, 81};
        PosteriorEvaluator evaluator = PosteriorEvaluator.forSurrogate(model.surrogate());
        PosteriorEvaluator exact = PosteriorEvaluator.forSurrogate(new ExactLikelihood(simulator,
                model.surrogate().thetaRange(), model.surrogate().phiRange()));
        int fitEvents = opt.integer("fit-events", 2000);
        for (double phi : phis) {
            List<T> fitAt = trials(simulator, prior, evaluator, exact, phi, fitEvents, datasets, 11);
            double kappa = fitKappa(fitAt, prior, fitEvents);
            System.out.printf(Locale.ROOT, "phi %.0f: kappa fitted at N %d = %.2e (1/kappa %.0f)%n", phi, fitEvents,
                    kappa, 1 / kappa);
            for (int n : events) {
                List<T> test = trials(simulator, prior, evaluator, exact, phi, n, datasets, 7);
                double own = fitKappa(test, prior, n);
                System.out.printf(Locale.ROOT, "  N %d: raw %s | tempered (tau %.2f) %s | kappa fitted on this"
                        + " test set %.2e%n", n, cov(test, prior, 1), 1 + kappa * n, cov(test, prior, 1 + kappa * n),
                        own);
            }
        }
        model.close();
    }

    static double fitKappa(List<T> fit, UniformBoxPrior prior, int n) {
        double bestK = 0;
        double bestD = Double.MAX_VALUE;
        for (double k = 0; k <= 3e-2; k = k < 1e-7 ? 1e-7 : k * 1.1) {
            double d = deviation(fit, prior, 1 + k * n);
            if (d < bestD) {
                bestD = d;
                bestK = k;
            }
        }
        return bestK;
    }

    static List<T> trials(WeinbergLoSimulator sim, UniformBoxPrior prior, PosteriorEvaluator ev,
            PosteriorEvaluator exact, double phi, int n, int datasets, long seed) {
        RegularGrid g = new RegularGrid(new double[] {0.15}, new double[] {0.35}, new int[] {401});
        CalibrationProblem problem = new CalibrationProblem(sim, prior, exact, ThetaGrid.of(g), new double[] {phi}, n);
        return problem.run(datasets, new SplittableRandom(seed), (trial, rng) -> {
            double m = trial.posterior().mean()[0];
            double s = trial.posterior().standardDeviation()[0];
            ThetaGrid w = ThetaGrid.of(new RegularGrid(new double[] {Math.max(0.15, m - 12 * s)},
                    new double[] {Math.min(0.35, m + 12 * s)}, new int[] {121}));
            List<Observation> obs = List.of(new Observation(trial.events(), new double[] {phi}));
            GridPosterior ps = SurrogatePosterior.of(prior, ev, obs).onGrid(w);
            GridPosterior pe = SurrogatePosterior.of(prior, exact, obs).onGrid(w);
            return new T(ps.logLikelihood(), pe.logLikelihood(), pe, trial.theta());
        });
    }

    static double[] paired(List<T> ts, UniformBoxPrior prior, double tau) {
        double[] c = new double[LEVELS.length];
        for (T t : ts) {
            double[] l = t.ls().clone();
            for (int i = 0; i < l.length; i++) {
                l[i] /= tau;
            }
            GridPosterior s = GridPosterior.fromLogLikelihood(prior, t.grid().grid(), t.grid().parameterNames(), l);
            GridPosterior e = t.grid();
            boolean in = e.grid().bounds().contains(t.theta());
            double cs = in ? s.credibility(t.theta()) : 1;
            double ce = in ? e.credibility(t.theta()) : 1;
            for (int i = 0; i < LEVELS.length; i++) {
                c[i] += ((cs <= LEVELS[i]) ? 1 : 0) - ((ce <= LEVELS[i]) ? 1 : 0);
            }
        }
        for (int i = 0; i < LEVELS.length; i++) {
            c[i] = LEVELS[i] + c[i] / ts.size();
        }
        return c;
    }

    static double deviation(List<T> ts, UniformBoxPrior prior, double tau) {
        double[] c = paired(ts, prior, tau);
        double d = 0;
        for (int i = 0; i < c.length; i++) {
            d += (c[i] - LEVELS[i]) * (c[i] - LEVELS[i]);
        }
        return d;
    }

    static String cov(List<T> ts, UniformBoxPrior prior, double tau) {
        double[] c = paired(ts, prior, tau);
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f/%.2f", c[0], c[1], c[2], c[3]);
    }
}

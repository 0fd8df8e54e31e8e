package org.robotphysicist.benchmarks.coverage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.robotphysicist.engine.posterior.diagnostics.ExpectedCoverage;
import org.robotphysicist.engine.posterior.diagnostics.TemperingFit;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.TemperedSurrogate;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Does the tempering τ = 1 + κN ({@link org.robotphysicist.models.certificate.LikelihoodTempering})
 * transfer across event counts? For one surrogate kind trained as {@code rp train} does over
 * √s ∈ [40, 100] GeV on Weinberg LO (prior U(0.15, 0.35); or a saved model), at √s = 58 and 81 GeV
 * (or {@code --phis}):
 * κ is fitted by {@link TemperingFit} on {@code --datasets} prior-predictive datasets of
 * {@code --fit-events} events (seed 11), then the raw and the tempered posteriors' coverage is measured
 * on independent datasets (seed 7) at each of {@code --events}, paired against the exact posterior
 * of the same events as in {@link org.robotphysicist.engine.posterior.diagnostics.PairedCoverage}
 * (coverage(ℓ) = ℓ + mean(1[c_s ≤ ℓ] − 1[c_e ≤ ℓ]), on a 121-point window of ±12 exact sd). Printed
 * beside each: the κ that fitting on that test set itself would have given. Both of
 * {@link TemperingFit.Criterion}'s criteria are fitted on the same datasets and checked on the same tests.
 *
 * <p>Usage: {@code TemperingTransferBenchmark [--kind nsf] [--model FILE] [--rows 4000000] [--epochs 2]
 * [--batch B] [--score-weight A] [--datasets 100] [--fit-events 2000] [--events 1000,2000,5000] [--phis 58,81]};
 * the model is trained and written to {@code --model} when that file does not exist.
 */
public final class TemperingTransferBenchmark {
    private static final Box PRIOR = Box.interval(0.15, 0.35);
    private static final Box SQRT_S = Box.interval(40, 100);
    private static final double[] LEVELS = ExpectedCoverage.DEFAULT_LEVELS;
    private static final long SEED = 20261122L;

    /** One dataset: the surrogate's and the exact posterior on its window, and θ*. */
    record T(GridPosterior surrogate, GridPosterior exact, double[] theta) {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        String kind = opt.string("kind", "nsf");
        Path file = Path.of(opt.string("model", "tempering-transfer-" + kind + ".rpm"));
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        UniformBoxPrior prior = new UniformBoxPrior(PRIOR);
        RobotPhysicist rp = RobotPhysicist.forSimulator(simulator).prior(PRIOR).settings(SQRT_S);
        TrainedModel model;
        if (Files.exists(file)) {
            model = rp.load(file, LoadOptions.defaults());
        } else {
            int rows = opt.integer("rows", SurrogateTrainingConfig.DEFAULT_ROWS);
            int epochs = opt.integer("epochs", SurrogateTrainingConfig.DEFAULT_EPOCHS);
            model = rp.train(TrainOptions.defaults(kind).withHistogram(HistogramGridConfig.defaults())
                    .withTraining(rows, epochs, DeviceRequest.CPU).withSeed(SEED)
                    .withControls(SurrogateCoverageBenchmark.controls(opt, rows, epochs, SEED)));
            model.save(file);
        }
        int datasets = opt.integer("datasets", 100);
        int[] events = opt.integers("events", "1000,2000,5000");
        double[] phis = java.util.Arrays.stream(opt.string("phis", "58,81").split(",")).mapToDouble(Double::parseDouble)
                .toArray();
        PosteriorEvaluator evaluator = PosteriorEvaluator.forSurrogate(
                TemperedSurrogate.untemperedLikelihood(model.surrogate()));
        PosteriorEvaluator exact = PosteriorEvaluator.forSurrogate(new ExactLikelihood(simulator,
                model.surrogate().thetaRange(), model.surrogate().phiRange()));
        int fitEvents = opt.integer("fit-events", 2000);
        for (double phi : phis) {
            List<T> fitAt = trials(simulator, prior, evaluator, exact, phi, fitEvents, datasets, 11);
            Map<TemperingFit.Criterion, Double> kappas = new EnumMap<>(TemperingFit.Criterion.class);
            for (TemperingFit.Criterion criterion : TemperingFit.Criterion.values()) {
                double kappa = fitKappa(fitAt, fitEvents, criterion);
                kappas.put(criterion, kappa);
                System.out.printf(Locale.ROOT, "phi %.4g: kappa fitted by %s at N %d = %.2e (1/kappa %.0f)%n", phi,
                        criterion.label(), fitEvents, kappa, 1 / kappa);
            }
            for (int n : events) {
                List<T> test = trials(simulator, prior, evaluator, exact, phi, n, datasets, 7);
                System.out.printf(Locale.ROOT, "  N %d: raw %s%n", n, cov(test, 1));
                for (var fitted : kappas.entrySet()) {
                    double tau = 1 + fitted.getValue() * n;
                    System.out.printf(Locale.ROOT, "    %-9s tempered (tau %.2f) %s | kappa fitted on this test set"
                            + " %.2e%n", fitted.getKey().label(), tau, cov(test, tau),
                            fitKappa(test, n, fitted.getKey()));
                }
            }
        }
        model.close();
    }

    /** κ from {@link TemperingFit} by {@code criterion} on the trials' surrogate posteriors (on their windows). */
    static double fitKappa(List<T> fit, int n, TemperingFit.Criterion criterion) {
        List<TemperingFit.Trial> trials = new ArrayList<>();
        for (T t : fit) {
            trials.add(new TemperingFit.Trial(t.surrogate(), t.theta()));
        }
        return TemperingFit.kappa(trials, n, criterion);
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
            return new T(ps, pe, trial.theta());
        });
    }

    static double[] paired(List<T> ts, double tau) {
        double[] c = new double[LEVELS.length];
        for (T t : ts) {
            GridPosterior s = t.surrogate().tempered(tau);
            GridPosterior e = t.exact();
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

    static String cov(List<T> ts, double tau) {
        double[] c = paired(ts, tau);
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f/%.2f", c[0], c[1], c[2], c[3]);
    }
}

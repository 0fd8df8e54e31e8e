package org.robotphysicist.benchmarks.design;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.benchmarks.coverage.SurrogateCoverageBenchmark;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.eig.EigScan;
import org.robotphysicist.engine.design.eig.ExpectedInformationGain;
import org.robotphysicist.engine.design.eig.ExperimentLikelihood;
import org.robotphysicist.engine.design.loop.DesignConfig;
import org.robotphysicist.engine.design.loop.DesignOptions;
import org.robotphysicist.engine.design.loop.ExperimentDesigner;
import org.robotphysicist.engine.design.loop.RoundProposal;
import org.robotphysicist.engine.design.loop.SimulatedExperimentRunner;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.surrogate.ExactSurrogateKind;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Does the design loop driven by a surrogate choose as a physicist would? On Weinberg LO (hidden
 * sin²θ_W = 0.2312, prior U(0.15, 0.35), √s ∈ [40, 100] GeV, {@code rp design}'s defaults otherwise:
 * 200 events per experiment, 128 datasets per EIG estimate, 12 estimates and 3 re-estimates per
 * round, a 201-point θ grid), each kind is trained once as {@code rp design} trains it — its default sizes,
 * the kind's design score weight on the simulator's joint scores (a classifier: α = 100, a MAF: α = 1, an
 * NSF: α = 3) unless {@code --score-weight} names one, and the kind's design epochs (an NSF: 5, the others 2)
 * unless {@code --epochs} names them ({@code SurrogateTrainingConfig.forDesign}) — over the θ × √s box
 * (the exact kind needs none) and drives the {@link ExperimentDesigner} for S seeds × R rounds. Each
 * round's choice is judged with the exact likelihood: EIG(chosen) / max(best of a dense scan,
 * EIG(chosen)), both estimated with one fixed random stream at every √s (common random numbers).
 * After the last round, the hidden value's credibility under the final posterior tells whether the
 * 68% and 95% highest-density regions cover it. Printed per kind: the training time, the median time
 * per round, the median and worst EIG fraction, how many rounds fall below 0.9, and how many seeds'
 * final posteriors cover the hidden value.
 *
 * <p>Usage: {@code SurrogateDesignBenchmark [--kinds exact,classifier,maf,nsf] [--seeds 5] [--first-seed 1] [--rounds 3]
 * [--eig-datasets 128] [--reference-datasets 64] [--scan-points 61] [--rows 4000000] [--epochs E] [--ensemble 1]
 * [--training-phi-margin 0] [--seed 20261122] [--histogram 41,61,100000,20,8] [--verification-datasets 512]
 * [--rival true]} ({@link VerificationChoice}). The histogram kind is
 * built on {@code rp design}'s grid ({@link HistogramGridConfig#defaults()}) unless {@code --histogram}
 * names another (θ cells, √s cells, events per cell, bins, θ smoothing half-width). With
 * {@code --training-phi-margin M} the surrogates are trained over √s ∈ [40 − M, 100 + M] GeV, so that
 * the design range is not the edge of their training box.
 * With {@code --ensemble K} each neural kind is an ensemble of K networks, whose EIG uses the mixture
 * of the member posteriors.
 *
 * <p>With {@code --model-KIND FILE} (e.g. {@code --model-nsf nsf.rpm}) the kind is read from a model file
 * instead of trained, so that one trained network (or ensemble) can be measured under several loop or
 * reference settings; the file must hold that kind (an ensemble of it counts). With {@code --save-models DIR}
 * each kind trained is written to {@code DIR/KIND.rpm} before its design runs.
 *
 * <p>With {@code --refine N} every design run refines its neural surrogate as {@code rp design --refine
 * --refine-rows N} does: before rounds 2, 3, … it is retrained from scratch on all rows so far plus N new
 * ones with θ from the current posterior, each seed's round 1 training its own surrogate from the
 * run's seed. With {@code --refine N --fine-tune} (as {@code rp design --model FILE --refine}) round 1
 * uses the kind trained once as above, and each later round fine-tunes the previous round's network on
 * its N new rows alone. A missed round's "surrogate's own EIG" is then the round's refined surrogate's.
 */
public final class SurrogateDesignBenchmark {
    private static final Box PRIOR = Box.interval(0.15, 0.35);
    private static final Box SQRT_S = Box.interval(40, 100);
    private static final double HIDDEN_THETA = 0.2312;
    private static final long REFERENCE_SEED = 20261204L;
    private static final double[] LEVELS = {0.68, 0.95};
    /**
     * Datasets per estimate of the surrogate's own EIG in a missed round, at the choice and at the
     * scan's best: a standard error near 0.008 nats, so that "the surrogate rates the best setting
     * higher" is told from the noise (with the reference's 64 it was ±0.017, as large as the gaps).
     */
    private static final int DIAGNOSIS_DATASETS = 512;

    private SurrogateDesignBenchmark() {
    }

    /**
     * What one kind's design loops gave.
     *
     * @param kind      the surrogate kind
     * @param fractions each round's exact EIG of the chosen √s over the round's best, seed by seed (S × R values)
     * @param covered   per credibility level (0.68, then 0.95), how many seeds' final posteriors cover the hidden
     *                  value
     * @param seeds     the seeds run
     */
    public record Result(String kind, double[] fractions, int[] covered, int seeds) {
        /** The smallest EIG fraction of any round. */
        public double worstFraction() {
            return Arrays.stream(fractions).min().orElse(Double.NaN);
        }
    }

    public static void main(String[] args) {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        TrainOptions defaults = TrainOptions.defaults("classifier");
        List<String> kinds = Arrays.asList(opt.string("kinds", "exact,classifier,maf,nsf").split(","));
        measure(kinds, opt.integer("seeds", 5),
                opt.integer("first-seed", 1), opt.integer("rounds", 3),
                opt.integer("eig-datasets", DesignConfig.DEFAULT_EIG_DATASETS), opt.integer("reference-datasets", 64),
                opt.integer("scan-points", 61),
                SurrogateCoverageBenchmark.controls(opt, opt.integer("rows", defaults.trainingRows()),
                        opt.optionalInteger("epochs"), Long.parseLong(opt.string("seed", "20261122"))),
                opt.real("training-phi-margin", 0), SurrogateCoverageBenchmark.histogram(opt),
                Refinement.of(opt.integer("refine", 0), opt.string("fine-tune", "false")),
                ModelFiles.of(opt, kinds), VerificationChoice.of(opt));
    }

    /**
     * How the design runs refine their surrogate: {@code rows} new simulations per round after the
     * first, retraining from scratch on all rows so far, or with {@code fineTune} fine-tuning the
     * previous round's network on the new rows alone, starting from the kind trained once.
     */
    public record Refinement(int rows, boolean fineTune) {
        /** No refinement: one surrogate, trained once, serves every round of every seed. */
        public static final Refinement NONE = new Refinement(0, false);

        /**
         * From the options {@code --refine N} (0: none) and {@code --fine-tune true|false}.
         *
         * @throws IllegalArgumentException for a negative N, a fine-tune without N, or a switch other than true
         *                                  or false
         */
        static Refinement of(int rows, String fineTune) {
            if (rows < 0) {
                throw new IllegalArgumentException("--refine: expected the rows added per round (0: no refinement)"
                        + " but found " + rows);
            }
            if (!fineTune.equals("true") && !fineTune.equals("false")) {
                throw new IllegalArgumentException("--fine-tune: expected true or false but found " + fineTune);
            }
            if (rows == 0 && fineTune.equals("true")) {
                throw new IllegalArgumentException("--fine-tune: expected --refine N as well (the rows each round"
                        + " fine-tunes on) but found none");
            }
            return new Refinement(rows, Boolean.parseBoolean(fineTune));
        }

        boolean refines() {
            return rows > 0;
        }

        String describe() {
            return !refines() ? "trained once" : String.format(Locale.ROOT, "refined every round on %d posterior"
                    + " draws, %s", rows, fineTune ? "fine-tuning the previous round's network"
                    : "retrained from scratch on all rows so far");
        }
    }

    /**
     * Runs the benchmark for {@code kinds} on the design seeds {@code firstSeed} … {@code firstSeed + seeds − 1}
     * (the loop's EIG estimates on {@code eigDatasets} simulated datasets each; each neural kind trained with
     * {@code controls} — rows, epochs, seed, ensemble members and any other knob set there, those a kind does not
     * take left out for it — over √s widened by {@code phiMargin} GeV on each side of the design range; the
     * histogram kind on {@code histogram}), printing as it goes, and returns each kind's result.
     */
    public static List<Result> measure(List<String> kinds, int seeds, int firstSeed, int rounds, int eigDatasets,
            int referenceDatasets, int scanPoints, SurrogateTrainingConfig controls, double phiMargin,
            HistogramGridConfig histogram, Refinement refinement, ModelFiles models, VerificationChoice verification) {
        DesignConfig defaults = DesignConfig.defaults(PRIOR, SQRT_S);
        DesignConfig base = verification.applyTo(defaults.withRounds(rounds).withSurrogate("histogram", histogram)
                .withEig(eigDatasets, defaults.evaluationsPerRound(), defaults.initialPoints()));
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        System.out.printf(Locale.ROOT, "Design with surrogates: Weinberg LO, hidden %.4f, prior U%s, sqrt(s) in %s,"
                + " %d seeds from %d x %d rounds of %s, %d datasets per EIG estimate, %d estimates + %s per"
                + " round, %d-point grid; reference: exact EIG with %d datasets on a %d-point scan; %d cores,"
                + " load %.1f%n%n", HIDDEN_THETA, PRIOR, SQRT_S, seeds, firstSeed, rounds, base.experiment().describe(), base.eigDatasets(),
                base.evaluationsPerRound(), VerificationChoice.describe(base), base.gridPoints(), referenceDatasets, scanPoints,
                Runtime.getRuntime().availableProcessors(), SurrogateCoverageBenchmark.loadAverage());
        ExpectedInformationGain reference = eigOf(new ExactLikelihood(simulator), simulator, base, referenceDatasets);
        RegularGrid phiGrid = RegularGrid.of(SQRT_S.lower(0), SQRT_S.upper(0), scanPoints);
        EigScan firstRound = EigScan.run(reference, new org.robotphysicist.data.prior.UniformBoxPrior(PRIOR), phiGrid,
                REFERENCE_SEED, true, Progress.none());
        RobotPhysicist rp = RobotPhysicist.forSimulator(simulator).prior(PRIOR)
                .settings(Box.interval(SQRT_S.lower(0) - phiMargin, SQRT_S.upper(0) + phiMargin));
        List<Result> results = new ArrayList<>();
        for (String kind : kinds) {
            boolean exact = kind.equals(ExactSurrogateKind.NAME);
            boolean refines = refinement.refines() && !exact;
            SurrogateTrainingConfig kindControls = exact ? null
                    : controls.fittedToKind(kind).forDesign(kind, simulator);
            if (refines && !refinement.fineTune()) {
                System.out.printf(Locale.ROOT, "%s: %s, each seed training its own round-1 surrogate%n", kind,
                        refinement.describe());
                results.add(run(kind, null, base.withTraining(kindControls), simulator, reference, phiGrid,
                        firstRound, seeds, firstSeed, refinement));
                continue;
            }
            long t0 = System.nanoTime();
            boolean given = models.isGiven(kind);
            try (TrainedModel model = exact
                    ? new TrainedModel(new ExactLikelihood(simulator), kind, "exact likelihood", false)
                    : given ? models.load(rp, kind) : rp.train(TrainOptions.defaults(kind).withHistogram(histogram)
                            .withDevice(DeviceRequest.CPU).withControls(kindControls)
                            .withEventsPerExperiment((int) base.experiment().amount()))) {
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%s: %s, %s in %.1f s (load %.1f); %s%n", kind,
                        model.description(), given ? "read" : "built", trainSeconds,
                        SurrogateCoverageBenchmark.loadAverage(), refines ? refinement.describe() : "trained once");
                if (!exact) {
                    models.saveIfAsked(model, kind);
                }
                DesignConfig kindBase = base;
                if (refines) {
                    Path file = temporaryDirectory(kind).resolve(kind + ".rpm");
                    model.save(file);
                    kindBase = base.withTraining(kindControls).withModelFile(kind, file.toString());
                }
                results.add(run(kind, model.surrogate(), kindBase, simulator, reference, phiGrid, firstRound, seeds,
                        firstSeed, refines ? refinement : Refinement.NONE));
            }
        }
        return results;
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory("rp-design-benchmark-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("design benchmark: cannot create a temporary directory", e);
        }
    }

    /**
     * Starts the design run of one seed: with {@code surrogate} for every round, or refining (then
     * {@code surrogate} is unused) into a fresh temporary directory, printing each round's training line.
     */
    private static ExperimentDesigner start(DesignConfig config, WeinbergLoSimulator simulator,
            SurrogateLikelihood surrogate, SimulatedExperimentRunner runner, Refinement refinement) {
        if (!refinement.refines()) {
            return ExperimentDesigner.start(config, simulator, surrogate, runner, DesignOptions.silent());
        }
        DesignOptions options = DesignOptions.silent().withOutput(temporaryDirectory("seed"), false)
                .withDevice(DeviceRequest.CPU).withLog(line -> {
                    if (line.startsWith("surrogate for round")) {
                        System.out.println("      " + line);
                    }
                });
        return ExperimentDesigner.start(config.withRefinement(refinement.rows()), simulator, runner, options);
    }

    /** Each estimate as "φ:value±se", in φ order. */
    private static String estimates(List<EigEstimate> estimates) {
        StringBuilder sb = new StringBuilder("[");
        estimates.stream().sorted(java.util.Comparator.comparingDouble(e -> e.phi()[0])).forEach(e -> sb.append(
                String.format(Locale.ROOT, "%s%.1f:%.3f±%.3f", sb.length() > 1 ? " " : "", e.phi()[0], e.value(),
                        e.standardError())));
        return sb.append(']').toString();
    }

    /** The EIG of {@code base}'s experiment on its θ grid under {@code surrogate}, with K datasets. */
    private static ExpectedInformationGain eigOf(SurrogateLikelihood surrogate, WeinbergLoSimulator simulator,
            DesignConfig base, int datasets) {
        return new ExpectedInformationGain(new ExperimentLikelihood(PosteriorEvaluator.forSurrogate(surrogate),
                simulator, base.experiment().toExperiment(), base.extendedLikelihood()),
                ThetaGrid.of(RegularGrid.of(PRIOR.lower(0), PRIOR.upper(0), base.gridPoints())), datasets);
    }

    private static Result run(String kind, SurrogateLikelihood surrogate, DesignConfig base,
            WeinbergLoSimulator simulator, ExpectedInformationGain reference, RegularGrid phiGrid, EigScan firstRound,
            int seeds, int firstSeed, Refinement refinement) {
        List<Double> fractions = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        int[] covered = new int[LEVELS.length];
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            DesignConfig config = (base.modelFile() != null ? base : base.withSurrogate(kind, base.histogram()))
                    .withSeed(seed);
            SimulatedExperimentRunner runner = new SimulatedExperimentRunner(simulator,
                    base.experiment().toExperiment(), new double[] {HIDDEN_THETA});
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    seed %d:", seed));
            try (ExperimentDesigner designer = start(config, simulator, surrogate, runner, refinement)) {
                for (int r = 1; r <= base.rounds(); r++) {
                    Prior prior = designer.currentPrior();
                    RoundProposal p = designer.propose();
                    seconds.add(p.eigSeconds());
                    EigScan scan = r == 1 ? firstRound
                            : EigScan.run(reference, prior, phiGrid, REFERENCE_SEED, true, Progress.none());
                    EigEstimate chosen = reference.estimate(prior, p.phi(), new SplittableRandom(REFERENCE_SEED));
                    double fraction = chosen.value() / Math.max(scan.best().value(), chosen.value());
                    fractions.add(fraction);
                    line.append(String.format(Locale.ROOT, "  r%d %.1f GeV %.3f of %.4f at %.1f (%.0f s)", r,
                            p.phi()[0], fraction, scan.best().value(), scan.best().phi()[0], p.eigSeconds()));
                    if (fraction < 0.9) {
                        // Where the choice misses: the surrogate's own EIG at both settings, same streams.
                        ExpectedInformationGain underSurrogate = eigOf(designer.surrogate(), simulator, base,
                                DIAGNOSIS_DATASETS);
                        EigEstimate atChosen = underSurrogate.estimate(prior, p.phi(),
                                new SplittableRandom(REFERENCE_SEED));
                        EigEstimate atBest = underSurrogate.estimate(prior, scan.best().phi(),
                                new SplittableRandom(REFERENCE_SEED));
                        line.append(String.format(Locale.ROOT, " [exact EIG %.4f at the choice; the surrogate's"
                                + " (%d datasets): %.4f ± %.4f there, %.4f ± %.4f at %.1f]", chosen.value(),
                                DIAGNOSIS_DATASETS, atChosen.value(), atChosen.standardError(), atBest.value(),
                                atBest.standardError(), scan.best().phi()[0]));
                        line.append(" search ").append(estimates(p.evaluations())).append(" re-estimated ")
                                .append(estimates(p.verification()));
                    }
                    Matrix events = runner.run(r, p.phi(), new SplittableRandom(seed * 1_000 + r));
                    designer.record(p, events);
                }
                double credibility = designer.posterior().orElseThrow().credibility(new double[] {HIDDEN_THETA});
                for (int i = 0; i < LEVELS.length; i++) {
                    covered[i] += credibility <= LEVELS[i] ? 1 : 0;
                }
                line.append(String.format(Locale.ROOT, "; hidden value at credibility %.3f", credibility));
            }
            System.out.println(line);
        }
        double[] f = fractions.stream().mapToDouble(Double::doubleValue).toArray();
        double[] s = seconds.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(Locale.ROOT, "  %s: EIG fraction median %.3f, worst %.3f, below 0.9: %d/%d; median round"
                + " %.1f s; final posterior covers the hidden value at 68%%: %d/%d, at 95%%: %d/%d%n%n", kind,
                BenchmarkArguments.median(f), Arrays.stream(f).min().orElse(Double.NaN),
                Arrays.stream(f).filter(x -> x < 0.9).count(), f.length, BenchmarkArguments.median(s), covered[0],
                seeds, covered[1], seeds);
        return new Result(kind, f, covered, seeds);
    }
}

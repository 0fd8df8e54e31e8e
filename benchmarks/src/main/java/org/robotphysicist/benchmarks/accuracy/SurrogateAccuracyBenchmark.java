package org.robotphysicist.benchmarks.accuracy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.surrogate.SequentialTraining;
import org.robotphysicist.engine.surrogate.SequentialTrainingConfig;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.engine.posterior.diagnostics.ClassifierTwoSampleTest;
import org.robotphysicist.engine.posterior.diagnostics.TextTable;
import org.robotphysicist.engine.posterior.mcmc.McmcResult;
import org.robotphysicist.engine.posterior.mcmc.ResampledChains;
import org.robotphysicist.engine.posterior.sampling.EnsembleMcmcPosterior;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * Accuracy of each neural surrogate kind's posterior against the exact posterior, by the
 * classifier two-sample test ({@link ClassifierTwoSampleTest}: 0.5 is perfect, 1 is disjoint), on
 * the four tasks of {@link AccuracyTask} at several simulation budgets, beside the published
 * figures of neural likelihood and ratio estimators where they exist ({@link PublishedC2st}).
 *
 * <p>Per task: {@code --observations K} observations ({@link AccuracyTask#observations}, default 1;
 * sbibm's published figures are means over 10); per observation the reference is {@code --samples}
 * draws of the exact posterior (exact likelihood × uniform prior) by {@link ResampledChains},
 * reported with its R̂ and bulk ESS, and a second, independent reference run gives the C2ST noise
 * floor (the figure two samples of the same posterior get). Per budget and kind: train once
 * ({@link SurrogateKinds}; a likelihood surrogate is amortized over observations), sample the
 * surrogate posterior (surrogate likelihood × the same prior) the same way at every observation,
 * C2ST each against its reference, and report the mean (and the range) over observations.
 *
 * <p>Usage: {@code benchmarks/surrogate-accuracy.sh [--tasks all|slcp,crescent,student-t,nonlinear-6d]
 * [--budgets 1000,10000,100000] [--kinds all|maf,nsf,classifier] [--samples 2000] [--chains 1000]
 * [--warmup 500] [--thin 5] [--reference-chains 2000] [--reference-thin 50] [--candidates 1000]
 * [--max-epochs 100] [--batch-size 0] [--learning-rate 0.001] [--patience 15] [--seed 1] [--observations 1] [--first-observation 1]
 * [--observation-set simulated|published] [--draws-dir DIR] [--c2st mlp|knn]
 * [--sequential 1] [--continuation fine-tune|retrain] [--ensemble 1] [--contrast 1] [--contrast-odds 1] [--classifier-network 3x64] [--out FILE]};
 * {@code --contrast K} trains the classifier with the contrastive loss of K candidate parameters per
 * event ({@link org.robotphysicist.training.ratio.RatioTrainingConfig.Contrast}; 1, the default: binary),
 * {@code --contrast-odds γ} the odds of its joint classes against the marginal one (default 1),
 * {@code --classifier-network} its hidden widths (LAYERSxWIDTH or a list).
 * {@code --observation-set published} scores the observations a published benchmark used
 * ({@link AccuracyTask#publishedObservations}: SLCP's ten of sbibm, the data its figures average
 * over) instead of the task's simulated ones; tasks without published observations refuse it.
 * {@code --first-observation F} scores observations F to K only (their seeds as in a run of all K),
 * so a long run can be split. {@code --sequential R} with R &gt; 1 trains each kind sequentially for each observation instead of
 * once ({@link SequentialTraining}: R rounds of budget/R simulations, round r ≥ 2's θ drawn from the
 * previous round's posterior by the surrogate sampler, each round training a fresh network unless
 * {@code --continuation fine-tune}), as the published SNLE and SNRE figures were made.
 * {@code --ensemble K} trains K networks of each kind on the same simulations (seeds differ;
 * {@link SurrogateKinds#trainEnsemble}) and scores the mixture of their posteriors, ⌊samples/K⌋ draws
 * (one more for the first samples mod K) sampled from each member's; trained once only.
 * {@code --batch-size B} fixes the mini-batch (0: max(50, rows/20), {@link SurrogateKinds.Recipe}).
 * The C2ST is sbibm's MLP one ({@link ClassifierTwoSampleTest#mlp()}) unless {@code --c2st knn} asks
 * for the faster k-NN one, which scores surrogates 0.04–0.12 lower on SLCP, so only the MLP's figures
 * compare with the published ones. {@code --out} also writes the result table there;
 * {@code --draws-dir} writes every sample of draws as CSV (the references, the second references and each kind's per observation and budget).
 */
public final class SurrogateAccuracyBenchmark {
    private SurrogateAccuracyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Every MCMC step evaluates at the observation, which may lie outside a small training set's x range:
        // one warning per step would bury the report.
        System.setProperty("org.slf4j.simpleLogger.log.org.robotphysicist.models.file.TrainedRanges", "error");
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        List<AccuracyTask> tasks = AccuracyTask.named(opt.string("tasks", "all"));
        int[] budgets = opt.integers("budgets", "1000,10000,100000");
        List<SurrogateKinds.Kind> kinds = SurrogateKinds.named(opt.string("kinds", "all"));
        int samples = opt.integer("samples", 2000);
        SurrogateKinds.Recipe defaults = SurrogateKinds.Recipe.defaults();
        SurrogateKinds.Recipe recipe = new SurrogateKinds.Recipe(
                opt.integer("max-epochs", defaults.maxEpochs()), opt.integer("batch-size", defaults.batchSize()),
                opt.real("learning-rate", defaults.learningRate()), opt.integer("patience", defaults.patience()),
                new RatioTrainingConfig.Contrast(opt.integer("contrast", defaults.contrast().classes()),
                        opt.real("contrast-odds", defaults.contrast().gamma())),
                SurrogateKinds.Recipe.network(opt.string("classifier-network", "3x64")),
                SurrogateKinds.Recipe.network(opt.string("flow-network", "2x64")),
                SurrogateKinds.Recipe.schedule(opt.string("schedule", "constant")));
        int candidates = opt.integer("candidates", 1000);
        ResampledChains draws = new ResampledChains(opt.integer("chains", 1000), opt.integer("warmup", 500),
                opt.integer("thin", 5), candidates);
        // The exact density costs microseconds: the reference runs twice the chains, 10 times longer between draws.
        ResampledChains referenceDraws = new ResampledChains(opt.integer("reference-chains", 2 * draws.chains()),
                2 * draws.warmup(),
                opt.integer("reference-thin", 10 * draws.thin()), candidates);
        long seed = opt.integer("seed", 1);
        String out = opt.string("out", "");
        int observationCount = opt.integer("observations", 1);
        int first = opt.integer("first-observation", 1) - 1;
        if (first < 0 || first >= observationCount) {
            throw new IllegalArgumentException("--first-observation: expected 1 to --observations (" + observationCount
                    + ") but found " + (first + 1));
        }
        AccuracyTask.ObservationSet observationSet = AccuracyTask.ObservationSet.named(
                opt.string("observation-set", AccuracyTask.ObservationSet.SIMULATED.label()));
        String drawsDir = opt.string("draws-dir", "");
        DrawFiles files = drawsDir.isEmpty() ? DrawFiles.NONE : new DrawFiles(Path.of(drawsDir), observationSet);
        int rounds = opt.integer("sequential", 1);
        int members = opt.integer("ensemble", 1);
        if (members < 1 || (members > 1 && rounds > 1)) {
            throw new IllegalArgumentException("--ensemble: expected 1, or more members with --sequential 1, but found "
                    + members + " with --sequential " + rounds);
        }
        SequentialTrainingConfig.Continuation continuation = SequentialTrainingConfig.Continuation.named(
                opt.string("continuation", SequentialTrainingConfig.DEFAULT_CONTINUATION.label()));
        String metric = opt.string("c2st", "mlp");
        ClassifierTwoSampleTest c2st = switch (metric) {
            case "mlp" -> ClassifierTwoSampleTest.mlp();
            case "knn" -> ClassifierTwoSampleTest.defaults();
            default -> throw new IllegalArgumentException("--c2st: expected mlp or knn but found '" + metric + "'");
        };

        System.out.printf(Locale.ROOT, "surrogate accuracy: C2ST (5-fold %s, 0.5 = exact) of each kind's posterior"
                + " against %d exact-posterior draws; training: %s; surrogate %s; reference %s; %d cores, load average"
                + " %s; %s%n", metric, samples, recipe, draws, referenceDraws,
                Runtime.getRuntime().availableProcessors(), loadAverage(), Instant.now());
        TextTable table = new TextTable("task", "sims", "kind", "C2ST", "published same kind", "best published",
                "target", "epochs", "train s", "sample s", "R-hat");
        for (AccuracyTask task : tasks) {
            UniformBoxPrior prior = task.prior();
            List<AccuracyTask.Draw> observations = task.observations(observationSet, observationCount).subList(first,
                    observationCount);
            List<Matrix> references = new ArrayList<>();
            for (int j = 0; j < observations.size(); j++) {
                references.add(reference(task, observations.get(j), first + j, referenceDraws, samples, seed, c2st,
                        files));
            }
            ParameterSampler theta = ParameterSampler.of(prior);
            for (int budget : budgets) {
                for (SurrogateKinds.Kind kind : kinds) {
                    Object[] row = rounds == 1 ? evaluate(task, kind, budget, recipe, seed, members, theta, first,
                            observations, draws, samples, references, c2st, files)
                            : evaluateSequential(task, kind, new SequentialTrainingConfig(rounds, budget, continuation,
                                    seed), recipe, seed, first, observations, draws, samples, references, c2st,
                                    files);
                    table.row(row);
                    System.out.println("  " + String.join(" | ", java.util.Arrays.stream(row).map(String::valueOf)
                            .toList()));
                }
            }
        }
        System.out.println();
        System.out.println(table.render());
        System.out.println("C2ST (" + metric + "): mean over " + (observationCount - first) + " "
                + observationSet.label() + " observation(s) per task"
                + (first == 0 ? "." : " (observations " + (first + 1) + "-" + observationCount + ").")
                + " published: Lueckmann et al. 2021 (sbibm), SLCP, mean over its 10 observations; same kind ="
                + " NLE for maf/nsf, NRE for the classifier (SNLE and SNRE when trained sequentially); best = lowest"
                + " of NLE, SNLE, NRE, SNRE. target: C2ST at or"
                + " below the best published figure.");
        if (!out.isEmpty()) {
            Files.writeString(Path.of(out), table.render());
        }
    }

    /**
     * The exact posterior's reference draws for observation {@code index}, and, printed, the C2ST of
     * a second, independent reference run against it (the noise floor).
     */
    private static Matrix reference(AccuracyTask task, AccuracyTask.Draw draw, int index,
            ResampledChains referenceDraws, int samples, long seed, ClassifierTwoSampleTest c2st, DrawFiles files) {
        Observation obs = draw.observation();
        SurrogatePosterior exact = SurrogatePosterior.of(task.prior(), new ExactLikelihood(task.simulator()), obs);
        long t0 = System.nanoTime();
        long stream = seed * 1_000 + 10L * index;
        McmcResult reference = referenceDraws.sample(task.prior(), exact, samples, new SplittableRandom(stream + 1));
        McmcResult second = referenceDraws.sample(task.prior(), exact, samples, new SplittableRandom(stream + 2));
        Matrix ref = ResampledChains.first(reference, samples);
        Matrix secondDraws = ResampledChains.first(second, samples);
        double floor = c2st.accuracy(ref, secondDraws);
        files.writeReference(task.name(), index, ref);
        files.writeSecondReference(task.name(), index, secondDraws);
        System.out.printf(Locale.ROOT, "%n%s (%s): observation %d, %s at theta %s%n  reference: %s, acceptance"
                + " %.2f, max R-hat %.3f, min bulk ESS %.0f (%.1f s for both runs); C2ST of a second reference run:"
                + " %.3f%n", task.name(), task.posterior(), index + 1, java.util.Arrays.toString(obs.events().row(0)),
                java.util.Arrays.toString(draw.theta()), reference.chains() + " chains x "
                + reference.drawsPerChain() + " draws", reference.acceptanceRate(), reference.maxRhat(),
                reference.minEssBulk(), (System.nanoTime() - t0) / 1e9, floor);
        return ref;
    }

    /**
     * Trains one kind once at one budget ({@code members} networks on the same simulations where
     * more than one, {@link SurrogateKinds#trainEnsemble}), samples its posterior at every
     * observation and scores each against that observation's reference: the row holds the mean C2ST
     * (with the range over observations when there are several), the sampling time summed and the
     * largest R̂.
     */
    private static Object[] evaluate(AccuracyTask task, SurrogateKinds.Kind kind, int budget,
            SurrogateKinds.Recipe recipe, long seed, int members, ParameterSampler theta, int first,
            List<AccuracyTask.Draw> observations, ResampledChains draws, int samples, List<Matrix> references,
            ClassifierTwoSampleTest c2st, DrawFiles files) {
        OptionalDouble same = PublishedC2st.sameFamily(task.name(), kind, budget);
        OptionalDouble best = PublishedC2st.best(task.name(), budget);
        String label = members == 1 ? kind.label() : kind.label() + " x" + members;
        long t0 = System.nanoTime();
        try (TrainedSurrogate surrogate = SurrogateKinds.trainEnsemble(kind, task.simulator(), theta, budget,
                recipe, seed, members)) {
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            double[] accuracies = new double[observations.size()];
            double worstRhat = 0;
            for (int j = 0; j < accuracies.length; j++) {
                Scored scored = score(task, first + j, surrogate, observations.get(j).observation(), draws, samples,
                        references.get(j), c2st, files, label, budget, seed);
                accuracies[j] = scored.accuracy();
                worstRhat = Math.max(worstRhat, scored.rhat());
            }
            double sampleSeconds = (System.nanoTime() - t1) / 1e9;
            return row(task, budget, label, accuracies, same, best, epochs(surrogate), trainSeconds, sampleSeconds,
                    worstRhat);
        } catch (RuntimeException e) {
            return failed(task, budget, label, e, same, best);
        }
    }

    /**
     * Trains {@code kind} sequentially for each observation ({@link SequentialTraining}: the budget
     * split over the rounds, round r ≥ 2's θ drawn from round r − 1's posterior by the surrogate
     * sampler {@code draws}), samples the last round's posterior and scores it against the
     * observation's reference. The row holds the mean C2ST, the epochs of all rounds and the training
     * time per observation (sampling for the proposals included), and the largest R̂ of the final
     * samples.
     */
    private static Object[] evaluateSequential(AccuracyTask task, SurrogateKinds.Kind kind,
            SequentialTrainingConfig sequential, SurrogateKinds.Recipe recipe, long seed, int first,
            List<AccuracyTask.Draw> observations, ResampledChains draws, int samples, List<Matrix> references,
            ClassifierTwoSampleTest c2st, DrawFiles files) {
        int budget = sequential.simulations();
        String label = kind.label() + ", " + sequential.rounds() + " rounds";
        OptionalDouble same = PublishedC2st.sequentialFamily(task.name(), kind, budget);
        OptionalDouble best = PublishedC2st.best(task.name(), budget);
        UniformBoxPrior prior = task.prior();
        double[] accuracies = new double[observations.size()];
        int epochs = 0;
        double trainSeconds = 0;
        double sampleSeconds = 0;
        double worstRhat = 0;
        try {
            for (int j = 0; j < accuracies.length; j++) {
                int i = first + j;
                Observation obs = observations.get(j).observation();
                long t0 = System.nanoTime();
                SequentialTraining.Result result = new SequentialTraining(sequential.withSeed(seed * 1_000 + 10L * i
                        + 4), line -> System.out.println("    " + line)).train(task.simulator(), ParameterSampler.of(
                        prior), ParameterSampler.fixed(new double[0]), task.name() + " observation " + (i + 1),
                        (current, n, rng) -> draws.draws(prior, SurrogatePosterior.of(prior, current, obs), n,
                                rng),
                        (data, previous) -> SurrogateKinds.trainOn(kind, task.simulator(), data, previous, recipe,
                                seed + data.round()));
                trainSeconds += (System.nanoTime() - t0) / 1e9;
                try (TrainedSurrogate surrogate = result.surrogate()) {
                    epochs += result.rounds().stream().mapToInt(SequentialTraining.Round::epochs).sum();
                    long t1 = System.nanoTime();
                    Scored scored = score(task, i, surrogate, obs, draws, samples, references.get(j), c2st, files,
                            kind.label() + "-seq" + sequential.rounds(), budget, seed);
                    accuracies[j] = scored.accuracy();
                    worstRhat = Math.max(worstRhat, scored.rhat());
                    sampleSeconds += (System.nanoTime() - t1) / 1e9;
                }
                System.out.printf(Locale.ROOT, "  %s, observation %d, %d simulations, %s: C2ST %.3f%n", task.name(),
                        i + 1, budget, label, accuracies[j]);
            }
        } catch (RuntimeException e) {
            return failed(task, budget, label, e, same, best);
        }
        int n = accuracies.length;
        return row(task, budget, label, accuracies, same, best, String.format(Locale.ROOT, "%d per observation",
                epochs / n), trainSeconds / n, sampleSeconds / n, worstRhat);
    }

    /** One observation's score: the C2ST of the surrogate's draws against the reference, and their largest R̂. */
    private record Scored(double accuracy, double rhat) {
    }

    /**
     * Samples {@code surrogate}'s posterior of observation {@code index} (prior × surrogate
     * likelihood, seeded per observation), scores the draws against {@code reference} and writes them
     * under {@code label}.
     */
    private static Scored score(AccuracyTask task, int index, TrainedSurrogate surrogate, Observation observation,
            ResampledChains draws, int samples, Matrix reference, ClassifierTwoSampleTest c2st, DrawFiles files,
            String label, int budget, long seed) {
        UniformBoxPrior prior = task.prior();
        SplittableRandom rng = new SplittableRandom(seed * 1_000 + 10L * index + 3);
        List<TrainedSurrogate> members = networks(surrogate);
        int[] shares = EnsembleMcmcPosterior.shares(samples, members.size());
        List<Matrix> parts = new ArrayList<>();
        double worstRhat = 0;
        for (int m = 0; m < members.size(); m++) {
            McmcResult run = draws.sample(prior, SurrogatePosterior.of(prior, members.get(m), observation), shares[m],
                    rng);
            parts.add(ResampledChains.first(run, shares[m]));
            worstRhat = Math.max(worstRhat, run.maxRhat());
        }
        Matrix drawn = Matrix.stackRows(parts);
        files.writeSample(task.name(), index, label, budget, drawn);
        return new Scored(c2st.accuracy(reference, drawn), worstRhat);
    }

    /** The networks of {@code surrogate}: an ensemble's members, or the surrogate alone. */
    private static List<TrainedSurrogate> networks(TrainedSurrogate surrogate) {
        return surrogate instanceof SurrogateEnsemble e ? e.members() : List.of(surrogate);
    }

    /** The epochs kept, one figure per network ("85" or "85/92/77" for an ensemble). */
    private static String epochs(TrainedSurrogate surrogate) {
        return String.join("/", networks(surrogate).stream()
                .map(m -> Integer.toString(m.trainingCurve().epochs().size())).toList());
    }

    /**
     * A result row: the mean C2ST over observations (with their range when there are several) beside
     * the published figures.
     */
    private static Object[] row(AccuracyTask task, int budget, String label, double[] accuracies, OptionalDouble same,
            OptionalDouble best, String epochs, double trainSeconds, double sampleSeconds, double worstRhat) {
        if (accuracies.length > 1) {
            System.out.printf(Locale.ROOT, "  %s, %d simulations, %s: C2ST per observation %s%n", task.name(),
                    budget, label, java.util.Arrays.toString(java.util.Arrays.stream(accuracies)
                            .mapToObj(SurrogateAccuracyBenchmark::fmt).toArray()));
        }
        double mean = java.util.Arrays.stream(accuracies).average().orElseThrow();
        String target = best.isEmpty() ? "-" : mean <= best.getAsDouble() ? "met" : "missed";
        String figure = accuracies.length == 1 ? fmt(mean) : String.format(Locale.ROOT, "%.3f (%.3f-%.3f over %d)",
                mean, java.util.Arrays.stream(accuracies).min().orElseThrow(),
                java.util.Arrays.stream(accuracies).max().orElseThrow(), accuracies.length);
        return new Object[] {task.name(), budget, label, figure, fmt(same), fmt(best), target, epochs,
            String.format(Locale.ROOT, "%.0f", trainSeconds), String.format(Locale.ROOT, "%.0f", sampleSeconds),
            String.format(Locale.ROOT, "%.2f", worstRhat)};
    }

    private static Object[] failed(AccuracyTask task, int budget, String label, RuntimeException e,
            OptionalDouble same, OptionalDouble best) {
        return new Object[] {task.name(), budget, label, "failed: " + e.getMessage(), fmt(same), fmt(best), "missed",
            "-", "-", "-", "-"};
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String fmt(OptionalDouble v) {
        return v.isPresent() ? fmt(v.getAsDouble()) : "-";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

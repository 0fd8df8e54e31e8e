package org.robotphysicist.benchmarks.accuracy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.engine.posterior.diagnostics.ClassifierTwoSampleTest;
import org.robotphysicist.engine.posterior.diagnostics.TextTable;
import org.robotphysicist.engine.posterior.mcmc.McmcResult;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.training.data.ParameterSampler;

/**
 * Accuracy of each neural surrogate kind's posterior against the exact posterior, by the
 * classifier two-sample test ({@link ClassifierTwoSampleTest}: 0.5 is perfect, 1 is disjoint), on
 * the four tasks of {@link AccuracyTask} at several simulation budgets, beside the published
 * figures of neural likelihood and ratio estimators where they exist ({@link PublishedC2st}).
 *
 * <p>Per task: one observation; the reference is {@code --samples} draws of the exact posterior
 * (exact likelihood × uniform prior) by {@link PosteriorDraws}, reported with its R̂ and bulk ESS;
 * a second, independent reference run gives the C2ST noise floor (the figure two samples of the
 * same posterior get). Per budget and kind: train ({@link SurrogateKinds}), sample the surrogate
 * posterior (surrogate likelihood × the same prior) the same way, and C2ST against the reference.
 *
 * <p>Usage: {@code benchmarks/surrogate-accuracy.sh [--tasks all|slcp,crescent,student-t,nonlinear-6d]
 * [--budgets 1000,10000,100000] [--kinds all|maf,nsf,classifier] [--samples 2000] [--chains 200]
 * [--warmup 500] [--thin 5] [--reference-chains 400] [--reference-thin 50] [--candidates 1000]
 * [--max-epochs 100] [--seed 1]
 * [--out FILE]};
 * {@code --out} also writes the result table there.
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
        int maxEpochs = opt.integer("max-epochs", 100);
        int candidates = opt.integer("candidates", 1000);
        PosteriorDraws draws = new PosteriorDraws(opt.integer("chains", 200), opt.integer("warmup", 500),
                opt.integer("thin", 5), candidates);
        // The exact density costs microseconds: the reference runs twice the chains, 10 times longer between draws.
        PosteriorDraws referenceDraws = new PosteriorDraws(opt.integer("reference-chains", 2 * draws.chains()),
                2 * draws.warmup(),
                opt.integer("reference-thin", 10 * draws.thin()), candidates);
        long seed = opt.integer("seed", 1);
        String out = opt.string("out", "");
        ClassifierTwoSampleTest c2st = ClassifierTwoSampleTest.defaults();

        System.out.printf(Locale.ROOT, "surrogate accuracy: C2ST (5-fold k-NN, 0.5 = exact) of each kind's posterior"
                + " against %d exact-posterior draws; surrogate %s; reference %s; %d cores, load average %s; %s%n",
                samples, draws, referenceDraws,
                Runtime.getRuntime().availableProcessors(), loadAverage(), Instant.now());
        TextTable table = new TextTable("task", "sims", "kind", "C2ST", "published same kind", "best published",
                "target", "epochs", "train s", "sample s", "R-hat");
        for (AccuracyTask task : tasks) {
            UniformBoxPrior prior = task.prior();
            Observation obs = task.observation();
            SurrogatePosterior exact = SurrogatePosterior.of(prior, new ExactLikelihood(task.simulator()), obs);
            long t0 = System.nanoTime();
            McmcResult reference = referenceDraws.sample(prior, exact, samples,
                    new SplittableRandom(seed * 1_000 + 1));
            McmcResult second = referenceDraws.sample(prior, exact, samples,
                    new SplittableRandom(seed * 1_000 + 2));
            Matrix ref = PosteriorDraws.first(reference, samples);
            double floor = c2st.accuracy(ref, PosteriorDraws.first(second, samples));
            System.out.printf(Locale.ROOT, "%n%s (%s): observation %s at theta %s%n  reference: %s, acceptance"
                    + " %.2f, max R-hat %.3f, min bulk ESS %.0f (%.1f s for both runs); C2ST of a second reference run:"
                    + " %.3f%n", task.name(), task.posterior(), java.util.Arrays.toString(obs.events().row(0)),
                    java.util.Arrays.toString(task.trueTheta()), reference.chains() + " chains x "
                    + reference.drawsPerChain() + " draws", reference.acceptanceRate(), reference.maxRhat(),
                    reference.minEssBulk(), (System.nanoTime() - t0) / 1e9, floor);
            ParameterSampler theta = ParameterSampler.of(prior);
            for (int budget : budgets) {
                for (SurrogateKinds.Kind kind : kinds) {
                    Object[] row = evaluate(task, kind, budget, maxEpochs, seed, theta, prior, obs, draws, samples,
                            ref, c2st);
                    table.row(row);
                    System.out.println("  " + String.join(" | ", java.util.Arrays.stream(row).map(String::valueOf)
                            .toList()));
                }
            }
        }
        System.out.println();
        System.out.println(table.render());
        System.out.println("published: Lueckmann et al. 2021 (sbibm), SLCP, mean over its 10 observations; same kind ="
                + " NLE for maf/nsf, NRE for the classifier; best = lowest of NLE, SNLE, NRE, SNRE. target: C2ST at or"
                + " below the best published figure.");
        if (!out.isEmpty()) {
            Files.writeString(Path.of(out), table.render());
        }
    }

    private static Object[] evaluate(AccuracyTask task, SurrogateKinds.Kind kind, int budget, int maxEpochs,
            long seed, ParameterSampler theta, UniformBoxPrior prior, Observation obs, PosteriorDraws draws,
            int samples, Matrix ref, ClassifierTwoSampleTest c2st) {
        OptionalDouble same = PublishedC2st.sameFamily(task.name(), kind, budget);
        OptionalDouble best = PublishedC2st.best(task.name(), budget);
        long t0 = System.nanoTime();
        try (TrainedSurrogate surrogate = SurrogateKinds.train(kind, task.simulator(), theta, budget,
                maxEpochs, seed)) {
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            McmcResult run = draws.sample(prior, SurrogatePosterior.of(prior, surrogate, obs), samples,
                    new SplittableRandom(seed * 1_000 + 3));
            double sampleSeconds = (System.nanoTime() - t1) / 1e9;
            double accuracy = c2st.accuracy(ref, PosteriorDraws.first(run, samples));
            String target = best.isEmpty() ? "-" : accuracy <= best.getAsDouble() ? "met" : "missed";
            return new Object[] {task.name(), budget, kind.label(), fmt(accuracy), fmt(same), fmt(best), target,
                surrogate.trainingCurve().epochs().size(), String.format(Locale.ROOT, "%.0f", trainSeconds),
                String.format(Locale.ROOT, "%.0f", sampleSeconds), String.format(Locale.ROOT, "%.2f", run.maxRhat())};
        } catch (RuntimeException e) {
            return new Object[] {task.name(), budget, kind.label(), "failed: " + e.getMessage(), fmt(same), fmt(best),
                "missed", "-", "-", "-", "-"};
        }
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

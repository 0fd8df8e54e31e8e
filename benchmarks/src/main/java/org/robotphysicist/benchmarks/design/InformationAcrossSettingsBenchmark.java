package org.robotphysicist.benchmarks.design;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.benchmarks.coverage.SurrogateCoverageBenchmark;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.file.TemperedSurrogate;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * How much a surrogate says one event tells about θ at each setting, beside the truth: on Weinberg LO
 * at θ₀ = sin²θ_W = 0.2312, for √s on a grid over [40, 100] GeV, M events are simulated at (θ₀, √s)
 * and each likelihood's per-event curvature
 * <pre>
 *   I(√s) = −(S(θ₀ + h) − 2 S(θ₀) + S(θ₀ − h)) / (M h²),   S(θ) = Σᵢ log p(xᵢ | θ, √s)
 * </pre>
 * is computed with the same events for the exact likelihood and for each surrogate (h = 0.02, about
 * the posterior sd of 200 events, so I is the information over the width an experiment resolves).
 * The ratio I_surrogate / I_exact is the factor by which a surrogate posterior's precision is off
 * (its sd is off by the inverse square root), and the expected information gain of an experiment of
 * N events moves by about ½ log of the ratio: where the ratio varies across √s, the design loop's
 * ranking of settings follows the surrogate's error rather than the physics (benchmarks/README.md,
 * "Design loop with a surrogate"). Where the exact I is small (below about 2 per unit θ² with
 * 50 000 events) the ratio is dominated by the curvature estimate's Monte Carlo noise and can come
 * out negative.
 *
 * <p>Beside it, each likelihood's per-event divergence between θ₀ and a second value θ₁
 * <pre>
 *   D(√s) = (S(θ₀) − S(θ₁)) / M,   an estimate of KL(p(· | θ₀, √s) ‖ p(· | θ₁, √s))
 * </pre>
 * in 10⁻³ nats, by default with θ₁ = 0.5 − θ₀ = 0.2688 ({@code --versus}): the weak couplings depend on
 * the vector coupling g_V ∝ 1 − 4 sin²θ_W mostly through g_V², so θ₀ and its mirror about 0.25 differ by
 * about 10⁻³ nats per event, and which of the two a posterior of a few hundred events favours, and what
 * a design expects to learn about that, rests on differences that small.
 *
 * <p>Usage: {@code InformationAcrossSettingsBenchmark [--kinds maf,nsf,classifier] [--events 50000]
 * [--phis 40:100:2] [--step 0.02] [--versus 0.2688] [--rows 4000000] [--epochs E] [--seed 20261122] [--batch B]
 * [--learning-rate R] [--hidden-layers L] [--hidden-width W] [--ensemble K] [--histogram T,P,N,B,H]
 * [--model-KIND FILE] [--save-models DIR]}; each kind is trained as {@code rp design --surrogate KIND} trains
 * it (its design score weight and epochs unless {@code --score-weight} or {@code --epochs} names them; no
 * certificate, no tempering), or read from the file given for it (its untempered networks measured), and
 * saved as {@code DIR/KIND.rpm} if asked ({@link ModelFiles}).
 */
public final class InformationAcrossSettingsBenchmark {
    private static final Box PRIOR = Box.interval(0.15, 0.35);
    private static final Box SQRT_S = Box.interval(40, 100);
    private static final double THETA0 = 0.2312;
    private static final long EVENT_SEED = 20261205L;

    private InformationAcrossSettingsBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        TrainOptions defaults = TrainOptions.defaults("classifier");
        List<String> kinds = Arrays.asList(opt.string("kinds", "maf,nsf,classifier").split(","));
        double[] phis = settings(opt.string("phis", "40:100:2"));
        int events = opt.integer("events", 50_000);
        double step = opt.real("step", 0.02);
        double versus = opt.real("versus", 0.5 - THETA0);
        int rows = opt.integer("rows", defaults.trainingRows());
        Integer epochs = opt.optionalInteger("epochs");
        long seed = Long.parseLong(opt.string("seed", "20261122"));
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        System.out.printf(Locale.ROOT, "Per-event information about sin2_theta_w at %.4f (curvature over +-%.3f),"
                + " %d events per setting, surrogates trained on %d rows x %s epochs over sqrt(s) in %s; %d cores,"
                + " load %.1f%n", THETA0, step, events, rows, epochs == null ? "the kind's design" : epochs, SQRT_S,
                Runtime.getRuntime().availableProcessors(),
                SurrogateCoverageBenchmark.loadAverage());
        Matrix[] samples = new Matrix[phis.length];
        double[] exact = new double[phis.length];
        double[] exactDivergence = new double[phis.length];
        ExactLikelihood truth = new ExactLikelihood(simulator);
        for (int p = 0; p < phis.length; p++) {
            samples[p] = simulate(simulator, phis[p], events, new SplittableRandom(EVENT_SEED + p));
            exact[p] = information(truth, samples[p], phis[p], step);
            exactDivergence[p] = divergence(truth, samples[p], phis[p], versus);
        }
        RobotPhysicist rp = RobotPhysicist.forSimulator(simulator).prior(PRIOR).settings(SQRT_S);
        ModelFiles models = ModelFiles.of(opt, kinds);
        double[][] ratios = new double[kinds.size()][];
        double[][] divergences = new double[kinds.size()][];
        for (int k = 0; k < kinds.size(); k++) {
            String kind = kinds.get(k);
            long t0 = System.nanoTime();
            boolean given = models.isGiven(kind);
            SurrogateTrainingConfig controls = SurrogateCoverageBenchmark.controls(opt, rows, epochs, seed)
                    .fittedToKind(kind).forDesign(kind, simulator);
            try (TrainedModel model = given ? models.load(rp, kind) : rp.train(TrainOptions.defaults(kind)
                    .withHistogram(SurrogateCoverageBenchmark.histogram(opt))
                    .withDevice(DeviceRequest.CPU).withControls(controls))) {
                System.out.printf(Locale.ROOT, "%s: %s, %s in %.1f s%n", kind, model.description(),
                        given ? "read" : "trained", (System.nanoTime() - t0) / 1e9);
                models.saveIfAsked(model, kind);
                SurrogateLikelihood network = TemperedSurrogate.untemperedLikelihood(model.surrogate());
                ratios[k] = new double[phis.length];
                divergences[k] = new double[phis.length];
                for (int p = 0; p < phis.length; p++) {
                    ratios[k][p] = information(network, samples[p], phis[p], step) / exact[p];
                    divergences[k][p] = divergence(network, samples[p], phis[p], versus);
                }
            }
        }
        StringBuilder header = new StringBuilder("sqrt(s)   exact I");
        kinds.forEach(k -> header.append(String.format(Locale.ROOT, " %11s", k + "/exact")));
        header.append(String.format(Locale.ROOT, "   exact D(%.4f)", versus));
        kinds.forEach(k -> header.append(String.format(Locale.ROOT, " %11s", k + " D")));
        System.out.println(header + "   (D in 10^-3 nats per event)");
        for (int p = 0; p < phis.length; p++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%7.1f %9.3f", phis[p], exact[p]));
            for (double[] r : ratios) {
                line.append(String.format(Locale.ROOT, " %11.3f", r[p]));
            }
            line.append(String.format(Locale.ROOT, " %17.3f", 1e3 * exactDivergence[p]));
            for (double[] d : divergences) {
                line.append(String.format(Locale.ROOT, " %11.3f", 1e3 * d[p]));
            }
            System.out.println(line);
        }
    }

    /** "lo:hi:step" as the settings lo, lo + step, …, up to hi. */
    private static double[] settings(String spec) {
        String[] part = spec.split(":");
        double lo = Double.parseDouble(part[0]);
        double hi = Double.parseDouble(part[1]);
        double step = Double.parseDouble(part[2]);
        int n = (int) Math.floor((hi - lo) / step + 1e-9) + 1;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + i * step;
        }
        return v;
    }

    static Matrix simulate(WeinbergLoSimulator simulator, double phi, int events, SplittableRandom rng) {
        double[] x = new double[events];
        simulator.draw(new double[] {THETA0}, new double[] {phi}, events, rng, x);
        return Matrix.of(events, 1, x);
    }

    /** (S(θ₀) − S(θ₁)) / M under {@code likelihood}, nats per event. */
    static double divergence(SurrogateLikelihood likelihood, Matrix events, double phi, double theta1) {
        double[] s = likelihood.summedLogLikelihood(events, Matrix.ofColumn(THETA0, theta1), new double[] {phi});
        return (s[0] - s[1]) / events.rows();
    }

    /** −(S(θ₀ + h) − 2S(θ₀) + S(θ₀ − h)) / (M h²) under {@code likelihood}, nats per event per unit θ². */
    static double information(SurrogateLikelihood likelihood, Matrix events, double phi, double h) {
        double[] s = likelihood.summedLogLikelihood(events, Matrix.ofColumn(THETA0 - h, THETA0, THETA0 + h),
                new double[] {phi});
        return -(s[2] - 2 * s[1] + s[0]) / (events.rows() * h * h);
    }
}

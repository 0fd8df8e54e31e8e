package org.robotphysicist.benchmarks.coverage;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.engine.posterior.diagnostics.PairedCoverage;
import org.robotphysicist.engine.posterior.diagnostics.TemperingFit;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Expected coverage of every surrogate kind at its default training sizes on Weinberg LO: each kind
 * is trained once (the histogram with {@link HistogramGridConfig#defaults()}, as {@code rp train} builds
 * it, unless {@code --histogram} names another grid) over √s ∈ [40, 100] GeV with the prior
 * sin²θ_W ~ U(0.15, 0.35) and certified —
 * as {@code rp train --simulator weinberg-lo --prior 0.15,0.35 --phi-range 40,100 --surrogate KIND
 * --certify-phi 58} does — and its expected coverage is then measured on fresh prior-predictive
 * datasets (seed independent of the training's and the certificate's) at every √s and events per
 * experiment asked for, by {@link PairedCoverage} (the surrogate's credibility of θ* against the exact
 * posterior's on the same events). Printed per kind: training time (wall and CPU) and
 * certification time; per (√s, N): coverage at 0.5/0.68/0.9/0.95 with its standard error, the plain
 * and the exact coverage on the window grid, the mean shift in exact sd and the sd ratio; and the
 * certificate in the model beside the run at the certificate's (√s, N), their difference in
 * combined standard errors.
 *
 * <p>Usage: {@code SurrogateCoverageBenchmark [--kinds classifier,maf,nsf,histogram] [--phis 58,81]
 * [--events 1000,5000] [--datasets 200] [--grid 201] [--certify-datasets 200] [--certify-phi 58]
 * [--certify-events 1000] [--normalize-events 1000] [--rows 200000] [--epochs 6] [--seed 20261122]
 * [--batch B] [--learning-rate R] [--hidden-layers L] [--hidden-width W] [--ensemble K] [--contrast K]
 * [--tempering-nodes 5] [--tempering-events 5000] [--tempering-fit coverage|log-score] [--no-tempering true]
 * [--histogram THETA_CELLS,PHI_CELLS,EVENTS_PER_CELL,BINS[,THETA_SMOOTHING]]
 * [--coverage-seed 7] [--window 61] [--model-KIND FILE]}; {@code --window} is the paired
 * coverage's window grid points. {@code --normalize-events} is {@code rp train --events}:
 * the events per experiment the classifier's per-θ normalization is sized for; {@code --model-KIND}
 * measures a saved model of that kind instead of training one.
 */
public final class SurrogateCoverageBenchmark {
    private static final Box PRIOR = Box.interval(0.15, 0.35);
    private static final Box SQRT_S = Box.interval(40, 100);

    private SurrogateCoverageBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        TrainOptions defaults = TrainOptions.defaults("classifier");
        List<String> kinds = Arrays.asList(opt.string("kinds", "classifier,maf,nsf,histogram").split(","));
        double[] phis = Arrays.stream(opt.string("phis", "58,81").split(",")).mapToDouble(Double::parseDouble)
                .toArray();
        int[] events = opt.integers("events", "1000,5000");
        int datasets = opt.integer("datasets", 200);
        int window = opt.integer("window", PairedCoverage.Settings.of(1, 2, 0).windowPoints());
        int grid = opt.integer("grid", CertificationConfig.DEFAULT_GRID_POINTS);
        int certifyDatasets = opt.integer("certify-datasets", 200);
        double certifyPhi = opt.real("certify-phi", phis[0]);
        int certifyEvents = opt.integer("certify-events", events[0]);
        int normalizeEvents = opt.integer("normalize-events", defaults.eventsPerExperiment());
        long seed = Long.parseLong(opt.string("seed", "20261122"));
        long coverageSeed = Long.parseLong(opt.string("coverage-seed", "7"));
        int rows = opt.integer("rows", defaults.trainingRows());
        int epochs = opt.integer("epochs", defaults.epochs());
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        UniformBoxPrior prior = new UniformBoxPrior(PRIOR);
        RobotPhysicist rp = RobotPhysicist.forSimulator(simulator).prior(PRIOR).settings(SQRT_S);
        boolean tempering = !Boolean.parseBoolean(opt.string("no-tempering", "false"));
        long read = kinds.stream().filter(kind -> opt.string("model-" + kind, null) != null).count();
        String training = read == kinds.size() ? "every kind read from its model file"
                : String.format(Locale.ROOT, "trained over sqrt(s) in %s, %d rows x %d epochs, classifier normalized"
                + " for %d events%s", SQRT_S, rows, epochs, normalizeEvents,
                read > 0 ? " (the kinds given by --model-KIND read from their files)" : "");
        System.out.printf(Locale.ROOT, "Coverage: Weinberg LO, prior U%s, %s; %d datasets per case on a %d-point grid,"
                + " seed %d; certificate %d datasets at sqrt(s) = %.0f, N = %d%s; %d cores, load %.1f%n%n", PRIOR,
                training, datasets, grid, coverageSeed, certifyDatasets, certifyPhi, certifyEvents,
                tempering ? "" : ", no tempering",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        for (String kind : kinds) {
            CertificationConfig certification = CertificationConfig.defaults(certifyEvents).withDatasets(
                    certifyDatasets).withSeed(seed).withGridPointsPerDimension(grid)
                    .withTemperingNodes(opt.integer("tempering-nodes", CertificationConfig.DEFAULT_TEMPERING_NODES))
                    .withTemperingEvents(opt.integer("tempering-events",
                            CertificationConfig.DEFAULT_TEMPERING_EVENTS_FACTOR * certifyEvents))
                    .withTemperingCriterion(TemperingFit.Criterion.parse(opt.string("tempering-fit",
                            TemperingFit.Criterion.LOG_SCORE.label())))
                    .withTemperingFit(tempering);
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            String file = opt.string("model-" + kind, null);
            try (TrainedModel trained = file != null ? rp.load(Path.of(file), LoadOptions.defaults())
                    : rp.train(TrainOptions.defaults(kind).withHistogram(histogram(opt))
                            .withTraining(rows, epochs, DeviceRequest.CPU).withSeed(seed)
                            .withControls(controls(opt, rows, epochs, seed).fittedToKind(kind))
                            .withEventsPerExperiment(normalizeEvents))) {
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                double trainCpu = (cpuNanos() - cpu0) / 1e9;
                long t1 = System.nanoTime();
                TrainedModel model = rp.certify(trained, new double[] {certifyPhi}, certification);
                double certifySeconds = (System.nanoTime() - t1) / 1e9;
                CalibrationCertificate certificate = model.calibration().orElseThrow();
                System.out.printf(Locale.ROOT, "%s: %s%n  %s in %.1f s (%.1f s of CPU), certified in %.1f s"
                        + " (load %.1f)%n", kind, model.description(), file != null ? "loaded" : "trained",
                        trainSeconds, trainCpu, certifySeconds, loadAverage());
                for (double phi : phis) {
                    for (int n : events) {
                        long t2 = System.nanoTime();
                        PairedCoverage.Report run = PairedCoverage.measure(model.surrogate(), simulator, prior,
                                new double[] {phi}, new PairedCoverage.Settings(n, datasets, coverageSeed,
                                PairedCoverage.Settings.of(n, datasets, coverageSeed).locatorPoints(), window, 6));
                        System.out.printf(Locale.ROOT, "  sqrt(s) = %.0f GeV, N = %d: max|dev| %.3f; %s  (%.0f s)%n",
                                phi, n, run.maxDeviation(), run.describe(), (System.nanoTime() - t2) / 1e9);
                        if (phi == certifyPhi && n == certifyEvents) {
                            System.out.printf(Locale.ROOT, "    certificate in the model: %s%n    (certificate -"
                                    + " run) in combined s.e.: %s%n", figures(certificate),
                                    agreement(certificate, run));
                        }
                    }
                }
            }
        }
    }

    /**
     * The histogram's grid: {@code --histogram THETA_CELLS,PHI_CELLS,EVENTS_PER_CELL,BINS[,THETA_SMOOTHING]}
     * (smoothing 0 when left out), else the defaults.
     */
    public static HistogramGridConfig histogram(BenchmarkArguments opt) {
        HistogramGridConfig d = HistogramGridConfig.defaults();
        int[] g = opt.integers("histogram", d.thetaCells() + "," + d.phiCells() + "," + d.eventsPerCell() + ","
                + d.bins() + "," + d.thetaSmoothing());
        if (g.length != 4 && g.length != 5) {
            throw new IllegalArgumentException("--histogram: expected THETA_CELLS,PHI_CELLS,EVENTS_PER_CELL,BINS"
                    + "[,THETA_SMOOTHING] but found " + g.length + " numbers");
        }
        return new HistogramGridConfig(g[0], g[1], g[2], g[3], g.length == 5 ? g[4] : 0);
    }

    /**
     * The training controls: rows, epochs and seed, and the optimizer, network, {@code --score-weight}
     * and (classifier only) {@code --evidence-normalization true|false} and {@code --contrast K} knobs given
     * on the command line.
     */
    public static SurrogateTrainingConfig controls(BenchmarkArguments opt, int rows, Integer epochs, long seed) {
        String batch = opt.string("batch", null);
        String rate = opt.string("learning-rate", null);
        String layers = opt.string("hidden-layers", null);
        String width = opt.string("hidden-width", null);
        String scoreWeight = opt.string("score-weight", null);
        String normalization = opt.string("evidence-normalization", null);
        String contrast = opt.string("contrast", null);
        return SurrogateTrainingConfig.builder(rows, epochs, seed)
                .scoreWeight(scoreWeight == null ? null : Double.valueOf(scoreWeight))
                .batchSize(batch == null ? null : Integer.valueOf(batch))
                .learningRate(rate == null ? null : Double.valueOf(rate))
                .hiddenLayers(layers == null ? null : Integer.valueOf(layers))
                .hiddenWidth(width == null ? null : Integer.valueOf(width))
                .ensembleMembers(opt.integer("ensemble", 1))
                .evidenceNormalization(normalization == null ? null : Boolean.valueOf(normalization))
                .contrast(contrast == null ? null : Integer.valueOf(contrast)).build();
    }

    /** Coverage per level with its binomial s.e., the largest deviation, SBC, shift and sd ratio. */
    static String figures(CalibrationCertificate c) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < c.levels().size(); i++) {
            double level = c.levels().get(i);
            s.append(String.format(Locale.ROOT, "%.2f->%.3f ", level, c.coverage().get(i)));
        }
        return s.append(String.format(Locale.ROOT, "(s.e. <= %.3f) max|dev| %.3f, SBC p %.3f, shift %+.3f sd,"
                + " sd ratio %.3f; tempering %s", Math.sqrt(0.25 / c.datasets()), c.maxCoverageDeviation(),
                c.sbcPValue(), c.meanShiftInExactSd().get(0), c.sdRatioToExact().get(0),
                c.temperingOrNone().describe())).toString();
    }

    /** (certificate − run) / √(se² + se²) per level, the certificate's error binomial. */
    static String agreement(CalibrationCertificate certificate, PairedCoverage.Report run) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < certificate.levels().size(); i++) {
            double level = certificate.levels().get(i);
            double var = level * (1 - level) / certificate.datasets() + Math.pow(run.standardErrors()[i], 2);
            s.append(String.format(Locale.ROOT, "%.2f: %+.2f  ", level,
                    (certificate.coverage().get(i) - run.coverage()[i]) / Math.sqrt(var)));
        }
        return s.toString().trim();
    }

    /** CPU time of this process: on a shared machine, the figure that does not depend on the others' load. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The one-minute load average, printed beside wall times measured on a shared machine. */
    public static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

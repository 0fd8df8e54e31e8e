package org.robotphysicist.benchmarks.coverage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.lineshape.ZLineshapeSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.posterior.diagnostics.PairedCoverage;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * {@code benchmarks/z-lineshape-surrogates.sh}: each neural kind on the z-lineshape simulator
 * (θ = (M_Z, Γ_Z, sin²θ_eff), x = (cos θ*, acollinearity, m_μμ/√s), ISR latent) against its
 * quadrature reference likelihood: trained at one √s as {@code rp train --simulator z-lineshape
 * --phi PHI --prior BOX --training-rows R --epochs E --surrogate KIND --events N} does (no
 * certificate), then measured by {@link PairedCoverage} on fresh prior-predictive datasets of N
 * events: per dataset the surrogate's and the reference's posteriors on the same window grid of
 * W points per dimension spanning ±K reference sd around the reference posterior (located on an
 * L-point grid per dimension over the prior box), the credibility of the true θ under each, and
 * per component the mean shift in reference sd and the sd ratio. Prints one block per kind with
 * the training time.
 *
 * <p>Usage: {@code ZLineshapeSurrogateBenchmark [--kinds maf,nsf,classifier] [--phi 91.2]
 * [--prior 90.7,91.7,2.0,3.0,0.20,0.27] [--rows 200000] [--epochs 10] [--events 50]
 * [--datasets 100] [--locator 7] [--window 9] [--window-sds 4] [--seed 20261122]
 * [--coverage-seed 7]}.
 */
public final class ZLineshapeSurrogateBenchmark {
    private ZLineshapeSurrogateBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        List<String> kinds = Arrays.asList(opt.string("kinds", "maf,nsf,classifier").split(","));
        double phi = opt.real("phi", 91.2);
        double[] box = Arrays.stream(opt.string("prior", "90.7,91.7,2.0,3.0,0.20,0.27").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        Box prior = new Box(new double[] {box[0], box[2], box[4]}, new double[] {box[1], box[3], box[5]});
        int rows = opt.integer("rows", 200_000);
        int epochs = opt.integer("epochs", 10);
        int events = opt.integer("events", 50);
        int datasets = opt.integer("datasets", 100);
        int locator = opt.integer("locator", 7);
        int window = opt.integer("window", 9);
        double windowSds = opt.real("window-sds", 4);
        long seed = Long.parseLong(opt.string("seed", "20261122"));
        long coverageSeed = Long.parseLong(opt.string("coverage-seed", "7"));
        ZLineshapeSimulator simulator = new ZLineshapeSimulator();
        RobotPhysicist rp = RobotPhysicist.forSimulator(simulator).prior(prior).settings(phi);
        System.out.printf(Locale.ROOT, "z-lineshape surrogates against the quadrature reference: sqrt(s) = %.2f GeV,"
                + " prior U%s, %d rows x %d epochs, %d datasets of %d events, locator %d^3, window %d^3 of +-%.1f"
                + " reference sd, seeds %d / %d; %d cores, load %.1f%n%n", phi, prior, rows, epochs, datasets, events,
                locator, window, windowSds, seed, coverageSeed, Runtime.getRuntime().availableProcessors(),
                SurrogateCoverageBenchmark.loadAverage());
        for (String kind : kinds) {
            long t0 = System.nanoTime();
            long cpu0 = SurrogateCoverageBenchmark.cpuNanos();
            try (TrainedModel model = rp.train(TrainOptions.defaults(kind).withTraining(rows, epochs,
                    DeviceRequest.CPU).withSeed(seed).withEventsPerExperiment(events))) {
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                double trainCpu = (SurrogateCoverageBenchmark.cpuNanos() - cpu0) / 1e9;
                System.out.printf(Locale.ROOT, "%s: %s%n  trained in %.1f s (%.1f s of CPU, load %.1f)%n", kind,
                        model.description(), trainSeconds, trainCpu, SurrogateCoverageBenchmark.loadAverage());
                long t1 = System.nanoTime();
                PairedCoverage.Report r = PairedCoverage.measure(model.surrogate(), simulator,
                        new UniformBoxPrior(prior), new double[] {phi}, new PairedCoverage.Settings(events, datasets,
                                coverageSeed, locator, window, windowSds));
                System.out.printf(Locale.ROOT, "  max|dev| %.3f; %s  (%.0f s)%n", r.maxDeviation(), r.describe(),
                        (System.nanoTime() - t1) / 1e9);
            }
        }
    }
}

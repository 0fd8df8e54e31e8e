package org.robotphysicist.benchmarks.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.ActiveSciencingToySimulator;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.design.acquisition.AcquisitionMaximizer;
import org.robotphysicist.engine.design.bo.BoConfig;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.eig.EigScan;
import org.robotphysicist.engine.design.eig.EigSearch;
import org.robotphysicist.engine.design.eig.ExpectedInformationGain;
import org.robotphysicist.engine.design.eig.ExperimentLikelihood;
import org.robotphysicist.engine.design.gp.GpConfig;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.models.ExactLikelihood;

/**
 * The plain scan of EIG(φ) over a regular φ grid — the baseline way to choose the next experiment
 * — against Bayesian optimization of EIG ({@link EigSearch}), on the same EIG function (common
 * random numbers: every estimate uses the same stream, so both see identical values at identical φ).
 *
 * <p>For each case the scan estimates EIG at every grid point and takes the largest. Each of S
 * optimizer seeds then runs the search and, after every estimate from the initial design on, asks
 * for its recommendation (the evaluated φ with the highest GP mean); the search has reached the
 * scan's best when the recommendation lies within one scan spacing of the scan's best φ, or its
 * EIG is within a relative tolerance of the scan's maximum. Printed: the estimates and wall time
 * each needed (the search's time includes its GP fits, acquisition maximization and the
 * recommendation after every estimate; medians over the seeds that reached), and the ratios
 * scan / search of estimates and of seconds.
 *
 * <p>Cases: Weinberg LO with 200 events over √s ∈ [40, 100] GeV; Weinberg LO with 1 pb⁻¹ (extended
 * likelihood) over the same range; the active-sciencing toy with 100 events over φ ∈ [40, 50]
 * (θ ∈ [0.25, 1.2]). All with the exact likelihood.
 *
 * <p>Usage: {@code EigSearchBenchmark [--seeds 10] [--budget 30] [--datasets 128] [--grid 201]
 * [--scan-points 61] [--tolerance 0.02] [--initial 4]}
 */
public final class EigSearchBenchmark {
    private EigSearchBenchmark() {
    }

    private record Case(String name, TractableSimulator simulator, Experiment experiment, Box theta, Box phi) {
    }

    private record Outcome(int evaluations, double seconds, EigEstimate recommended) {
    }

    public static void main(String[] args) {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        int seeds = opt.integer("seeds", 10);
        int budget = opt.integer("budget", 30);
        int datasets = opt.integer("datasets", 128);
        int gridPoints = opt.integer("grid", 201);
        int scanPoints = opt.integer("scan-points", 61);
        double tolerance = opt.real("tolerance", 0.02);
        int initial = opt.integer("initial", 4);
        long eigSeed = 20261122L;
        BoConfig bo = BoConfig.defaults().withInitialPoints(initial).withGp(GpConfig.defaults().withRestarts(2))
                .withSearch(new AcquisitionMaximizer.Settings(512, 3, 40));
        WeinbergLoSimulator weinberg = new WeinbergLoSimulator();
        List<Case> cases = List.of(
                new Case("Weinberg LO, 200 events", weinberg, new Experiment.FixedEventCount(200),
                        Box.interval(0.15, 0.35), Box.interval(40, 100)),
                new Case("Weinberg LO, 1 pb^-1", weinberg, new Experiment.FixedLuminosity(1.0),
                        Box.interval(0.15, 0.35), Box.interval(40, 100)),
                new Case("active-sciencing toy, 100 events", new ActiveSciencingToySimulator(),
                        new Experiment.FixedEventCount(100), Box.interval(0.25, 1.2), Box.interval(40, 50)));
        System.out.printf(Locale.ROOT, "EIG scan vs Bayesian optimization: %d datasets per estimate, %d-point theta"
                + " grid, scan of %d points, %d optimizer seeds with a budget of %d estimates (%d initial);"
                + " reached = within one scan spacing in phi or within %.0f%% of the scan's maximum EIG%n%n", datasets,
                gridPoints, scanPoints, seeds, budget, initial, 100 * tolerance);
        System.out.printf(Locale.ROOT, "%-34s %5s %7s %8s %8s %7s %6s %8s %8s %8s %8s%n", "case", "scan", "scan s",
                "best phi", "max EIG", "BO med", "BO max", "reached", "BO s", "n ratio", "s ratio");
        for (Case c : cases) {
            ExpectedInformationGain eig = new ExpectedInformationGain(new ExperimentLikelihood(
                    PosteriorEvaluator.forSurrogate(new ExactLikelihood(c.simulator())), c.simulator(), c.experiment(),
                    true), ThetaGrid.of(RegularGrid.of(c.theta().lower(0), c.theta().upper(0), gridPoints)), datasets);
            UniformBoxPrior prior = new UniformBoxPrior(c.theta());
            eig.estimate(prior, c.phi().lower(), new SplittableRandom(1));
            long t0 = System.nanoTime();
            RegularGrid phiGrid = RegularGrid.of(c.phi().lower(0), c.phi().upper(0), scanPoints);
            EigScan scan = EigScan.run(eig, prior, phiGrid, eigSeed, true, Progress.none());
            double scanSeconds = (System.nanoTime() - t0) / 1e9;
            EigEstimate best = scan.best();
            List<Outcome> outcomes = new ArrayList<>();
            for (long seed = 1; seed <= seeds; seed++) {
                outcomes.add(search(eig, prior, c.phi(), bo, seed, eigSeed, budget, initial, best, phiGrid.spacing(0),
                        tolerance));
            }
            double[] n = outcomes.stream().filter(o -> o.evaluations() > 0).mapToDouble(Outcome::evaluations).toArray();
            double[] s = outcomes.stream().filter(o -> o.evaluations() > 0).mapToDouble(Outcome::seconds).toArray();
            double medianN = n.length == 0 ? Double.NaN : BenchmarkArguments.median(n);
            double medianS = s.length == 0 ? Double.NaN : BenchmarkArguments.median(s);
            System.out.printf(Locale.ROOT, "%-34s %5d %7.2f %8.3f %8.4f %7.1f %6.0f %5d/%-2d %8.2f %7.1fx %7.1fx%n",
                    c.name(), scan.evaluations(), scanSeconds, best.phi()[0], best.value(), medianN,
                    n.length == 0 ? Double.NaN : Arrays.stream(n).max().getAsDouble(), n.length, seeds, medianS,
                    scan.evaluations() / medianN, scanSeconds / medianS);
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome o = outcomes.get(i);
                System.out.printf(Locale.ROOT, "    seed %2d: %s, recommended phi %.3f (EIG %.4f)%n", i + 1,
                        o.evaluations() > 0 ? String.format(Locale.ROOT, "reached after %d estimates, %.2f s",
                                o.evaluations(), o.seconds()) : "not reached within " + budget,
                        o.recommended().phi()[0], o.recommended().value());
            }
        }
    }

    private static Outcome search(ExpectedInformationGain eig, UniformBoxPrior prior, Box phi, BoConfig bo, long seed,
            long eigSeed, int budget, int initial, EigEstimate best, double spacing, double tolerance) {
        long t0 = System.nanoTime();
        EigSearch search = EigSearch.start(eig, prior, phi, bo, seed, eigSeed, true);
        EigEstimate recommended = null;
        for (int n = 1; n <= budget; n++) {
            search.step();
            if (n < initial) {
                continue;
            }
            recommended = search.recommend(new SplittableRandom(seed)).estimate();
            boolean closeInPhi = Math.abs(recommended.phi()[0] - best.phi()[0]) <= spacing * (1 + 1e-9);
            boolean closeInEig = recommended.value() >= (1 - tolerance) * best.value();
            if (closeInPhi || closeInEig) {
                return new Outcome(n, (System.nanoTime() - t0) / 1e9, recommended);
            }
        }
        return new Outcome(-1, (System.nanoTime() - t0) / 1e9, recommended);
    }
}

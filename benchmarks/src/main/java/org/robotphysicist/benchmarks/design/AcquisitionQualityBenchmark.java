package org.robotphysicist.benchmarks.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.eig.EigScan;
import org.robotphysicist.engine.design.eig.ExpectedInformationGain;
import org.robotphysicist.engine.design.eig.ExperimentLikelihood;
import org.robotphysicist.engine.design.loop.DesignConfig;
import org.robotphysicist.engine.design.loop.DesignOptions;
import org.robotphysicist.engine.design.loop.ExperimentDesigner;
import org.robotphysicist.engine.design.loop.ExperimentSpec;
import org.robotphysicist.engine.design.loop.RoundProposal;
import org.robotphysicist.engine.design.loop.SimulatedExperimentRunner;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.surrogate.ExactSurrogateKind;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.models.ExactLikelihood;

/**
 * How good the design loop's chosen settings are: over S seeds, runs R design rounds of the
 * {@link ExperimentDesigner} on the Weinberg LO simulator with the exact likelihood, and for each
 * round compares the EIG of the chosen √s with the best EIG of a dense scan of the same round's
 * prior. The reference — the scan and the re-estimate of the chosen √s — uses the loop's likelihood
 * and θ grid but its own, larger number of datasets per estimate ({@code --reference-datasets},
 * default 512 against the loop's 128) and one fixed random stream at every φ (common random
 * numbers, so scan and chosen setting differ by no Monte Carlo noise between points). Why larger:
 * the scan's best is the largest of 61 noisy estimates, biased upward by their noise (the winner's
 * curse), and a narrow spurious peak of one stream can make a good choice look poor; with 32
 * datasets a 1 GeV-wide peak at 89 GeV in one no-rate round was such an artifact (benchmarks/README.md).
 *
 * <p>Printed per case: per seed and round the chosen √s and the fraction
 * EIG(chosen)/max(scan max, EIG(chosen)), then the median and worst over all rounds and seeds, and
 * how many of the loop's estimates fell within 0.5% of the range of either edge (the search's
 * estimates; the verification's re-estimates are at settings already evaluated).
 *
 * <p>Cases: 200 events per experiment; 1 pb⁻¹ with the extended likelihood; 1 pb⁻¹ without the
 * rate term. Round 1 has the uniform prior for every seed, so its scan is computed once per case.
 *
 * <p>Usage: {@code AcquisitionQualityBenchmark [--seeds 20 | --seed-list 3,14] [--rounds 2]
 * [--datasets 128] [--reference-datasets 512] [--grid 101] [--scan-points 61] [--evaluations 12]
 * [--verifications 3] [--verification-datasets 512] [--rival true] [--cases count,lumi,lumi-no-rate]};
 * {@code --verifications 0} chooses by the GP mean alone, as before verification;
 * {@code --verification-datasets 128 --rival false} re-estimates as before the rival maximum
 * ({@link VerificationChoice}); {@code --datasets 32 --reference-datasets 32} measures as the
 * earlier figures in benchmarks/README.md were measured.
 */
public final class AcquisitionQualityBenchmark {
    private static final double PHI_LO = 40;
    private static final double PHI_HI = 100;
    private static final double THETA_LO = 0.15;
    private static final double THETA_HI = 0.35;
    private static final double HIDDEN_THETA = 0.2312;
    private static final long REFERENCE_SEED = 20261204L;
    private static final double EDGE_FRACTION = 0.005;

    private AcquisitionQualityBenchmark() {
    }

    private record Case(String key, String name, ExperimentSpec experiment, boolean rate) {
    }

    public static void main(String[] args) {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        int seeds = opt.integer("seeds", 20);
        int rounds = opt.integer("rounds", 2);
        int datasets = opt.integer("datasets", DesignConfig.defaults(Box.interval(THETA_LO, THETA_HI),
                Box.interval(PHI_LO, PHI_HI)).eigDatasets());
        int referenceDatasets = opt.integer("reference-datasets", 512);
        int gridPoints = opt.integer("grid", 101);
        int scanPoints = opt.integer("scan-points", 61);
        int evaluations = opt.integer("evaluations", 12);
        int verifications = opt.integer("verifications", DesignConfig.DEFAULT_VERIFICATIONS);
        VerificationChoice verification = VerificationChoice.of(opt);
        long[] seedList = seedList(opt, seeds);
        List<String> selected = Arrays.asList(opt.string("cases", "count,lumi,lumi-no-rate").split(","));
        List<Case> cases = List.of(
                new Case("count", "200 events", ExperimentSpec.events(200), true),
                new Case("lumi", "1 pb^-1, extended likelihood", ExperimentSpec.luminosity(1.0), true),
                new Case("lumi-no-rate", "1 pb^-1, no rate term", ExperimentSpec.luminosity(1.0), false));
        DesignConfig shown = verification.applyTo(DesignConfig.defaults(Box.interval(THETA_LO, THETA_HI),
                Box.interval(PHI_LO, PHI_HI)).withEig(datasets, evaluations, Math.min(4, evaluations))
                .withVerifications(verifications));
        System.out.printf(Locale.ROOT, "Acquisition quality: Weinberg LO, exact likelihood, sqrt(s) in [%.0f, %.0f] GeV,"
                + " %d seeds x %d rounds, %d EIG estimates per round + %s before the choice, %d datasets"
                + " per estimate, %d-point theta grid; reference: dense scan of %d points and the chosen setting with"
                + " %d datasets per estimate%n%n", PHI_LO, PHI_HI, seedList.length, rounds, evaluations,
                VerificationChoice.describe(shown), datasets, gridPoints, scanPoints, referenceDatasets);
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        RegularGrid phiGrid = RegularGrid.of(PHI_LO, PHI_HI, scanPoints);
        for (Case c : cases) {
            if (!selected.contains(c.key())) {
                continue;
            }
            long t0 = System.nanoTime();
            DesignConfig config = DesignConfig.defaults(Box.interval(THETA_LO, THETA_HI), Box.interval(PHI_LO, PHI_HI))
                    .withRounds(rounds).withGridPoints(gridPoints).withExperiment(c.experiment())
                    .withExtendedLikelihood(c.rate()).withEig(datasets, evaluations, Math.min(4, evaluations))
                    .withSurrogate(ExactSurrogateKind.NAME, HistogramGridConfig.defaults())
                    .withVerifications(verifications).withSeed(1L);
            config = verification.applyTo(config);
            ExpectedInformationGain reference = new ExpectedInformationGain(new ExperimentLikelihood(
                    PosteriorEvaluator.forSurrogate(new ExactLikelihood(simulator)), simulator,
                    c.experiment().toExperiment(), c.rate()),
                    ThetaGrid.of(RegularGrid.of(THETA_LO, THETA_HI, gridPoints)), referenceDatasets);
            EigScan firstRoundScan = null;
            List<Double> fractions = new ArrayList<>();
            int atEdge = 0;
            int total = 0;
            System.out.println(c.name() + ":");
            for (long seed : seedList) {
                ExperimentDesigner designer = ExperimentDesigner.start(config.withSeed(seed), simulator,
                        new SimulatedExperimentRunner(simulator, c.experiment().toExperiment(),
                                new double[] {HIDDEN_THETA}), DesignOptions.silent());
                SimulatedExperimentRunner runner = new SimulatedExperimentRunner(simulator,
                        c.experiment().toExperiment(), new double[] {HIDDEN_THETA});
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    seed %2d:", seed));
                for (int r = 1; r <= rounds; r++) {
                    Prior prior = designer.currentPrior();
                    RoundProposal p = designer.propose();
                    EigScan scan;
                    if (r == 1 && firstRoundScan != null) {
                        scan = firstRoundScan;
                    } else {
                        scan = EigScan.run(reference, prior, phiGrid, REFERENCE_SEED, true, Progress.none());
                        if (r == 1) {
                            firstRoundScan = scan;
                        }
                    }
                    EigEstimate chosen = reference.estimate(prior, p.phi(), new SplittableRandom(REFERENCE_SEED));
                    double best = Math.max(scan.best().value(), chosen.value());
                    double fraction = chosen.value() / best;
                    fractions.add(fraction);
                    int edge = 0;
                    for (EigEstimate e : p.evaluations()) {
                        double u = (e.phi()[0] - PHI_LO) / (PHI_HI - PHI_LO);
                        if (u <= EDGE_FRACTION || u >= 1 - EDGE_FRACTION) {
                            edge++;
                        }
                    }
                    atEdge += edge;
                    total += p.evaluations().size();
                    line.append(String.format(Locale.ROOT, "  r%d chose %.2f (%.4f of max %.4f at %.1f; %d at edge)",
                            r, p.phi()[0], fraction, scan.best().value(), scan.best().phi()[0], edge));
                    Matrix events = runner.run(r, p.phi(), new SplittableRandom(seed * 1_000 + r));
                    designer.record(p, events);
                }
                System.out.println(line);
            }
            double[] f = fractions.stream().mapToDouble(Double::doubleValue).toArray();
            double worst = Arrays.stream(f).min().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%-32s median %.3f  worst %.3f  below 0.95: %d/%d  edge estimates %d/%d"
                    + "  (%.0f s)%n", c.name(), BenchmarkArguments.median(f), worst,
                    Arrays.stream(f).filter(x -> x < 0.95).count(), f.length, atEdge, total,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The seeds: {@code --seed-list a,b,...} when given (to rerun single rounds), else 1..{@code seeds}. */
    private static long[] seedList(BenchmarkArguments opt, int seeds) {
        if (!opt.string("seed-list", "").isEmpty()) {
            return Arrays.stream(opt.integers("seed-list", "")).asLongStream().toArray();
        }
        return java.util.stream.LongStream.rangeClosed(1, seeds).toArray();
    }
}

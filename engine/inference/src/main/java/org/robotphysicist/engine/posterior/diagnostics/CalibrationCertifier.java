package org.robotphysicist.engine.posterior.diagnostics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.certificate.LikelihoodTempering;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.TemperedSurrogate;

/**
 * Measures a trained surrogate's {@link CalibrationCertificate}: {@link CertificationConfig#datasets()}
 * prior-predictive experiments (θ* ~ prior, N events X ~ p(x | θ*, φ) from the simulator), each
 * turned into the surrogate's grid posterior by the batched {@link PosteriorEvaluator}
 * ({@link CalibrationProblem}); from the same trials, expected coverage at
 * {@link ExpectedCoverage#DEFAULT_LEVELS} ({@link ExpectedCoverage}), the SBC rank test
 * ({@link SimulationBasedCalibration}) and, when the simulator is a {@link TractableSimulator}, the
 * exact posterior of the same events on the same grid, from which the mean shift in exact sd and
 * the sd ratio per θ component are averaged.
 *
 * <p>The grid spans the prior's support intersected with the surrogate's θ range, with
 * {@link CertificationConfig#gridPointsPerDimension()} points per dimension (fewer in high
 * dimension so it holds at most {@value CertificationConfig#MAX_CERTIFIER_GRID_POINTS} points); it must
 * resolve the posterior at N events, or coverage is biased upward (see {@link ExpectedCoverage}).
 * Trials run in parallel, each from its own split of the seed, so the certificate is reproducible.
 *
 * <p>With the tempering fit on and a one-dimensional φ range, κ is fitted at
 * {@link CertificationConfig#temperingNodes()} settings along the range, each on datasets of its own
 * with {@link CertificationConfig#temperingEvents()} events (by default 5·N: the bias κ measures
 * grows with the event count, so large experiments fix it far better than the certificate's own);
 * the certificate's coverage is then that of the tempered posteriors at N events, on datasets κ was
 * not fitted on.
 */
public final class CalibrationCertifier {
    /** Added to the certificate's seed for the datasets of tempering node i (plus i), so they are independent. */
    private static final long NODE_SEED_OFFSET = 0x5EED_0000L;
    /** The fewest datasets a tempering node is fitted on (fewer only when the certificate has fewer). */
    private static final int MIN_NODE_DATASETS = 50;
    private CalibrationCertifier() {
    }

    /** Certifies {@code surrogate} with its best {@link PosteriorEvaluator}. */
    public static CalibrationCertificate certify(SurrogateLikelihood surrogate, Simulator simulator, Prior prior,
            double[] phi, CertificationConfig settings) {
        return certify(PosteriorEvaluator.forSurrogate(surrogate), simulator, prior, phi, settings);
    }

    /**
     * Certifies the surrogate of {@code evaluator} at setting {@code phi}.
     *
     * @param simulator draws the datasets; its likelihood is the reference when it is tractable
     * @param prior     θ* distribution and the posteriors' prior; inside the simulator's θ domain
     */
    public static CalibrationCertificate certify(PosteriorEvaluator evaluator, Simulator simulator, Prior prior,
            double[] phi, CertificationConfig settings) {
        return certify(evaluator, simulator, prior, phi, settings, ProgressReporter.silent());
    }

    /**
     * {@link #certify(PosteriorEvaluator, Simulator, Prior, double[], CertificationConfig)}, reporting
     * the datasets done to {@code reporter} (task "calibration certificate", unit "datasets").
     */
    public static CalibrationCertificate certify(PosteriorEvaluator evaluator, Simulator simulator, Prior prior,
            double[] phi, CertificationConfig settings, ProgressReporter reporter) {
        boolean fit = settings.fitTempering() && evaluator.members().isEmpty()
                && TemperedSurrogate.canBeTempered(evaluator.surrogate());
        if (fit && !TemperedSurrogate.temperingOf(evaluator.surrogate()).isNone()) {
            evaluator = PosteriorEvaluator.forSurrogate(TemperedSurrogate.untemperedLikelihood(evaluator.surrogate()));
        }
        SurrogateLikelihood surrogate = evaluator.surrogate();
        ThetaGrid grid = grid(prior.support(), surrogate.thetaRange(), settings.gridPointsPerDimension());
        CalibrationProblem problem = new CalibrationProblem(simulator, prior, evaluator, grid, phi,
                settings.eventsPerExperiment());
        PosteriorEvaluator exact = simulator instanceof TractableSimulator tractable
                ? PosteriorEvaluator.forSurrogate(new ExactLikelihood(tractable, surrogate.thetaRange(),
                        surrogate.phiRange()))
                : null;
        int n = settings.eventsPerExperiment();
        List<Double> nodes = fit ? temperingNodes(surrogate, phi, settings.temperingNodes()) : List.of();
        List<MeasuredTrial> trials;
        List<Double> kappas = new ArrayList<>();
        try (Progress progress = reporter.start("calibration certificate", settings.datasets()
                + (long) nodes.size() * nodeDatasets(settings.datasets()), "datasets")) {
            trials = problem.run(settings.datasets(), new SplittableRandom(settings.seed()),
                    (trial, rng) -> new MeasuredTrial(trial, rng.nextLong(), exact == null ? null
                            : SurrogatePosterior.of(prior, exact, List.of(new Observation(trial.events(),
                                    problem.phi()))).onGrid(problem.grid())), progress);
            for (int i = 0; i < nodes.size(); i++) {
                CalibrationProblem at = new CalibrationProblem(simulator, prior, evaluator, grid,
                        new double[] {nodes.get(i)}, settings.temperingEvents());
                List<TemperingFit.Trial> nodeTrials = at.runInsideTrainedRanges(nodeDatasets(settings.datasets()),
                        new SplittableRandom(settings.seed() + NODE_SEED_OFFSET + i),
                        (trial, rng) -> new TemperingFit.Trial(trial.posterior(), trial.theta()), progress);
                kappas.add(TemperingFit.kappa(nodeTrials, settings.temperingEvents(), settings.temperingCriterion()));
            }
        }
        CalibrationCertificate untempered = certificate(trials, 1, settings, problem, simulator, exact != null);
        if (!fit) {
            return untempered;
        }
        if (nodes.isEmpty()) {
            TemperingFit.Result fitted = TemperingFit.fit(fitTrials(trials), n, settings.temperingCriterion());
            CalibrationCertificate tempered = certificate(trials, 1 + fitted.kappa() * n, settings, problem, simulator,
                    exact != null);
            return untempered.withTempering(LikelihoodTempering.uniform(fitted.kappa()), String.format(
                    java.util.Locale.ROOT, "%s on the certificate's datasets (coverage cross-fitted)",
                    settings.temperingCriterion().method()),
                    boxed(fitted.crossFittedCoverage()), tempered.sbcPValue(), tempered.meanShiftInExactSd(),
                    tempered.sdRatioToExact());
        }
        LikelihoodTempering tempering = new LikelihoodTempering(nodes, kappas);
        CalibrationCertificate tempered = certificate(trials, tempering.temperature(phi, n), settings, problem,
                simulator, exact != null);
        String how = String.format(java.util.Locale.ROOT, "%s at %d settings, on %d datasets of %d events each",
                settings.temperingCriterion().method(), nodes.size(), nodeDatasets(settings.datasets()),
                settings.temperingEvents());
        return untempered.withTempering(tempering, how, tempered.coverage(), tempered.sbcPValue(),
                tempered.meanShiftInExactSd(), tempered.sdRatioToExact());
    }

    /**
     * Evenly spaced settings spanning the surrogate's φ range where κ is fitted: {@code count} of
     * them when φ is one-dimensional with a range of positive width and {@code count} ≥ 2; none
     * otherwise (κ is then fitted at the certificate's own φ).
     */
    public static List<Double> temperingNodes(SurrogateLikelihood surrogate, double[] phi, int count) {
        Box range = surrogate.phiRange();
        if (count < 2 || phi.length != 1 || range.dim() != 1 || !(range.upper(0) > range.lower(0))
                || !Double.isFinite(range.upper(0) - range.lower(0))) {
            return List.of();
        }
        List<Double> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(range.lower(0) + (range.upper(0) - range.lower(0)) * i / (count - 1));
        }
        return nodes;
    }

    /**
     * Datasets per tempering node: a quarter of the certificate's, at least {@value #MIN_NODE_DATASETS}
     * (κ is one number per node, fitted on experiments {@link CertificationConfig#temperingEvents()}
     * large; the nodes together see more datasets than the certificate).
     */
    static int nodeDatasets(int certificateDatasets) {
        return Math.max(Math.min(MIN_NODE_DATASETS, certificateDatasets), certificateDatasets / 4);
    }

    private static List<TemperingFit.Trial> fitTrials(List<MeasuredTrial> trials) {
        List<TemperingFit.Trial> out = new ArrayList<>();
        for (MeasuredTrial t : trials) {
            out.add(new TemperingFit.Trial(t.trial().posterior(), t.trial().theta()));
        }
        return out;
    }

    /** The certificate of the trials' posteriors tempered by {@code tau} (1: as they are). */
    private static CalibrationCertificate certificate(List<MeasuredTrial> trials, double tau,
            CertificationConfig settings, CalibrationProblem problem, Simulator simulator, boolean compared) {
        List<TrialFigures> figures = new ArrayList<>();
        for (MeasuredTrial t : trials) {
            figures.add(measure(t.tempered(tau), new SplittableRandom(t.sbcSeed()), settings, t.exact(), problem));
        }
        List<Double> credibility = new ArrayList<>();
        List<int[]> ranks = new ArrayList<>();
        for (TrialFigures f : figures) {
            credibility.add(f.credibility());
            ranks.add(f.ranks());
        }
        double[] levels = ExpectedCoverage.DEFAULT_LEVELS;
        CoverageReport coverage = ExpectedCoverage.fromTrials(credibility, levels);
        SbcReport sbc = SimulationBasedCalibration.fromRanks(problem, ranks, settings.sbcDraws(), settings.sbcBins());

        int dim = problem.grid().dim();
        List<Double> shifts = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        if (compared) {
            for (int d = 0; d < dim; d++) {
                double shift = 0;
                double ratio = 0;
                for (TrialFigures f : figures) {
                    shift += f.meanShift()[d];
                    ratio += f.sdRatio()[d];
                }
                shifts.add(shift / figures.size());
                ratios.add(ratio / figures.size());
            }
        }
        List<String> names = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            names.add(problem.parameterName(d));
        }
        return CalibrationCertificate.of(simulator.name(), settings.eventsPerExperiment(), settings.datasets(),
                settings.seed(), boxed(problem.phi()), settings.tolerance(), boxed(levels),
                boxed(coverage.coverage()), sbc.minPValue(), names, shifts, ratios);
    }

    /** One dataset: its trial, the seed of its SBC draws, and the exact posterior when there is one. */
    private record MeasuredTrial(CalibrationProblem.Trial trial, long sbcSeed, GridPosterior exact) {
        /** The trial with its posterior tempered by {@code tau}. */
        CalibrationProblem.Trial tempered(double tau) {
            return new CalibrationProblem.Trial(trial.theta(), trial.events(), trial.posterior().tempered(tau));
        }
    }

    /**
     * Writes {@code certificate} into the manifest of the model file at {@code path} (rewritten
     * atomically, parameters unchanged); read it back with
     * {@code ModelFile.read(path).manifest().calibrationCertificate()}.
     */
    public static void attach(Path path, CalibrationCertificate certificate) {
        ModelFile.Contents contents = ModelFile.read(path);
        ModelFile.write(path, contents.manifest().withCalibration(certificate), contents.parameters());
    }

    /** What one trial contributes: its credibility, SBC ranks and, with an exact likelihood, shift and ratio. */
    private record TrialFigures(double credibility, int[] ranks, double[] meanShift, double[] sdRatio) {
    }

    private static TrialFigures measure(CalibrationProblem.Trial trial, SplittableRandom rng,
            CertificationConfig settings, GridPosterior reference, CalibrationProblem problem) {
        double credibility = ExpectedCoverage.credibility(trial);
        int[] ranks = SimulationBasedCalibration.ranks(trial, settings.sbcDraws(), rng);
        if (reference == null) {
            return new TrialFigures(credibility, ranks, null, null);
        }
        double[] mean = trial.posterior().mean();
        double[] sd = trial.posterior().standardDeviation();
        double[] exactMean = reference.mean();
        double[] exactSd = reference.standardDeviation();
        double[] shift = new double[mean.length];
        double[] ratio = new double[mean.length];
        for (int d = 0; d < mean.length; d++) {
            shift[d] = (mean[d] - exactMean[d]) / exactSd[d];
            ratio[d] = sd[d] / exactSd[d];
        }
        return new TrialFigures(credibility, ranks, shift, ratio);
    }

    /** The regular grid over prior support ∩ surrogate θ range. */
    static ThetaGrid grid(Box priorSupport, Box thetaRange, int pointsPerDimension) {
        int dim = thetaRange.dim();
        if (priorSupport.dim() != dim) {
            throw new InvalidInputException("calibration prior: expected dimension " + dim + " (the surrogate's theta)"
                    + " but found " + priorSupport.dim());
        }
        int points = Math.max(3, Math.min(pointsPerDimension,
                (int) Math.floor(Math.pow(CertificationConfig.MAX_CERTIFIER_GRID_POINTS, 1.0 / dim))));
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        int[] counts = new int[dim];
        for (int d = 0; d < dim; d++) {
            lo[d] = Math.max(priorSupport.lower(d), thetaRange.lower(d));
            hi[d] = Math.min(priorSupport.upper(d), thetaRange.upper(d));
            if (!(lo[d] < hi[d])) {
                throw new InvalidInputException("calibration grid dimension " + d + ": expected the prior's support "
                        + priorSupport + " to overlap the surrogate's theta range " + thetaRange + " but found"
                        + " [" + lo[d] + ", " + hi[d] + "]");
            }
            counts[d] = points;
        }
        return ThetaGrid.of(new RegularGrid(lo, hi, counts));
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}

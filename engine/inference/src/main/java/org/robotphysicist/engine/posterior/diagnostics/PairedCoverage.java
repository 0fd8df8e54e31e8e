package org.robotphysicist.engine.posterior.diagnostics;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * Expected coverage of a surrogate's posterior where the simulator's likelihood is tractable,
 * measured against the exact posterior of the same datasets (a control variate), so that few
 * datasets measure it precisely.
 *
 * <p>Each trial: θ* ~ p(θ), N events X ~ p(x | θ*, φ); the exact posterior on a fine grid over
 * the prior's support ∩ the surrogate's θ range (the locator, {@link Settings#locatorPoints()} per
 * dimension) gives its mean m and sd s; both the surrogate's and the exact posterior are then
 * computed on a window grid of {@link Settings#windowPoints()} points per dimension spanning
 * m ± {@link Settings#windowSds()}·s (inside the support), and the credibilities c<sub>s</sub>,
 * c<sub>e</sub> of θ* under each ({@link GridPosterior#credibility}; 1 when θ* lies outside the
 * window). The exact posterior is calibrated, E 1[c<sub>e</sub> ≤ ℓ] = ℓ, so
 * <pre>
 *   coverage(ℓ) = ℓ + mean over trials of (1[c_s ≤ ℓ] − 1[c_e ≤ ℓ])
 * </pre>
 * is an unbiased estimate of the surrogate's expected coverage at level ℓ whose standard error,
 * sd(differences)/√n, is set by how often the two posteriors disagree about θ* rather than by the
 * binomial √(ℓ(1 − ℓ)/n): a surrogate within 0.1 posterior sd of the exact posterior is measured to
 * about ±0.01 by 200 datasets, where the binomial error at ℓ = 0.5 is 0.035. Both credibilities
 * leave out θ*'s own cell, so the grid's upward bias of coverage cancels in the difference (to the
 * extent both posteriors have the same width), which is what lets a window of a few dozen points
 * stand in for a grid over the whole prior and makes a trial cost N × window points surrogate
 * evaluations. The plain coverage 1[c<sub>s</sub> ≤ ℓ] and the exact one are reported too. Being
 * unbiased, the paired estimate is not clipped and can leave [0, 1] for a surrogate far from the
 * exact posterior (its standard error is then as large as a binomial one); read the plain coverage
 * beside it.
 *
 * <p>Trials run in parallel, each from its own split of the seed ({@link CalibrationProblem#run}).
 */
public final class PairedCoverage {
    private PairedCoverage() {
    }

    /**
     * How the paired coverage is measured.
     *
     * @param eventsPerExperiment N ≥ 1
     * @param datasets            prior-predictive datasets n ≥ 2
     * @param seed                seed of θ*, the events and nothing else
     * @param locatorPoints       fine exact-posterior grid points per dimension, ≥ 3
     * @param windowPoints        window grid points per dimension, ≥ 3
     * @param windowSds           half-width of the window in exact posterior sd, &gt; 0
     */
    public record Settings(int eventsPerExperiment, int datasets, long seed, int locatorPoints, int windowPoints,
            double windowSds) {
        public Settings {
            Require.positive("events per experiment", eventsPerExperiment);
            if (datasets < 2) {
                throw new InvalidInputException("paired coverage datasets: expected at least 2 (for a standard error)"
                        + " but found " + datasets);
            }
            if (locatorPoints < 3 || windowPoints < 3) {
                throw new InvalidInputException("paired coverage grids: expected at least 3 points per dimension but"
                        + " found " + locatorPoints + " (locator) and " + windowPoints + " (window)");
            }
            if (!(windowSds > 0 && Double.isFinite(windowSds))) {
                throw new InvalidInputException("paired coverage window: expected a half-width > 0 in posterior sd but"
                        + " found " + windowSds);
            }
        }

        /** N events, n datasets, a 401-point locator, a 61-point window of ±6 sd. */
        public static Settings of(int eventsPerExperiment, int datasets, long seed) {
            return new Settings(eventsPerExperiment, datasets, seed, 401, 61, 6);
        }
    }

    /**
     * The measured figures.
     *
     * @param levels                 nominal levels ℓ
     * @param coverage               ℓ + mean(1[c_s ≤ ℓ] − 1[c_e ≤ ℓ]), per level
     * @param standardErrors         the standard error of that mean (sample sd / √n), per level
     * @param plainCoverage          mean 1[c_s ≤ ℓ] on the window grid, per level
     * @param exactCoverage          mean 1[c_e ≤ ℓ] on the window grid, per level
     * @param datasets               n
     * @param meanShiftsInExactSd    per θ component, the mean over trials of (mean_s − mean_e) / sd_e
     *                               (marginal means and sds on the window)
     * @param sdRatiosToExact        per θ component, the mean over trials of sd_s / sd_e
     */
    public record Report(double[] levels, double[] coverage, double[] standardErrors, double[] plainCoverage,
            double[] exactCoverage, int datasets, double[] meanShiftsInExactSd, double[] sdRatiosToExact) {
        public Report {
            levels = levels.clone();
            coverage = coverage.clone();
            standardErrors = standardErrors.clone();
            plainCoverage = plainCoverage.clone();
            exactCoverage = exactCoverage.clone();
            meanShiftsInExactSd = meanShiftsInExactSd.clone();
            sdRatiosToExact = sdRatiosToExact.clone();
        }

        /** The mean shift of the first θ component, in exact sd. */
        public double meanShiftInExactSd() {
            return meanShiftsInExactSd[0];
        }

        /** The sd ratio of the first θ component. */
        public double sdRatioToExact() {
            return sdRatiosToExact[0];
        }

        /** max over levels of |coverage − ℓ|. */
        public double maxDeviation() {
            double max = 0;
            for (int i = 0; i < levels.length; i++) {
                max = Math.max(max, Math.abs(coverage[i] - levels[i]));
            }
            return max;
        }

        /** One line: per level the paired coverage ± its s.e. and the plain one, then shift and sd ratio. */
        public String describe() {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < levels.length; i++) {
                s.append(String.format(Locale.ROOT, "%.2f: %.3f +- %.3f (plain %.3f, exact %.3f); ", levels[i],
                        coverage[i], standardErrors[i], plainCoverage[i], exactCoverage[i]));
            }
            s.append(String.format(Locale.ROOT, "%d datasets, mean shift %+.3f sd, sd ratio %.3f", datasets,
                    meanShiftInExactSd(), sdRatioToExact()));
            for (int c = 1; c < meanShiftsInExactSd.length; c++) {
                s.append(String.format(Locale.ROOT, "; theta[%d]: shift %+.3f sd, sd ratio %.3f", c,
                        meanShiftsInExactSd[c], sdRatiosToExact[c]));
            }
            return s.toString();
        }
    }

    /** Measures {@code surrogate} at setting {@code phi} on datasets from {@code simulator} and {@code prior}. */
    public static Report measure(SurrogateLikelihood surrogate, TractableSimulator simulator, Prior prior,
            double[] phi, Settings settings) {
        return measure(PosteriorEvaluator.forSurrogate(surrogate), simulator, prior, phi, settings);
    }

    /** As {@link #measure(SurrogateLikelihood, TractableSimulator, Prior, double[], Settings)} with a given evaluator. */
    public static Report measure(PosteriorEvaluator evaluator, TractableSimulator simulator, Prior prior,
            double[] phi, Settings settings) {
        SurrogateLikelihood surrogate = evaluator.surrogate();
        PosteriorEvaluator exact = PosteriorEvaluator.forSurrogate(new ExactLikelihood(simulator,
                surrogate.thetaRange(), surrogate.phiRange()));
        ThetaGrid locator = CalibrationCertifier.grid(prior.support(), surrogate.thetaRange(),
                settings.locatorPoints());
        CalibrationProblem problem = new CalibrationProblem(simulator, prior, exact, locator, phi,
                settings.eventsPerExperiment());
        double[] levels = ExpectedCoverage.DEFAULT_LEVELS;
        List<double[]> trials = problem.run(settings.datasets(), new SplittableRandom(settings.seed()),
                (trial, rng) -> pair(trial, evaluator, exact, prior, problem, settings.windowPoints(),
                        settings.windowSds()));
        int n = trials.size();
        double[] coverage = new double[levels.length];
        double[] se = new double[levels.length];
        double[] plain = new double[levels.length];
        double[] exactCoverage = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            double sum = 0;
            double sumSq = 0;
            for (double[] t : trials) {
                int s = t[0] <= levels[i] ? 1 : 0;
                int e = t[1] <= levels[i] ? 1 : 0;
                plain[i] += s;
                exactCoverage[i] += e;
                sum += s - e;
                sumSq += (s - e) * (s - e);
            }
            double mean = sum / n;
            coverage[i] = levels[i] + mean;
            se[i] = Math.sqrt(Math.max(0, sumSq / n - mean * mean) / (n - 1));
            plain[i] /= n;
            exactCoverage[i] /= n;
        }
        int d = (trials.get(0).length - 2) / 2;
        double[] shifts = new double[d];
        double[] ratios = new double[d];
        for (double[] t : trials) {
            for (int c = 0; c < d; c++) {
                shifts[c] += t[2 + c] / n;
                ratios[c] += t[2 + d + c] / n;
            }
        }
        return new Report(levels, coverage, se, plain, exactCoverage, n, shifts, ratios);
    }

    /** {c_s, c_e, shift per component, sd ratio per component} of one trial. */
    private static double[] pair(CalibrationProblem.Trial trial, PosteriorEvaluator evaluator,
            PosteriorEvaluator exact, Prior prior, CalibrationProblem problem, int windowPoints, double windowSds) {
        ThetaGrid window = window(trial.posterior(), problem.grid().bounds(), windowPoints, windowSds);
        List<Observation> observed = List.of(new Observation(trial.events(), problem.phi()));
        GridPosterior s = SurrogatePosterior.of(prior, evaluator, observed).onGrid(window);
        GridPosterior e = SurrogatePosterior.of(prior, exact, observed).onGrid(window);
        boolean inside = window.bounds().contains(trial.theta());
        int d = window.dim();
        double[] out = new double[2 + 2 * d];
        out[0] = inside ? s.credibility(trial.theta()) : 1.0;
        out[1] = inside ? e.credibility(trial.theta()) : 1.0;
        double[] sMean = s.mean();
        double[] eMean = e.mean();
        double[] sSd = s.standardDeviation();
        double[] eSd = e.standardDeviation();
        for (int c = 0; c < d; c++) {
            out[2 + c] = (sMean[c] - eMean[c]) / eSd[c];
            out[2 + d + c] = sSd[c] / eSd[c];
        }
        return out;
    }

    /** mean ± k·sd of {@code located} per dimension, inside {@code bounds}. */
    private static ThetaGrid window(GridPosterior located, Box bounds, int points, double k) {
        double[] mean = located.mean();
        double[] sd = located.standardDeviation();
        double[] lo = new double[mean.length];
        double[] hi = new double[mean.length];
        int[] counts = new int[mean.length];
        for (int d = 0; d < mean.length; d++) {
            lo[d] = Math.max(bounds.lower(d), mean[d] - k * sd[d]);
            hi[d] = Math.min(bounds.upper(d), mean[d] + k * sd[d]);
            counts[d] = points;
        }
        return ThetaGrid.of(new RegularGrid(lo, hi, counts));
    }
}

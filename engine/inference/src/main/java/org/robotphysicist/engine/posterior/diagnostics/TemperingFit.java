package org.robotphysicist.engine.posterior.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * Fits the κ of a {@link org.robotphysicist.models.certificate.LikelihoodTempering} at one setting
 * from prior-predictive trials: each trial's surrogate log-likelihood on its grid is divided by
 * τ = 1 + κN, and κ is the value that maximizes the mean log score of the true parameter,
 * (1/n) Σ<sub>i</sub> log p<sub>τ</sub>(θ*<sub>i</sub> | X<sub>i</sub>) — a proper scoring rule,
 * so in expectation it is maximized by the posterior that has the right width around the
 * surrogate's error (for a Gaussian posterior with a random offset of variance β², exactly
 * τ = 1 + β²/σ²). Unlike matching coverage at a few levels, whose indicator counts change in
 * steps, the score uses every trial's full posterior and varies smoothly with τ, so it fixes κ
 * with far fewer trials. The candidates are τ = 1 and a geometric ladder of τ up to 100 in 5%
 * steps, refined in 1% steps around the best; κ ≥ 0 only, so tempering never sharpens a posterior.
 *
 * <p>The coverage reported beside κ is cross-fitted ({@link #crossFitted}): κ fitted on the even
 * trials scores the odd ones and the reverse, so the figure is measured on trials its κ was not
 * fitted on.
 */
public final class TemperingFit {
    private static final double[] LEVELS = ExpectedCoverage.DEFAULT_LEVELS;
    private static final double COARSE_STEP = 1.05;
    private static final double FINE_STEP = 1.01;
    private static final double MAX_TAU = 100;

    /**
     * One trial: the surrogate's untempered grid posterior and the true θ*, kept as the arrays a
     * tempered credibility needs (log-likelihood, log prior density and log cell volume per grid
     * point, and θ*'s cell), so that scoring a τ costs one pass over the grid.
     */
    public static final class Trial {
        private final double[] logLikelihood;
        private final double[] logPrior;
        private final double[] logVolume;
        private final int own;

        /** θ* (length D<sub>θ</sub>) under {@code posterior}; θ* off the grid counts as never covered. */
        public Trial(GridPosterior posterior, double[] theta) {
            this.logLikelihood = posterior.logLikelihood();
            this.logPrior = posterior.logPrior();
            this.logVolume = new double[logLikelihood.length];
            for (int j = 0; j < logVolume.length; j++) {
                logVolume[j] = Math.log(posterior.grid().cellVolume(j));
            }
            this.own = posterior.grid().bounds().contains(theta) ? posterior.grid().cellOf(theta) : -1;
        }

        /**
         * log p(θ<sub>j</sub>) + ℓ<sub>j</sub>/τ per grid point: the tempered posterior's
         * unnormalized log density.
         */
        private double[] temperedLogDensity(double tau) {
            double[] density = new double[logLikelihood.length];
            for (int j = 0; j < density.length; j++) {
                density[j] = logLikelihood[j] / tau + logPrior[j];
            }
            return density;
        }

        /** log Σ<sub>j</sub> exp(density<sub>j</sub>)·V<sub>j</sub>, the normalizer of a log density on the grid. */
        private double logNormalizer(double[] density) {
            double[] mass = new double[density.length];
            for (int j = 0; j < mass.length; j++) {
                mass[j] = density[j] + logVolume[j];
            }
            return GridPosterior.logSumExp(mass);
        }

        /**
         * log p<sub>τ</sub>(θ* | X), the tempered posterior's log density at θ*'s cell (the log score);
         * NaN when θ* is off the grid.
         */
        double logScore(double tau) {
            if (own < 0) {
                return Double.NaN;
            }
            double[] density = temperedLogDensity(tau);
            return density[own] - logNormalizer(density);
        }

        /**
         * The credibility of θ* under the posterior with its log-likelihood divided by τ: the mass of
         * the cells whose tempered density is strictly higher than θ*'s cell's; 1 when θ* is off the grid.
         */
        double credibility(double tau) {
            if (own < 0) {
                return 1;
            }
            double[] density = temperedLogDensity(tau);
            double logNorm = logNormalizer(density);
            double above = 0;
            for (int j = 0; j < density.length; j++) {
                if (density[j] > density[own]) {
                    above += Math.exp(density[j] + logVolume[j] - logNorm);
                }
            }
            return Math.min(1.0, above);
        }
    }

    /**
     * The fitted κ and the cross-fitted coverage of the tempered posteriors at
     * {@link ExpectedCoverage#DEFAULT_LEVELS}.
     */
    public record Result(double kappa, double[] crossFittedCoverage) {
        public Result {
            crossFittedCoverage = crossFittedCoverage.clone();
        }

        @Override
        public double[] crossFittedCoverage() {
            return crossFittedCoverage.clone();
        }
    }

    private TemperingFit() {
    }

    /** κ fitted on every trial, and the coverage cross-fitted between even and odd trials. */
    public static Result fit(List<Trial> trials, int events) {
        if (trials.size() < 4) {
            throw new InvalidInputException("tempering fit: expected at least 4 trials but found " + trials.size());
        }
        return new Result(kappa(trials, events), crossFitted(trials, events));
    }

    /** The κ ≥ 0 whose tempered coverage is nearest nominal on {@code trials}. */
    public static double kappa(List<Trial> trials, int events) {
        double bestTau = 1;
        double bestScore = meanLogScore(trials, 1);
        for (double tau = COARSE_STEP; tau <= MAX_TAU; tau *= COARSE_STEP) {
            double score = meanLogScore(trials, tau);
            if (score > bestScore + 1e-12) {
                bestScore = score;
                bestTau = tau;
            }
        }
        double from = Math.max(1.0 + 1e-9, bestTau / COARSE_STEP);
        for (double tau = from; tau <= bestTau * COARSE_STEP && tau <= MAX_TAU; tau *= FINE_STEP) {
            double score = meanLogScore(trials, tau);
            if (score > bestScore + 1e-12) {
                bestScore = score;
                bestTau = tau;
            }
        }
        return (bestTau - 1) / events;
    }

    /** The mean over trials with θ* on the grid of log p<sub>τ</sub>(θ* | X). */
    static double meanLogScore(List<Trial> trials, double tau) {
        double[] scores = new double[trials.size()];
        java.util.stream.IntStream.range(0, scores.length).parallel()
                .forEach(i -> scores[i] = trials.get(i).logScore(tau));
        double sum = 0;
        int n = 0;
        for (double v : scores) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Coverage at the default levels of the trials' posteriors tempered by {@code tau}. */
    public static double[] coverage(List<Trial> trials, double tau) {
        double[] c = new double[trials.size()];
        java.util.stream.IntStream.range(0, c.length).parallel().forEach(i -> c[i] = trials.get(i).credibility(tau));
        double[] coverage = new double[LEVELS.length];
        for (int l = 0; l < LEVELS.length; l++) {
            int covered = 0;
            for (double v : c) {
                covered += v <= LEVELS[l] ? 1 : 0;
            }
            coverage[l] = covered / (double) c.length;
        }
        return coverage;
    }

    /** Coverage of each half's trials tempered by the κ fitted on the other half, pooled. */
    public static double[] crossFitted(List<Trial> trials, int events) {
        List<Trial> even = new ArrayList<>();
        List<Trial> odd = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            (i % 2 == 0 ? even : odd).add(trials.get(i));
        }
        double[] onOdd = coverage(odd, 1 + kappa(even, events) * events);
        double[] onEven = coverage(even, 1 + kappa(odd, events) * events);
        double[] pooled = new double[LEVELS.length];
        for (int l = 0; l < pooled.length; l++) {
            pooled[l] = (onOdd[l] * odd.size() + onEven[l] * even.size()) / trials.size();
        }
        return pooled;
    }
}

package org.robotphysicist.engine.posterior.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * Fits the κ of a {@link org.robotphysicist.models.certificate.LikelihoodTempering} at one setting
 * from prior-predictive trials: each trial's surrogate log-likelihood on its grid is divided by
 * τ = 1 + κN, and κ is the value whose tempered posteriors best satisfy a {@link Criterion}:
 * <ul>
 *   <li>{@link Criterion#LOG_SCORE}, the certificate's default, maximizes the mean log score of the
 *       true parameter, (1/n) Σ<sub>i</sub> log p<sub>τ</sub>(θ*<sub>i</sub> | X<sub>i</sub>), a proper
 *       scoring rule: for a Gaussian posterior with a random offset of variance β² it is maximized at
 *       exactly τ = 1 + β²/σ². But it is the Gaussian likelihood of the offsets, so it answers for
 *       their variance: offsets with heavier tails than a Gaussian's (a few datasets where the surrogate
 *       is far off) ask for a larger τ than coverage needs, and the tempered posteriors come out
 *       conservative at the central levels (where 5% of the datasets have a bias six times the
 *       others', coverage 0.57 at level 0.5).</li>
 *   <li>{@link Criterion#COVERAGE} minimizes the Cramér–von Mises distance between the trials'
 *       tempered credibilities c<sub>i</sub>(τ) of θ* and the uniform distribution they follow when the
 *       posteriors are calibrated,
 *       W²(τ) = 1/(12n) + Σ<sub>i</sub> (c<sub>(i)</sub>(τ) − (2i − 1)/(2n))², c<sub>(i)</sub> sorted:
 *       expected coverage at every level at once, the figure the certificate is judged by. Each trial
 *       moves it by at most 1/n, so a few far-off datasets cannot drag κ (0.50 at level 0.5 in the
 *       example above), but on few trials its κ is noisier than the log score's.</li>
 * </ul>
 * Both vary smoothly with τ (the credibility enters W² as a number, not through indicator counts at a
 * few levels, which change in steps). The candidates are τ = 1 and a geometric ladder of τ up to 100
 * in 5% steps, refined in 1% steps around the best; κ ≥ 0 only, so tempering never sharpens a posterior.
 * Trials whose θ* is off the grid carry no information on τ and are left out of both.
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
            return own < 0 ? 1 : Math.min(1.0, massAboveAndLevel(tau)[0]);
        }

        /**
         * The credibility of θ* with half its own cell's mass added: the mass of the cells whose tempered
         * density is higher than θ*'s plus half the mass of those as high (θ*'s cell among them). On a grid
         * of a few cells per posterior sd, {@link #credibility} leaves out θ*'s own cell, up to a tenth of
         * the mass near the mode, so on calibrated posteriors its mean falls short of 1/2; this one's mean
         * is 1/2 at any spacing. NaN when θ* is off the grid.
         */
        double midCredibility(double tau) {
            if (own < 0) {
                return Double.NaN;
            }
            double[] mass = massAboveAndLevel(tau);
            return Math.min(1.0, mass[0] + 0.5 * mass[1]);
        }

        /**
         * The tempered posterior's mass in the cells whose density is higher than θ*'s cell's, and in
         * those exactly as high (θ*'s own cell among them); θ* must be on the grid.
         */
        private double[] massAboveAndLevel(double tau) {
            double[] density = temperedLogDensity(tau);
            double logNorm = logNormalizer(density);
            double above = 0;
            double level = 0;
            for (int j = 0; j < density.length; j++) {
                if (density[j] > density[own]) {
                    above += Math.exp(density[j] + logVolume[j] - logNorm);
                } else if (density[j] == density[own]) {
                    level += Math.exp(density[j] + logVolume[j] - logNorm);
                }
            }
            return new double[] {above, level};
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

    /** What κ is chosen to optimize (see the class comment). */
    public enum Criterion {
        /** The Cramér–von Mises distance of the tempered credibilities from uniform, minimized. */
        COVERAGE("coverage", "matching coverage (Cramer-von Mises)"),
        /** The mean log score of θ*, maximized. */
        LOG_SCORE("log-score", "maximizing the log score");

        private final String label;
        private final String method;

        Criterion(String label, String method) {
            this.label = label;
            this.method = method;
        }

        /** How κ is chosen, for people: "matching coverage (Cramer-von Mises)", "maximizing the log score". */
        public String method() {
            return method;
        }

        /** The name on the command line and in a certificate's description. */
        public String label() {
            return label;
        }

        /** The criterion named {@code label}; refuses any other name, listing the known ones. */
        public static Criterion parse(String label) {
            for (Criterion c : values()) {
                if (c.label.equals(label)) {
                    return c;
                }
            }
            throw new InvalidInputException("tempering fit: expected one of " + String.join(", ",
                    java.util.Arrays.stream(values()).map(Criterion::label).toList()) + " but found '" + label + "'");
        }

        /** The criterion's value at τ on {@code trials}, larger for a better τ. */
        double merit(List<Trial> trials, double tau) {
            return this == LOG_SCORE ? meanLogScore(trials, tau) : -cramerVonMises(trials, tau);
        }
    }

    private TemperingFit() {
    }

    /** κ fitted on every trial by {@code criterion}, and the coverage cross-fitted between even and odd trials. */
    public static Result fit(List<Trial> trials, int events, Criterion criterion) {
        if (trials.size() < 4) {
            throw new InvalidInputException("tempering fit: expected at least 4 trials but found " + trials.size());
        }
        return new Result(kappa(trials, events, criterion), crossFitted(trials, events, criterion));
    }

    /** The κ ≥ 0 whose tempered posteriors on {@code trials} of {@code events} events best meet {@code criterion}. */
    public static double kappa(List<Trial> trials, int events, Criterion criterion) {
        double bestTau = 1;
        double bestScore = criterion.merit(trials, 1);
        for (double tau = COARSE_STEP; tau <= MAX_TAU; tau *= COARSE_STEP) {
            double score = criterion.merit(trials, tau);
            if (score > bestScore + 1e-12) {
                bestScore = score;
                bestTau = tau;
            }
        }
        double from = Math.max(1.0 + 1e-9, bestTau / COARSE_STEP);
        for (double tau = from; tau <= bestTau * COARSE_STEP && tau <= MAX_TAU; tau *= FINE_STEP) {
            double score = criterion.merit(trials, tau);
            if (score > bestScore + 1e-12) {
                bestScore = score;
                bestTau = tau;
            }
        }
        return (bestTau - 1) / events;
    }

    /** The mean over trials with θ* on the grid of log p<sub>τ</sub>(θ* | X). */
    static double meanLogScore(List<Trial> trials, double tau) {
        double[] scores = perTrial(trials, t -> t.logScore(tau));
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

    /**
     * W²(τ) = 1/(12n) + Σ<sub>i</sub> (c<sub>(i)</sub> − (2i − 1)/(2n))² over the n trials with θ* on
     * the grid, c<sub>(i)</sub> their sorted {@linkplain Trial#midCredibility mid-cell credibilities}
     * under τ; 0 when there are none.
     */
    static double cramerVonMises(List<Trial> trials, double tau) {
        double[] onGrid = java.util.Arrays.stream(perTrial(trials, t -> t.midCredibility(tau)))
                .filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = onGrid.length;
        if (n == 0) {
            return 0;
        }
        double sum = 1.0 / (12.0 * n);
        for (int i = 0; i < n; i++) {
            double d = onGrid[i] - (2.0 * i + 1) / (2.0 * n);
            sum += d * d;
        }
        return sum;
    }

    /** Coverage at the default levels of the trials' posteriors tempered by {@code tau}. */
    public static double[] coverage(List<Trial> trials, double tau) {
        double[] c = perTrial(trials, t -> t.credibility(tau));
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

    /** {@code figure} of every trial, in trial order, the trials evaluated in parallel. */
    private static double[] perTrial(List<Trial> trials, java.util.function.ToDoubleFunction<Trial> figure) {
        double[] out = new double[trials.size()];
        java.util.stream.IntStream.range(0, out.length).parallel()
                .forEach(i -> out[i] = figure.applyAsDouble(trials.get(i)));
        return out;
    }

    /** Coverage of each half's trials tempered by the κ fitted by {@code criterion} on the other half, pooled. */
    public static double[] crossFitted(List<Trial> trials, int events, Criterion criterion) {
        List<Trial> even = new ArrayList<>();
        List<Trial> odd = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            (i % 2 == 0 ? even : odd).add(trials.get(i));
        }
        double[] onOdd = coverage(odd, 1 + kappa(even, events, criterion) * events);
        double[] onEven = coverage(even, 1 + kappa(odd, events, criterion) * events);
        double[] pooled = new double[LEVELS.length];
        for (int l = 0; l < pooled.length; l++) {
            pooled[l] = (onOdd[l] * odd.size() + onEven[l] * even.size()) / trials.size();
        }
        return pooled;
    }
}

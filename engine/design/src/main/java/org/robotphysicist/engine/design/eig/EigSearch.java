package org.robotphysicist.engine.design.eig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.engine.design.acquisition.Goal;
import org.robotphysicist.engine.design.bo.BayesianOptimizer;
import org.robotphysicist.engine.design.bo.BoConfig;
import org.robotphysicist.engine.design.gp.GaussianProcess;
import org.robotphysicist.engine.design.gp.Prediction;

/**
 * Bayesian optimization of EIG(φ) over a box of settings for one prior: each {@link #step()} asks
 * the {@link BayesianOptimizer} for the next φ, estimates EIG there and tells the optimizer the
 * estimate with its squared standard error as known noise variance. {@link #recommend} fits the
 * Gaussian process to every estimate and returns the evaluated φ with the highest GP mean — the
 * noise-robust choice (the largest raw estimate favours lucky noise). With common random numbers
 * no two estimates lie closer than {@link #MIN_SEPARATION}; {@link #stepAt} and
 * {@link #stepAtModelOptimum} let the caller place an estimate itself or exploit the model;
 * {@link #verify} re-estimates the best few settings, and the best of a rival maximum, with an
 * independent stream before a choice.
 *
 * <p>Randomness: the optimizer's streams come from {@code boSeed}; estimate i uses
 * {@code new SplittableRandom(eigSeed)} with common random numbers, else the i-th split of it.
 * Not thread-safe (one search is one sequential loop; each estimate is itself parallel).
 */
public final class EigSearch {
    /**
     * With common random numbers, the smallest distance between two estimates in the unit box
     * (1% of each range): an estimate repeated at nearly the same φ returns nearly the same value
     * and adds nothing, and without this the search re-estimated a good edge of the range over and
     * over (benchmarks/README.md, "Acquisition quality").
     */
    public static final double MIN_SEPARATION = 0.01;

    /**
     * The smallest distance in the unit box (10% of each range) between a {@link #verify
     * verification's} rival and its other candidates: settings closer than this lie on the same
     * maximum of EIG(φ) in every design measured (the Weinberg EIG's maxima below and above the Z
     * pole are 15–25 GeV apart in a 60 GeV range).
     */
    public static final double RIVAL_SEPARATION = 0.1;

    private final EigEstimator estimator;
    private final BayesianOptimizer optimizer;
    private final long eigSeed;
    private final boolean commonRandomNumbers;
    private final SplittableRandom streams;
    private final List<EigEstimate> estimates = new ArrayList<>();
    private final Box range;

    private EigSearch(EigEstimator estimator, Box range, BayesianOptimizer optimizer, long eigSeed,
            boolean commonRandomNumbers) {
        this.estimator = estimator;
        this.range = range;
        this.optimizer = optimizer;
        this.eigSeed = eigSeed;
        this.commonRandomNumbers = commonRandomNumbers;
        this.streams = new SplittableRandom(eigSeed);
    }

    /**
     * A search over {@code phiRange} (inside the simulator's domain and the surrogate's φ range).
     *
     * @param config the optimizer's settings; its goal must be {@link Goal#MAXIMIZE}
     */
    public static EigSearch start(ExpectedInformationGain eig, Prior prior, Box phiRange, BoConfig config, long boSeed,
            long eigSeed, boolean commonRandomNumbers) {
        Objects.requireNonNull(eig, "eig");
        Objects.requireNonNull(prior, "prior");
        requireMaximizing(config);
        eig.likelihood().simulator().phiDomain().require("phi range lower corner", phiRange.lower());
        eig.likelihood().simulator().phiDomain().require("phi range upper corner", phiRange.upper());
        return start(eig.forPrior(prior), phiRange, config, boSeed, eigSeed, commonRandomNumbers);
    }

    /**
     * A search of any {@link EigEstimator} over {@code phiRange} (the caller checks the range
     * against what the estimator accepts).
     */
    public static EigSearch start(EigEstimator estimator, Box phiRange, BoConfig config, long boSeed, long eigSeed,
            boolean commonRandomNumbers) {
        Objects.requireNonNull(estimator, "estimator");
        requireMaximizing(config);
        return new EigSearch(estimator, phiRange, BayesianOptimizer.start(phiRange, config, boSeed), eigSeed,
                commonRandomNumbers);
    }

    private static void requireMaximizing(BoConfig config) {
        if (config.goal() != Goal.MAXIMIZE) {
            throw new InvalidInputException("EIG search: expected an optimizer that maximizes but found goal "
                    + config.goal());
        }
    }

    /** One more EIG estimate at the optimizer's next suggestion; returns it. */
    public EigEstimate step() {
        return evaluate(optimizer.suggest(1, separation()).row(0));
    }

    /**
     * One more EIG estimate where the model's posterior mean is highest (at least the separation
     * away from earlier estimates): a final, exploiting step that refines the incumbent.
     */
    public EigEstimate stepAtModelOptimum() {
        return evaluate(optimizer.suggestModelOptimum(separation()));
    }

    /** {@link #MIN_SEPARATION} with common random numbers, else 0 (a repeated estimate adds information). */
    private double separation() {
        return commonRandomNumbers ? MIN_SEPARATION : 0.0;
    }

    /**
     * One more EIG estimate at a setting the caller chooses (inside the search's range), for example
     * an earlier round's choice, whose neighbourhood often stays good as the prior narrows.
     */
    public EigEstimate stepAt(double[] phi) {
        range.require("search setting", phi);
        return evaluate(phi.clone());
    }

    private EigEstimate evaluate(double[] phi) {
        SplittableRandom rng = commonRandomNumbers ? new SplittableRandom(eigSeed) : streams.split();
        EigEstimate e = estimator.estimate(phi, rng);
        optimizer.observe(phi, e.value(), e.variance());
        estimates.add(e);
        return e;
    }

    /** Every estimate so far, in order (unmodifiable). */
    public List<EigEstimate> estimates() {
        return Collections.unmodifiableList(new ArrayList<>(estimates));
    }

    /** The optimizer (for its last suggestion report). */
    public BayesianOptimizer optimizer() {
        return optimizer;
    }

    /**
     * Fits the GP to every estimate ({@code rng} draws the hyperparameter restarts) and returns the
     * evaluated φ with the highest posterior mean.
     *
     * @throws InvalidInputException before the first {@link #step()}
     */
    public Recommendation recommend(SplittableRandom rng) {
        GaussianProcess gp = optimizer.fitModel(rng);
        Prediction p = gp.predictUnit(gp.unitPoints(), gp.size());
        int best = 0;
        for (int i = 1; i < p.size(); i++) {
            if (p.mean(i) > p.mean(best)) {
                best = i;
            }
        }
        return new Recommendation(best, estimates.get(best), p.mean(best), gp);
    }

    /**
     * {@link #verify(Recommendation, int, long, EigEstimator, boolean)} with the search's own
     * estimator (as many datasets per re-estimate as per search estimate) and no rival maximum.
     */
    public Verification verify(Recommendation recommended, int count, long verificationSeed) {
        return verify(recommended, count, verificationSeed, estimator, false);
    }

    /**
     * Re-estimates {@code count} evaluated settings — and with {@code rival} one more, the best of
     * another maximum — with {@code reEstimator} on a stream independent of the search's, and
     * chooses the one whose fresh estimate is largest. The candidates come from two rankings taken
     * in turn: the GP mean of {@code recommended}'s model (first: the noise-robust choice) and the
     * search's own estimates (the largest raw estimate); distinct settings only, at least
     * {@link #MIN_SEPARATION} apart in the unit box. The rival is the evaluated setting of highest GP
     * mean at least {@link #RIVAL_SEPARATION} from every one of them (none when every evaluated
     * setting lies closer).
     *
     * <p>Why: each ranking fails in its own way. The GP is fitted to the search's estimates, so a
     * setting whose estimate came out high by Monte Carlo noise — typically where the data are few
     * and a handful of datasets carry the whole estimate — can top the GP mean although its EIG is
     * small; and a narrow peak estimated with a large standard error (the Z pole late in a run) is
     * smoothed away as noise by the GP while its raw estimate stays the largest. A fresh estimate
     * is unbiased whichever setting it is made at, so the choice carries no selection bias from
     * the search's estimates; what is left is the noise among the fresh estimates, which with
     * common random numbers largely cancels between them. Both rankings crowd around one maximum
     * when the search's estimates there came out high together (common random numbers correlate
     * the noise of nearby settings), so a second maximum of nearly equal EIG is never re-estimated
     * without the rival. Between two maxima far apart the common random numbers cancel less, so
     * the rival only helps where each re-estimate is more precise than a search estimate: a
     * {@code reEstimator} with more datasets (the design loop uses 4 times as many;
     * benchmarks/README.md, "A rival maximum, re-estimated precisely"). Cost: k (+1)
     * re-estimates.
     *
     * <p>Randomness: with common random numbers every re-estimate uses
     * {@code new SplittableRandom(verificationSeed)}, else the i-th split of it; the search's
     * estimates are not touched, and the GP is not refitted.
     *
     * @param recommended the search's {@link #recommend recommendation}
     * @param count       k ≥ 1, settings to re-estimate (fewer when fewer were evaluated)
     * @param reEstimator what makes the fresh estimates: the search's EIG under the same prior, for
     *                    example with more datasets per estimate
     * @param rival       whether to re-estimate the best setting of another maximum as well
     */
    public Verification verify(Recommendation recommended, int count, long verificationSeed,
            EigEstimator reEstimator, boolean rival) {
        Objects.requireNonNull(recommended, "recommended");
        Objects.requireNonNull(reEstimator, "reEstimator");
        if (count < 1) {
            throw new InvalidInputException("EIG verification: expected at least 1 setting to re-estimate but found "
                    + count);
        }
        GaussianProcess gp = recommended.model();
        Prediction atEvaluated = gp.predictUnit(gp.unitPoints(), gp.size());
        List<Integer> candidates = candidates(atEvaluated, count);
        if (rival) {
            rival(atEvaluated, candidates).ifPresent(candidates::add);
        }
        SplittableRandom streams = new SplittableRandom(verificationSeed);
        List<EigEstimate> fresh = new ArrayList<>();
        int best = 0;
        for (int c = 0; c < candidates.size(); c++) {
            SplittableRandom rng = commonRandomNumbers ? new SplittableRandom(verificationSeed) : streams.split();
            fresh.add(reEstimator.estimate(estimates.get(candidates.get(c)).phi(), rng));
            if (fresh.get(c).value() > fresh.get(best).value()) {
                best = c;
            }
        }
        List<EigEstimate> searched = candidates.stream().map(estimates::get).toList();
        return new Verification(searched, fresh, best);
    }

    /**
     * The candidates (indices of evaluated settings): the two rankings — by GP mean and by the
     * search's own estimate — taken in turn, GP mean first, skipping a setting already taken or
     * within the separation of one, until {@code count} are taken; {@code p} is the GP's prediction
     * at the evaluated settings.
     */
    private List<Integer> candidates(Prediction p, int count) {
        Integer[] byMean = indicesByDecreasing(p.size(), p::mean);
        Integer[] byEstimate = indicesByDecreasing(estimates.size(), i -> estimates.get(i).value());
        List<Integer> taken = new ArrayList<>();
        for (int rank = 0; rank < byMean.length && taken.size() < count; rank++) {
            takeIfDistinct(taken, byMean[rank], count);
            takeIfDistinct(taken, byEstimate[rank], count);
        }
        return taken;
    }

    /**
     * The evaluated setting of highest GP mean at least {@link #RIVAL_SEPARATION} (in the unit box)
     * from every one of {@code taken}, if any.
     */
    private Optional<Integer> rival(Prediction p, List<Integer> taken) {
        List<double[]> others = taken.stream().map(t -> estimates.get(t).phi()).toList();
        return Arrays.stream(indicesByDecreasing(p.size(), p::mean))
                .filter(i -> separated(estimates.get(i).phi(), others, range, RIVAL_SEPARATION)).findFirst();
    }

    private static Integer[] indicesByDecreasing(int n, java.util.function.IntToDoubleFunction value) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(value.applyAsDouble(b), value.applyAsDouble(a)));
        return order;
    }

    private void takeIfDistinct(List<Integer> taken, int i, int count) {
        if (taken.size() < count && separated(estimates.get(i).phi(),
                taken.stream().map(t -> estimates.get(t).phi()).toList(), range)) {
            taken.add(i);
        }
    }

    /**
     * Whether {@code phi} lies at least {@link #MIN_SEPARATION} (in {@code range}'s unit box) from
     * every one of {@code taken}.
     */
    private static boolean separated(double[] phi, List<double[]> taken, Box range) {
        return separated(phi, taken, range, MIN_SEPARATION);
    }

    /**
     * Whether {@code phi} lies at least {@code minDistance} (in {@code range}'s unit box) from every
     * one of {@code taken}.
     */
    private static boolean separated(double[] phi, List<double[]> taken, Box range, double minDistance) {
        double[] u = unit(phi, range);
        return taken.stream().allMatch(t -> distance(unit(t, range), u) >= minDistance);
    }

    /** φ in the unit box of {@code range}, where the range's widths are 1. */
    private static double[] unit(double[] phi, Box range) {
        double[] u = new double[phi.length];
        for (int d = 0; d < phi.length; d++) {
            u[d] = (phi[d] - range.lower(d)) / (range.upper(d) - range.lower(d));
        }
        return u;
    }

    /**
     * The first {@code max} of {@code settings}, in order, that lie inside {@code range} and at least
     * {@link #MIN_SEPARATION} (in the unit box) from every one taken before them: where a caller
     * places its own estimates ({@link #stepAt}) without spending two on nearly the same φ.
     *
     * A setting outside the range (one an earlier, wider range allowed, or not finite) is skipped.
     *
     * @param settings candidate φ, each of length D<sub>φ</sub>, in order of preference
     * @param max      the most to take, ≥ 0
     * @return copies of the settings taken, at most {@code max}
     * @throws InvalidInputException for a negative {@code max} or a setting of another length than D<sub>φ</sub>
     */
    public static List<double[]> distinctSettings(List<double[]> settings, Box range, int max) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(range, "range");
        if (max < 0) {
            throw new InvalidInputException("distinct settings: expected a count of at least 0 but found " + max);
        }
        List<double[]> taken = new ArrayList<>();
        for (double[] phi : settings) {
            if (phi == null || phi.length != range.dim()) {
                throw new InvalidInputException("distinct settings: expected settings of " + range.dim()
                        + " values but found " + (phi == null ? "none" : Arrays.toString(phi)));
            }
            if (taken.size() >= max) {
                break;
            }
            if (!range.contains(phi)) {
                continue;
            }
            if (separated(phi, taken, range)) {
                taken.add(phi.clone());
            }
        }
        return taken;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += (a[d] - b[d]) * (a[d] - b[d]);
        }
        return Math.sqrt(s);
    }

    /**
     * What {@link #verify} re-estimated and chose.
     *
     * @param candidates the search's estimates at the re-estimated settings, in the order they were taken
     * @param estimates  the fresh estimates at the same settings, in the same order
     * @param best       the index of the largest fresh estimate: the choice
     */
    public record Verification(List<EigEstimate> candidates, List<EigEstimate> estimates, int best) {
        public Verification {
            candidates = List.copyOf(candidates);
            estimates = List.copyOf(estimates);
            if (candidates.size() != estimates.size() || best < 0 || best >= estimates.size()) {
                throw new InvalidInputException("EIG verification: expected as many fresh estimates as candidates and"
                        + " a choice among them but found " + candidates.size() + ", " + estimates.size() + " and "
                        + best);
            }
        }

        /** The fresh estimate at the chosen setting. */
        public EigEstimate chosen() {
            return estimates.get(best);
        }

        public double[] phi() {
            return chosen().phi();
        }
    }

    /**
     * The recommended setting.
     *
     * @param index    which estimate (in evaluation order)
     * @param estimate the EIG estimate there
     * @param gpMean   the GP posterior mean of EIG there
     * @param model    the fitted Gaussian process
     */
    public record Recommendation(int index, EigEstimate estimate, double gpMean, GaussianProcess model) {
        public double[] phi() {
            return estimate.phi();
        }
    }
}

package org.robotphysicist.engine.design.eig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.engine.design.acquisition.Goal;
import org.robotphysicist.engine.design.bo.BayesianOptimizer;
import org.robotphysicist.engine.design.bo.BoConfig;
import org.robotphysicist.engine.design.gp.GaussianProcess;
import org.robotphysicist.engine.design.gp.Prediction;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * Bayesian optimization of EIG(φ) over a box of settings for one prior: each {@link #step()} asks
 * the {@link BayesianOptimizer} for the next φ, estimates EIG there and tells the optimizer the
 * estimate with its squared standard error as known noise variance. {@link #recommend} fits the
 * Gaussian process to every estimate and returns the evaluated φ with the highest GP mean — the
 * noise-robust choice (the largest raw estimate favours lucky noise). With common random numbers
 * no two estimates lie closer than {@link #MIN_SEPARATION}; {@link #stepAt} and
 * {@link #stepAtModelOptimum} let the caller place an estimate itself or exploit the model.
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

    private final ExpectedInformationGain eig;
    private final Prior prior;
    private final GridPosterior priorOnGrid;
    private final BayesianOptimizer optimizer;
    private final long eigSeed;
    private final boolean commonRandomNumbers;
    private final SplittableRandom streams;
    private final List<EigEstimate> estimates = new ArrayList<>();
    private final Box range;

    private EigSearch(ExpectedInformationGain eig, Prior prior, Box range, BayesianOptimizer optimizer, long eigSeed,
            boolean commonRandomNumbers) {
        this.eig = eig;
        this.range = range;
        this.prior = prior;
        this.priorOnGrid = eig.priorOnGrid(prior);
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
        if (config.goal() != Goal.MAXIMIZE) {
            throw new InvalidInputException("EIG search: expected an optimizer that maximizes but found goal "
                    + config.goal());
        }
        eig.likelihood().simulator().phiDomain().require("phi range lower corner", phiRange.lower());
        eig.likelihood().simulator().phiDomain().require("phi range upper corner", phiRange.upper());
        return new EigSearch(eig, prior, phiRange, BayesianOptimizer.start(phiRange, config, boSeed), eigSeed,
                commonRandomNumbers);
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
     * the previous round's choice, whose neighbourhood often stays good as the prior narrows.
     */
    public EigEstimate stepAt(double[] phi) {
        range.require("search setting", phi);
        return evaluate(phi.clone());
    }

    private EigEstimate evaluate(double[] phi) {
        SplittableRandom rng = commonRandomNumbers ? new SplittableRandom(eigSeed) : streams.split();
        EigEstimate e = eig.estimate(priorOnGrid, prior, phi, rng);
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

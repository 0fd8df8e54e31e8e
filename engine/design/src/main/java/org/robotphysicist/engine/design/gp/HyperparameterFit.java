package org.robotphysicist.engine.design.gp;

import java.util.SplittableRandom;
import org.robotphysicist.engine.design.optim.BoundedLbfgs;

/**
 * Type-II maximum likelihood for the kernel hyperparameters: maximizes log p(t | θ) over the box of
 * {@link GpConfig} bounds on a log scale, by {@link BoundedLbfgs} with the analytic gradient, from
 * {@code restarts + 1} starts — the default start (ℓ = 0.5, σ<sub>f</sub>² = 1, σ<sub>n</sub>² = 10⁻³,
 * each clamped into its bounds) followed by {@code restarts} starts drawn uniformly in log-space
 * from the given random stream. The best local optimum wins.
 *
 * @param hyperparameters the winning hyperparameters
 * @param logLikelihood   log p(t | θ̂) of the standardized outputs
 * @param starts          local optimizations run
 * @param evaluations     marginal-likelihood evaluations in all
 */
record HyperparameterFit(GpHyperparameters hyperparameters, double logLikelihood, int starts, int evaluations) {

    static final double DEFAULT_LENGTH_SCALE = 0.5;
    static final double DEFAULT_SIGNAL_VARIANCE = 1.0;
    static final double DEFAULT_NOISE_VARIANCE = 1e-3;

    /**
     * @param x          unit-box points, row-major (n, d)
     * @param t          standardized outputs
     * @param knownNoise known noise variances, standardized units
     * @throws IllegalStateException when no start reaches a finite likelihood
     */
    static HyperparameterFit run(GpConfig config, double[] x, int n, int d, double[] t, double[] knownNoise,
            SplittableRandom rng) {
        int p = config.parameterCount(d);
        double[] lower = new double[p];
        double[] upper = new double[p];
        double[] start = new double[p];
        for (int c = 0; c < d; c++) {
            lower[c] = Math.log(config.lengthScale().lower());
            upper[c] = Math.log(config.lengthScale().upper());
            start[c] = Math.log(config.lengthScale().clamp(DEFAULT_LENGTH_SCALE));
        }
        lower[d] = Math.log(config.signalVariance().lower());
        upper[d] = Math.log(config.signalVariance().upper());
        start[d] = Math.log(config.signalVariance().clamp(DEFAULT_SIGNAL_VARIANCE));
        if (config.learnNoise()) {
            lower[d + 1] = Math.log(config.noiseVariance().lower());
            upper[d + 1] = Math.log(config.noiseVariance().upper());
            start[d + 1] = Math.log(config.noiseVariance().clamp(DEFAULT_NOISE_VARIANCE));
        }
        BoundedLbfgs.Settings settings = BoundedLbfgs.Settings.of(config.maxIterations());
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        MarginalLikelihood objective = new MarginalLikelihood(config.kernel(), x, n, d, t, knownNoise,
                config.learnNoise());
        for (int s = 0; s <= config.restarts(); s++) {
            if (s > 0) {
                for (int j = 0; j < p; j++) {
                    start[j] = lower[j] + (upper[j] - lower[j]) * rng.nextDouble();
                }
            }
            BoundedLbfgs.Result r = BoundedLbfgs.minimize(objective, start, lower, upper, settings);
            if (r.value() < bestValue) {
                bestValue = r.value();
                best = r.x();
            }
        }
        if (best == null) {
            throw new IllegalStateException("GP hyperparameter fit: the kernel matrix could not be factored at any of "
                    + (config.restarts() + 1) + " starts, even with jitter; are there duplicate points with "
                    + "conflicting values and no noise?");
        }
        return new HyperparameterFit(GpHyperparameters.fromLog(best, d, config.learnNoise()), -bestValue,
                config.restarts() + 1, objective.evaluations());
    }
}

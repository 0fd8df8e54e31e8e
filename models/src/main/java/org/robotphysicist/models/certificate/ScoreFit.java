package org.robotphysicist.engine.surrogate;

import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.training.data.ParameterSampler;

/**
 * How much of a simulator's joint scores a trained surrogate's own θ-score explains, on fresh
 * events: the check that a surrogate trained to regress the joint scores (the score weight α &gt; 0)
 * learned a θ-dependence and did not diverge into one that is erratic in θ.
 *
 * <p>M events (x<sub>i</sub>, θ<sub>i</sub>, φ<sub>i</sub>) are simulated with their joint scores
 * t<sub>i</sub> = ∇<sub>θ</sub> log p(x<sub>i</sub>, z<sub>i</sub> | θ<sub>i</sub>, φ<sub>i</sub>)
 * (θ from the training's θ sampler, kept h<sub>k</sub> inside the surrogate's θ range; φ from its φ
 * sampler), and the surrogate's score is the central difference of its log-likelihood,
 * <pre>
 *   ŝ_k(x, θ, φ) = (log q(x | θ + h_k e_k, φ) − log q(x | θ − h_k e_k, φ)) / (2 h_k),   h_k = 10⁻³ · (width of θ_k's range)
 *   R² = 1 − Σ_i Σ_k (ŝ_k,i − t_k,i)² / Σ_i Σ_k (t_k,i − t̄_k)²
 * </pre>
 * Since E[t | x, θ, φ] is the likelihood's score s*, the expected squared error of ŝ is that of s*
 * plus E[(ŝ − s*)²], and s*'s is at most the variance of t: the exact likelihood scores R² ≥ 0 (R² = 1
 * for a simulator without latent variables, whose joint score is s* itself). <b>R² &lt; 0 therefore
 * means the surrogate's θ-dependence is further from the truth than none at all</b> — a training too
 * brief to have learned it, or one that diverged into a likelihood erratic in θ — and
 * {@link #failed()} says so. Between 0 and 1 the figure is informative but not a verdict: latent
 * variables lower the best attainable R² by their share of t's variance, and where the events carry
 * no information about θ at all even the exact likelihood scores 0 up to Monte Carlo noise.
 *
 * @param rSquared the explained share R² (≤ 1; negative when the surrogate's score is worse than a constant)
 * @param events   M, the events it was measured on
 */
public record ScoreFit(double rSquared, int events) {
    /** M, the events {@link #measure} simulates by default. */
    public static final int DEFAULT_EVENTS = 20_000;
    /** h<sub>k</sub> as a share of θ<sub>k</sub>'s range. */
    static final double RELATIVE_STEP = 1e-3;

    public ScoreFit {
        if (Double.isNaN(rSquared) || rSquared > 1 + 1e-12 || events < 2) {
            throw new InvalidInputException("score fit: expected R^2 <= 1 from at least 2 events but found R^2 = "
                    + rSquared + " from " + events);
        }
    }

    /**
     * Measures {@code surrogate}'s score fit on {@code events} events simulated from {@code simulator} at θ from
     * {@code thetas} and φ from {@code phis}, with stream {@code rng}.
     *
     * @throws InvalidInputException for fewer than 2 events, a θ range too narrow for the step, or joint scores
     *                               without spread (nothing to explain)
     */
    public static ScoreFit measure(SurrogateLikelihood surrogate, JointScoreSimulator simulator, ParameterSampler thetas,
            ParameterSampler phis, int events, SplittableRandom rng) {
        if (events < 2) {
            throw new InvalidInputException("score fit: expected at least 2 events but found " + events);
        }
        Box range = surrogate.thetaRange();
        int dTheta = range.dim();
        double[] step = new double[dTheta];
        for (int k = 0; k < dTheta; k++) {
            step[k] = RELATIVE_STEP * (range.upper(k) - range.lower(k));
            if (!(step[k] > 0) || !Double.isFinite(step[k])) {
                throw new InvalidInputException("score fit: expected a bounded theta range of positive width but found "
                        + range);
            }
        }
        Matrix theta = inside(thetas.sample(events, rng), range, step);
        Matrix phi = phis.sample(events, rng);
        JointScoreSimulator.ScoredEvents drawn = simulator.simulateBatchWithScores(theta, phi, 1, rng);
        Matrix x = drawn.events().x();
        double squaredError = 0;
        double spread = 0;
        for (int k = 0; k < dTheta; k++) {
            double[] up = surrogate.logLikelihood(x, shifted(theta, k, step[k]), phi);
            double[] down = surrogate.logLikelihood(x, shifted(theta, k, -step[k]), phi);
            double mean = 0;
            for (int i = 0; i < events; i++) {
                mean += drawn.scores().get(i, k) / events;
            }
            for (int i = 0; i < events; i++) {
                double t = drawn.scores().get(i, k);
                double residual = (up[i] - down[i]) / (2 * step[k]) - t;
                squaredError += residual * residual;
                spread += (t - mean) * (t - mean);
            }
        }
        if (!(spread > 0)) {
            throw new InvalidInputException("score fit: expected joint scores that vary across events but found all"
                    + " equal over " + events + " events");
        }
        return new ScoreFit(Double.isFinite(squaredError) ? 1 - squaredError / spread : Double.NEGATIVE_INFINITY,
                events);
    }

    /** True when R² &lt; 0: the surrogate's θ-score is further from the joint scores than a constant is. */
    public boolean failed() {
        return rSquared < 0;
    }

    /** "its theta-score explains R^2 = 0.962 of the joint scores' variance (20000 fresh events)". */
    public String describe() {
        return String.format(Locale.ROOT, "its theta-score explains R^2 = %.3g of the joint scores' variance (%d fresh"
                + " events)", rSquared, events);
    }

    /** The warning printed for a {@link #failed()} fit, naming the figure and what to do. */
    public String warning(String kind) {
        return String.format(Locale.ROOT, "WARNING: the %s's theta-score explains R^2 = %.3g of the joint scores'"
                + " variance on %d fresh events; expected at least 0 (a constant does that well): it has not learned how"
                + " the likelihood depends on theta, from too brief a training or one that diverged. Its posteriors and"
                + " design choices are not to be trusted; retrain with more rows or epochs, another --seed, a lower"
                + " --learning-rate or a lower --score-weight.", kind, rSquared, events);
    }

    /** {@code theta} with each component k moved inside [lower + h_k, upper − h_k]. */
    private static Matrix inside(Matrix theta, Box range, double[] step) {
        double[] v = theta.toArray();
        int d = step.length;
        for (int i = 0; i < v.length; i++) {
            int k = i % d;
            v[i] = Math.min(range.upper(k) - step[k], Math.max(range.lower(k) + step[k], v[i]));
        }
        return Matrix.of(theta.rows(), d, v);
    }

    /** {@code theta} with component k moved by {@code by} in every row. */
    private static Matrix shifted(Matrix theta, int k, double by) {
        double[] v = theta.toArray();
        int d = theta.cols();
        for (int i = k; i < v.length; i += d) {
            v[i] += by;
        }
        return Matrix.of(theta.rows(), d, v);
    }
}

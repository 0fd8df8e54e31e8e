package org.robotphysicist.models.certificate;

import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;

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
 * <p>Measured by the engine right after a training (its {@code ScoreFitMeasurement}: on fresh
 * simulations, or on the training rows where those are event files carrying their joint scores) and saved in
 * the model file's manifest ({@link org.robotphysicist.models.file.ModelManifest#scoreFit()}), so a
 * network read back states it too. Immutable and validated.
 *
 * @param rSquared the explained share R² (≤ 1; negative when the surrogate's score is worse than a constant)
 * @param events   M, the events it was measured on
 * @param fresh    whether they were simulated for the measurement (true) or drawn from the rows the surrogate
 *                 was trained on, where those came with their joint scores (false: the figure still tells a
 *                 diverged training from a working one, but does not test generalization; null, as in a
 *                 manifest written before the field existed, reads as true, the only kind measured then)
 */
public record ScoreFit(double rSquared, int events, Boolean fresh) {
    /** Checks the figures (R² may be −∞, for a surrogate whose score is not even finite). */
    public ScoreFit {
        fresh = fresh == null || fresh;
        if (Double.isNaN(rSquared) || rSquared > 1 + 1e-12 || events < 2) {
            throw new InvalidInputException("score fit: expected R^2 <= 1 from at least 2 events but found R^2 = "
                    + rSquared + " from " + events);
        }
    }

    /** True when R² &lt; 0: the surrogate's θ-score is further from the joint scores than a constant is. */
    public boolean failed() {
        return rSquared < 0;
    }

    /**
     * "its theta-score explains R^2 = 0.962 of the joint scores' variance (20000 fresh events)", or "(… of
     * its training events)".
     */
    public String describe() {
        return String.format(Locale.ROOT, "its theta-score explains R^2 = %.3g of the joint scores' variance (%d %s)",
                rSquared, events, eventsText());
    }

    private String eventsText() {
        return fresh ? "fresh events" : "of its training events";
    }

    /** The warning printed for a {@link #failed()} fit, naming the figure and what to do. */
    public String warning(String kind) {
        return String.format(Locale.ROOT, "WARNING: the %s's theta-score explains R^2 = %.3g of the joint scores'"
                + " variance on %d %s; expected at least 0 (a constant does that well): it has not learned how"
                + " the likelihood depends on theta, from too brief a training or one that diverged. Its posteriors and"
                + " design choices are not to be trusted; retrain with more rows or epochs, another --seed, a lower"
                + " --learning-rate, a smaller --gradient-clip or a lower --score-weight.", kind, rSquared, events,
                eventsText());
    }
}

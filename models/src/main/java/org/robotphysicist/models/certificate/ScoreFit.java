package org.robotphysicist.models.certificate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * <p><b>By setting.</b> A network can fit the scores where they are large and be wrong where they
 * are small, which the pooled R² hides: the events are also cut into {@link Slice}s of the φ range,
 * equal-width intervals along each φ component, and R² is computed within each (t̄<sub>k</sub> the
 * slice's own mean). The same argument makes the exact likelihood's R² ≥ 0 in every slice, so a
 * slice below 0 means the surrogate's θ-dependence there is worse than none: its posteriors at those
 * settings, and a design's judgement of them, are not to be trusted. {@link #failed()} counts it.
 * Each slice also records the surrogate's θ-information there as a share of the joint scores',
 * Σ ŝ² / Σ t² ({@link Slice#information()}): the exact likelihood's is 1 without latent variables and
 * at most 1 with them (E[s*²] ≤ E[t²]), so a share well above 1 says the surrogate over-rates what
 * events at those settings tell about θ. It is reported, not judged: with ~1700 events a slice's
 * share varies by about ±0.1 between measurements, and what misleads a design is the information
 * near its posterior, which slices over the whole θ range average away.
 *
 * @param rSquared the explained share R² over all events (≤ 1; negative when the surrogate's score is worse
 *                 than a constant)
 * @param events   M, the events it was measured on
 * @param fresh    whether they were simulated for the measurement (true) or drawn from the rows the surrogate
 *                 was trained on, where those came with their joint scores (false: the figure still tells a
 *                 diverged training from a working one, but does not test generalization; null, as in a
 *                 manifest written before the field existed, reads as true, the only kind measured then)
 * @param information the surrogate's θ-information over all events as a share of the joint scores', Σ Σ<sub>k</sub>
 *                 ŝ<sub>k</sub>² / Σ Σ<sub>k</sub> t<sub>k</sub>² (≥ 0, +∞ for a score that is not finite; see
 *                 {@link Slice#information()}); null in a manifest written before the field existed
 * @param slices   R² within slices of the φ range, every slice that held enough events; empty for a surrogate
 *                 without settings, too few events, or a manifest written before the field existed (null)
 */
public record ScoreFit(double rSquared, int events, Boolean fresh,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double information, List<Slice> slices) {
    /**
     * R² within one slice of the φ range: the events whose component {@code setting} lies in
     * [{@code lower}, {@code upper}).
     *
     * @param setting  the φ component's name
     * @param lower    the slice's lower edge
     * @param upper    its upper edge (the last slice includes it)
     * @param events   the events in the slice
     * @param rSquared R² within the slice, about the slice's own mean score
     * @param information the surrogate's θ-information there as a share of the joint scores',
     *                 Σ Σ<sub>k</sub> ŝ<sub>k</sub>² / Σ Σ<sub>k</sub> t<sub>k</sub>² (≥ 0, +∞ for a score that is not
     *                 finite)
     */
    public record Slice(String setting, double lower, double upper, int events, double rSquared, double information) {
        /** Checks the figures. */
        public Slice {
            if (setting == null || !(lower < upper) || events < 2 || Double.isNaN(rSquared) || rSquared > 1 + 1e-12
                    || !(information >= 0)) {
                throw new InvalidInputException("score fit slice: expected a named setting, lower < upper, at least 2"
                        + " events, R^2 <= 1 and an information share >= 0 but found " + setting + " in [" + lower
                        + ", " + upper + "), " + events + " events, R^2 = " + rSquared + ", information "
                        + information);
            }
        }

        /** "sqrt_s in [95, 100]": the edges to four significant digits. */
        public String where() {
            return setting + " in [" + compact(lower) + ", " + compact(upper) + "]";
        }

        private static String compact(double v) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
                    .toPlainString();
        }
    }

    /** Checks the figures (R² may be −∞, for a surrogate whose score is not even finite). */
    public ScoreFit {
        fresh = fresh == null || fresh;
        slices = slices == null ? List.of() : List.copyOf(slices);
        if (Double.isNaN(rSquared) || rSquared > 1 + 1e-12 || events < 2 || (information != null
                && !(information >= 0))) {
            throw new InvalidInputException("score fit: expected R^2 <= 1 and an information share >= 0 from at least"
                    + " 2 events but found R^2 = " + rSquared + ", information " + information + " from " + events);
        }
    }

    /** A fit measured over all events alone, without its information share or slices by setting. */
    public ScoreFit(double rSquared, int events, Boolean fresh) {
        this(rSquared, events, fresh, null, List.of());
    }

    /** The slice with the lowest R², if any slice was measured. */
    public Optional<Slice> worstSlice() {
        return slices.stream().min(Comparator.comparingDouble(Slice::rSquared));
    }

    /**
     * True when R² &lt; 0 over all events, or within some slice of the φ range: the surrogate's θ-score
     * is further from the joint scores than a constant is, everywhere or at some settings.
     */
    public boolean failed() {
        return rSquared < 0 || worstSlice().filter(w -> w.rSquared() < 0).isPresent();
    }

    /**
     * "its theta-score explains R^2 = 0.962 of the joint scores' variance (20000 fresh events; lowest by setting
     * 0.871 at sqrt_s in [95, 100])", or "(… of its training events)".
     */
    public String describe() {
        return String.format(Locale.ROOT, "its theta-score explains R^2 = %.3g of the joint scores' variance (%d %s%s)",
                rSquared, events, eventsText(), worstSlice().map(w -> String.format(Locale.ROOT,
                        "; lowest by setting %.3g at %s", w.rSquared(), w.where())).orElse(""));
    }

    private String eventsText() {
        return fresh ? "fresh events" : "of its training events";
    }

    /**
     * The warning printed for a {@link #failed()} fit, naming the figure, where it failed and what to do.
     */
    public String warning(String kind) {
        String advice = " retrain with more rows or epochs, another --seed, a lower --learning-rate, a smaller"
                + " --gradient-clip or a lower --score-weight.";
        if (rSquared < 0 || worstSlice().isEmpty()) {
            return String.format(Locale.ROOT, "WARNING: the %s's theta-score explains R^2 = %.3g of the joint scores'"
                    + " variance on %d %s; expected at least 0 (a constant does that well): it has not learned how"
                    + " the likelihood depends on theta, from too brief a training or one that diverged. Its posteriors"
                    + " and design choices are not to be trusted;" + advice, kind, rSquared, events, eventsText());
        }
        Slice w = worstSlice().get();
        return String.format(Locale.ROOT, "WARNING: the %s's theta-score explains R^2 = %.3g of the joint scores'"
                + " variance at %s (%d of %d %s), though %.3g over all; expected at least 0 at every setting (a"
                + " constant does that well): it has not learned how the likelihood depends on theta there. Its"
                + " posteriors at those settings, and a design's judgement of them, are not to be trusted;" + advice,
                kind, w.rSquared(), w.where(), w.events(), events, eventsText(), rSquared);
    }
}

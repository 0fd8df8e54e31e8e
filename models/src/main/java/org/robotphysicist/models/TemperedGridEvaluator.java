package org.robotphysicist.models;

import java.util.List;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.certificate.LikelihoodTempering;

/**
 * An evaluator whose sums are tempered by the surrogate's fitted systematic error: for an
 * experiment of N events at φ,
 * <pre>
 *   S_j = Σ_{i&lt;N} log p̂(x_i | θ_j, φ) / τ(φ, N),   τ(φ, N) = 1 + κ(φ)·N   ({@link LikelihoodTempering}),
 * </pre>
 * so that a posterior, an EIG estimate or a sampler built on it carries the surrogate's own
 * uncertainty. The sums come from the wrapped evaluator (its tiles, device and fast paths); the
 * division happens in float64 once per experiment. Thread-safe when the wrapped evaluator is.
 */
public final class TemperedGridEvaluator implements GridEvaluator {
    private final GridEvaluator inner;
    private final SurrogateLikelihood surrogate;
    private final LikelihoodTempering tempering;

    /**
     * Tempers {@code inner}'s sums by {@code tempering}; {@code surrogate} is the one reported by
     * {@link #surrogate()} (the tempered surrogate whose untempered evaluator {@code inner} is).
     */
    public TemperedGridEvaluator(GridEvaluator inner, SurrogateLikelihood surrogate,
            LikelihoodTempering tempering) {
        this.inner = inner;
        this.surrogate = surrogate;
        this.tempering = tempering;
    }

    @Override
    public SurrogateLikelihood surrogate() {
        return surrogate;
    }

    /** The tempering applied. */
    public LikelihoodTempering tempering() {
        return tempering;
    }

    @Override
    public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
        return divide(inner.logLikelihoodSums(events, thetas, phi), tempering.temperature(phi, events.rows()));
    }

    @Override
    public double[][] logLikelihoodSums(List<Matrix> datasets, Matrix thetas, double[] phi) {
        double[][] sums = inner.logLikelihoodSums(datasets, thetas, phi);
        for (int k = 0; k < sums.length; k++) {
            divide(sums[k], tempering.temperature(phi, datasets.get(k).rows()));
        }
        return sums;
    }

    @Override
    public String device() {
        return inner.device();
    }

    private static double[] divide(double[] sums, double tau) {
        if (tau != 1) {
            for (int j = 0; j < sums.length; j++) {
                sums[j] /= tau;
            }
        }
        return sums;
    }

    @Override
    public String toString() {
        return "TemperedGridEvaluator(" + tempering.describe() + ", " + inner + ")";
    }
}

package org.robotphysicist.engine.posterior;

import java.util.List;
import java.util.stream.IntStream;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.compute.Cancellation;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.certificate.LikelihoodTempering;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.TemperedSurrogate;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;

/**
 * The engine's inner loop: for an experiment's N events and M θ points,
 * <pre>
 *   S_j = Σ_{i&lt;N} log p̂(x_i | θ_j, φ),   j &lt; M,
 * </pre>
 * the summed surrogate log-likelihood a posterior needs (up to the surrogate's θ-independent
 * constant). Implementations cut the N × M pairs into tiles of bounded memory, reduce over events
 * within a tile, and accumulate across tiles in float64 with compensated summation, so the result
 * does not depend on the tiling beyond round-off (≤ 10⁻⁹ relative in float64).
 *
 * <p>{@link TiledPosteriorEvaluator} works with every {@link SurrogateLikelihood}; faster
 * implementations for particular surrogates (a device-tiled MLP with a split first layer) plug in
 * behind this interface and are picked by {@link #forSurrogate}. Everything above it — grid
 * posteriors, combined experiments, samplers, diagnostics — only sees this interface.
 *
 * <p>Contract for implementations: validate with
 * {@link org.robotphysicist.models.SurrogateArguments#requireGridCall}; return a new array of
 * length M whose entries are finite or −∞ (a zero likelihood); never NaN or +∞ (throw instead,
 * naming the grid point); be safe to call from several threads.
 */
public interface PosteriorEvaluator {

    /** The surrogate whose log-likelihood is summed; its dimensions and ranges define valid input. */
    SurrogateLikelihood surrogate();

    /**
     * S<sub>j</sub> = Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ) for every θ point.
     *
     * @param events (N, D<sub>x</sub>), N ≥ 1
     * @param thetas (M, D<sub>θ</sub>), M ≥ 1, inside the surrogate's θ range
     * @param phi    length D<sub>φ</sub>, inside the surrogate's φ range
     * @return length M, float64, finite or −∞
     */
    double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi);

    /**
     * The sums for K datasets observed at the same setting, S<sub>k,j</sub> =
     * Σ<sub>i</sub> log p̂(x<sub>k,i</sub> | θ<sub>j</sub>, φ): what an expected-information-gain
     * estimate needs for its simulated datasets. The default evaluates the datasets in parallel,
     * one {@link #logLikelihoodSums(Matrix, Matrix, double[])} call each; a device implementation
     * overrides it to put all K·N events through one tiled pass.
     *
     * @param datasets K ≥ 1 event matrices (N<sub>k</sub> ≥ 1, D<sub>x</sub>)
     * @param thetas   (M, D<sub>θ</sub>)
     * @param phi      length D<sub>φ</sub>
     * @return K arrays of length M
     */
    default double[][] logLikelihoodSums(List<Matrix> datasets, Matrix thetas, double[] phi) {
        if (datasets == null || datasets.isEmpty()) {
            throw new InvalidInputException("datasets: expected at least one event matrix but"
                    + " found none");
        }
        double[][] out = new double[datasets.size()][];
        IntStream.range(0, out.length).parallel()
                .forEach(k -> out[k] = logLikelihoodSums(datasets.get(k), thetas, phi));
        return out;
    }

    /**
     * Where the sums are computed, for logs, reports and provenance (for example "cpu" or
     * "gpu(0)"); an implementation that fell back from a requested accelerator says so here.
     */
    default String device() {
        return "cpu";
    }

    /**
     * The best evaluator available for {@code surrogate}, with automatic tiles: the device
     * evaluator with the split first layer ({@link SplitMlpPosteriorEvaluator}) for a
     * {@link ParameterizedRatioClassifier}, an {@link EnsemblePosteriorEvaluator} (one evaluator per
     * member) for a {@link SurrogateEnsemble}, the generic {@link TiledPosteriorEvaluator} otherwise;
     * for a {@link TemperedSurrogate}, the wrapped surrogate's evaluator with its sums tempered
     * ({@link TemperedPosteriorEvaluator}; an ensemble's members each tempered).
     */
    static PosteriorEvaluator forSurrogate(SurrogateLikelihood surrogate) {
        return forSurrogate(surrogate, Cancellation.none());
    }

    /**
     * As {@link #forSurrogate(SurrogateLikelihood)}, checking {@code cancellation} before every
     * tile: once it is cancelled or past its deadline, calls stop within one tile with a
     * {@link org.robotphysicist.engine.compute.ComputationCancelledException}.
     */
    static PosteriorEvaluator forSurrogate(SurrogateLikelihood surrogate, Cancellation cancellation) {
        if (surrogate instanceof TemperedSurrogate tempered) {
            LikelihoodTempering tempering = tempered.tempering();
            if (tempered.surrogate() instanceof SurrogateEnsemble ensemble) {
                return new EnsemblePosteriorEvaluator(ensemble, tempering, cancellation);
            }
            return new TemperedPosteriorEvaluator(forSurrogate(tempered.surrogate(), cancellation), tempered,
                    tempering);
        }
        if (surrogate instanceof ParameterizedRatioClassifier classifier) {
            return SplitMlpPosteriorEvaluator.automatic(classifier, cancellation);
        }
        if (surrogate instanceof SurrogateEnsemble ensemble) {
            return new EnsemblePosteriorEvaluator(ensemble, cancellation);
        }
        return new TiledPosteriorEvaluator(surrogate, TilingConfig.automatic(), cancellation);
    }
}

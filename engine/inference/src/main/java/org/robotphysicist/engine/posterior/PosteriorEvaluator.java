package org.robotphysicist.engine.posterior;

import java.util.List;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.models.GridEvaluator;
import org.robotphysicist.models.SurrogateLikelihood;

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
 * <p>Every surrogate computes its sums through its own {@link GridEvaluator}
 * ({@link SurrogateLikelihood#gridEvaluator}: the generic tiled path, the ratio classifier's
 * device-tiled split first layer, a flow's device reduction, a tempered or ensemble wrapper's
 * evaluator built from its surrogates'); {@link #forSurrogate} makes it the engine's evaluator.
 * Everything above it — grid posteriors, combined experiments, samplers, diagnostics — only sees
 * this interface. A surrogate ensemble's evaluator carries one evaluator per member
 * ({@link #members()}), whose posteriors make the ensemble's.
 *
 * <p>The contract is {@link GridEvaluator}'s: validate with
 * {@link org.robotphysicist.models.SurrogateArguments#requireGridCall}; return a new array of
 * length M whose entries are finite or −∞ (a zero likelihood); never NaN or +∞ (throw instead,
 * naming the grid point); be safe to call from several threads.
 */
public interface PosteriorEvaluator extends GridEvaluator {

    /**
     * The evaluators of a surrogate ensemble's members, in member order (the ensemble's posterior is
     * the mixture of their posteriors); empty for a single surrogate.
     */
    @Override
    default List<? extends PosteriorEvaluator> members() {
        return List.of();
    }

    /**
     * Simulates K experiments and sums each one's log-likelihood over the grid:
     * S<sub>k,j</sub> = Σ<sub>i</sub> log p̂(x<sub>k,i</sub> | θ<sub>j</sub>, φ) for the events of
     * experiment k ({@link SimulatedExperiments#run}). This default runs the experiments here, in
     * parallel, then makes one {@link #logLikelihoodSums(List, Matrix, double[])} call over the
     * non-empty ones; an evaluator that sums elsewhere (on a cluster) may simulate there too, with
     * the same streams and so the same events.
     *
     * @param thetas (M, D<sub>θ</sub>) grid points
     * @return the sums (null for an experiment without events) and each experiment's event count
     */
    default SimulatedSums simulateAndSum(SimulatedExperiments experiments, Matrix thetas) {
        return SimulatedSums.of(this, experiments.runAll(), thetas, experiments.phi());
    }

    /** The surrogate's own evaluator ({@link SurrogateLikelihood#gridEvaluator}), with automatic tiles. */
    static PosteriorEvaluator forSurrogate(SurrogateLikelihood surrogate) {
        return forSurrogate(surrogate, Cancellation.none());
    }

    /**
     * As {@link #forSurrogate(SurrogateLikelihood)}, checking {@code cancellation} before every
     * tile: once it is cancelled or past its deadline, calls stop within one tile with a
     * {@link org.robotphysicist.data.compute.ComputationCancelledException}.
     */
    static PosteriorEvaluator forSurrogate(SurrogateLikelihood surrogate, Cancellation cancellation) {
        return of(surrogate.gridEvaluator(cancellation));
    }

    /** {@code evaluator} (for example one with fixed tiles) as the engine's evaluator; members likewise. */
    static PosteriorEvaluator of(GridEvaluator evaluator) {
        return new SurrogateGridEvaluator(evaluator);
    }
}

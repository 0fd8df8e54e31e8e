package org.robotphysicist.models;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.BoxUnion;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;

/**
 * A learned (or tabulated) stand-in for the simulator's likelihood p(x | θ, φ).
 *
 * <p>Values are log p̂(x | θ, φ) <em>up to a θ-independent constant</em>: a term that depends on
 * x and φ only may be dropped (a ratio classifier returns log p(x|θ,φ) − log p(x|φ)). Differences
 * across θ at fixed (x, φ) are therefore meaningful; absolute values are meaningful only when
 * {@link #isNormalized()} is true.
 *
 * <p>Implementations validate their arguments with {@link SurrogateArguments}: shapes, finiteness
 * and the θ/φ ranges the surrogate covers.
 */
public interface SurrogateLikelihood {

    /** Dimensions of θ, φ and x this surrogate was built for. */
    Dimensions dimensions();

    /** The θ box the surrogate is valid on (its training or tabulation range). */
    Box thetaRange();

    /** The φ box the surrogate is valid on (the bounding box where it covers several: {@link #phiUnion()}). */
    Box phiRange();

    /**
     * The φ boxes the surrogate is valid on: the one box {@link #phiRange()}, or the several a model
     * was trained across, which leave gaps inside their bounding box.
     */
    default BoxUnion phiUnion() {
        return BoxUnion.of(phiRange());
    }

    /**
     * What evaluating outside {@link #thetaRange()} and {@link #phiUnion()} does: {@link RangePolicy#FAIL}
     * unless a trained model was loaded with another policy.
     */
    default RangePolicy rangePolicy() {
        return RangePolicy.FAIL;
    }

    /** True when values are normalized log-densities over x, not just up to a constant. */
    boolean isNormalized();

    /**
     * What this surrogate knows about its own reliability for {@code events} events at one setting:
     * one message per size it was fitted for that the experiments exceed (a ratio classifier's
     * normalization table, sized for a number of events per experiment, say). Empty by default.
     *
     * @param events the events observed at one setting φ, all experiments there together (≥ 1)
     * @return the warnings, each naming the size fitted for, the size asked for and what it costs
     */
    default java.util.List<String> eventCountWarnings(long events) {
        return java.util.List.of();
    }

    /**
     * Row-aligned evaluation: element b is log p̂(x<sub>b</sub> | θ<sub>b</sub>, φ<sub>b</sub>).
     *
     * @param x     (B, D<sub>x</sub>)
     * @param theta (B, D<sub>θ</sub>)
     * @param phi   (B, D<sub>φ</sub>)
     * @return length B
     */
    double[] logLikelihood(Matrix x, Matrix theta, Matrix phi);

    /**
     * Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ) for every grid row j, the quantity a
     * grid posterior needs. The default forms the N×M pairs in tiles of at most
     * {@value #DEFAULT_TILE_ROWS} rows and sums in double precision; implementations override it
     * when they can share work across pairs.
     *
     * @param events    (N, D<sub>x</sub>), N ≥ 1
     * @param thetaGrid (M, D<sub>θ</sub>)
     * @param phi       length D<sub>φ</sub>, one setting for all events
     * @return length M
     */
    default double[] summedLogLikelihood(Matrix events, Matrix thetaGrid, double[] phi) {
        SurrogateArguments.requireGridCall(this, events, thetaGrid, phi);
        return GridSums.sum(events, thetaGrid, phi, DEFAULT_TILE_ROWS, this::logLikelihood);
    }

    /**
     * This surrogate's own way to sum its log-likelihood over events on a θ grid, with automatic
     * tiles, checking {@code cancellation} before every tile (once it is cancelled or past its
     * deadline, calls stop within one tile with a
     * {@link org.robotphysicist.data.compute.ComputationCancelledException}). The default is the
     * generic {@link TiledGridEvaluator} over {@link #summedLogLikelihood}; a surrogate with a faster
     * path, or a wrapper of other surrogates, returns its own.
     *
     * @param cancellation checked between tiles ({@link Cancellation#none()} for none)
     * @return a thread-safe evaluator of this surrogate's grid sums
     */
    default GridEvaluator gridEvaluator(Cancellation cancellation) {
        return new TiledGridEvaluator(this, TilingConfig.automatic(), cancellation);
    }

    /** Tile size of the default {@link #summedLogLikelihood}. */
    int DEFAULT_TILE_ROWS = 1 << 16;
}

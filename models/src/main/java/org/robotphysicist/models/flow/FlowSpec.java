package org.robotphysicist.models.flow;

import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * The architecture of a {@link ConditionalFlow}: everything needed to rebuild the same network
 * (parameter shapes, masks and variable orderings) before its parameter values are loaded. It is
 * saved as JSON with a model, so it is immutable and validated here.
 *
 * <p>A flow is {@code layers} autoregressive transforms of x ∈ ℝ<sup>D<sub>x</sub></sup>, each
 * conditioned through a MADE network (Germain et al. 2015) on the context c ∈ ℝ<sup>D<sub>c</sub></sup>
 * (the standardized (θ, φ)), followed by a standard-normal base density:
 * <ul>
 *   <li>{@link Kind#MAF}: affine transforms (Papamakarios, Pavlakou, Murray 2017) with log-scale
 *       α = A·tanh(s / A), A = {@code logScaleBound};</li>
 *   <li>{@link Kind#NSF}: monotone rational-quadratic splines (Durkan, Bekasov, Murray, Papamakarios
 *       2019) with K = {@code bins} bins on [−B, B], B = {@code tailBound}, identity outside.</li>
 * </ul>
 * In a MAF with {@code leadingSpline}, layer 0 (the data side) is a rational-quadratic spline (the
 * NSF's, same K, B and minima) instead of an affine transform. With one-dimensional x every affine layer's
 * shift and scale depend on the context only, so a MAF of affine layers alone is a conditional
 * Gaussian; the spline layer gives it any smooth monotone shape, and {@link #maf} adds it there.
 *
 * <p><b>Support of x.</b> {@code xSupport} is where the modelled x lives: per dimension a bounded
 * interval [a, b], a half-line or ℝ. The flow itself works on ℝ<sup>D<sub>x</sub></sup>; the
 * fixed {@link SupportBijection} of this box maps x there, so a bounded x gets a density that
 * integrates to 1 over its support and is 0 outside. Model files written before these two fields
 * existed read back with xSupport = ℝ<sup>D<sub>x</sub></sup> and no leading spline.
 *
 * @param kind           MAF or NSF
 * @param xDim           D<sub>x</sub> ≥ 1
 * @param contextDim     D<sub>c</sub> ≥ 1 (D<sub>θ</sub> + D<sub>φ</sub> for a surrogate)
 * @param layers         number of autoregressive transforms, 1..64
 * @param hiddenWidths   widths of the MADE hidden layers (at least one), each 1..65536
 * @param ordering       how the autoregressive order changes between layers
 * @param orderingSeed   seed of the permutations when {@code ordering} is {@link Ordering#RANDOM}
 * @param logScaleBound  A > 0 (MAF): |α| &lt; A per layer; unused by NSF
 * @param bins           K ≥ 2 (NSF); unused by MAF
 * @param tailBound      B > 0 (NSF): the spline lives on [−B, B] in standardized units; unused by MAF
 * @param minBinWidth    minimum bin width as a fraction of 2B (NSF), with K·minBinWidth &lt; 1
 * @param minBinHeight   minimum bin height as a fraction of 2B (NSF), with K·minBinHeight &lt; 1
 * @param minDerivative  minimum slope at an interior knot (NSF), > 0
 * @param xSupport       the support of x, D<sub>x</sub> wide, bounds possibly infinite (null: unbounded)
 * @param leadingSpline  MAF only: layer 0 is a spline instead of affine (null: false)
 */
public record FlowSpec(Kind kind, int xDim, int contextDim, int layers, List<Integer> hiddenWidths,
        Ordering ordering, long orderingSeed, double logScaleBound, int bins, double tailBound, double minBinWidth,
        double minBinHeight, double minDerivative, Box xSupport, Boolean leadingSpline) {

    /** The elementwise transform of each layer. */
    public enum Kind { MAF, NSF }

    /**
     * The variable order of each layer's autoregression. Changing the order between layers is the
     * same as permuting x between layers (a permutation has log|det J| = 0), done here by giving
     * each MADE its own input degrees instead of moving data.
     */
    public enum Ordering {
        /** Layer l uses the natural order x<sub>1</sub>…x<sub>D</sub> when l is even, the reverse when odd. */
        REVERSED,
        /** Layer l uses a permutation drawn from {@code orderingSeed} (layer 0 keeps the natural order). */
        RANDOM
    }

    /** Default log-scale bound A of MAF layers. */
    public static final double DEFAULT_LOG_SCALE_BOUND = 3.0;
    /** Default number of spline bins. */
    public static final int DEFAULT_BINS = 8;
    /** Default spline interval half-width B, in standardized units. */
    public static final double DEFAULT_TAIL_BOUND = 3.0;
    /**
     * The leading spline's B for a MAF whose x has a bounded support: the logit of the support
     * bijection gives y logistic tails (density ∝ e<sup>−|y|</sup>), so ±3 standardized units leave
     * about 1% of the events outside the spline, where the affine layers alone shape a θ-dependent
     * Gaussian tail; ±6 leaves about 10<sup>−4</sup>.
     */
    public static final double BOUNDED_SUPPORT_TAIL_BOUND = 6.0;
    /** Default minimum bin width, bin height and knot derivative (as in Durkan et al.'s code). */
    public static final double DEFAULT_MINIMUM = 1e-3;

    public FlowSpec {
        if (kind == null) {
            throw new InvalidInputException("flow kind: expected MAF or NSF but found null");
        }
        if (ordering == null) {
            throw new InvalidInputException("flow ordering: expected REVERSED or RANDOM but found null");
        }
        Require.positive("flow x dimension", xDim);
        Require.positive("flow context dimension", contextDim);
        Require.positive("flow layers", layers);
        if (layers > 64) {
            throw new InvalidInputException("flow layers: expected at most 64 but found " + layers);
        }
        if (hiddenWidths == null || hiddenWidths.isEmpty()) {
            throw new InvalidInputException("flow hidden widths: expected at least one hidden layer but found "
                    + hiddenWidths);
        }
        hiddenWidths = List.copyOf(hiddenWidths);
        for (int w : hiddenWidths) {
            if (w < 1 || w > 65536) {
                throw new InvalidInputException("flow hidden widths: expected widths in [1, 65536] but found "
                        + hiddenWidths);
            }
        }
        Require.positive("flow log-scale bound", logScaleBound);
        if (logScaleBound > 20) {
            throw new InvalidInputException("flow log-scale bound: expected a value in (0, 20] but found "
                    + logScaleBound);
        }
        if (bins < 2 || bins > 512) {
            throw new InvalidInputException("flow spline bins: expected a count in [2, 512] but found " + bins);
        }
        Require.positive("flow spline tail bound", tailBound);
        Require.positive("flow spline minimum bin width", minBinWidth);
        Require.positive("flow spline minimum bin height", minBinHeight);
        Require.positive("flow spline minimum derivative", minDerivative);
        if (minBinWidth * bins >= 1 || minBinHeight * bins >= 1) {
            throw new InvalidInputException("flow spline minimum bin width and height: expected bins × minimum < 1"
                    + " but found " + bins + " × " + minBinWidth + " and " + bins + " × " + minBinHeight);
        }
        if (xSupport == null) {
            xSupport = Box.unbounded(xDim);
        }
        if (xSupport.dim() != xDim) {
            throw new DimensionMismatchException("flow x support dimension", xDim, xSupport.dim());
        }
        for (int d = 0; d < xDim; d++) {
            if (!(xSupport.lower(d) < xSupport.upper(d)) || xSupport.lower(d) == Double.POSITIVE_INFINITY
                    || xSupport.upper(d) == Double.NEGATIVE_INFINITY) {
                throw new InvalidInputException("flow x support dimension " + d + ": expected an interval with lower"
                        + " < upper (bounds may be infinite) but found [" + xSupport.lower(d) + ", "
                        + xSupport.upper(d) + "]");
            }
        }
        leadingSpline = leadingSpline != null && leadingSpline;
        if (leadingSpline && kind != Kind.MAF) {
            throw new InvalidInputException("flow leading spline: expected it on a MAF only (an NSF is all splines)"
                    + " but found it on " + kind);
        }
    }

    /**
     * A masked autoregressive flow on unbounded x with default log-scale bound and reversed
     * orderings; with one-dimensional x it gets a leading spline layer (default bins and tail
     * bound), without which it would be a conditional Gaussian.
     */
    public static FlowSpec maf(int xDim, int contextDim, int layers, List<Integer> hiddenWidths) {
        return new FlowSpec(Kind.MAF, xDim, contextDim, layers, hiddenWidths, Ordering.REVERSED, 0,
                DEFAULT_LOG_SCALE_BOUND, DEFAULT_BINS, DEFAULT_TAIL_BOUND, DEFAULT_MINIMUM, DEFAULT_MINIMUM,
                DEFAULT_MINIMUM, null, xDim == 1);
    }

    /** An autoregressive rational-quadratic spline flow on unbounded x with default minima and reversed orderings. */
    public static FlowSpec nsf(int xDim, int contextDim, int layers, List<Integer> hiddenWidths, int bins,
            double tailBound) {
        return new FlowSpec(Kind.NSF, xDim, contextDim, layers, hiddenWidths, Ordering.REVERSED, 0,
                DEFAULT_LOG_SCALE_BOUND, bins, tailBound, DEFAULT_MINIMUM, DEFAULT_MINIMUM, DEFAULT_MINIMUM, null,
                false);
    }

    /** The same flow with another ordering rule. */
    public FlowSpec withOrdering(Ordering newOrdering, long seed) {
        return new FlowSpec(kind, xDim, contextDim, layers, hiddenWidths, newOrdering, seed, logScaleBound, bins,
                tailBound, minBinWidth, minBinHeight, minDerivative, xSupport, leadingSpline);
    }

    /** The same flow with other hidden layer widths in each block's MADE. */
    public FlowSpec withHiddenWidths(List<Integer> widths) {
        return new FlowSpec(kind, xDim, contextDim, layers, widths, ordering, orderingSeed, logScaleBound, bins,
                tailBound, minBinWidth, minBinHeight, minDerivative, xSupport, leadingSpline);
    }

    /** The same flow with another MAF log-scale bound. */
    public FlowSpec withLogScaleBound(double bound) {
        return new FlowSpec(kind, xDim, contextDim, layers, hiddenWidths, ordering, orderingSeed, bound, bins,
                tailBound, minBinWidth, minBinHeight, minDerivative, xSupport, leadingSpline);
    }

    /** The same flow with splines on [−B, B], B = {@code bound} in standardized units. */
    public FlowSpec withTailBound(double bound) {
        return new FlowSpec(kind, xDim, contextDim, layers, hiddenWidths, ordering, orderingSeed, logScaleBound, bins,
                bound, minBinWidth, minBinHeight, minDerivative, xSupport, leadingSpline);
    }

    /** The same flow with other spline minima. */
    public FlowSpec withSplineMinima(double binWidth, double binHeight, double derivative) {
        return new FlowSpec(kind, xDim, contextDim, layers, hiddenWidths, ordering, orderingSeed, logScaleBound,
                bins, tailBound, binWidth, binHeight, derivative, xSupport, leadingSpline);
    }

    /** The same flow on another support of x (see {@link SupportBijection}). */
    public FlowSpec withXSupport(Box support) {
        return new FlowSpec(kind, xDim, contextDim, layers, hiddenWidths, ordering, orderingSeed, logScaleBound,
                bins, tailBound, minBinWidth, minBinHeight, minDerivative, support, leadingSpline);
    }

    /** The same MAF with or without a leading spline layer. */
    public FlowSpec withLeadingSpline(boolean spline) {
        return new FlowSpec(kind, xDim, contextDim, layers, hiddenWidths, ordering, orderingSeed, logScaleBound,
                bins, tailBound, minBinWidth, minBinHeight, minDerivative, xSupport, spline);
    }

    /** The fixed map of x from its support onto ℝ<sup>D<sub>x</sub></sup>. */
    public SupportBijection supportBijection() {
        return SupportBijection.of(xSupport);
    }

    /** The elementwise transform of layer {@code l} (data side first). */
    ElementwiseTransform transformOfLayer(int l) {
        if (kind == Kind.NSF || (leadingSpline && l == 0)) {
            return RationalQuadraticSpline.of(this);
        }
        return new AffineTransform(logScaleBound);
    }

    /**
     * The autoregressive order of every layer: {@code order[l][j]} is the degree (1..D<sub>x</sub>)
     * of x<sub>j</sub> in layer l; output j of layer l depends on the inputs of lower degree only.
     */
    public int[][] orderings() {
        int[][] out = new int[layers][xDim];
        SplittableRandom rng = new SplittableRandom(orderingSeed);
        for (int l = 0; l < layers; l++) {
            int[] perm = new int[xDim];
            for (int j = 0; j < xDim; j++) {
                perm[j] = j;
            }
            if (ordering == Ordering.REVERSED && l % 2 == 1) {
                for (int j = 0; j < xDim; j++) {
                    perm[j] = xDim - 1 - j;
                }
            } else if (ordering == Ordering.RANDOM && l > 0) {
                for (int j = xDim - 1; j > 0; j--) {
                    int k = rng.nextInt(j + 1);
                    int t = perm[j];
                    perm[j] = perm[k];
                    perm[k] = t;
                }
            }
            for (int j = 0; j < xDim; j++) {
                out[l][j] = perm[j] + 1;
            }
        }
        return out;
    }

    /** Parameters each layer's conditioner emits per x dimension: 2 (MAF's affine layers) or 3K − 1 (NSF). */
    public int paramsPerDimension() {
        return kind == Kind.MAF ? AffineTransform.PARAMS_PER_DIMENSION : RationalQuadraticSpline.paramsPerDimension(bins);
    }

    /** An uninitialized flow with this architecture. */
    public ConditionalFlow build() {
        return new ConditionalFlow(this);
    }
}

package org.robotphysicist.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.neural.AlignedArrays;

/**
 * The monotone rational-quadratic spline of Durkan, Bekasov, Murray and Papamakarios, "Neural
 * Spline Flows" (NeurIPS 2019), with identity ("linear") tails.
 *
 * <p><b>Domain.</b> On [−B, B] the map is a spline of K bins; outside it is the identity
 * (y = x, log-derivative 0), so the transform is a bijection of all of ℝ, continuous with a
 * continuous first derivative at ±B (the boundary knot slopes are fixed to 1). Inputs are meant to
 * be standardized, so B = 3 covers ±3 training standard deviations; values far outside are passed
 * through unchanged and stay finite.
 *
 * <p><b>Parameters</b> per element, P = 3K − 1: unnormalized widths (K), heights (K) and interior
 * knot slopes (K − 1). Widths w<sub>k</sub> = 2B·(m<sub>w</sub> + (1 − K·m<sub>w</sub>)·softmax(·)<sub>k</sub>)
 * and likewise heights, so every bin is at least 2B·m<sub>w</sub> wide and the knots span [−B, B]
 * exactly; interior slopes δ<sub>k</sub> = m<sub>δ</sub> + softplus(·), and δ<sub>0</sub> = δ<sub>K</sub> = 1.
 *
 * <p><b>Map</b> in bin k with knots (x<sub>k</sub>, y<sub>k</sub>), width w, height h, slope
 * s = h / w and ξ = (x − x<sub>k</sub>) / w ∈ [0, 1]:
 * <pre>
 *   y     = y_k + h·(s ξ² + δ_k ξ(1−ξ)) / q(ξ)
 *   dy/dx = s²·(δ_{k+1} ξ² + 2s ξ(1−ξ) + δ_k (1−ξ)²) / q(ξ)²
 *   q(ξ)  = s + (δ_{k+1} + δ_k − 2s) ξ(1−ξ)
 * </pre>
 * The inverse solves a ξ² + b ξ + c = 0 with a = h(s − δ<sub>k</sub>) + Δ(δ<sub>k+1</sub> + δ<sub>k</sub> − 2s),
 * b = hδ<sub>k</sub> − Δ(δ<sub>k+1</sub> + δ<sub>k</sub> − 2s), c = −sΔ, Δ = y − y<sub>k</sub>, through the
 * cancellation-free root ξ = 2c / (−b − √(b² − 4ac)).
 *
 * <p>Each element's bin is the count of interior knots at or below it; the bin's knots, sizes and
 * slopes are gathered with it, so gradients reach the selected bin's parameters (and, through the
 * softmax normalization, all widths and heights of that element). Inputs are
 * clamped to [−B, B] before the spline is evaluated and the identity is selected outside, so no
 * branch ever computes with out-of-range values (no NaN even in gradients).
 *
 * <p>In the differentiated direction ({@link #forward}) every constant is an array in the
 * manager of the computation, never a Java-number operand: DJL's PyTorch engine frees the tensor
 * it makes of a number right after the operation, while autograd keeps it for the backward pass.
 * (Clamping passes its bounds by value and is safe; {@link #inverse} is never differentiated.)
 */
public final class RationalQuadraticSpline implements ElementwiseTransform {
    private final int bins;
    private final double tailBound;
    private final double minBinWidth;
    private final double minBinHeight;
    private final double minDerivative;

    /**
     * @param bins          K ≥ 2
     * @param tailBound     B > 0
     * @param minBinWidth   m<sub>w</sub> > 0, K·m<sub>w</sub> &lt; 1
     * @param minBinHeight  m<sub>h</sub> > 0, K·m<sub>h</sub> &lt; 1
     * @param minDerivative m<sub>δ</sub> > 0
     */
    public RationalQuadraticSpline(int bins, double tailBound, double minBinWidth, double minBinHeight,
            double minDerivative) {
        if (bins < 2) {
            throw new InvalidInputException("spline bins: expected at least 2 but found " + bins);
        }
        this.bins = bins;
        this.tailBound = Require.positive("spline tail bound", tailBound);
        this.minBinWidth = Require.positive("spline minimum bin width", minBinWidth);
        this.minBinHeight = Require.positive("spline minimum bin height", minBinHeight);
        this.minDerivative = Require.positive("spline minimum derivative", minDerivative);
        if (minBinWidth * bins >= 1 || minBinHeight * bins >= 1) {
            throw new InvalidInputException("spline minimum bin width and height: expected bins × minimum < 1"
                    + " but found " + bins + " × " + minBinWidth + " and " + bins + " × " + minBinHeight);
        }
    }

    /** From a flow's architecture. */
    public static RationalQuadraticSpline of(FlowSpec spec) {
        return new RationalQuadraticSpline(spec.bins(), spec.tailBound(), spec.minBinWidth(), spec.minBinHeight(),
                spec.minDerivative());
    }

    /** 3K − 1. */
    public static int paramsPerDimension(int bins) {
        return 3 * bins - 1;
    }

    @Override
    public int paramsPerDimension() {
        return paramsPerDimension(bins);
    }

    public double tailBound() {
        return tailBound;
    }

    /** Knots, bin sizes and slopes of every element's spline, each (B, D, ·). */
    private record Knots(NDArray xKnots, NDArray widths, NDArray yKnots, NDArray heights, NDArray slopes) {
    }

    private Knots knots(NDArray params) {
        int k = bins;
        NDArray[] xs = knotPositions(params.get(new NDIndex(":, :, 0:" + k)), minBinWidth);
        NDArray[] ys = knotPositions(params.get(new NDIndex(":, :, " + k + ":" + 2 * k)), minBinHeight);
        NDArray interior = Activation.softPlus(params.get(new NDIndex(":, :, " + 2 * k + ":" + (3 * k - 1))))
                .add(AlignedArrays.scalarLike(params, minDerivative));
        NDArray one = interior.get(new NDIndex(":, :, 0:1")).onesLike();
        NDArray slopes = NDArrays.concat(new NDList(one, interior, one), 2);
        return new Knots(xs[0], xs[1], ys[0], ys[1], slopes);
    }

    /** Knots (B, D, K+1) from −B to B exactly, and the bin sizes (B, D, K) between them. */
    private NDArray[] knotPositions(NDArray unnormalized, double minimum) {
        int k = bins;
        NDArray bound = AlignedArrays.scalarLike(unnormalized, tailBound);
        NDArray fractions = softmax(unnormalized).mul(AlignedArrays.scalarLike(unnormalized, 1 - minimum * k))
                .add(AlignedArrays.scalarLike(unnormalized, minimum));
        NDArray inner = fractions.get(new NDIndex(":, :, 0:" + (k - 1))).cumSum(2)
                .mul(AlignedArrays.scalarLike(unnormalized, 2 * tailBound)).sub(bound);
        NDArray zero = inner.get(new NDIndex(":, :, 0:1")).zerosLike();
        NDArray knots = NDArrays.concat(new NDList(zero.sub(bound), inner, zero.add(bound)), 2);
        NDArray sizes = knots.get(new NDIndex(":, :, 1:")).sub(knots.get(new NDIndex(":, :, 0:" + k)));
        return new NDArray[] {knots, sizes};
    }

    /**
     * exp(v − max v) / Σ exp(v − max v) over the last axis of (B, D, K), written out: on the
     * PyTorch engine this is about twice as fast as its fused softmax for small K.
     */
    private static NDArray softmax(NDArray v) {
        NDArray e = v.sub(v.max(new int[] {2}, true).stopGradient()).exp();
        return e.div(e.sum(new int[] {2}, true));
    }

    /**
     * The bin of v (B, D) ∈ [−B, B] among the knots (B, D, K+1), as indices (B, D, 1): the number
     * of interior knots ≤ v, so bin k holds knot<sub>k</sub> ≤ v &lt; knot<sub>k+1</sub> and the last bin
     * also holds v = B.
     */
    private NDArray binIndex(NDArray v, NDArray knots) {
        return v.expandDims(2).gte(knots.get(new NDIndex(":, :, 1:" + bins))).toType(DataType.INT64, false)
                .sum(new int[] {2}, true);
    }

    /** values[b, d, bin[b, d]]: (B, D). */
    private static NDArray pick(NDArray values, NDArray bin) {
        return values.gather(bin, 2).squeeze(2);
    }

    /**
     * The selected bin of every element, each (B, D): left knot (x0, y0), width w, height h,
     * slope s = h / w, knot slopes δ0 (left) and δ1 (right), and δ0 + δ1 − 2s.
     */
    private record Bin(NDArray x0, NDArray w, NDArray y0, NDArray h, NDArray s, NDArray d0, NDArray d1,
            NDArray curvature) {
    }

    /** Bin of v (B, D), clamped to [−B, B], located among the x knots or, for the inverse, the y knots. */
    private Bin select(Knots kn, NDArray v, boolean byOutput) {
        NDArray bin = binIndex(v, byOutput ? kn.yKnots() : kn.xKnots());
        NDArray h = pick(kn.heights(), bin);
        NDArray w = pick(kn.widths(), bin);
        NDArray s = h.div(w);
        NDArray d0 = pick(kn.slopes().get(new NDIndex(":, :, 0:" + bins)), bin);
        NDArray d1 = pick(kn.slopes().get(new NDIndex(":, :, 1:")), bin);
        return new Bin(pick(kn.xKnots().get(new NDIndex(":, :, 0:" + bins)), bin), w,
                pick(kn.yKnots().get(new NDIndex(":, :, 0:" + bins)), bin), h, s, d0, d1, d1.add(d0).sub(s.add(s)));
    }

    @Override
    public NDList forward(NDArray x, NDArray params) {
        NDArray inside = x.gte(-tailBound).logicalAnd(x.lte(tailBound));
        NDArray xc = x.clip(-tailBound, tailBound);
        Bin b = select(knots(params), xc, false);
        NDArray xi = xc.sub(b.x0()).div(b.w()).clip(0, 1);
        NDArray oneMinusXi = AlignedArrays.scalarLike(xi, 1).sub(xi);
        NDArray xi1mxi = xi.mul(oneMinusXi);
        NDArray denominator = b.s().add(b.curvature().mul(xi1mxi));
        NDArray numerator = b.h().mul(b.s().mul(xi.square()).add(b.d0().mul(xi1mxi)));
        NDArray y = b.y0().add(numerator.div(denominator));
        NDArray twoS = b.s().add(b.s());
        NDArray slopeNumerator = b.s().square().mul(b.d1().mul(xi.square()).add(twoS.mul(xi1mxi))
                .add(b.d0().mul(oneMinusXi.square())));
        NDArray logDenominator = denominator.log();
        NDArray logDerivative = slopeNumerator.log().sub(logDenominator.add(logDenominator));
        return new NDList(NDArrays.where(inside, y, x), NDArrays.where(inside, logDerivative, x.zerosLike()));
    }

    /**
     * The spline of one element, as {@link #forward}: the knots are built in double precision from
     * the same widths, heights and slopes (softmax with minima, cumulative sums, softplus slopes), the
     * bin is the count of interior knots at or below the clamped input, and the identity applies
     * outside [−B, B].
     */
    @Override
    public ScalarMap scalarMap(double[] params, int offset) {
        int k = bins;
        double[] xKnots = scalarKnots(params, offset, minBinWidth);
        double[] yKnots = scalarKnots(params, offset + k, minBinHeight);
        double[] slopes = new double[k + 1];
        slopes[0] = 1;
        slopes[k] = 1;
        for (int i = 1; i < k; i++) {
            slopes[i] = softPlus(params[offset + 2 * k + i - 1]) + minDerivative;
        }
        double bound = tailBound;
        return (u, logDerivative, n) -> {
            for (int i = 0; i < n; i++) {
                double x = u[i];
                if (!(x >= -bound && x <= bound)) {
                    continue;
                }
                int bin = 0;
                while (bin < k - 1 && x >= xKnots[bin + 1]) {
                    bin++;
                }
                double w = xKnots[bin + 1] - xKnots[bin];
                double h = yKnots[bin + 1] - yKnots[bin];
                double s = h / w;
                double d0 = slopes[bin];
                double d1 = slopes[bin + 1];
                double xi = Math.min(1, Math.max(0, (x - xKnots[bin]) / w));
                double oneMinusXi = 1 - xi;
                double xi1mxi = xi * oneMinusXi;
                double denominator = s + (d1 + d0 - 2 * s) * xi1mxi;
                u[i] = yKnots[bin] + h * (s * xi * xi + d0 * xi1mxi) / denominator;
                double slopeNumerator = s * s * (d1 * xi * xi + 2 * s * xi1mxi + d0 * oneMinusXi * oneMinusXi);
                logDerivative[i] += Math.log(slopeNumerator) - 2 * Math.log(denominator);
            }
        };
    }

    /** Knots (K + 1) from −B to B exactly, from K unnormalized sizes at {@code offset}. */
    private double[] scalarKnots(double[] params, int offset, double minimum) {
        int k = bins;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, params[offset + i]);
        }
        double[] e = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            e[i] = Math.exp(params[offset + i] - max);
            total += e[i];
        }
        double[] knots = new double[k + 1];
        knots[0] = -tailBound;
        double cumulative = 0;
        for (int i = 0; i < k - 1; i++) {
            cumulative += minimum + (1 - minimum * k) * e[i] / total;
            knots[i + 1] = cumulative * 2 * tailBound - tailBound;
        }
        knots[k] = tailBound;
        return knots;
    }

    /** log(1 + eˣ), as PyTorch's softplus (x itself above 20). */
    private static double softPlus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    @Override
    public NDArray inverse(NDArray y, NDArray params) {
        NDArray inside = y.gte(-tailBound).logicalAnd(y.lte(tailBound));
        NDArray yc = y.clip(-tailBound, tailBound);
        Bin b = select(knots(params), yc, true);
        NDArray delta = yc.sub(b.y0());
        NDArray qa = b.h().mul(b.s().sub(b.d0())).add(delta.mul(b.curvature()));
        NDArray qb = b.h().mul(b.d0()).sub(delta.mul(b.curvature()));
        NDArray qc = b.s().mul(delta).neg();
        NDArray discriminant = qb.square().sub(qa.mul(qc).mul(4)).maximum(0);
        NDArray xi = qc.mul(2).div(qb.neg().sub(discriminant.sqrt())).clip(0, 1);
        return NDArrays.where(inside, xi.mul(b.w()).add(b.x0()), y);
    }
}

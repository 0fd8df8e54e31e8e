package org.robotphysicist.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

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
 *   y = y<sub>k</sub> + h·(s ξ² + δ<sub>k</sub> ξ(1−ξ)) / (s + (δ<sub>k+1</sub> + δ<sub>k</sub> − 2s) ξ(1−ξ))
 *   dy/dx = s²·(δ<sub>k+1</sub> ξ² + 2s ξ(1−ξ) + δ<sub>k</sub> (1−ξ)²) / (s + (δ<sub>k+1</sub> + δ<sub>k</sub> − 2s) ξ(1−ξ))²
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
            throw new InvalidInputException("spline minimum bin width and height: expected bins × minimum < 1 but found "
                    + bins + " × " + minBinWidth + " and " + bins + " × " + minBinHeight);
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
                .add(minDerivative);
        NDArray one = interior.get(new NDIndex(":, :, 0:1")).onesLike();
        NDArray slopes = NDArrays.concat(new NDList(one, interior, one), 2);
        return new Knots(xs[0], xs[1], ys[0], ys[1], slopes);
    }

    /** Knots (B, D, K+1) from −B to B exactly, and the bin sizes (B, D, K) between them. */
    private NDArray[] knotPositions(NDArray unnormalized, double minimum) {
        int k = bins;
        NDArray fractions = softmax(unnormalized).mul(1 - minimum * k).add(minimum);
        NDArray inner = fractions.get(new NDIndex(":, :, 0:" + (k - 1))).cumSum(2).mul(2 * tailBound).sub(tailBound);
        NDArray zero = inner.get(new NDIndex(":, :, 0:1")).zerosLike();
        NDArray knots = NDArrays.concat(new NDList(zero.sub(tailBound), inner, zero.add(tailBound)), 2);
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

    private NDArray firstK(NDArray a) {
        return a.get(new NDIndex(":, :, 0:" + bins));
    }

    private NDArray lastK(NDArray a) {
        return a.get(new NDIndex(":, :, 1:"));
    }

    @Override
    public NDList forward(NDArray x, NDArray params) {
        Knots kn = knots(params);
        NDArray inside = x.gte(-tailBound).logicalAnd(x.lte(tailBound));
        NDArray xc = x.clip(-tailBound, tailBound);
        NDArray bin = binIndex(xc, kn.xKnots());
        NDArray x0 = pick(firstK(kn.xKnots()), bin);
        NDArray w = pick(kn.widths(), bin);
        NDArray y0 = pick(firstK(kn.yKnots()), bin);
        NDArray h = pick(kn.heights(), bin);
        NDArray d0 = pick(firstK(kn.slopes()), bin);
        NDArray d1 = pick(lastK(kn.slopes()), bin);
        NDArray s = h.div(w);
        NDArray xi = xc.sub(x0).div(w).clip(0, 1);
        NDArray xi1mxi = xi.mul(xi.neg().add(1));
        NDArray denominator = s.add(d1.add(d0).sub(s.mul(2)).mul(xi1mxi));
        NDArray numerator = h.mul(s.mul(xi.square()).add(d0.mul(xi1mxi)));
        NDArray y = y0.add(numerator.div(denominator));
        NDArray slopeNumerator = s.square().mul(d1.mul(xi.square()).add(s.mul(2).mul(xi1mxi))
                .add(d0.mul(xi.neg().add(1).square())));
        NDArray logDerivative = slopeNumerator.log().sub(denominator.log().mul(2));
        return new NDList(NDArrays.where(inside, y, x), NDArrays.where(inside, logDerivative, x.zerosLike()));
    }

    @Override
    public NDArray inverse(NDArray y, NDArray params) {
        Knots kn = knots(params);
        NDArray inside = y.gte(-tailBound).logicalAnd(y.lte(tailBound));
        NDArray yc = y.clip(-tailBound, tailBound);
        NDArray bin = binIndex(yc, kn.yKnots());
        NDArray x0 = pick(firstK(kn.xKnots()), bin);
        NDArray w = pick(kn.widths(), bin);
        NDArray y0 = pick(firstK(kn.yKnots()), bin);
        NDArray h = pick(kn.heights(), bin);
        NDArray d0 = pick(firstK(kn.slopes()), bin);
        NDArray d1 = pick(lastK(kn.slopes()), bin);
        NDArray s = h.div(w);
        NDArray delta = yc.sub(y0);
        NDArray curvature = d1.add(d0).sub(s.mul(2));
        NDArray a = h.mul(s.sub(d0)).add(delta.mul(curvature));
        NDArray b = h.mul(d0).sub(delta.mul(curvature));
        NDArray c = s.mul(delta).neg();
        NDArray discriminant = b.square().sub(a.mul(c).mul(4)).maximum(0);
        NDArray xi = c.mul(2).div(b.neg().sub(discriminant.sqrt())).clip(0, 1);
        NDArray x = xi.mul(w).add(x0);
        return NDArrays.where(inside, x, y);
    }
}

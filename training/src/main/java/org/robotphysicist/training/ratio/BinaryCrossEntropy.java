package org.robotphysicist.training.ratio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import org.robotphysicist.models.neural.AlignedArrays;

/**
 * Binary cross-entropy on logits s (never on σ(s), which loses precision where σ saturates):
 * <pre>
 *   ℓ(s, y) = −y·log σ(s) − (1 − y)·log(1 − σ(s)) = softplus(s) − y·s,
 * </pre>
 * with PyTorch's stable softplus. The minimizer over s of E[ℓ] is s = log P(y=1|·)/P(y=0|·),
 * which is why a classifier's logit estimates a log-ratio.
 *
 * <p><b>Saturated logits get no gradient.</b> A logit on the right side of its label by more than
 * {@value #SATURATION} (s₊ &gt; 40 for class 1, s₋ &lt; −40 for class 0) is clamped there: its loss
 * changes by less than e<sup>−40</sup> ≈ 4·10⁻¹⁸ and its gradient, below that size, becomes 0.
 * Unclamped, such a row's gradient σ(−|s|) underflows into float32's subnormal range once |s|
 * passes 87, and a backward pass carrying subnormal numbers runs far slower on x86
 * CPUs; a confident classifier (SLCP's log-ratios reach hundreds of nats) then slowed down
 * epoch after epoch. Logits on the wrong side are never clamped: their gradient is about ±1.
 *
 * <p>Written without operations that take a Java number ({@code div(n)}, {@code mul(2f)}): on the
 * PyTorch engine DJL wraps the number in a tensor over a Java buffer and closes it right after the
 * operation, while autograd keeps it for the backward pass, which then reads freed memory.
 */
public final class BinaryCrossEntropy {
    /** How far beyond its label's side a logit keeps a gradient (see the class comment). */
    public static final double SATURATION = 40;

    private BinaryCrossEntropy() {
    }

    /**
     * Mean of softplus(s) − y·s over all elements; logits and labels (0 or 1) of the same shape;
     * s is clamped to at most {@value #SATURATION} where y = 1 and at least −{@value #SATURATION}
     * where y = 0.
     */
    public static NDArray withLogits(NDArray logits, NDArray labels) {
        NDArray one = AlignedArrays.scalarLike(logits, 1);
        NDArray s = atMost(logits, SATURATION).mul(labels)
                .add(atLeast(logits, -SATURATION).mul(one.sub(labels)));
        return Activation.softPlus(s).sub(s.mul(labels)).mean();
    }

    /**
     * Mean loss of B class-1 logits and B' class-0 logits, each row weighted equally:
     * (Σ softplus(−s₊) + Σ softplus(s₋)) / (B + B'), both of shape (·, 1).
     */
    public static NDArray positivesAndNegatives(NDArray positive, NDArray negative) {
        return NDArrays.concat(new NDList(Activation.softPlus(atMost(positive, SATURATION).neg()),
                Activation.softPlus(atLeast(negative, -SATURATION))), 0).mean();
    }

    /** min(s, bound) elementwise, differentiable in s below the bound. */
    static NDArray atMost(NDArray s, double bound) {
        return NDArrays.minimum(s, AlignedArrays.scalarLike(s, bound));
    }

    /** max(s, bound) elementwise, differentiable in s above the bound. */
    static NDArray atLeast(NDArray s, double bound) {
        return NDArrays.maximum(s, AlignedArrays.scalarLike(s, bound));
    }
}

package org.robotphysicist.training.ratio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * Binary cross-entropy on logits s (never on σ(s), which loses precision where σ saturates):
 * <pre>
 *   ℓ(s, y) = −y·log σ(s) − (1 − y)·log(1 − σ(s)) = softplus(s) − y·s,
 * </pre>
 * with PyTorch's stable softplus. The minimizer over s of E[ℓ] is s = log P(y=1|·)/P(y=0|·),
 * which is why a classifier's logit estimates a log-ratio.
 *
 * <p>Written without operations that take a Java number ({@code div(n)}, {@code mul(2f)}): on the
 * PyTorch engine DJL wraps the number in a tensor over a Java buffer and closes it right after the
 * operation, while autograd keeps it for the backward pass, which then reads freed memory.
 */
public final class BinaryCrossEntropy {
    private BinaryCrossEntropy() {
    }

    /** Mean of softplus(s) − y·s over all elements; logits and labels of the same shape. */
    public static NDArray withLogits(NDArray logits, NDArray labels) {
        return Activation.softPlus(logits).sub(logits.mul(labels)).mean();
    }

    /**
     * Mean loss of B class-1 logits and B' class-0 logits, each row weighted equally:
     * (Σ softplus(−s₊) + Σ softplus(s₋)) / (B + B'), both of shape (·, 1).
     */
    public static NDArray positivesAndNegatives(NDArray positive, NDArray negative) {
        return NDArrays.concat(new NDList(Activation.softPlus(positive.neg()), Activation.softPlus(negative)), 0).mean();
    }
}

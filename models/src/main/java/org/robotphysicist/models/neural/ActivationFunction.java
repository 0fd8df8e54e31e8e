package org.robotphysicist.models.neural;

import ai.djl.ndarray.NDArray;

/**
 * Element-wise non-linearities between the layers of an {@link MlpSpec}, with the weight
 * initialization each is usually paired with. Each is written without Java-number operands,
 * which are unsafe under autograd on DJL's PyTorch engine (see
 * {@code org.robotphysicist.training.TrainingObjective}); ELU's α is passed to the native op.
 */
public enum ActivationFunction {
    /** max(0, v); He-uniform initialization. */
    RELU(SeededInitializer.Scheme.HE),
    /** tanh(v); Glorot-uniform initialization. */
    TANH(SeededInitializer.Scheme.GLOROT),
    /** v·σ(v) (SiLU, "swish"); smooth, so log-ratios are smooth in θ. He-uniform initialization. */
    SILU(SeededInitializer.Scheme.HE),
    /** v·Φ(v) (GELU); He-uniform initialization. */
    GELU(SeededInitializer.Scheme.HE),
    /** log(1 + e<sup>v</sup>); Glorot-uniform initialization. */
    SOFTPLUS(SeededInitializer.Scheme.GLOROT),
    /** v for v &gt; 0, e<sup>v</sup> − 1 otherwise; He-uniform initialization. */
    ELU(SeededInitializer.Scheme.HE);

    private final SeededInitializer.Scheme scheme;

    ActivationFunction(SeededInitializer.Scheme scheme) {
        this.scheme = scheme;
    }

    /** The initialization scheme for weights feeding this activation. */
    public SeededInitializer.Scheme initialization() {
        return scheme;
    }

    /** Applies the activation; the result belongs to {@code v}'s manager. */
    public NDArray apply(NDArray v) {
        return switch (this) {
            case RELU -> ai.djl.nn.Activation.relu(v);
            case TANH -> ai.djl.nn.Activation.tanh(v);
            case SILU -> v.mul(ai.djl.nn.Activation.sigmoid(v));
            case GELU -> ai.djl.nn.Activation.gelu(v);
            case SOFTPLUS -> ai.djl.nn.Activation.softPlus(v);
            case ELU -> ai.djl.nn.Activation.elu(v, 1f);
        };
    }
}

package org.robotphysicist.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * The two engine-level gradient chores of a hand-written loop, done explicitly because DJL's
 * {@code GradientCollector} on PyTorch neither zeroes gradients nor turns gradient recording off
 * outside itself (PyTorch's grad mode is per thread and on by default).
 */
final class GradientMode {
    private GradientMode() {
    }

    /** Sets every parameter's accumulated gradient to zero (PyTorch: {@code grad.zero_()}). */
    static void zero(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            NDArray a = p.getArray();
            if (a instanceof PtNDArray pt) {
                JniUtils.zeroGrad(pt);
            } else {
                try (NDArray g = a.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }

    /** Runs {@code body} with gradient recording off on this thread (validation passes). */
    static <T> T withoutGradients(java.util.function.Supplier<T> body) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(before);
        }
    }
}

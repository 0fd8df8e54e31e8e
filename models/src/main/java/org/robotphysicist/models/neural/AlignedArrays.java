package org.robotphysicist.models.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Creates NDArrays from Java values in memory allocated by the engine itself.
 *
 * <p>Why: DJL's PyTorch engine wraps a Java direct buffer with {@code torch::from_blob}, so the
 * tensor's address is wherever the JVM put the buffer (16-byte aligned), and MKL's CPU kernels
 * take alignment-dependent code paths whose round-off differs. Arrays that feed matrix products
 * must therefore be copied into libtorch's own 64-byte-aligned allocation, or CPU results are not
 * reproducible from run to run. The temporary wrapper is closed at once.
 */
public final class AlignedArrays {
    private AlignedArrays() {
    }

    /** A (shape) float32 array holding {@code values}, owned by {@code m}. */
    public static NDArray of(NDManager m, float[] values, Shape shape) {
        try (NDArray wrapped = m.create(values, shape)) {
            return wrapped.duplicate();
        }
    }

    /** A (shape) float64 array holding {@code values}, owned by {@code m}. */
    public static NDArray of(NDManager m, double[] values, Shape shape) {
        try (NDArray wrapped = m.create(values, shape)) {
            return wrapped.duplicate();
        }
    }

    /** A (shape) array of {@code dataType} holding {@code values} (rounded), owned by {@code m}. */
    public static NDArray of(NDManager m, float[] values, Shape shape, DataType dataType) {
        try (NDArray wrapped = m.create(values, shape)) {
            // A cast to the same type may return a view of the wrapped Java buffer: clone instead.
            return dataType == DataType.FLOAT32 ? wrapped.duplicate() : wrapped.toType(dataType, true);
        }
    }

    /**
     * A scalar of {@code like}'s data type and device holding {@code value}, owned by
     * {@code like}'s manager, to use as an operand instead of a Java number in anything that is
     * differentiated: {@code x.mul(AlignedArrays.scalarLike(x, 0.5))} rather than {@code x.mul(0.5)}.
     * (DJL's PyTorch engine frees the tensor it makes of a number operand right after the operation,
     * but autograd keeps it for the backward pass.) The scalar lives as long as that manager.
     */
    public static NDArray scalarLike(NDArray like, double value) {
        NDManager m = like.getManager();
        try (NDArray wrapped = m.create(value)) {
            NDArray typed = like.getDataType() == DataType.FLOAT64 ? wrapped.duplicate()
                    : wrapped.toType(like.getDataType(), true);
            return typed.toDevice(like.getDevice(), false);
        }
    }
}

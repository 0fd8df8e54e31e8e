package org.robotphysicist.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.robotphysicist.data.Require;

/**
 * Clipping of the global gradient norm (Pascanu, Mikolov &amp; Bengio 2013): with g the
 * concatenation of every parameter's gradient and c the bound,
 * <pre>
 *   g ← g · min(1, c / ‖g‖₂)
 * </pre>
 * so a step keeps its direction and at most length c. Unlike clipping each element, the step of a
 * batch with one outlying row shrinks as a whole instead of being bent toward the axes. Computed
 * on the parameters' device without reading back to the host: the gradients are scaled in place
 * before the optimizer reads them.
 */
final class GradientNormClip {
    private final double bound;

    /** @param bound c &gt; 0, the largest global L2 norm a step's gradient keeps */
    GradientNormClip(double bound) {
        this.bound = Require.positive("gradient clip", bound);
    }

    /**
     * Scales {@code gradients} in place so that their global norm is at most the bound. The
     * temporaries live on the gradients' manager (the optimizer step's).
     *
     * @param gradients every parameter's gradient, attached to the step's manager
     * @return a 0-D float32 array on the device: 1 where the gradient was scaled down, else 0
     */
    NDArray clip(List<NDArray> gradients) {
        if (gradients.isEmpty()) {
            throw new IllegalArgumentException("gradient clip: expected at least one gradient but found none");
        }
        NDArray squares = null;
        for (NDArray g : gradients) {
            NDArray s = g.toType(DataType.FLOAT32, false).square().sum();
            squares = squares == null ? s : squares.add(s);
        }
        NDArray norm = squares.sqrt();
        NDArray scale = norm.add(1e-12).pow(-1).mul(bound).minimum(1);
        for (NDArray g : gradients) {
            g.muli(scale.toType(g.getDataType(), false));
        }
        return norm.gt(bound).toType(DataType.FLOAT32, false);
    }
}

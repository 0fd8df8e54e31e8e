package org.robotphysicist.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/**
 * One autoregressive flow layer: y<sub>d</sub> = τ(x<sub>d</sub>; p<sub>d</sub>(x<sub>&lt;d</sub>, c)),
 * the parameters p from a {@link MadeBlock} and τ an {@link ElementwiseTransform}; "&lt;d" is this
 * layer's order. The Jacobian dy/dx is triangular in that order, so
 * log|det J| = Σ<sub>d</sub> log τ′(x<sub>d</sub>).
 *
 * <p>The data-to-noise direction takes one conditioner pass. The inverse takes D passes: after
 * pass k every x<sub>d</sub> with degree ≤ k is exact, because its parameters only read variables
 * of lower degree (Papamakarios et al. 2017, §3.1).
 */
public final class AutoregressiveLayer extends AbstractBlock {
    private final MadeBlock made;
    private final ElementwiseTransform transform;
    private final int xDim;

    /**
     * @param masks      connectivity for this layer's order (P must match the transform)
     * @param contextDim C ≥ 1
     * @param transform  the elementwise bijection
     */
    public AutoregressiveLayer(MadeMasks masks, int contextDim, ElementwiseTransform transform) {
        if (masks.paramsPerDim() != transform.paramsPerDimension()) {
            throw new IllegalArgumentException("MADE emits " + masks.paramsPerDim() + " parameters per dimension but the "
                    + "transform needs " + transform.paramsPerDimension());
        }
        this.made = addChildBlock("made", new MadeBlock(masks, contextDim));
        this.transform = transform;
        this.xDim = masks.xDim();
    }

    public MadeBlock made() {
        return made;
    }

    /** The elementwise bijection this layer's conditioner parametrizes. */
    public ElementwiseTransform transform() {
        return transform;
    }

    void seedInitializers(SplittableRandom rng, double outputGain) {
        made.seedInitializers(rng, outputGain);
    }

    /**
     * Data to noise.
     *
     * @param x       (B, D)
     * @param context (B, C)
     * @return y (B, D) and log|det dy/dx| (B)
     */
    public NDList toNoise(ParameterStore ps, NDArray x, NDArray context, boolean training) {
        NDList out = transform.forward(x, made.conditioner(ps, x, context, training));
        return new NDList(out.get(0), out.get(1).sum(new int[] {1}));
    }

    /**
     * Noise to data, by D sequential passes. Each pass runs in its own sub-manager of y's manager,
     * so only the running solution outlives it.
     *
     * @param y       (B, D)
     * @param context (B, C), in the same manager as y
     * @return x (B, D) in y's manager
     */
    public NDArray fromNoise(ParameterStore ps, NDArray y, NDArray context) {
        NDManager outer = y.getManager();
        NDArray x = y.zerosLike();
        for (int pass = 0; pass < xDim; pass++) {
            NDArray previous = x;
            try (NDManager scope = outer.newSubManager()) {
                previous.tempAttach(scope);
                y.tempAttach(scope);
                context.tempAttach(scope);
                x = transform.inverse(y, made.conditioner(ps, previous, context, false));
                x.attach(outer);
            }
            previous.close();
        }
        return x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return toNoise(ps, inputs.get(0), inputs.get(1), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], new Shape(inputShapes[0].get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        made.initialize(manager, dataType, inputShapes);
    }
}

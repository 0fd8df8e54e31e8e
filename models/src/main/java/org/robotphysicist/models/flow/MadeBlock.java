package org.robotphysicist.models.flow;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.robotphysicist.models.neural.AlignedArrays;
import org.robotphysicist.models.neural.SeededInitializer;

/**
 * A conditional MADE: the autoregressive conditioner of one flow layer. Input x (B, D) and context
 * c (B, C); output the transform parameters (B, D, P), where the P values for x<sub>d</sub> depend
 * on c and on the x<sub>j</sub> that precede x<sub>d</sub> in this layer's order ({@link MadeMasks}):
 * <pre>
 *   h₁ = relu((M₀ ⊙ W₀)·x + W_c·c + b₁)          (no x term when D = 1)
 *   h_{l+1} = relu((M_l ⊙ W_l)·h_l + b_{l+1})
 *   out = (M_L ⊙ W_L)·h_L + b_{out},  reshaped to (B, D, P)
 * </pre>
 * Masks multiply the weights in every forward pass, so masked weights get zero gradient and stay
 * inert whatever an optimizer does to them. Mask arrays are copied into engine-owned memory in the
 * input's manager (they are a few kilobytes, and autograd keeps them until the backward pass),
 * and every operation keeps a non-parameter array on its left, so no temporary lands in the
 * parameters' manager.
 */
public final class MadeBlock extends AbstractBlock {
    private final MadeMasks masks;
    private final int contextDim;
    private final Parameter xWeight;
    private final Parameter contextWeight;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();
    private final float[][] maskValues;
    private final Map<Parameter, Shape> shapes = new LinkedHashMap<>();

    /**
     * @param masks      the connectivity (x dimension, hidden widths, outputs per dimension)
     * @param contextDim C ≥ 1
     */
    public MadeBlock(MadeMasks masks, int contextDim) {
        this.masks = masks;
        this.contextDim = contextDim;
        int d = masks.xDim();
        int layers = masks.hiddenLayers();
        this.maskValues = new float[layers + 1][];
        for (int l = 0; l <= layers; l++) {
            maskValues[l] = masks.mask(l);
        }
        int h0 = masks.width(0);
        xWeight = masks.hasXInput()
                ? addParameter(param("x.weight", Parameter.Type.WEIGHT, new Shape(h0, d))) : null;
        contextWeight = addParameter(param("context.weight", Parameter.Type.WEIGHT, new Shape(h0, contextDim)));
        biases.add(addParameter(param("hidden0.bias", Parameter.Type.BIAS, new Shape(h0))));
        for (int l = 1; l < layers; l++) {
            weights.add(addParameter(param("hidden" + l + ".weight", Parameter.Type.WEIGHT,
                    new Shape(masks.width(l), masks.width(l - 1)))));
            biases.add(addParameter(param("hidden" + l + ".bias", Parameter.Type.BIAS, new Shape(masks.width(l)))));
        }
        int out = d * masks.paramsPerDim();
        weights.add(addParameter(param("output.weight", Parameter.Type.WEIGHT,
                new Shape(out, masks.width(layers - 1)))));
        biases.add(addParameter(param("output.bias", Parameter.Type.BIAS, new Shape(out))));
    }

    private Parameter param(String name, Parameter.Type type, Shape shape) {
        Parameter p = Parameter.builder().setName(name).setType(type).build();
        shapes.put(p, shape);
        return p;
    }

    /**
     * Gives every parameter without a value its shape. Shapes are set here rather than at
     * construction so that values can also be installed with {@link Parameter#setArray} on a
     * freshly built block, which DJL allows only while a parameter has no shape.
     */
    @Override
    protected void prepare(Shape[] inputShapes) {
        for (Map.Entry<Parameter, Shape> e : shapes.entrySet()) {
            if (!e.getKey().isInitialized()) {
                e.getKey().setShape(e.getValue());
            }
        }
    }

    /** The shape of every parameter, by name, in declaration order. */
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> out = new LinkedHashMap<>();
        shapes.forEach((p, s) -> out.put(p.getName(), s));
        return out;
    }

    public MadeMasks masks() {
        return masks;
    }

    /**
     * Gives every parameter its own seeded initializer, drawn from {@code rng} in declaration
     * order: He-uniform for hidden and context weights (ReLU), Glorot-uniform times
     * {@code outputGain} for the output weights, zero biases.
     */
    void seedInitializers(SplittableRandom rng, double outputGain) {
        int lastWeight = weights.size() - 1;
        for (Parameter p : getDirectParameters().values()) {
            if (p.getType() == Parameter.Type.BIAS) {
                p.setInitializer(Initializer.ZEROS);
            } else if (p == weights.get(lastWeight)) {
                p.setInitializer(new SeededInitializer(rng.split(), SeededInitializer.Scheme.GLOROT, outputGain));
            } else {
                p.setInitializer(new SeededInitializer(rng.split(), SeededInitializer.Scheme.HE));
            }
        }
    }

    /**
     * The transform parameters for every x dimension.
     *
     * @param x       (B, D), standardized
     * @param context (B, C), standardized, in the same manager as x
     * @return (B, D, P), in that manager
     */
    public NDArray conditioner(ParameterStore ps, NDArray x, NDArray context, boolean training) {
        Device device = x.getDevice();
        NDManager m = x.getManager();
        NDArray h = Linear.linear(context, ps.getValue(contextWeight, device, training),
                ps.getValue(biases.get(0), device, training)).singletonOrThrow();
        if (xWeight != null) {
            NDArray w = maskArray(m, 0, shapes.get(xWeight), x).mul(ps.getValue(xWeight, device, training));
            h = h.add(Linear.linear(x, w).singletonOrThrow());
        }
        h = Activation.relu(h);
        for (int l = 0; l < weights.size(); l++) {
            Parameter weight = weights.get(l);
            NDArray w = maskArray(m, l + 1, shapes.get(weight), x).mul(ps.getValue(weight, device, training));
            h = Linear.linear(h, w, ps.getValue(biases.get(l + 1), device, training)).singletonOrThrow();
            if (l < weights.size() - 1) {
                h = Activation.relu(h);
            }
        }
        return h.reshape(x.getShape().get(0), masks.xDim(), masks.paramsPerDim());
    }

    private NDArray maskArray(NDManager m, int layer, Shape shape, NDArray like) {
        return AlignedArrays.of(m, maskValues[layer], shape, like.getDataType()).toDevice(like.getDevice(), false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(conditioner(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), masks.xDim(), masks.paramsPerDim())};
    }

    /** C, the context width. */
    public int contextDim() {
        return contextDim;
    }
}

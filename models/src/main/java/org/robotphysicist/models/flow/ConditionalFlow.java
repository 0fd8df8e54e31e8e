package org.robotphysicist.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.neural.AlignedArrays;

/**
 * A conditional normalizing flow p(x | c) over standardized x ∈ ℝ<sup>D<sub>x</sub></sup> given a
 * standardized context c ∈ ℝ<sup>D<sub>c</sub></sup>, as a DJL block (architecture in
 * {@link FlowSpec}). With layers f<sub>1</sub>…f<sub>L</sub> (data to noise) and u = f<sub>L</sub>∘…∘f<sub>1</sub>(x):
 * <pre>
 *   log p(x | c) = log N(u; 0, I) + Σ_l log|det ∂f_l/∂x_{l−1}|,
 *   log N(u; 0, I) = −½ Σ_d u_d² − (D_x/2) log 2π.
 * </pre>
 * {@link #forward} takes NDList(x (B, D<sub>x</sub>), c (B, D<sub>c</sub>)) and returns NDList(log p (B))
 * in one pass; {@link #fromNoise} and {@link #sample} invert layer by layer (D<sub>x</sub> conditioner
 * passes per layer). Values are log-densities of the standardized image y of x under the
 * spec's {@link SupportBijection}; {@link FlowEvaluator} adds the Jacobians of the standardization
 * and of the bijection.
 *
 * <p>Parameters are float32 or float64, as chosen at initialization; inputs must have the same data
 * type and device, and x and the context one manager. Temporaries of a call live in that manager:
 * run calls inside a sub-manager that the caller closes ({@link FlowEvaluator} does).
 *
 * <p>Parameters are listed by {@link #getParameters()} in a fixed order, named
 * {@code NNlayerL_01made_<name>} with {@code <name>} one of {@code x.weight} (absent when
 * D<sub>x</sub> = 1), {@code context.weight}, {@code hidden0.bias}, {@code hiddenK.weight},
 * {@code hiddenK.bias}, {@code output.weight}, {@code output.bias}; a loader may install values
 * with {@code Parameter.setArray} on a flow fresh from {@link FlowSpec#build()}.
 */
public final class ConditionalFlow extends AbstractBlock {
    /** Output-layer gain used by {@link #initializeParameters(NDManager, DataType, SplittableRandom)}. */
    public static final double DEFAULT_OUTPUT_GAIN = 0.1;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final FlowSpec spec;
    private final List<AutoregressiveLayer> layers = new ArrayList<>();

    /** An uninitialized flow; see {@link FlowSpec#build()}. */
    public ConditionalFlow(FlowSpec spec) {
        this.spec = spec;
        int[][] orders = spec.orderings();
        for (int l = 0; l < spec.layers(); l++) {
            ElementwiseTransform transform = spec.transformOfLayer(l);
            MadeMasks masks = new MadeMasks(orders[l], spec.hiddenWidths(), transform.paramsPerDimension());
            layers.add(addChildBlock("layer" + l, new AutoregressiveLayer(masks, spec.contextDim(), transform)));
        }
    }

    public FlowSpec spec() {
        return spec;
    }

    /** The layers, data side first. */
    public List<AutoregressiveLayer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * Initializes every parameter from {@code rng} with {@link #DEFAULT_OUTPUT_GAIN}: each layer
     * starts close to the identity map, so the initial density is close to N(0, I).
     */
    public void initializeParameters(NDManager manager, DataType dataType, SplittableRandom rng) {
        initializeParameters(manager, dataType, rng, DEFAULT_OUTPUT_GAIN);
    }

    /**
     * Initializes every parameter from {@code rng}, reproducibly: each weight gets its own split
     * stream (He-uniform for hidden and context weights, Glorot-uniform × {@code outputGain} for
     * the conditioners' output weights), biases are zero. Arrays belong to {@code manager}.
     *
     * @param dataType FLOAT32 for production, FLOAT64 for exact numerical checks
     */
    public void initializeParameters(NDManager manager, DataType dataType, SplittableRandom rng, double outputGain) {
        if (!(outputGain > 0) || !Double.isFinite(outputGain)) {
            throw new InvalidInputException("flow output gain: expected a finite value > 0 but found " + outputGain);
        }
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new InvalidInputException("flow data type: expected FLOAT32 or FLOAT64 but found " + dataType);
        }
        for (AutoregressiveLayer layer : layers) {
            layer.seedInitializers(rng.split(), outputGain);
        }
        initialize(manager, dataType, new Shape(1, spec.xDim()), new Shape(1, spec.contextDim()));
    }

    /** The data type of the parameters (after initialization). */
    public DataType dataType() {
        return firstParameter().getArray().getDataType();
    }

    /** The manager owning the parameters (after initialization). */
    public NDManager parameterManager() {
        return firstParameter().getArray().getManager();
    }

    private Parameter firstParameter() {
        Parameter p = getParameters().get(0).getValue();
        if (!p.isInitialized()) {
            throw new IllegalStateException("flow parameters are not initialized");
        }
        return p;
    }

    /**
     * Data to noise: u = f(x) and log|det ∂u/∂x|.
     *
     * @param x       (B, D<sub>x</sub>)
     * @param context (B, D<sub>c</sub>)
     * @return u (B, D<sub>x</sub>) and log|det J| (B)
     */
    public NDList toNoise(ParameterStore ps, NDArray x, NDArray context, boolean training) {
        requireInputs(x, context);
        NDArray u = x;
        NDArray logDet = null;
        for (AutoregressiveLayer layer : layers) {
            NDList out = layer.toNoise(ps, u, context, training);
            u = out.get(0);
            logDet = logDet == null ? out.get(1) : logDet.add(out.get(1));
        }
        return new NDList(u, logDet);
    }

    /**
     * log p(x | c) in standardized units.
     *
     * @param x       (B, D<sub>x</sub>)
     * @param context (B, D<sub>c</sub>)
     * @return (B)
     */
    public NDArray logProb(ParameterStore ps, NDArray x, NDArray context, boolean training) {
        NDList noise = toNoise(ps, x, context, training);
        NDArray u = noise.get(0);
        // Constants as arrays owned by u's manager: a Java-number operand would be freed before backward.
        NDArray half = AlignedArrays.scalarLike(u, 0.5);
        NDArray normalization = AlignedArrays.scalarLike(u, spec.xDim() * HALF_LOG_TWO_PI);
        return noise.get(1).sub(u.square().sum(new int[] {1}).mul(half)).sub(normalization);
    }

    /**
     * log p(x | c) for rows of a training table laid out [x | c], the layout of
     * {@code EventDataset.table()} after standardization ([x | θ | φ]).
     *
     * @param rows (B, D<sub>x</sub> + D<sub>c</sub>)
     * @return (B)
     */
    public NDArray logProbOfRows(ParameterStore ps, NDArray rows, boolean training) {
        Shape shape = rows.getShape();
        int width = spec.xDim() + spec.contextDim();
        if (shape.dimension() != 2 || shape.get(1) != width) {
            throw new DimensionMismatchException("flow training rows: expected shape (B, " + width + ") but found "
                    + shape);
        }
        NDArray x = rows.get(new NDIndex(":, 0:" + spec.xDim()));
        NDArray context = rows.get(new NDIndex(":, " + spec.xDim() + ":"));
        return logProb(ps, x, context, training);
    }

    /**
     * The mean negative log-likelihood −(1/B) Σ<sub>b</sub> log p(x<sub>b</sub> | c<sub>b</sub>) of
     * training rows [x | c]: the maximum-likelihood loss (a scalar).
     */
    public NDArray meanNegativeLogLikelihood(ParameterStore ps, NDArray rows, boolean training) {
        return logProbOfRows(ps, rows, training).mean().neg();
    }

    /**
     * Noise to data, x = f<sup>−1</sup>(u), layer by layer.
     *
     * @param u       (B, D<sub>x</sub>)
     * @param context (B, D<sub>c</sub>), in the same manager as u
     * @return x (B, D<sub>x</sub>) in u's manager
     */
    public NDArray fromNoise(ParameterStore ps, NDArray u, NDArray context) {
        requireInputs(u, context);
        NDArray x = u;
        for (int l = layers.size() - 1; l >= 0; l--) {
            x = layers.get(l).fromNoise(ps, x, context);
        }
        return x;
    }

    /**
     * One draw x ~ p(· | c<sub>b</sub>) per context row: u ~ N(0, I) from {@code rng}, then
     * {@link #fromNoise}.
     *
     * @param context (B, D<sub>c</sub>)
     * @return (B, D<sub>x</sub>) in the context's manager
     */
    public NDArray sample(ParameterStore ps, NDArray context, SplittableRandom rng) {
        long b = context.getShape().get(0);
        double[] noise = new double[Math.toIntExact(b * spec.xDim())];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rng.nextGaussian();
        }
        NDArray u = context.getManager().create(noise, new Shape(b, spec.xDim())).toType(context.getDataType(), false)
                .toDevice(context.getDevice(), false);
        return fromNoise(ps, u, context);
    }

    private void requireInputs(NDArray x, NDArray context) {
        Shape xs = x.getShape();
        Shape cs = context.getShape();
        if (xs.dimension() != 2 || xs.get(1) != spec.xDim()) {
            throw new DimensionMismatchException("flow x: expected shape (B, " + spec.xDim() + ") but found " + xs);
        }
        if (cs.dimension() != 2 || cs.get(1) != spec.contextDim() || cs.get(0) != xs.get(0)) {
            throw new DimensionMismatchException("flow context: expected shape (" + xs.get(0) + ", " + spec.contextDim()
                    + ") but found " + cs);
        }
        if (x.getDataType() != context.getDataType()) {
            throw new InvalidInputException("flow inputs: expected x and context of one data type but found "
                    + x.getDataType() + " and " + context.getDataType());
        }
    }

    /** NDList(x (B, D<sub>x</sub>), context (B, D<sub>c</sub>)) → NDList(log p(x | c) (B)). */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new DimensionMismatchException("flow inputs: expected NDList(x, context) but found " + inputs.size()
                    + " arrays");
        }
        return new NDList(logProb(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (AutoregressiveLayer layer : layers) {
            layer.initialize(manager, dataType, inputShapes);
        }
    }
}

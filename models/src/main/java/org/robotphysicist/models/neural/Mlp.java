package org.robotphysicist.models.neural;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.file.NamedParameters;

/**
 * A built and initialized {@link MlpSpec} network: its DJL block (for training) and an inference
 * path that reads the parameters without recording gradients.
 *
 * <p><b>Memory.</b> The parameters live in a sub-manager of the manager handed to the factory
 * (and so on its device); {@link #close()} frees them. Inference results, and every temporary of
 * an inference call, belong to the manager of the call's input array.
 *
 * <p><b>Threads.</b> Inference ({@link #forward}, {@link #forwardAfterFirstLayer},
 * {@link #firstLayerWeight}) only reads the parameters through detached views created per call,
 * so concurrent calls from several threads are safe as long as each thread passes inputs from its
 * own manager and nothing is training or loading the same network at the time.
 */
public final class Mlp implements AutoCloseable {
    private final MlpSpec spec;
    private final NDManager owned;
    private final NDManager manager;
    private final SequentialBlock block;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();

    private Mlp(MlpSpec spec, NDManager parent, boolean ownParent, DataType dataType, Initializer weightInit) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            if (ownParent) {
                parent.close();
            }
            throw new InvalidInputException("MLP data type: expected float32 or float64 but found " + dataType);
        }
        this.spec = spec;
        this.owned = ownParent ? parent : null;
        this.manager = parent.newSubManager();
        this.block = spec.newBlock();
        block.setInitializer(weightInit, Parameter.Type.WEIGHT);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        block.initialize(manager, dataType, new Shape(1, spec.inputDim()));
        collectLinear(block);
    }

    /**
     * A new network with weights drawn from {@code rng} (Glorot- or He-uniform as suited to the
     * activation, see {@link SeededInitializer}) and zero biases.
     */
    public static Mlp initialize(MlpSpec spec, NDManager parent, DataType dataType, SplittableRandom rng) {
        return new Mlp(spec, parent, false, dataType, new SeededInitializer(rng, spec.activation().initialization()));
    }

    /** As {@link #initialize(MlpSpec, NDManager, DataType, SplittableRandom)}, in a manager of its own on {@code device}. */
    public static Mlp initialize(MlpSpec spec, Device device, DataType dataType, SplittableRandom rng) {
        return new Mlp(spec, NDManager.newBaseManager(device), true, dataType,
                new SeededInitializer(rng, spec.activation().initialization()));
    }

    /** A network holding {@code values}, in a manager of its own on {@code device}. */
    public static Mlp load(MlpSpec spec, Device device, DataType dataType, NamedParameters values) {
        return load(new Mlp(spec, NDManager.newBaseManager(device), true, dataType, Initializer.ZEROS), values);
    }

    /** A network holding {@code values}, which must match the architecture exactly. */
    public static Mlp load(MlpSpec spec, NDManager parent, DataType dataType, NamedParameters values) {
        return load(new Mlp(spec, parent, false, dataType, Initializer.ZEROS), values);
    }

    private static Mlp load(Mlp mlp, NamedParameters values) {
        try {
            values.loadInto(mlp.block);
        } catch (RuntimeException e) {
            mlp.close();
            throw e;
        }
        return mlp;
    }

    private void collectLinear(Block b) {
        for (var child : b.getChildren().values()) {
            if (child instanceof Linear) {
                for (var p : child.getParameters()) {
                    (p.getValue().getType() == Parameter.Type.WEIGHT ? weights : biases).add(p.getValue());
                }
            } else {
                collectLinear(child);
            }
        }
    }

    public MlpSpec spec() {
        return spec;
    }

    /** The DJL block, for training: child 0 is the first {@code Linear}, child 1 the rest. */
    public SequentialBlock block() {
        return block;
    }

    public Device device() {
        return manager.getDevice();
    }

    public DataType dataType() {
        return weights.get(0).getArray().getDataType();
    }

    /** A copy of every parameter value, in block order. */
    public NamedParameters parameters() {
        return NamedParameters.of(block);
    }

    /** Overwrites the parameters with {@code values} (same architecture). */
    public void setParameters(NamedParameters values) {
        values.loadInto(block);
    }

    /** A copy of this network, in a manager of its own on the same device, in {@code dataType}. */
    public Mlp copy(DataType dataType) {
        return load(spec, device(), dataType, parameters());
    }

    /**
     * Inference: (B, D<sub>in</sub>) → (B, D<sub>out</sub>). The input must be on this network's
     * device and in its data type; the result belongs to the input's manager.
     */
    public NDArray forward(NDArray input) {
        requireInput(input, spec.inputDim(), "MLP input");
        NDManager m = input.getManager();
        NDArray h = Linear.linear(input, view(weights.get(0), m), view(biases.get(0), m)).singletonOrThrow();
        return rest(h, m);
    }

    /**
     * Inference from the first layer's pre-activation W·z + b, shape (B, h<sub>1</sub>), to the
     * output (B, D<sub>out</sub>); the result belongs to the input's manager. Together with
     * {@link #firstLayerWeight} this lets a caller compute W·z block by block.
     */
    public NDArray forwardAfterFirstLayer(NDArray preActivation) {
        requireInput(preActivation, spec.hiddenWidths().get(0), "first-layer pre-activation");
        return rest(preActivation, preActivation.getManager());
    }

    private NDArray rest(NDArray h, NDManager m) {
        for (int l = 1; l < spec.layers(); l++) {
            h = Linear.linear(spec.activation().apply(h), view(weights.get(l), m), view(biases.get(l), m))
                    .singletonOrThrow();
        }
        return h;
    }

    /** The first layer's weight W, shape (h<sub>1</sub>, D<sub>in</sub>), as a detached copy owned by {@code m}. */
    public NDArray firstLayerWeight(NDManager m) {
        return view(weights.get(0), m).duplicate();
    }

    /** The first layer's bias b, shape (h<sub>1</sub>), as a detached copy owned by {@code m}. */
    public NDArray firstLayerBias(NDManager m) {
        return view(biases.get(0), m).duplicate();
    }

    private static NDArray view(Parameter p, NDManager m) {
        NDArray v = p.getArray().stopGradient();
        v.attach(m);
        return v;
    }

    private void requireInput(NDArray input, long cols, String what) {
        Shape s = input.getShape();
        if (s.dimension() != 2 || s.get(1) != cols) {
            throw new DimensionMismatchException(what + ": expected shape (B, " + cols + ") but found " + s);
        }
        if (!input.getDevice().equals(device()) || input.getDataType() != dataType()) {
            throw new InvalidInputException(what + ": expected a " + dataType() + " array on " + device() + " but found "
                    + input.getDataType() + " on " + input.getDevice());
        }
    }

    /** A new sub-manager of the manager holding the parameters (same device), for temporaries. */
    public NDManager newSubManager() {
        return manager.newSubManager();
    }

    @Override
    public void close() {
        manager.close();
        if (owned != null) {
            owned.close();
        }
    }
}

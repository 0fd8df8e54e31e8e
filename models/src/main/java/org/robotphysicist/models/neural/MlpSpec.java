package org.robotphysicist.models.neural;

import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * The architecture of a fully connected network D<sub>in</sub> → h<sub>1</sub> → … → h<sub>L</sub>
 * → D<sub>out</sub>: affine layers with the same {@link ActivationFunction} after every hidden layer and
 * none after the last, so the output is unbounded (a logit, an unconstrained parameter).
 *
 * <p>The DJL block it builds has a fixed two-part structure that lets callers split the first
 * layer: child 0 is the first {@code Linear} (weight (h<sub>1</sub>, D<sub>in</sub>), bias
 * (h<sub>1</sub>)), child 1 a {@code SequentialBlock} with everything after it (activation, then
 * the remaining layers). Because W·[a; b] = W<sub>a</sub>·a + W<sub>b</sub>·b, a caller that
 * evaluates many combinations of input blocks can compute each block's product once.
 *
 * <p>Cost: 2·Σ<sub>l</sub> in<sub>l</sub>·out<sub>l</sub> multiply-adds per row forward
 * ({@link #flopsPerRow()}).
 *
 * @param inputDim     D<sub>in</sub> ≥ 1
 * @param hiddenWidths h<sub>1</sub>, …, h<sub>L</sub>; at least one layer, each ≥ 1
 * @param outputDim    D<sub>out</sub> ≥ 1
 * @param activation   the hidden non-linearity
 */
public record MlpSpec(int inputDim, List<Integer> hiddenWidths, int outputDim, ActivationFunction activation) {

    /** The largest width accepted (a guard against typos such as 1280000). */
    public static final int MAX_WIDTH = 1 << 16;

    public MlpSpec {
        Require.positive("MLP input dimension", inputDim);
        Require.positive("MLP output dimension", outputDim);
        if (hiddenWidths == null || hiddenWidths.isEmpty()) {
            throw new InvalidInputException("MLP hidden widths: expected at least one hidden layer but found "
                    + hiddenWidths);
        }
        hiddenWidths = List.copyOf(hiddenWidths);
        for (int i = 0; i < hiddenWidths.size(); i++) {
            int w = hiddenWidths.get(i);
            if (w < 1 || w > MAX_WIDTH) {
                throw new InvalidInputException("MLP hidden width " + i + ": expected a value in [1, " + MAX_WIDTH
                        + "] but found " + w);
            }
        }
        if (activation == null) {
            throw new InvalidInputException("MLP activation: expected one of " + List.of(ActivationFunction.values())
                    + " but found null");
        }
    }

    /** {@code depth} hidden layers of {@code width} units. */
    public static MlpSpec of(int inputDim, int width, int depth, int outputDim, ActivationFunction activation) {
        Require.positive("MLP depth", depth);
        return new MlpSpec(inputDim, java.util.Collections.nCopies(depth, width), outputDim, activation);
    }

    /** The same hidden layers for another input dimension. */
    public MlpSpec withInputDim(int dim) {
        return new MlpSpec(dim, hiddenWidths, outputDim, activation);
    }

    /** Number of affine layers, L + 1. */
    public int layers() {
        return hiddenWidths.size() + 1;
    }

    /** Input width of affine layer {@code l} (0-based). */
    public int layerInput(int l) {
        return l == 0 ? inputDim : hiddenWidths.get(l - 1);
    }

    /** Output width of affine layer {@code l} (0-based). */
    public int layerOutput(int l) {
        return l == hiddenWidths.size() ? outputDim : hiddenWidths.get(l);
    }

    /** Total number of weights and biases. */
    public long parameterCount() {
        long n = 0;
        for (int l = 0; l < layers(); l++) {
            n += (long) layerInput(l) * layerOutput(l) + layerOutput(l);
        }
        return n;
    }

    /** Floating-point operations of one forward pass per row: 2·Σ in·out. */
    public long flopsPerRow() {
        long n = 0;
        for (int l = 0; l < layers(); l++) {
            n += 2L * layerInput(l) * layerOutput(l);
        }
        return n;
    }

    /**
     * A new, uninitialized DJL block with the two-part structure described above:
     * {@code SequentialBlock[Linear(h1), SequentialBlock[act, Linear(h2), …, act, Linear(D_out)]]}.
     */
    public SequentialBlock newBlock() {
        SequentialBlock rest = new SequentialBlock();
        for (int l = 1; l < layers(); l++) {
            rest.add(new LambdaBlock(list -> new NDList(activation.apply(list.singletonOrThrow())),
                    activation.name().toLowerCase(java.util.Locale.ROOT)));
            rest.add(Linear.builder().setUnits(layerOutput(l)).build());
        }
        return new SequentialBlock().add(Linear.builder().setUnits(hiddenWidths.get(0)).build()).add(rest);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(inputDim);
        for (int w : hiddenWidths) {
            sb.append("->").append(w);
        }
        return sb.append("->").append(outputDim).append(" (").append(activation).append(')').toString();
    }
}

package org.robotphysicist.models.flow;

import java.util.List;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;

/**
 * The connectivity of a conditional MADE (Germain, Gregor, Murray, Larochelle 2015): degrees for
 * every unit and the binary masks they imply.
 *
 * <p><b>Degrees.</b> Input x<sub>j</sub> has degree m(j) = order[j] ∈ {1..D}. Hidden unit k of
 * every hidden layer has degree k mod D ∈ {0..D−1}; a unit of degree 0 sees no x at all, only the
 * context. The P outputs belonging to x<sub>d</sub> have degree order[d].
 *
 * <p><b>Masks</b> (rows = units of the layer, columns = units feeding it):
 * <ul>
 *   <li>x → first hidden: 1 when m<sub>hidden</sub>(k) ≥ m(j);</li>
 *   <li>hidden → hidden: 1 when m<sub>next</sub>(k) ≥ m<sub>prev</sub>(k′);</li>
 *   <li>last hidden → outputs of x<sub>d</sub>: 1 when order[d] &gt; m<sub>hidden</sub>(k) (strict);</li>
 *   <li>context → first hidden: all ones, so every hidden unit of the first layer sees the context.</li>
 * </ul>
 * Every path from x<sub>j</sub> to an output of x<sub>d</sub> therefore has order[j] &lt; order[d]:
 * the outputs for x<sub>d</sub> depend on x only through the variables before it in the order, and
 * on the context freely. Degree-0 units give the first variable in the order (and a 1-D x) a
 * context-dependent conditioner; with minimum degree 1, as in the original MADE, its parameters
 * would be constants. Output unit index = d·P + p (variable-major), so a (B, D·P) output reshapes
 * to (B, D, P).
 */
public final class MadeMasks {
    private final int xDim;
    private final int paramsPerDim;
    private final int[] order;
    private final int[][] hiddenDegrees;

    /**
     * @param order        degrees of x<sub>1</sub>…x<sub>D</sub>, a permutation of 1..D
     * @param hiddenWidths widths of the hidden layers (at least one)
     * @param paramsPerDim outputs per x dimension, P ≥ 1
     */
    public MadeMasks(int[] order, List<Integer> hiddenWidths, int paramsPerDim) {
        this.xDim = order.length;
        if (xDim < 1 || paramsPerDim < 1 || hiddenWidths.isEmpty()) {
            throw new InvalidInputException("MADE: expected D >= 1, P >= 1 and at least one hidden layer but found D = "
                    + xDim + ", P = " + paramsPerDim + ", hidden " + hiddenWidths);
        }
        boolean[] seen = new boolean[xDim + 1];
        for (int m : order) {
            if (m < 1 || m > xDim || seen[m]) {
                throw new InvalidInputException("MADE order: expected a permutation of 1.." + xDim + " but found "
                        + java.util.Arrays.toString(order));
            }
            seen[m] = true;
        }
        this.order = order.clone();
        this.paramsPerDim = paramsPerDim;
        this.hiddenDegrees = new int[hiddenWidths.size()][];
        for (int l = 0; l < hiddenDegrees.length; l++) {
            int width = hiddenWidths.get(l);
            hiddenDegrees[l] = new int[width];
            for (int k = 0; k < width; k++) {
                hiddenDegrees[l][k] = k % xDim;
            }
        }
    }

    public int xDim() {
        return xDim;
    }

    public int paramsPerDim() {
        return paramsPerDim;
    }

    /** Number of hidden layers. */
    public int hiddenLayers() {
        return hiddenDegrees.length;
    }

    /** Width of hidden layer l. */
    public int width(int l) {
        return hiddenDegrees[l].length;
    }

    /** The degrees of x (a copy). */
    public int[] order() {
        return order.clone();
    }

    /** The degrees of hidden layer l (a copy). */
    public int[] hiddenDegrees(int l) {
        return hiddenDegrees[l].clone();
    }

    /** Degree of output unit o (variable o / P). */
    public int outputDegree(int o) {
        return order[o / paramsPerDim];
    }

    /**
     * Mask of weight matrix {@code layer}, row-major with shape (out, in): layer 0 is x → first
     * hidden, layer l ∈ 1..L−1 is hidden l−1 → hidden l, layer L is last hidden → outputs (D·P).
     */
    public float[] mask(int layer) {
        int last = hiddenDegrees.length;
        if (layer < 0 || layer > last) {
            throw new DimensionMismatchException("MADE mask index: expected 0.." + last + " but found " + layer);
        }
        int[] outDeg;
        int[] inDeg;
        boolean strict;
        if (layer == 0) {
            outDeg = hiddenDegrees[0];
            inDeg = order;
            strict = false;
        } else if (layer < last) {
            outDeg = hiddenDegrees[layer];
            inDeg = hiddenDegrees[layer - 1];
            strict = false;
        } else {
            outDeg = new int[xDim * paramsPerDim];
            for (int o = 0; o < outDeg.length; o++) {
                outDeg[o] = outputDegree(o);
            }
            inDeg = hiddenDegrees[last - 1];
            strict = true;
        }
        float[] m = new float[outDeg.length * inDeg.length];
        for (int r = 0; r < outDeg.length; r++) {
            for (int c = 0; c < inDeg.length; c++) {
                boolean connected = strict ? outDeg[r] > inDeg[c] : outDeg[r] >= inDeg[c];
                m[r * inDeg.length + c] = connected ? 1f : 0f;
            }
        }
        return m;
    }

    /**
     * True when x feeds the network at all: false only for D<sub>x</sub> = 1, where every hidden
     * unit has degree 0 and the conditioner is a plain network of the context.
     */
    public boolean hasXInput() {
        return xDim > 1;
    }
}

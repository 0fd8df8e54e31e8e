package org.robotphysicist.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * A flow on one-dimensional x with its context fixed to M rows: every layer's conditioner reads
 * the context only (a MADE has no x input when D<sub>x</sub> = 1), so each layer l is a fixed
 * scalar map τ<sub>l,j</sub> per context row j. The conditioners run once per context on the
 * flow's device; the maps are then applied to any number of events in double precision on the CPU:
 * <pre>
 *   u = τ_{L,j} ∘ … ∘ τ_{1,j}(z),   log p(z | c_j) = Σ_l log τ′_{l,j} − u²/2 − ½ log 2π,
 * </pre>
 * in standardized units, as {@link ConditionalFlow#logProb}. A grid of M contexts over N events
 * costs M conditioner passes instead of N·M, which is what makes a one-dimensional flow's
 * posterior and EIG sums cheap.
 */
final class UnivariateFlowChain {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** maps[j][l]: layer l (data side first) at context row j. */
    private final ScalarMap[][] maps;

    private UnivariateFlowChain(ScalarMap[][] maps) {
        this.maps = maps;
    }

    /**
     * Runs every layer's conditioner on the contexts.
     *
     * @param contexts (M, D<sub>c</sub>) standardized, in the flow's data type, on its device and in a manager the
     *                 caller closes (temporaries go there)
     */
    static UnivariateFlowChain of(ConditionalFlow flow, ParameterStore ps, NDArray contexts) {
        int m = Math.toIntExact(contexts.getShape().get(0));
        int layerCount = flow.layers().size();
        ScalarMap[][] maps = new ScalarMap[m][layerCount];
        NDArray x = contexts.getManager().zeros(new Shape(m, 1), contexts.getDataType(), contexts.getDevice());
        for (int l = 0; l < layerCount; l++) {
            AutoregressiveLayer layer = flow.layers().get(l);
            double[] params = layer.made().conditioner(ps, x, contexts, false).toType(DataType.FLOAT64, false)
                    .toDoubleArray();
            int p = params.length / m;
            for (int j = 0; j < m; j++) {
                maps[j][l] = layer.transform().scalarMap(params, j * p);
            }
        }
        return new UnivariateFlowChain(maps);
    }

    /** M, the context rows. */
    int contexts() {
        return maps.length;
    }

    /**
     * Σ<sub>i&lt;n</sub> log p(z<sub>i</sub> | c<sub>j</sub>) in standardized units.
     *
     * @param z       the n standardized events (not modified)
     * @param scratch two arrays of length ≥ n, overwritten
     */
    double summedLogDensity(int j, double[] z, int n, double[][] scratch) {
        double[] u = scratch[0];
        double[] logDerivative = scratch[1];
        System.arraycopy(z, 0, u, 0, n);
        java.util.Arrays.fill(logDerivative, 0, n, 0.0);
        for (ScalarMap map : maps[j]) {
            map.applyInPlace(u, logDerivative, n);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += logDerivative[i] - 0.5 * u[i] * u[i];
        }
        return sum - n * HALF_LOG_TWO_PI;
    }
}

package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The conditioner network honours its masks numerically, not just on paper. */
class MadeBlockTest {
    private static final int D = 4;
    private static final int C = 2;
    private static final int P = 3;

    private static MadeBlock block(NDManager m, int[] order) {
        MadeBlock made = new MadeBlock(new MadeMasks(order, List.of(16, 16), P), C);
        made.seedInitializers(new SplittableRandom(3), 1.0);
        made.initialize(m, DataType.FLOAT64, new Shape(1, D), new Shape(1, C));
        return made;
    }

    @Test
    void perturbingAVariableMovesOnlyTheParametersOfLaterVariables() {
        int[] order = {3, 1, 4, 2};
        try (NDManager m = NDManager.newBaseManager()) {
            MadeBlock made = block(m, order);
            ParameterStore ps = new ParameterStore(m, false);
            double[] x = {0.3, -1.1, 0.7, 1.9};
            double[] c = {0.5, -0.2};
            double[] base = conditioner(made, ps, m, x, c);
            for (int j = 0; j < D; j++) {
                double[] moved = x.clone();
                moved[j] += 0.5;
                double[] out = conditioner(made, ps, m, moved, c);
                for (int d = 0; d < D; d++) {
                    double change = maxChange(base, out, d);
                    if (order[j] >= order[d]) {
                        assertEquals(0.0, change, "parameters of x" + d + " must not see x" + j);
                    } else {
                        assertTrue(change > 1e-6, "parameters of x" + d + " should see x" + j + ": change " + change);
                    }
                }
            }
            for (int k = 0; k < C; k++) {
                double[] movedC = c.clone();
                movedC[k] += 0.5;
                double[] out = conditioner(made, ps, m, x, movedC);
                for (int d = 0; d < D; d++) {
                    double change = maxChange(base, out, d);
                    assertTrue(change > 1e-6, "parameters of x" + d + " should see context " + k + ": change " + change);
                }
            }
        }
    }

    private static double[] conditioner(MadeBlock made, ParameterStore ps, NDManager m, double[] x, double[] c) {
        return made.conditioner(ps, m.create(x, new Shape(1, D)), m.create(c, new Shape(1, C)), false).toDoubleArray();
    }

    /** Largest change among the P parameters of x<sub>d</sub>. */
    private static double maxChange(double[] base, double[] out, int d) {
        double change = 0;
        for (int p = 0; p < P; p++) {
            change = Math.max(change, Math.abs(out[d * P + p] - base[d * P + p]));
        }
        return change;
    }

    @Test
    void maskedWeightsGetExactlyZeroGradientAndTheOthersSome() {
        int[] order = {2, 4, 1, 3};
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            MadeBlock made = block(m, order);
            SplittableRandom rng = new SplittableRandom(9);
            double[] x = new double[64 * D];
            double[] c = new double[64 * C];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = rng.nextGaussian();
            }
            NDArray out = made.conditioner(new ParameterStore(m, false), m.create(x, new Shape(64, D)),
                    m.create(c, new Shape(64, C)), true);
            collector.backward(out.square().sum());
            MadeMasks masks = made.masks();
            for (Pair<String, Parameter> p : made.getDirectParameters()) {
                String name = p.getKey();
                int maskIndex = name.equals("x.weight") ? 0 : name.equals("hidden1.weight") ? 1
                        : name.equals("output.weight") ? 2 : -1;
                if (maskIndex < 0) {
                    continue;
                }
                float[] mask = masks.mask(maskIndex);
                double[] grad = p.getValue().getArray().getGradient().toDoubleArray();
                int reached = 0;
                int allowed = 0;
                for (int i = 0; i < grad.length; i++) {
                    if (mask[i] == 0) {
                        assertTrue(grad[i] == 0, name + "[" + i + "] is masked but has gradient " + grad[i]);
                    } else {
                        allowed++;
                        reached += grad[i] != 0 ? 1 : 0;
                    }
                }
                double fraction = (double) reached / allowed;
                assertTrue(fraction > 0.5,
                        name + ": only " + reached + " of " + allowed + " unmasked weights have a gradient");
            }
        }
    }
}

package org.robotphysicist.training.ratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.LogSumExp;

/**
 * The ratio losses never hand the backward pass a subnormal float32 gradient, which makes a CPU's
 * backward pass far slower: a logit saturated on its label's side (unclamped, its
 * gradient σ(−|s|) is subnormal for |s| in (87, 103)) gets gradient 0, while the loss value stays
 * the exact one to float precision and a logit on the wrong side keeps its full gradient.
 */
class SaturatedLogitsTest {

    @Test
    void binaryCrossEntropyGivesSaturatedLogitsNoGradientAndWrongOnesTheirFullOne() {
        float[] positive = {95, 30, 0, -95};
        float[] negative = {-95, -30, 0, 95};
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] grads = gradients(m, new float[][] {positive, negative},
                    a -> BinaryCrossEntropy.positivesAndNegatives(a[0], a[1]));
            int n = positive.length + negative.length;
            assertEquals(0f, grads[0][0], "positive at +95: saturated");
            assertEquals(-sigmoid(-30) / n, grads[0][1], 1e-6 * sigmoid(-30) / n, "positive at +30: kept");
            assertEquals(-0.5 / n, grads[0][2], 1e-7, "positive at 0");
            assertEquals(-1.0 / n, grads[0][3], 1e-7, "positive at -95: the wrong side keeps its gradient");
            assertEquals(0f, grads[1][0], "negative at -95: saturated");
            assertEquals(1.0 / n, grads[1][3], 1e-7, "negative at +95: the wrong side keeps its gradient");
            assertNoSubnormal(grads);
            double exact = 0;
            for (int i = 0; i < positive.length; i++) {
                exact += softplus(-positive[i]) + softplus(negative[i]);
            }
            double loss = BinaryCrossEntropy.positivesAndNegatives(column(m, positive), column(m, negative)).getFloat();
            assertEquals(exact / n, loss, 1e-6 * exact / n, "loss against softplus in float64");
        }
    }

    @Test
    void crossEntropyWithLabelsClampsByLabel() {
        float[] logits = {95, -95, -95, 95, 3};
        float[] labels = {1, 0, 1, 0, 1};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = m.create(labels, new Shape(labels.length, 1));
            float[][] grads = gradients(m, new float[][] {logits}, a -> BinaryCrossEntropy.withLogits(a[0], y));
            int n = logits.length;
            assertEquals(0f, grads[0][0], "label 1 at +95: saturated");
            assertEquals(0f, grads[0][1], "label 0 at -95: saturated");
            assertEquals(-1.0 / n, grads[0][2], 1e-7, "label 1 at -95: full gradient");
            assertEquals(1.0 / n, grads[0][3], 1e-7, "label 0 at +95: full gradient");
            assertEquals((sigmoid(3) - 1) / n, grads[0][4], 1e-7, "label 1 at 3");
            assertNoSubnormal(grads);
            double exact = 0;
            for (int i = 0; i < n; i++) {
                exact += softplus(logits[i]) - labels[i] * logits[i];
            }
            assertEquals(exact / n, BinaryCrossEntropy.withLogits(column(m, logits), y).getFloat(), 1e-6 * exact / n);
        }
    }

    /**
     * Rows of K = 3 whose own θ's logit is far above the rest, and marginal rows with one candidate
     * far above the rest: no subnormal gradient, the loss equal to its float64 value, and a joint
     * row whose own logit is far below the others keeps a gradient of about −γ/(1 + γ)/B on it.
     */
    @Test
    void theContrastiveLossGivesNoSubnormalGradients() {
        float[] joint = {120, 0, -60, -100, 20, 25};
        float[] marginal = {-100, 0, 90, 1, 2, 3};
        double gamma = 1;
        int k = 3;
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] grads = gradients(m, new float[][] {joint, marginal}, a -> LikelihoodToEvidenceObjective.loss(
                    a[0].reshape(2, k), a[1].reshape(2, k), k, gamma));
            assertNoSubnormal(grads);
            assertEquals(0f, grads[0][2], "a candidate 180 below its row's top: saturated");
            assertEquals(-gamma / (1 + gamma) / 2, grads[0][3], 1e-6, "own logit far below the candidates");
            double c = Math.log(k / gamma);
            double exact = gamma / (1 + gamma) * (crossEntropy(c, joint, 0, k, 1) + crossEntropy(c, joint, 3, k, 1)) / 2
                    + 1 / (1 + gamma) * (crossEntropy(c, marginal, 0, k, 0) + crossEntropy(c, marginal, 3, k, 0)) / 2;
            double loss = LikelihoodToEvidenceObjective.loss(m.create(joint).reshape(2, k),
                    m.create(marginal).reshape(2, k), k, gamma).getFloat();
            assertEquals(exact, loss, 1e-6 * Math.abs(exact), "loss against its float64 value");
        }
    }

    /** −log softmax(c, s_from..s_from+k−1)[target] in float64. */
    private static double crossEntropy(double c, float[] s, int from, int k, int target) {
        double[] row = new double[k + 1];
        row[0] = c;
        for (int j = 0; j < k; j++) {
            row[j + 1] = s[from + j];
        }
        return LogSumExp.of(row) - row[target];
    }

    private static float[][] gradients(NDManager m, float[][] inputs, Function<NDArray[], NDArray> loss) {
        NDArray[] arrays = new NDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            arrays[i] = column(m, inputs[i]);
            arrays[i].setRequiresGradient(true);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.apply(arrays));
        }
        float[][] grads = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            grads[i] = arrays[i].getGradient().toFloatArray();
        }
        return grads;
    }

    private static NDArray column(NDManager m, float[] values) {
        return m.create(values, new Shape(values.length, 1));
    }

    private static void assertNoSubnormal(float[][] grads) {
        for (float[] g : grads) {
            for (float v : g) {
                assertTrue(v == 0 || Math.abs(v) >= Float.MIN_NORMAL, "a subnormal gradient " + v + " in "
                        + Arrays.deepToString(grads));
            }
        }
    }

    private static double sigmoid(double s) {
        return 1 / (1 + Math.exp(-s));
    }

    private static double softplus(double s) {
        return Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
    }
}

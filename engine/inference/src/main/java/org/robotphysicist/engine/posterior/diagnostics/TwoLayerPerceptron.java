package org.robotphysicist.engine.posterior.diagnostics;

import java.util.SplittableRandom;

/**
 * The classifier of sbibm's C2ST, in plain Java: a perceptron with two ReLU hidden layers of H
 * units and a logistic output, trained on each mini-batch's mean log-loss plus α/(2B)·‖W‖² (B the
 * batch size, α = 10⁻⁴) by Adam (η = 10⁻³,
 * β = (0.9, 0.999), ε = 10⁻⁸) on shuffled mini-batches of min(200, n) points, until the epoch's
 * training loss has failed to fall by 10⁻⁴ for 10 epochs in a row or {@code maxEpochs} have run —
 * the defaults and stopping rule of scikit-learn's {@code MLPClassifier}, which sbibm uses. Weights
 * start uniform on ±√(6/(fan-in + fan-out)) (±√(2/(fan-in + fan-out)) for the output layer),
 * biases likewise; everything random comes from the seed. Shapes: inputs (n, D) row-major,
 * W₁ (D, H), W₂ (H, H), w₃ (H).
 */
final class TwoLayerPerceptron {
    private static final double LEARNING_RATE = 1e-3;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final double ALPHA = 1e-4;
    private static final double TOLERANCE = 1e-4;
    private static final int PATIENCE = 10;
    private static final int MAX_BATCH = 200;

    private final int d;
    private final int h;
    /** All parameters in one array: the weights W₁, W₂, w₃ first, then the biases b₁, b₂, b₃. */
    private final double[] params;
    private final int w1;
    private final int w2;
    private final int w3;
    /** Where the biases start: the weights, which the L2 penalty covers, are params[0, b1). */
    private final int b1;
    private final int b2;
    private final int b3;

    private TwoLayerPerceptron(int d, int h) {
        this.d = d;
        this.h = h;
        w1 = 0;
        w2 = w1 + d * h;
        w3 = w2 + h * h;
        b1 = w3 + h;
        b2 = b1 + h;
        b3 = b2 + h;
        params = new double[b3 + 1];
    }

    /**
     * Trains on {@code x} (n, D) with labels {@code y}, as described above.
     *
     * @param hidden H, the width of both hidden layers
     */
    static TwoLayerPerceptron train(double[] x, boolean[] y, int d, int hidden, int maxEpochs, SplittableRandom rng) {
        TwoLayerPerceptron net = new TwoLayerPerceptron(d, hidden);
        net.initialize(rng);
        int n = y.length;
        int batch = Math.min(MAX_BATCH, n);
        double[] m = new double[net.params.length];
        double[] v = new double[net.params.length];
        double[] grad = new double[net.params.length];
        Scratch s = net.new Scratch();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        int stale = 0;
        long step = 0;
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            shuffle(order, rng);
            double lossSum = 0;
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(n, start + batch);
                java.util.Arrays.fill(grad, 0);
                int size = end - start;
                lossSum += net.accumulate(x, y, order, start, end, grad, s) + net.l2Penalty();
                net.addL2Gradient(grad);
                for (int p = 0; p < grad.length; p++) {
                    grad[p] /= size;
                }
                step++;
                double c1 = 1 - Math.pow(BETA1, step);
                double c2 = 1 - Math.pow(BETA2, step);
                for (int p = 0; p < grad.length; p++) {
                    m[p] = BETA1 * m[p] + (1 - BETA1) * grad[p];
                    v[p] = BETA2 * v[p] + (1 - BETA2) * grad[p] * grad[p];
                    net.params[p] -= LEARNING_RATE * (m[p] / c1) / (Math.sqrt(v[p] / c2) + EPSILON);
                }
            }
            double loss = lossSum / n;
            if (loss > best - TOLERANCE) {
                if (++stale >= PATIENCE) {
                    break;
                }
            } else {
                stale = 0;
            }
            best = Math.min(best, loss);
        }
        return net;
    }

    /** The predicted label of point {@code i} of {@code x}: logit &gt; 0. */
    boolean predict(double[] x, int i) {
        return new Scratch().forward(x, i) > 0;
    }

    private void initialize(SplittableRandom rng) {
        fill(w1, d * h, Math.sqrt(6.0 / (d + h)), rng);
        fill(b1, h, Math.sqrt(6.0 / (d + h)), rng);
        fill(w2, h * h, Math.sqrt(6.0 / (h + h)), rng);
        fill(b2, h, Math.sqrt(6.0 / (h + h)), rng);
        fill(w3, h, Math.sqrt(2.0 / (h + 1)), rng);
        fill(b3, 1, Math.sqrt(2.0 / (h + 1)), rng);
    }

    private void fill(int from, int count, double bound, SplittableRandom rng) {
        for (int i = 0; i < count; i++) {
            params[from + i] = (2 * rng.nextDouble() - 1) * bound;
        }
    }

    /** α/2·‖W‖² over the weights (not the biases). */
    private double l2Penalty() {
        double sum = 0;
        for (int p = 0; p < b1; p++) {
            sum += params[p] * params[p];
        }
        return ALPHA / 2 * sum;
    }

    /** Adds the gradient α·W of α/2·‖W‖² to a batch's summed gradient. */
    private void addL2Gradient(double[] grad) {
        for (int p = 0; p < b1; p++) {
            grad[p] += ALPHA * params[p];
        }
    }

    /** Adds the summed log-loss gradient of points order[start..end) to {@code grad}; returns their summed loss. */
    private double accumulate(double[] x, boolean[] y, int[] order, int start, int end, double[] grad, Scratch s) {
        double loss = 0;
        for (int k = start; k < end; k++) {
            int i = order[k];
            double logit = s.forward(x, i);
            double target = y[i] ? 1 : 0;
            // log-loss of a logistic output, stable for large |logit|
            loss += Math.max(logit, 0) - logit * target + Math.log1p(Math.exp(-Math.abs(logit)));
            double delta = 1 / (1 + Math.exp(-logit)) - target;
            s.backward(x, i, delta, grad);
        }
        return loss;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Activations of one point, reused from point to point. */
    private final class Scratch {
        final double[] a1 = new double[h];
        final double[] a2 = new double[h];
        final double[] g2 = new double[h];
        final double[] g1 = new double[h];

        /** The logit of point {@code i} of {@code x}, keeping its activations for {@link #backward}. */
        double forward(double[] x, int i) {
            int xi = i * d;
            for (int u = 0; u < h; u++) {
                double z = params[b1 + u];
                for (int j = 0; j < d; j++) {
                    z += x[xi + j] * params[w1 + j * h + u];
                }
                a1[u] = Math.max(z, 0);
            }
            for (int u = 0; u < h; u++) {
                double z = params[b2 + u];
                for (int j = 0; j < h; j++) {
                    z += a1[j] * params[w2 + j * h + u];
                }
                a2[u] = Math.max(z, 0);
            }
            double out = params[b3];
            for (int j = 0; j < h; j++) {
                out += a2[j] * params[w3 + j];
            }
            return out;
        }

        /** Back-propagates dLoss/dlogit = {@code delta} of the point last passed forward. */
        void backward(double[] x, int i, double delta, double[] grad) {
            grad[b3] += delta;
            for (int j = 0; j < h; j++) {
                grad[w3 + j] += delta * a2[j];
                g2[j] = a2[j] > 0 ? delta * params[w3 + j] : 0;
            }
            for (int u = 0; u < h; u++) {
                grad[b2 + u] += g2[u];
            }
            for (int j = 0; j < h; j++) {
                double s = 0;
                if (a1[j] > 0) {
                    for (int u = 0; u < h; u++) {
                        grad[w2 + j * h + u] += a1[j] * g2[u];
                        s += params[w2 + j * h + u] * g2[u];
                    }
                }
                g1[j] = s;
            }
            int xi = i * d;
            for (int u = 0; u < h; u++) {
                if (g1[u] != 0) {
                    grad[b1 + u] += g1[u];
                    for (int j = 0; j < d; j++) {
                        grad[w1 + j * h + u] += x[xi + j] * g1[u];
                    }
                }
            }
        }
    }
}

package org.robotphysicist.engine.posterior.diagnostics;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;

/**
 * The classifier two-sample test (C2ST; Lopez-Paz &amp; Oquab 2017, "Revisiting classifier
 * two-sample tests", ICLR; the posterior-accuracy metric of Lueckmann et al. 2021,
 * "Benchmarking simulation-based inference", AISTATS): the cross-validated accuracy of a
 * classifier asked to tell samples of P (label 0) from samples of Q (label 1). 0.5 means the
 * classifier cannot tell them apart (P = Q as far as it can see); 1 means they do not overlap.
 *
 * <p>Procedure, for P of shape (N<sub>P</sub>, D) and Q of shape (N<sub>Q</sub>, D):
 * <ol>
 *   <li>z-score both with the mean and standard deviation of P, per column (as sbibm does);</li>
 *   <li>split each class into {@code folds} folds at random (stratified: every fold holds
 *       ≈ N<sub>P</sub>/K and ≈ N<sub>Q</sub>/K points);</li>
 *   <li>for each fold, classify its points by majority vote of their k nearest neighbours
 *       (Euclidean, in z-scores) among the other folds' points;</li>
 *   <li>return the fraction of all points classified correctly.</li>
 * </ol>
 *
 * <p>Classifier: k-nearest neighbours ({@link Classifier#K_NEAREST_NEIGHBOURS}, the default), or
 * sbibm's own, a perceptron of two ReLU layers of 10·D units trained as scikit-learn's
 * {@code MLPClassifier} is ({@link Classifier#MLP}, {@link #mlp()}, {@link TwoLayerPerceptron}).
 * k-NN has no training loop that may stop short of convergence and costs
 * O((N<sub>P</sub> + N<sub>Q</sub>)² D) distance terms over all folds; both are deterministic given the
 * seed. On posterior draws of the SLCP task the two agree on samples of the same distribution but
 * k-NN scores a surrogate's draws 0.04–0.12 lower than the MLP does, so only the MLP's figures are
 * comparable with sbibm's published ones.
 * Both statistics are 0.5 when P = Q (in expectation, with balanced classes) and tend to 1 for
 * disjoint supports; in between each is the accuracy of a particular classifier, at most the
 * Bayes accuracy ½ + ½ TV(P, Q) for equal class sizes. With k = {@link #neighbours} 0 the
 * number of neighbours is chosen as the odd number nearest √(training points) — a consistent
 * choice (k → ∞, k/n → 0), so the accuracy approaches the Bayes accuracy as N grows. At finite
 * N a different classifier finds a different share of the true difference: figures from this
 * test and from sbibm's MLP test agree at 0.5 and at 1 but need not agree in between.
 *
 * @param folds      K ≥ 2 cross-validation folds
 * @param neighbours k, odd, ≥ 1; or 0 for the automatic choice (k-NN only)
 * @param seed       seed of the fold assignment (and of the MLP's initialization and batches)
 * @param classifier which classifier tells the samples apart
 */
public record ClassifierTwoSampleTest(int folds, int neighbours, long seed, Classifier classifier) {

    /** The classifier of the test. */
    public enum Classifier {
        /** Majority vote of the k nearest neighbours, Euclidean in z-scores. */
        K_NEAREST_NEIGHBOURS,
        /** sbibm's: two ReLU layers of 10·D units, Adam, scikit-learn's stopping rule (at most 10 000 epochs). */
        MLP
    }

    /** The MLP's epoch cap, scikit-learn's {@code max_iter} as sbibm sets it. */
    static final int MLP_MAX_EPOCHS = 10_000;

    public ClassifierTwoSampleTest {
        if (folds < 2) {
            throw new InvalidInputException("C2ST folds: expected at least 2 but found " + folds);
        }
        if (neighbours < 0 || neighbours > 0 && neighbours % 2 == 0) {
            throw new InvalidInputException("C2ST neighbours: expected 0 (automatic) or an odd count but found "
                    + neighbours);
        }
        if (classifier == null) {
            throw new InvalidInputException("C2ST classifier: expected K_NEAREST_NEIGHBOURS or MLP but found null");
        }
    }

    /** A k-NN test. */
    public ClassifierTwoSampleTest(int folds, int neighbours, long seed) {
        this(folds, neighbours, seed, Classifier.K_NEAREST_NEIGHBOURS);
    }

    /** 5 folds (as sbibm), k-NN with automatic k, seed 1. */
    public static ClassifierTwoSampleTest defaults() {
        return new ClassifierTwoSampleTest(5, 0, 1);
    }

    /** sbibm's test: 5 folds, the MLP, seed 1. */
    public static ClassifierTwoSampleTest mlp() {
        return new ClassifierTwoSampleTest(5, 0, 1, Classifier.MLP);
    }

    /**
     * The cross-validated accuracy of telling {@code p} from {@code q}, in [0, 1].
     *
     * @param p (N<sub>P</sub>, D), N<sub>P</sub> ≥ folds (the reference: its moments define the z-scores)
     * @param q (N<sub>Q</sub>, D), N<sub>Q</sub> ≥ folds
     */
    public double accuracy(Matrix p, Matrix q) {
        if (p.cols() != q.cols()) {
            throw new DimensionMismatchException("C2ST samples: expected the same number of columns but found "
                    + p.cols() + " and " + q.cols());
        }
        if (p.rows() < folds || q.rows() < folds) {
            throw new InvalidInputException("C2ST samples: expected at least " + folds + " rows each (one per fold)"
                    + " but found " + p.rows() + " and " + q.rows());
        }
        int d = p.cols();
        int n = p.rows() + q.rows();
        double[] z = zScores(p, q);
        boolean[] label = new boolean[n];
        for (int i = p.rows(); i < n; i++) {
            label[i] = true;
        }
        int[] fold = new int[n];
        SplittableRandom rng = new SplittableRandom(seed);
        assignFolds(fold, 0, p.rows(), rng);
        assignFolds(fold, p.rows(), n, rng);
        int[] correct = new int[folds];
        if (classifier == Classifier.MLP) {
            long[] seeds = new long[folds];
            for (int f = 0; f < folds; f++) {
                seeds[f] = rng.nextLong();
            }
            IntStream.range(0, folds).parallel().forEach(f -> correct[f] = mlpCorrect(z, d, label, fold, f,
                    new SplittableRandom(seeds[f])));
        } else {
            for (int f = 0; f < folds; f++) {
                int current = f;
                int[] train = IntStream.range(0, n).filter(i -> fold[i] != current).toArray();
                int k = neighbours > 0 ? Math.min(neighbours, oddAtMost(train.length)) : automaticK(train.length);
                correct[f] = (int) IntStream.range(0, n).parallel().filter(i -> fold[i] == current)
                        .filter(i -> majority(z, d, i, train, label, k) == label[i]).count();
            }
        }
        long total = 0;
        for (int c : correct) {
            total += c;
        }
        return (double) total / n;
    }

    /** How many of fold {@code f}'s points an MLP trained on the other folds classifies correctly. */
    private static int mlpCorrect(double[] z, int d, boolean[] label, int[] fold, int f, SplittableRandom rng) {
        int[] train = IntStream.range(0, label.length).filter(i -> fold[i] != f).toArray();
        double[] x = new double[train.length * d];
        boolean[] y = new boolean[train.length];
        for (int t = 0; t < train.length; t++) {
            System.arraycopy(z, train[t] * d, x, t * d, d);
            y[t] = label[train[t]];
        }
        TwoLayerPerceptron net = TwoLayerPerceptron.train(x, y, d, 10 * d, MLP_MAX_EPOCHS, rng);
        int correct = 0;
        for (int i = 0; i < label.length; i++) {
            if (fold[i] == f && net.predict(z, i) == label[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** The odd number nearest √n (at most n). */
    static int automaticK(int n) {
        int k = (int) Math.round(Math.sqrt(n));
        if (k % 2 == 0) {
            k += 1;
        }
        return Math.min(k, oddAtMost(n));
    }

    private static int oddAtMost(int n) {
        return n % 2 == 1 ? n : n - 1;
    }

    private double[] zScores(Matrix p, Matrix q) {
        int d = p.cols();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            double[] c = p.column(j);
            double m = 0;
            for (double v : c) {
                m += v;
            }
            m /= c.length;
            double s = 0;
            for (double v : c) {
                s += (v - m) * (v - m);
            }
            mean[j] = m;
            double sdj = Math.sqrt(s / Math.max(1, c.length - 1));
            sd[j] = sdj > 0 ? sdj : 1;
        }
        double[] out = new double[(p.rows() + q.rows()) * d];
        double[] a = p.toArray();
        double[] b = q.toArray();
        for (int i = 0; i < a.length; i++) {
            out[i] = (a[i] - mean[i % d]) / sd[i % d];
        }
        for (int i = 0; i < b.length; i++) {
            out[a.length + i] = (b[i] - mean[i % d]) / sd[i % d];
        }
        return out;
    }

    /** Folds 0..K−1 dealt in turn to the points [from, to) in a random order. */
    private void assignFolds(int[] fold, int from, int to, SplittableRandom rng) {
        int[] order = IntStream.range(from, to).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < order.length; i++) {
            fold[order[i]] = i % folds;
        }
    }

    /** The majority label among the k training points nearest to point i. */
    private static boolean majority(double[] z, int d, int i, int[] train, boolean[] label, int k) {
        // Max-heap on distance holding the k nearest so far.
        PriorityQueue<double[]> nearest = new PriorityQueue<>(k + 1, (u, v) -> Double.compare(v[0], u[0]));
        int oi = i * d;
        for (int t : train) {
            int ot = t * d;
            double dist = 0;
            for (int j = 0; j < d; j++) {
                double diff = z[oi + j] - z[ot + j];
                dist += diff * diff;
            }
            if (nearest.size() < k) {
                nearest.add(new double[] {dist, t});
            } else if (dist < nearest.peek()[0]) {
                nearest.poll();
                nearest.add(new double[] {dist, t});
            }
        }
        int ones = 0;
        for (double[] e : nearest) {
            if (label[(int) e[1]]) {
                ones++;
            }
        }
        return 2 * ones > k;
    }
}

package org.robotphysicist.engine.design.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertRelativelyClose;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.engine.design.testing.FiniteDifferences;

class GaussianProcessTest {
    private static final Box BOX2 = new Box(new double[] {-5, 0}, new double[] {10, 15});

    /** A smooth test function on BOX2. */
    private static double f2(double a, double b) {
        return Math.sin(a / 3) + 0.5 * Math.cos(b / 4) + 0.02 * a * b;
    }

    private static GpTrainingData randomData(Box box, int n, SplittableRandom rng, double[] noise) {
        int d = box.dim();
        double[] pts = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                pts[i * d + c] = box.lower(c) + (box.upper(c) - box.lower(c)) * rng.nextDouble();
            }
            y[i] = d == 2 ? f2(pts[i * 2], pts[i * 2 + 1]) : Math.sin(3 * pts[i * d]);
            if (noise != null) {
                y[i] += Math.sqrt(noise[i]) * rng.nextGaussian();
            }
        }
        return new GpTrainingData(box, Matrix.of(n, d, pts), y, noise == null ? new double[n] : noise);
    }

    private static GpConfig noiseFree(KernelFamily k) {
        return GpConfig.defaults().withKernel(k).withLearnedNoise(false, new Bounds(1e-6, 1));
    }

    @Test
    void interpolatesNoiseFreeDataWithFittedHyperparameters() {
        for (KernelFamily k : KernelFamily.values()) {
            GpTrainingData data = randomData(BOX2, 25, new SplittableRandom(11), null);
            GaussianProcess gp = GaussianProcess.fit(data, noiseFree(k), new SplittableRandom(5));
            Prediction p = gp.predict(data.points());
            double worst = 0;
            double worstVar = 0;
            for (int i = 0; i < data.size(); i++) {
                worst = Math.max(worst, Math.abs(p.mean(i) - data.values()[i]));
                worstVar = Math.max(worstVar, p.variance(i));
            }
            double w = worst;
            assertTrue(worst <= 1e-6, () -> k + ": largest |mean - y| at training points " + w + " > 1e-6 ("
                    + gp.hyperparameters() + ", jitter " + gp.jitter() + ")");
            double wv = worstVar;
            assertTrue(worstVar <= 1e-6, () -> k + ": largest variance at training points " + wv + " > 1e-6");
        }
    }

    @Test
    void varianceIsNonNegativeAndBelowThePriorEverywhere() {
        SplittableRandom rng = new SplittableRandom(3);
        GpTrainingData data = randomData(BOX2, 40, rng, null);
        // add near-duplicates of the first points, the worst case for cancellation in σ² = σf² − ‖L⁻¹k‖²
        for (KernelFamily k : KernelFamily.values()) {
            GaussianProcess gp = GaussianProcess.fit(data, noiseFree(k), new SplittableRandom(1));
            double prior = gp.hyperparameters().signalVariance() * gp.outputScale() * gp.outputScale();
            int m = 4000;
            double[] pts = new double[m * 2];
            for (int i = 0; i < m; i++) {
                int src = i % data.size();
                double eps = i < 400 ? 1e-9 * rng.nextGaussian() : Double.NaN;
                for (int c = 0; c < 2; c++) {
                    pts[i * 2 + c] = Double.isNaN(eps) ? BOX2.lower(c) + (BOX2.upper(c) - BOX2.lower(c)) * rng.nextDouble()
                            : Math.min(BOX2.upper(c), Math.max(BOX2.lower(c), data.points().get(src, c) + eps));
                }
            }
            Prediction p = gp.predict(Matrix.of(m, 2, pts));
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (int i = 0; i < m; i++) {
                min = Math.min(min, p.variance(i));
                max = Math.max(max, p.variance(i));
            }
            double mn = min;
            double mx = max;
            assertTrue(min >= 0, () -> k + ": smallest predictive variance " + mn);
            assertTrue(max <= prior * (1 + 1e-12), () -> k + ": largest predictive variance " + mx + " > prior " + prior);
        }
    }

    /** An independent dense computation of log p(y) with Commons Math, from the kernel formulas. */
    private static double directLml(GpTrainingData data, KernelFamily k, GpHyperparameters h) {
        int n = data.size();
        int d = data.dim();
        double[] y = data.values();
        double mean = 0;
        for (double v : y) {
            mean += v / n;
        }
        double var = 0;
        for (double v : y) {
            var += (v - mean) * (v - mean) / n;
        }
        double sy = Math.sqrt(var);
        RealMatrix kk = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double r2 = 0;
                for (int c = 0; c < d; c++) {
                    double w = data.domain().upper(c) - data.domain().lower(c);
                    double diff = (data.points().get(i, c) - data.points().get(j, c)) / w / h.lengthScales()[c];
                    r2 += diff * diff;
                }
                double r = Math.sqrt(r2);
                double g = k == KernelFamily.MATERN52
                        ? (1 + Math.sqrt(5) * r + 5 * r2 / 3) * Math.exp(-Math.sqrt(5) * r) : Math.exp(-r2 / 2);
                double cov = h.signalVariance() * g * sy * sy;
                if (i == j) {
                    cov += h.noiseVariance() * sy * sy + data.noiseVariances()[i];
                }
                kk.setEntry(i, j, cov);
            }
        }
        CholeskyDecomposition chol = new CholeskyDecomposition(kk, 1e-12, 1e-14);
        RealVector r = new ArrayRealVector(n);
        for (int i = 0; i < n; i++) {
            r.setEntry(i, y[i] - mean);
        }
        RealVector a = chol.getSolver().solve(r);
        return -0.5 * r.dotProduct(a) - 0.5 * Math.log(chol.getDeterminant()) - 0.5 * n * Math.log(2 * Math.PI);
    }

    @Test
    void logMarginalLikelihoodEqualsDirectDenseComputation() {
        SplittableRandom rng = new SplittableRandom(8);
        double[] noise = new double[30];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0.001 + 0.01 * rng.nextDouble();
        }
        GpTrainingData data = randomData(BOX2, 30, rng, noise);
        for (KernelFamily k : KernelFamily.values()) {
            GaussianProcess gp = GaussianProcess.fit(data, GpConfig.defaults().withKernel(k), new SplittableRandom(2));
            double direct = directLml(data, k, gp.hyperparameters());
            assertRelativelyClose(k + " fitted log marginal likelihood vs Commons Math", direct,
                    gp.logMarginalLikelihood(), 1e-9);
            GpHyperparameters given = new GpHyperparameters(new double[] {0.3, 0.7}, 1.7, 0.02);
            GaussianProcess fixed = GaussianProcess.withHyperparameters(data, k, given);
            assertRelativelyClose(k + " log marginal likelihood at given hyperparameters vs Commons Math",
                    directLml(data, k, given), fixed.logMarginalLikelihood(), 1e-9);
            assertTrue(gp.logMarginalLikelihood() >= fixed.logMarginalLikelihood() - 1e-9, () -> k
                    + ": fitted LML " + gp.logMarginalLikelihood() + " below that at arbitrary hyperparameters "
                    + fixed.logMarginalLikelihood());
        }
    }

    @Test
    void marginalLikelihoodGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(21);
        GpTrainingData data = randomData(BOX2, 20, rng, null);
        UnitBoxScaling s = UnitBoxScaling.of(BOX2);
        double[] x = s.toUnit("x", data.points());
        double[] y = data.values();
        double[] t = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            t[i] = (y[i] - 0.3) / 1.2;
        }
        double[] known = new double[y.length];
        for (KernelFamily k : KernelFamily.values()) {
            MarginalLikelihood ml = new MarginalLikelihood(k, x, y.length, 2, t, known, true);
            double[] theta = {Math.log(0.35), Math.log(0.6), Math.log(1.3), Math.log(0.01)};
            double[] g = new double[4];
            ml.evaluate(theta, g);
            for (int j = 0; j < 4; j++) {
                double fd = FiniteDifferences.partial(th -> ml.evaluate(th, null), theta, j, 1e-5);
                assertClose(k + " d(-LML)/d theta[" + j + "] analytic vs central difference", fd, g[j],
                        1e-6 * Math.max(1, Math.abs(fd)));
            }
        }
    }

    @Test
    void pointGradientMatchesFiniteDifferencesAndBatchPrediction() {
        GpTrainingData data = randomData(BOX2, 15, new SplittableRandom(4), null);
        for (KernelFamily k : KernelFamily.values()) {
            GaussianProcess gp = GaussianProcess.withHyperparameters(data, k,
                    new GpHyperparameters(new double[] {0.25, 0.4}, 1.1, 1e-4));
            double[] u = {0.37, 0.61};
            PointPrediction p = gp.predictUnitWithGradient(u);
            Prediction batch = gp.predictUnit(u, 1);
            assertClose(k + " point mean vs batch mean", batch.mean(0), p.mean(), 1e-12);
            assertClose(k + " point variance vs batch variance", batch.variance(0), p.variance(), 1e-12);
            for (int c = 0; c < 2; c++) {
                assertClose(k + " dmu/du[" + c + "]", FiniteDifferences.partial(
                        w -> gp.predictUnitWithGradient(w).mean(), u, c, 1e-6), p.meanGradient(c), 1e-6);
                assertClose(k + " dvar/du[" + c + "]", FiniteDifferences.partial(
                        w -> gp.predictUnitWithGradient(w).variance(), u, c, 1e-6), p.varianceGradient(c), 1e-6);
            }
        }
    }

    @Test
    void duplicatePointsWithoutNoiseAreFactoredWithJitter() {
        Box box = Box.interval(0, 1);
        Matrix pts = Matrix.ofColumn(0.2, 0.2, 0.5, 0.9);
        GpTrainingData data = GpTrainingData.exact(box, pts, new double[] {1.0, 1.0, -0.5, 0.3});
        GaussianProcess gp = GaussianProcess.withHyperparameters(data, KernelFamily.SQUARED_EXPONENTIAL,
                new GpHyperparameters(new double[] {0.3}, 1.0, 0.0));
        assertTrue(gp.jitter() > 0, () -> "expected jitter > 0 for duplicate points but found " + gp.jitter());
        Prediction p = gp.predict(Matrix.ofColumn(0.2, 0.9));
        assertClose("mean at the duplicated point", 1.0, p.mean(0), 1e-3);
        assertClose("mean at a single point", 0.3, p.mean(1), 1e-3);
    }

    @Test
    void knownNoiseIsNotInterpolated() {
        Box box = Box.interval(0, 1);
        SplittableRandom rng = new SplittableRandom(9);
        int n = 30;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] noise = new double[n];
        double rms = 0;
        for (int i = 0; i < n; i++) {
            xs[i] = rng.nextDouble();
            noise[i] = 0.04;
            ys[i] = Math.sin(6 * xs[i]) + 0.2 * rng.nextGaussian();
        }
        GpTrainingData data = new GpTrainingData(box, Matrix.ofColumn(xs), ys, noise);
        GaussianProcess gp = GaussianProcess.fit(data, noiseFree(KernelFamily.MATERN52), new SplittableRandom(3));
        Prediction p = gp.predict(Matrix.ofColumn(xs));
        double truthRms = 0;
        for (int i = 0; i < n; i++) {
            rms += Math.pow(p.mean(i) - ys[i], 2) / n;
            truthRms += Math.pow(p.mean(i) - Math.sin(6 * xs[i]), 2) / n;
        }
        double r = Math.sqrt(rms);
        double tr = Math.sqrt(truthRms);
        assertTrue(r > 0.08, () -> "rms residual to noisy data " + r + " should be of order the noise sd 0.2");
        assertTrue(tr < 0.12, () -> "rms error to the noise-free function " + tr + " should be below 0.12");
    }

    @Test
    void recoversTheLengthScaleOfDataDrawnFromAGpPrior() {
        // Draw f ~ GP(0, SE with l = 0.15) on 60 points in [0, 1] and refit.
        SplittableRandom rng = new SplittableRandom(17);
        int n = 60;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = rng.nextDouble();
        }
        RealMatrix kk = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double diff = (xs[i] - xs[j]) / 0.15;
                kk.setEntry(i, j, Math.exp(-diff * diff / 2) + (i == j ? 1e-6 : 0));
            }
        }
        RealMatrix l = new CholeskyDecomposition(kk).getL();
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = rng.nextGaussian();
        }
        double[] ys = l.operate(z);
        GpTrainingData data = GpTrainingData.exact(Box.interval(0, 1), Matrix.ofColumn(xs), ys);
        GaussianProcess gp = GaussianProcess.fit(data, GpConfig.defaults().withKernel(KernelFamily.SQUARED_EXPONENTIAL),
                new SplittableRandom(1));
        double ell = gp.hyperparameters().lengthScales()[0];
        assertTrue(ell > 0.15 / 1.5 && ell < 0.15 * 1.5, () -> "fitted length-scale " + ell + " vs true 0.15 (factor 1.5)");
    }

    @Test
    void badInputGetsClearErrors() {
        Box box = Box.interval(0, 1);
        NonFiniteValueException nan = assertThrows(NonFiniteValueException.class,
                () -> GpTrainingData.exact(box, Matrix.ofColumn(0.1, 0.2), new double[] {1, Double.NaN}));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        OutOfSupportException out = assertThrows(OutOfSupportException.class,
                () -> GpTrainingData.exact(box, Matrix.ofColumn(0.1, 1.5), new double[] {1, 2}));
        assertTrue(out.getMessage().contains("1.5"), out.getMessage());
        assertThrows(DimensionMismatchException.class,
                () -> GpTrainingData.exact(box, Matrix.of(2, 2, new double[] {0.1, 0.1, 0.2, 0.2}), new double[] {1, 2}));
        assertThrows(DimensionMismatchException.class,
                () -> GpTrainingData.exact(box, Matrix.ofColumn(0.1, 0.2), new double[] {1, 2, 3}));
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> GpTrainingData.exact(box, Matrix.of(0, 1, new double[0]), new double[0]));
        assertTrue(empty.getMessage().contains("at least one"), empty.getMessage());
        assertThrows(InvalidInputException.class, () -> GpTrainingData.exact(Box.unbounded(1), Matrix.ofColumn(0.1),
                new double[] {1}));
        assertThrows(InvalidInputException.class, () -> new GpTrainingData(box, Matrix.ofColumn(0.1), new double[] {1},
                new double[] {-1}));
        GaussianProcess gp = GaussianProcess.withHyperparameters(
                GpTrainingData.exact(box, Matrix.ofColumn(0.1, 0.5), new double[] {1, 2}), KernelFamily.MATERN52,
                new GpHyperparameters(new double[] {0.3}, 1, 0));
        assertThrows(DimensionMismatchException.class, () -> gp.predict(Matrix.of(1, 2, new double[] {0.1, 0.1})));
        assertThrows(OutOfSupportException.class, () -> gp.predict(Matrix.ofColumn(-0.1)));
        assertEquals(2, gp.size());
    }
}

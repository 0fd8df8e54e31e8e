package org.robotphysicist.engine.design.gp;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.neural.Standardizer;

/**
 * A Gaussian-process regression model of an objective over a bounded domain, conditioned on
 * observations (Rasmussen &amp; Williams 2006, alg. 2.1). Inputs are mapped to the unit box,
 * outputs standardized, t = (y − ȳ)/s<sub>y</sub>; on those scales the prior is f ~ GP(0, k) with an
 * ARD {@link KernelFamily} kernel, and y<sub>i</sub> = f(x<sub>i</sub>) + ε<sub>i</sub> with
 * ε<sub>i</sub> ~ N(0, σ<sub>n</sub>² + s<sub>i</sub>) (learned homoscedastic plus known per-point noise).
 *
 * <pre>
 *   K = σ_f² G + diag(σ_n² + s) = L Lᵀ,   α = K⁻¹ t
 *   μ(x) = ȳ + s_y k_*ᵀα,   σ²(x) = s_y² (σ_f² − ‖L⁻¹k_*‖²)  (clamped ≥ 0)
 * </pre>
 *
 * Immutable and thread-safe. Shapes: training points (N, D), prediction points (M, D).
 * Hyperparameters are fitted by {@link #fit} (maximum marginal likelihood with restarts) or given
 * ({@link #withHyperparameters}). Linear algebra: {@link DenseCholesky} (plain Java, every factorization
 * and solve checked by its residual; a failed check throws {@link FactorizationResidualException}).
 */
public final class GaussianProcess {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final KernelFamily family;
    private final UnitBoxScaling scaling;
    private final double[] x;
    private final int n;
    private final int d;
    private final double yMean;
    private final double yScale;
    private final double[] t;
    private final double[] knownNoise;
    private final GpHyperparameters hyper;
    private final double[] invLs2;
    private final DenseCholesky factor;
    private final double[] alpha;
    private final double jitter;
    private final double standardizedLml;
    private final int fitEvaluations;

    private GaussianProcess(KernelFamily family, UnitBoxScaling scaling, double[] x, int n, double yMean,
            double yScale, double[] t, double[] knownNoise, GpHyperparameters hyper, int fitEvaluations) {
        this.family = family;
        this.scaling = scaling;
        this.x = x;
        this.n = n;
        this.d = scaling.dim();
        this.yMean = yMean;
        this.yScale = yScale;
        this.t = t;
        this.knownNoise = knownNoise;
        this.hyper = hyper;
        this.fitEvaluations = fitEvaluations;
        if (hyper.dim() != d) {
            throw new DimensionMismatchException("GP length-scales", d, hyper.dim());
        }
        this.invLs2 = new double[d];
        for (int c = 0; c < d; c++) {
            invLs2[c] = 1.0 / (hyper.lengthScales()[c] * hyper.lengthScales()[c]);
        }
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = hyper.noiseVariance() + knownNoise[i];
        }
        double[] k = new double[n * n];
        KernelMatrices.covariance(family, KernelMatrices.squaredDifferences(x, n, d), n, d, invLs2,
                hyper.signalVariance(), diagonal, k, new double[n * (n - 1) / 2]);
        this.factor = new DenseCholesky(n);
        this.jitter = factor.factor(k);
        if (Double.isNaN(jitter)) {
            throw new IllegalStateException("GP: the " + n + "x" + n + " kernel matrix is not positive definite even"
                    + " with jitter " + DenseCholesky.FIRST_RELATIVE_JITTER * Math.pow(10,
                    DenseCholesky.JITTER_RETRIES - 1) + " x mean diagonal (hyperparameters " + hyper + ")");
        }
        this.alpha = t.clone();
        factor.solve(alpha);
        double fit = 0;
        for (int i = 0; i < n; i++) {
            fit += t[i] * alpha[i];
        }
        this.standardizedLml = -0.5 * fit - 0.5 * factor.logDeterminant() - 0.5 * n * LOG_2PI;
    }

    /**
     * Fits the hyperparameters by maximum marginal likelihood (see {@link GpConfig}) and conditions
     * on {@code data}. {@code rng} draws the random restarts.
     */
    public static GaussianProcess fit(GpTrainingData data, GpConfig config, SplittableRandom rng) {
        Prepared p = Prepared.of(data);
        HyperparameterFit fit = HyperparameterFit.run(config, p.x, p.n, data.dim(), p.t, p.knownNoise, rng);
        return new GaussianProcess(config.kernel(), p.scaling, p.x, p.n, p.yMean, p.yScale, p.t, p.knownNoise,
                fit.hyperparameters(), fit.evaluations());
    }

    /** Conditions on {@code data} with given hyperparameters (in the fitting units of {@link GpHyperparameters}). */
    public static GaussianProcess withHyperparameters(GpTrainingData data, KernelFamily kernel, GpHyperparameters h) {
        Prepared p = Prepared.of(data);
        return new GaussianProcess(kernel, p.scaling, p.x, p.n, p.yMean, p.yScale, p.t, p.knownNoise, h, 0);
    }

    /** Unit-box inputs and standardized outputs of a data set. */
    private record Prepared(UnitBoxScaling scaling, double[] x, int n, double yMean, double yScale, double[] t,
            double[] knownNoise) {
        static Prepared of(GpTrainingData data) {
            UnitBoxScaling scaling = UnitBoxScaling.of(data.domain());
            double[] x = scaling.toUnit("GP training point", data.points());
            double[] y = data.values();
            Standardizer s = Standardizer.fit(Matrix.ofColumn(y));
            double mean = s.mean()[0];
            double scale = s.scale()[0];
            double[] t = new double[y.length];
            double[] noise = data.noiseVariances();
            for (int i = 0; i < y.length; i++) {
                t[i] = (y[i] - mean) / scale;
                noise[i] /= scale * scale;
            }
            return new Prepared(scaling, x, y.length, mean, scale, t, noise);
        }
    }

    /**
     * The model conditioned on one more observation at unit-box point {@code u} with the same
     * hyperparameters and output standardization (no refit): the "fantasy" of a batch strategy.
     */
    public GaussianProcess withObservationAt(double[] u, double value, double noiseVariance) {
        Require.finiteVector("fantasy point", u, d);
        Require.finite("fantasy value", value);
        Require.nonNegative("fantasy noise variance", noiseVariance);
        double[] x2 = Arrays.copyOf(x, (n + 1) * d);
        System.arraycopy(u, 0, x2, n * d, d);
        double[] t2 = Arrays.copyOf(t, n + 1);
        t2[n] = (value - yMean) / yScale;
        double[] noise2 = Arrays.copyOf(knownNoise, n + 1);
        noise2[n] = noiseVariance / (yScale * yScale);
        return new GaussianProcess(family, scaling, x2, n + 1, yMean, yScale, t2, noise2, hyper, 0);
    }

    /** Posterior mean and variance at M points of the domain, given as an (M, D) matrix. */
    public Prediction predict(Matrix points) {
        points.requireShape("GP prediction points", -1, d);
        return predictUnit(scaling.toUnit("GP prediction point", points), points.rows());
    }

    /**
     * Posterior at M unit-box points given row-major (M·D values): the cross-covariance K<sub>*</sub>
     * (M, N) is assembled in one pass, and one triangular solve K<sub>*</sub>L⁻ᵀ gives every variance.
     */
    public Prediction predictUnit(double[] unitPoints, int m) {
        if (unitPoints.length != m * d) {
            throw new DimensionMismatchException("unit-box prediction points for " + m + " rows of " + d + " dims",
                    (long) m * d, unitPoints.length);
        }
        double signal = hyper.signalVariance();
        double[] ks = new double[m * n];
        KernelMatrices.cross(family, unitPoints, m, x, n, d, invLs2, signal, ks);
        double[] mean = new double[m];
        for (int c = 0; c < m; c++) {
            double s = 0;
            int row = c * n;
            for (int i = 0; i < n; i++) {
                s += ks[row + i] * alpha[i];
            }
            mean[c] = yMean + yScale * s;
        }
        factor.solveLowerRows(ks, m);
        double[] variance = new double[m];
        double s2 = yScale * yScale;
        for (int c = 0; c < m; c++) {
            double q = 0;
            int row = c * n;
            for (int i = 0; i < n; i++) {
                q += ks[row + i] * ks[row + i];
            }
            variance[c] = s2 * Math.max(0.0, signal - q);
        }
        return new Prediction(mean, variance);
    }

    /**
     * Posterior mean and variance at one unit-box point with their gradients in u:
     * ∂μ = s<sub>y</sub> (∂k<sub>*</sub>)ᵀα, ∂σ² = −2 s<sub>y</sub>² (K⁻¹k<sub>*</sub>)ᵀ∂k<sub>*</sub>, with
     * ∂k<sub>i</sub>/∂u<sub>d</sub> = −k<sub>i</sub>(q/g)(r²<sub>i</sub>)(u<sub>d</sub> − x<sub>id</sub>)/ℓ<sub>d</sub>². Cost O(N² + ND).
     */
    public PointPrediction predictUnitWithGradient(double[] u) {
        if (u.length != d) {
            throw new DimensionMismatchException("unit-box point length", d, u.length);
        }
        double signal = hyper.signalVariance();
        double[] k = new double[n];
        double[] ratio = new double[n];
        double mu = 0;
        for (int i = 0; i < n; i++) {
            double r2 = KernelMatrices.r2(u, 0, x, i, d, invLs2);
            k[i] = signal * family.correlation(r2);
            ratio[i] = family.slopeRatio(r2);
            mu += k[i] * alpha[i];
        }
        double[] v = k.clone();
        factor.solveLower(v);
        double q = 0;
        for (int i = 0; i < n; i++) {
            q += v[i] * v[i];
        }
        double variance = signal - q;
        factor.solveUpper(v);
        double[] meanGradient = new double[d];
        double[] varianceGradient = new double[d];
        for (int i = 0; i < n; i++) {
            double common = -k[i] * ratio[i];
            int xi = i * d;
            for (int c = 0; c < d; c++) {
                double dk = common * (u[c] - x[xi + c]) * invLs2[c];
                meanGradient[c] += dk * alpha[i];
                varianceGradient[c] -= 2 * dk * v[i];
            }
        }
        double s2 = yScale * yScale;
        for (int c = 0; c < d; c++) {
            meanGradient[c] *= yScale;
            varianceGradient[c] = variance > 0 ? varianceGradient[c] * s2 : 0.0;
        }
        return new PointPrediction(yMean + yScale * mu, s2 * Math.max(0.0, variance), meanGradient, varianceGradient);
    }

    /**
     * log p(y | θ̂) of the observed values in their own units, under the prior y ~ N(ȳ, s<sub>y</sub>² K):
     * the standardized log marginal likelihood minus N log s<sub>y</sub>.
     */
    public double logMarginalLikelihood() {
        return standardizedLml - n * Math.log(yScale);
    }

    /** log p(t | θ̂) of the standardized outputs t — the quantity the hyperparameter fit maximizes. */
    public double standardizedLogMarginalLikelihood() {
        return standardizedLml;
    }

    public GpHyperparameters hyperparameters() {
        return hyper;
    }

    public KernelFamily kernel() {
        return family;
    }

    public UnitBoxScaling scaling() {
        return scaling;
    }

    /** Number of conditioning points N (fantasies included). */
    public int size() {
        return n;
    }

    public int dim() {
        return d;
    }

    /** Jitter added to the diagonal of K to factor it (0 when none was needed), standardized units. */
    public double jitter() {
        return jitter;
    }

    /** ȳ, the mean subtracted from the outputs. */
    public double outputMean() {
        return yMean;
    }

    /** s<sub>y</sub>, the output scale divided out. */
    public double outputScale() {
        return yScale;
    }

    /** Marginal-likelihood evaluations spent by {@link #fit} (0 for given hyperparameters). */
    public int fitEvaluations() {
        return fitEvaluations;
    }

    /** The conditioning points in unit-box coordinates, row-major (N·D values). */
    public double[] unitPoints() {
        return x.clone();
    }
}

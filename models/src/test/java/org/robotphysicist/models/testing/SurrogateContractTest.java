package org.robotphysicist.models.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * The contract every {@link SurrogateLikelihood} passes, shared through the models test-jar.
 * A subclass supplies a surrogate fitted on {@link #PROBLEM}, the toy Gaussian x ~ N(θ, φ) with
 * θ ∈ [−1, 1] and variance φ ∈ [0.5, 2].
 *
 * <p><b>Accuracy.</b> Surrogates are defined up to a θ-independent constant, so the contract
 * compares <em>centred</em> log-likelihoods: at fixed (x, φ), l(θ<sub>k</sub>) minus its mean over
 * θ<sub>k</sub> ∈ {−0.6, −0.3, 0, 0.3, 0.6}. The mean absolute error against the exact values,
 * over x on a grid spanning the central 95% of p(x | θ = 0, φ) and φ ∈ {0.6, 1.0, 1.8}, must be
 * below {@value #ACCURACY_TOLERANCE_NATS} nats — the same bar for every surrogate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SurrogateContractTest {
    /** The shared tolerance of the accuracy contract, in nats. */
    public static final double ACCURACY_TOLERANCE_NATS = 0.1;
    /** The toy problem every surrogate is fitted on. */
    public static final ToyGaussianProblem PROBLEM = new ToyGaussianProblem();

    /** The surrogate under test, fitted on {@link #PROBLEM}; called once per test class. */
    protected abstract SurrogateLikelihood surrogate();

    private SurrogateLikelihood cached;

    private SurrogateLikelihood s() {
        if (cached == null) {
            cached = surrogate();
        }
        return cached;
    }

    @Test
    void centredLogLikelihoodMatchesTheTruthOnTheToyGaussian() {
        double error = PROBLEM.centredLogLikelihoodError(s());
        assertTrue(error < ACCURACY_TOLERANCE_NATS, () -> String.format(
                "mean absolute error of centred log-likelihood: %.4f nats, tolerance %.2f", error,
                ACCURACY_TOLERANCE_NATS));
    }

    @Test
    void summedLogLikelihoodEqualsTheSumOfRowAlignedValues() {
        Matrix events = Matrix.ofColumn(-1.2, -0.1, 0.4, 1.7, 0.05);
        Matrix grid = Matrix.ofColumn(-0.8, 0.0, 0.35, 0.9);
        double[] phi = {1.3};
        double[] summed = s().summedLogLikelihood(events, grid, phi);
        assertEquals(grid.rows(), summed.length);
        for (int j = 0; j < grid.rows(); j++) {
            double[] rows = s().logLikelihood(events, Matrix.repeatRow(grid.row(j), events.rows()),
                    Matrix.repeatRow(phi, events.rows()));
            double sum = 0;
            for (double v : rows) {
                sum += v;
            }
            double tol = 1e-6 * Math.max(1, Math.abs(sum));
            assertEquals(sum, summed[j], tol, "grid point " + j);
        }
    }

    @Test
    void valuesAreFinite() {
        double[] ll = s().logLikelihood(Matrix.ofColumn(-4, 0, 4), Matrix.ofColumn(-1, 0, 1),
                Matrix.ofColumn(0.5, 1, 2));
        for (double v : ll) {
            assertTrue(Double.isFinite(v), "log-likelihood " + v);
        }
    }

    @Test
    void wrongShapesAreRejected() {
        var e = assertThrows(DimensionMismatchException.class, () -> s().logLikelihood(Matrix.of(1, 2,
                new double[] {0, 1}), Matrix.ofColumn(0), Matrix.ofColumn(1)));
        assertTrue(e.getMessage().contains("expected 1 columns but found 2"), e.getMessage());
        assertThrows(DimensionMismatchException.class,
                () -> s().logLikelihood(Matrix.ofColumn(0, 1), Matrix.ofColumn(0), Matrix.ofColumn(1, 1)));
        assertThrows(DimensionMismatchException.class,
                () -> s().summedLogLikelihood(Matrix.ofColumn(0), Matrix.ofColumn(0), new double[] {1, 2}));
    }

    @Test
    void emptyEventsAndNonFiniteSettingsAreRejected() {
        assertThrows(InvalidInputException.class,
                () -> s().summedLogLikelihood(Matrix.of(0, 1, new double[0]), Matrix.ofColumn(0), new double[] {1}));
        assertThrows(InvalidInputException.class,
                () -> s().summedLogLikelihood(Matrix.ofColumn(0), Matrix.ofColumn(0), new double[] {Double.NaN}));
        assertThrows(InvalidInputException.class, () -> Matrix.ofColumn(Double.NaN));
    }

    @Test
    void parametersOutsideTheSurrogatesRangeAreRejected() {
        var e = assertThrows(OutOfSupportException.class,
                () -> s().summedLogLikelihood(Matrix.ofColumn(0), Matrix.ofColumn(3.0), new double[] {1}));
        assertTrue(e.getMessage().contains("3.0"), e.getMessage());
        assertThrows(OutOfSupportException.class,
                () -> s().logLikelihood(Matrix.ofColumn(0), Matrix.ofColumn(0), Matrix.ofColumn(7.0)));
    }

    /** The toy set-up shared by all surrogate tests. */
    public static final class ToyGaussianProblem {
        public final ToyGaussianSimulator simulator = new ToyGaussianSimulator();
        public final double thetaLower = -1;
        public final double thetaUpper = 1;
        public final double phiLower = 0.5;
        public final double phiUpper = 2;
        private final double[] thetas = {-0.6, -0.3, 0, 0.3, 0.6};
        private final double[] phis = {0.6, 1.0, 1.8};

        /** Mean absolute error of centred log-likelihoods, as documented on the contract. */
        public double centredLogLikelihoodError(SurrogateLikelihood s) {
            double total = 0;
            int count = 0;
            for (double phi : phis) {
                double half = 1.96 * Math.sqrt(phi);
                int nx = 41;
                double[] xs = new double[nx * thetas.length];
                double[] ts = new double[nx * thetas.length];
                for (int i = 0; i < nx; i++) {
                    for (int k = 0; k < thetas.length; k++) {
                        xs[i * thetas.length + k] = -half + 2 * half * i / (nx - 1);
                        ts[i * thetas.length + k] = thetas[k];
                    }
                }
                int rows = xs.length;
                double[] got = s.logLikelihood(Matrix.ofColumn(xs), Matrix.ofColumn(ts),
                        Matrix.repeatRow(new double[] {phi}, rows));
                for (int i = 0; i < nx; i++) {
                    double meanGot = 0;
                    double meanExact = 0;
                    double[] exact = new double[thetas.length];
                    for (int k = 0; k < thetas.length; k++) {
                        exact[k] = simulator.logDensity(new double[] {xs[i * thetas.length]}, new double[] {thetas[k]},
                                new double[] {phi});
                        meanGot += got[i * thetas.length + k] / thetas.length;
                        meanExact += exact[k] / thetas.length;
                    }
                    for (int k = 0; k < thetas.length; k++) {
                        total += Math.abs((got[i * thetas.length + k] - meanGot) - (exact[k] - meanExact));
                        count++;
                    }
                }
            }
            return total / count;
        }
    }
}

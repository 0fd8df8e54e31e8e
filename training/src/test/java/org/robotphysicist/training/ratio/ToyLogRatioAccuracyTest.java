package org.robotphysicist.training.ratio;

import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;

/**
 * The likelihood-to-evidence classifier learns the absolute log-ratio
 * log p(x | θ, φ) − log p(x | φ) of the toy Gaussian, where
 * p(x | φ) = ½ ∫<sub>−1</sub><sup>1</sup> N(x; θ, φ) dθ = ½ [Φ((x + 1)/√φ) − Φ((x − 1)/√φ)].
 */
class ToyLogRatioAccuracyTest {
    /** Tolerance on the mean absolute error, in nats. */
    static final double TOLERANCE = 0.05;

    static double exactLogRatio(double x, double theta, double phi) {
        double sd = Math.sqrt(phi);
        double z = (x - theta) / sd;
        double logLik = -0.5 * (Math.log(2 * Math.PI * phi) + z * z);
        double a = (x + 1) / (sd * Math.sqrt(2));
        double b = (x - 1) / (sd * Math.sqrt(2));
        double evidence = 0.25 * (Erf.erfc(b) - Erf.erfc(a));
        return logLik - Math.log(evidence);
    }

    /**
     * At φ ∈ {0.6, 1.0, 1.8} and θ ∈ {−0.8, −0.6, …, 0.8}, over x on a 41-point grid spanning the
     * central 95% of p(x | θ, φ) (θ ± 1.96 √φ): mean absolute error below {@value #TOLERANCE} nats
     * at each φ.
     */
    @Test
    void learnedLogRatioMatchesTheAnalyticOne() {
        ParameterizedRatioClassifier c = ToyRatioClassifiers.toy();
        System.out.printf("centred log-likelihood error (the surrogate contract's figure): %.4f nats%n",
                org.robotphysicist.models.testing.SurrogateContractTest.PROBLEM.centredLogLikelihoodError(c));
        for (double phi : new double[] {0.6, 1.0, 1.8}) {
            double mae = meanAbsoluteError(c, phi);
            System.out.printf("phi = %.1f: MAE of log r = %.4f nats%n", phi, mae);
            assertClose("mean |log r_learned - log r_exact| at phi = " + phi + " (nats)", 0, mae, TOLERANCE);
        }
    }

    /**
     * Mean |log r_learned − log r_exact| at {@code phi} over θ ∈ {−0.8, −0.6, …, 0.8} and x on a
     * 41-point grid spanning the central 95% of p(x | θ, φ) (θ ± 1.96 √φ).
     */
    static double meanAbsoluteError(ParameterizedRatioClassifier c, double phi) {
        int nx = 41;
        int nt = 9;
        double[] xs = new double[nx * nt];
        double[] ts = new double[nx * nt];
        for (int k = 0; k < nt; k++) {
            double theta = -0.8 + 0.2 * k;
            double half = 1.96 * Math.sqrt(phi);
            for (int i = 0; i < nx; i++) {
                xs[k * nx + i] = theta - half + 2 * half * i / (nx - 1);
                ts[k * nx + i] = theta;
            }
        }
        double[] got = c.logLikelihood(Matrix.ofColumn(xs), Matrix.ofColumn(ts),
                Matrix.repeatRow(new double[] {phi}, xs.length));
        double mae = 0;
        for (int i = 0; i < xs.length; i++) {
            mae += Math.abs(got[i] - exactLogRatio(xs[i], ts[i], phi)) / xs.length;
        }
        return mae;
    }
}

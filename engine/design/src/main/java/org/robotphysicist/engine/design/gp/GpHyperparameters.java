package org.robotphysicist.engine.design.gp;

import java.util.Arrays;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * Kernel hyperparameters in the fitting units of {@link GpConfig}: length-scales in unit-box
 * units, variances in standardized-output units. The covariance of standardized outputs t is
 * K<sub>ij</sub> = σ<sub>f</sub>² g(r²<sub>ij</sub>) + δ<sub>ij</sub>(σ<sub>n</sub>² + s<sub>i</sub>), with
 * s<sub>i</sub> the known noise variance of point i (standardized).
 *
 * @param lengthScales   ℓ<sub>d</sub> &gt; 0, one per input dimension
 * @param signalVariance σ<sub>f</sub>² &gt; 0
 * @param noiseVariance  σ<sub>n</sub>² ≥ 0 (0 when noise is not learned)
 */
public record GpHyperparameters(double[] lengthScales, double signalVariance, double noiseVariance) {

    public GpHyperparameters {
        if (lengthScales == null || lengthScales.length == 0) {
            throw new InvalidInputException("length-scales: expected at least one but found none");
        }
        lengthScales = lengthScales.clone();
        for (int d = 0; d < lengthScales.length; d++) {
            Require.positive("length-scale[" + d + "]", lengthScales[d]);
        }
        Require.positive("signal variance", signalVariance);
        Require.nonNegative("noise variance", noiseVariance);
    }

    public int dim() {
        return lengthScales.length;
    }

    @Override
    public double[] lengthScales() {
        return lengthScales.clone();
    }

    /** The optimizer's coordinates: (log ℓ<sub>1..D</sub>, log σ<sub>f</sub>², [log σ<sub>n</sub>²]). */
    double[] toLog(boolean learnNoise) {
        int d = lengthScales.length;
        double[] theta = new double[d + 1 + (learnNoise ? 1 : 0)];
        for (int i = 0; i < d; i++) {
            theta[i] = Math.log(lengthScales[i]);
        }
        theta[d] = Math.log(signalVariance);
        if (learnNoise) {
            theta[d + 1] = Math.log(noiseVariance);
        }
        return theta;
    }

    /** Inverse of {@link #toLog}; without learned noise σ<sub>n</sub>² = 0. */
    static GpHyperparameters fromLog(double[] theta, int dim, boolean learnNoise) {
        double[] ls = new double[dim];
        for (int i = 0; i < dim; i++) {
            ls[i] = Math.exp(theta[i]);
        }
        return new GpHyperparameters(ls, Math.exp(theta[dim]), learnNoise ? Math.exp(theta[dim + 1]) : 0.0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GpHyperparameters h && Arrays.equals(h.lengthScales, lengthScales)
                && Double.compare(h.signalVariance, signalVariance) == 0
                && Double.compare(h.noiseVariance, noiseVariance) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(lengthScales) + Double.hashCode(signalVariance))
                + Double.hashCode(noiseVariance);
    }

    @Override
    public String toString() {
        return "GpHyperparameters[lengthScales=" + Arrays.toString(lengthScales) + ", signalVariance="
                + signalVariance + ", noiseVariance=" + noiseVariance + "]";
    }
}

package org.robotphysicist.engine.design.bo;

import java.util.Arrays;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * One evaluation of the objective: the settings φ, the observed value and its known noise
 * variance (for example the squared standard error of a Monte Carlo EIG estimate; 0 when exact).
 *
 * @param phi           settings, length D
 * @param value         observed objective value (finite)
 * @param noiseVariance known noise variance ≥ 0, in value units squared
 */
public record Evaluation(double[] phi, double value, double noiseVariance) {

    public Evaluation {
        if (phi == null) {
            throw new InvalidInputException("evaluation phi: expected a vector but found null");
        }
        phi = Require.finite("evaluation phi", phi.clone());
        Require.finite("observed value", value);
        Require.nonNegative("evaluation noise variance", noiseVariance);
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation b && Arrays.equals(b.phi, phi) && Double.compare(b.value, value) == 0
                && Double.compare(b.noiseVariance, noiseVariance) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(phi) + Double.hashCode(value)) + Double.hashCode(noiseVariance);
    }

    @Override
    public String toString() {
        return "Evaluation[phi=" + Arrays.toString(phi) + ", value=" + value + ", noiseVariance=" + noiseVariance + "]";
    }
}

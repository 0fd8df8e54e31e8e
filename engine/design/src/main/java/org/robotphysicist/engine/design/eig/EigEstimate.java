package org.robotphysicist.engine.design.eig;

import java.util.Arrays;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * A Monte Carlo estimate of the expected information gain at one setting φ
 * ({@link ExpectedInformationGain}); entropies and gains in nats.
 *
 * @param phi                  the setting, length D<sub>φ</sub>
 * @param value                the estimate: the mean of the K per-dataset gains
 * @param standardError        its Monte Carlo standard error, s/√K with s the sample standard deviation of the gains
 * @param datasets             K, the simulated datasets
 * @param priorEntropy         H(p(θ)) on the θ grid
 * @param meanPosteriorEntropy the mean of H(p(θ | X<sub>k</sub>, φ)) over the datasets
 * @param meanEvents           the mean number of events per dataset (N for a fixed count)
 */
public record EigEstimate(double[] phi, double value, double standardError, int datasets, double priorEntropy,
        double meanPosteriorEntropy, double meanEvents) {

    public EigEstimate {
        if (phi == null) {
            throw new InvalidInputException("EIG setting: expected a vector but found null");
        }
        phi = Require.finite("EIG setting", phi.clone());
        Require.finite("EIG estimate", value);
        Require.nonNegative("EIG standard error", standardError);
        Require.positive("EIG datasets", datasets);
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    /** The squared standard error: the noise variance a Bayesian optimizer should attach to {@link #value()}. */
    public double variance() {
        return standardError * standardError;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EigEstimate e && Arrays.equals(e.phi, phi) && Double.compare(e.value, value) == 0
                && Double.compare(e.standardError, standardError) == 0 && e.datasets == datasets
                && Double.compare(e.priorEntropy, priorEntropy) == 0
                && Double.compare(e.meanPosteriorEntropy, meanPosteriorEntropy) == 0
                && Double.compare(e.meanEvents, meanEvents) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(phi) + Double.hashCode(value) * 17 + Double.hashCode(standardError);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "EIG%s = %.5g +- %.2g nats (%d datasets)", Arrays.toString(phi),
                value, standardError, datasets);
    }
}

package org.robotphysicist.engine.cluster;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * One experiment's summed log-likelihood over a θ grid, computed where its events live:
 * S<sub>j</sub> = Σ<sub>i&lt;N</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ), float64, the events
 * never leaving the workers.
 *
 * @param phi           the experiment's setting (empty where experiments have no setting)
 * @param events        N ≥ 1
 * @param logLikelihood length M: S<sub>j</sub>, finite or −∞
 */
public record ExperimentSums(double[] phi, long events, double[] logLikelihood) {

    public ExperimentSums {
        phi = Require.finite("experiment phi", phi.clone());
        if (events < 1) {
            throw new InvalidInputException("experiment sums: expected at least 1 event but found " + events);
        }
        logLikelihood = logLikelihood.clone();
        for (int j = 0; j < logLikelihood.length; j++) {
            if (Double.isNaN(logLikelihood[j]) || logLikelihood[j] == Double.POSITIVE_INFINITY) {
                throw new InvalidInputException("experiment sums at theta point " + j + ": expected a finite value or"
                        + " -Infinity but found " + logLikelihood[j]);
            }
        }
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    @Override
    public double[] logLikelihood() {
        return logLikelihood.clone();
    }
}

package org.robotphysicist.engine.api;

import java.util.List;
import java.util.Objects;
import org.robotphysicist.engine.design.eig.EigEstimate;

/**
 * The next experiment setting from {@link RobotPhysicist#suggestNext}: of the settings the Bayesian
 * optimizer evaluated, the one with the highest Gaussian-process mean of EIG (robust to a lucky
 * estimate), with its own Monte Carlo estimate.
 *
 * @param phi       the suggested setting, length D<sub>φ</sub>
 * @param estimate  the EIG estimate at {@code phi} (nats, with its standard error)
 * @param gpMean    the GP posterior mean of EIG at {@code phi}
 * @param estimates every estimate the search made, in order
 */
public record Suggestion(double[] phi, EigEstimate estimate, double gpMean, List<EigEstimate> estimates) {

    /**
     * Copies the setting and the list of estimates.
     *
     * @param phi       the suggested setting, length D<sub>φ</sub>
     * @param estimate  the EIG estimate at {@code phi} (nats, with its standard error)
     * @param gpMean    the GP posterior mean of EIG at {@code phi}
     * @param estimates every estimate the search made, in order
     */
    public Suggestion {
        phi = phi.clone();
        Objects.requireNonNull(estimate, "estimate");
        estimates = List.copyOf(estimates);
    }

    /**
     * The suggested setting.
     *
     * @return a copy of φ, length D<sub>φ</sub>
     */
    @Override
    public double[] phi() {
        return phi.clone();
    }
}

package org.robotphysicist.engine.design.loop;

import java.util.List;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.gp.GpHyperparameters;

/**
 * The designer's choice for the next experiment, before it is run ({@link ExperimentDesigner#propose()}).
 *
 * @param round        the round number, from 1
 * @param phi          the chosen setting: of the evaluated settings, the one with the largest fresh estimate among
 *                     those re-estimated ({@code verification}), or without verification the one with the highest
 *                     GP mean of EIG
 * @param chosen       the EIG estimate at that setting: its fresh estimate with verification, else the search's
 * @param evaluations  every EIG estimate the optimizer made this round, in order
 * @param verification the fresh estimates at the settings of highest GP mean and highest estimate, in the order
 *                     taken, then at the rival maximum's best setting where there is one
 *                     ({@link DesignConfig#verifyRival()}), made with a stream independent of the search's and
 *                     {@link DesignConfig#verificationDatasets()} datasets each ({@link DesignConfig#verifications()});
 *                     empty without
 * @param gp           the fitted GP hyperparameters (length-scales in units of the φ range's widths,
 *                     variances in units of the estimates' sample variance)
 * @param gpCurve      the GP's mean and sd on a dense φ grid (one-dimensional φ only, else {@code null})
 * @param priorEntropy H(p(θ)) of this round's prior on the θ grid, nats
 * @param eigSeconds   wall-clock seconds spent choosing
 */
public record RoundProposal(int round, double[] phi, EigEstimate chosen, List<EigEstimate> evaluations,
        List<EigEstimate> verification, GpHyperparameters gp, GpCurve gpCurve, double priorEntropy, double eigSeconds) {

    public RoundProposal {
        Require.positive("round", round);
        phi = Require.finite("proposed phi", phi.clone());
        evaluations = List.copyOf(evaluations);
        verification = List.copyOf(verification);
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }
}

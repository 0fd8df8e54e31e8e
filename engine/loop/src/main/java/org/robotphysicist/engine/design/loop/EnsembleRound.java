package org.robotphysicist.engine.design.loop;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.engine.posterior.EnsembleSpread;

/**
 * What a design round adds when the surrogate is an ensemble of K networks: the spread of the
 * member posteriors after the round, and each member's log-likelihood of the round's events, from
 * which a resumed run rebuilds every member posterior (and so their mixture, the loop's posterior)
 * exactly.
 *
 * @param spread                the members' posterior means and sds after this round and their spread
 * @param memberLogLikelihoods  K rows of M values: member k's log-likelihood of this round's events on the θ grid
 */
public record EnsembleRound(EnsembleSpread spread, double[][] memberLogLikelihoods) {

    public EnsembleRound {
        if (spread == null || memberLogLikelihoods == null || memberLogLikelihoods.length != spread.members()) {
            throw new InvalidInputException("ensemble round: expected a spread and one log-likelihood row per member"
                    + " but found " + spread + " and " + (memberLogLikelihoods == null ? "none"
                    : memberLogLikelihoods.length + " rows"));
        }
        memberLogLikelihoods = EnsembleSpread.copy(memberLogLikelihoods);
    }

    @Override
    public double[][] memberLogLikelihoods() {
        return EnsembleSpread.copy(memberLogLikelihoods);
    }
}

package org.robotphysicist.engine.design.loop;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.gp.GpHyperparameters;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * One completed round of the design loop, as kept in the history.
 *
 * @param round             the round number, from 1
 * @param phi               the setting the experiment ran at
 * @param chosen            the EIG estimate at that setting
 * @param evaluations       every EIG estimate made while choosing, in order
 * @param verification      the fresh estimates that decided the choice (see {@link RoundProposal#verification()});
 *                          empty without verification and in histories written before it
 * @param gp                the GP hyperparameters fitted to them (see {@link RoundProposal#gp()})
 * @param gpCurve           the GP's mean and sd of EIG on a dense φ grid (one-dimensional φ only, else {@code null})
 * @param events            N, the events the experiment recorded
 * @param eventsSha256      SHA-256 of the events ({@code EventDataset#sha256}); {@code null} when N = 0
 * @param priorEntropy      H(p(θ)) before this round, nats
 * @param posteriorEntropy  H(p(θ | data so far)) after it, nats
 * @param posterior         the posterior summary after this round (68% and 95% intervals)
 * @param logLikelihood     this experiment's log-likelihood on the θ grid (M values, up to a constant): with the
 *                          initial prior and the earlier rounds it rebuilds the posterior exactly on resume. With
 *                          refinement ({@link DesignConfig#refineRows()}): the change this round made to the total
 *                          log-likelihood of all rounds' events, which the round's new surrogate re-scored
 * @param eigSeconds        wall-clock seconds spent choosing φ
 * @param updateSeconds     wall-clock seconds spent on the posterior update
 * @param ensemble          with a surrogate ensemble, the members' spread and log-likelihoods
 *                          ({@link EnsembleRound}; {@code logLikelihood} is then the mixture posterior's
 *                          increment); absent for a single surrogate and in histories written before ensembles
 */
public record DesignRound(int round, double[] phi, EigEstimate chosen, List<EigEstimate> evaluations,
        List<EigEstimate> verification, GpHyperparameters gp, GpCurve gpCurve, int events, String eventsSha256,
        double priorEntropy,
        double posteriorEntropy, PosteriorSummary posterior, double[] logLikelihood, double eigSeconds,
        double updateSeconds, @JsonInclude(JsonInclude.Include.NON_NULL) EnsembleRound ensemble) {

    public DesignRound {
        Require.positive("round", round);
        phi = phi.clone();
        evaluations = List.copyOf(evaluations);
        verification = verification == null ? List.of() : List.copyOf(verification);
        logLikelihood = logLikelihood.clone();
    }

    /** A round of a single surrogate. */
    public DesignRound(int round, double[] phi, EigEstimate chosen, List<EigEstimate> evaluations,
            List<EigEstimate> verification, GpHyperparameters gp, GpCurve gpCurve, int events, String eventsSha256,
            double priorEntropy, double posteriorEntropy, PosteriorSummary posterior, double[] logLikelihood,
            double eigSeconds, double updateSeconds) {
        this(round, phi, chosen, evaluations, verification, gp, gpCurve, events, eventsSha256, priorEntropy,
                posteriorEntropy, posterior, logLikelihood, eigSeconds, updateSeconds, null);
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    @Override
    public double[] logLikelihood() {
        return logLikelihood.clone();
    }

    /** The information this round's data gave: prior entropy − posterior entropy, nats. */
    public double realizedGain() {
        return priorEntropy - posteriorEntropy;
    }
}

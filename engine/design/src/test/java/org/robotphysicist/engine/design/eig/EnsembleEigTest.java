package org.robotphysicist.engine.design.eig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ActiveSciencingToySimulator;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.histogram.HistogramConfig;
import org.robotphysicist.models.histogram.HistogramSurrogate;

/**
 * The EIG of a surrogate ensemble uses each dataset's mixture of member posteriors. Members that
 * agree give the members' EIG; where the apparent information is only each member's own error
 * (histograms with independent Monte Carlo cells, at a setting where the data carry none), the
 * mixture removes much of it, and never gives more than the members' mean (the entropy of a
 * mixture is at least the mean of its components' entropies).
 */
class EnsembleEigTest {
    private static final ActiveSciencingToySimulator TOY = new ActiveSciencingToySimulator();
    private static final UniformBoxPrior PRIOR = UniformBoxPrior.interval(0.25, 1.2);
    private static final ThetaGrid GRID = ThetaGrid.of(RegularGrid.of(0.25, 1.2, 191));
    private static final Experiment HUNDRED = new Experiment.FixedEventCount(100);

    /** An ensemble's evaluator: the members' evaluators; its own sums (unused by the EIG) are the first member's. */
    private record Ensemble(List<PosteriorEvaluator> members) implements PosteriorEvaluator {
        @Override
        public SurrogateLikelihood surrogate() {
            return members.get(0).surrogate();
        }

        @Override
        public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
            return members.get(0).logLikelihoodSums(events, thetas, phi);
        }
    }

    private static ExpectedInformationGain eig(PosteriorEvaluator evaluator) {
        return new ExpectedInformationGain(new ExperimentLikelihood(evaluator, TOY, HUNDRED, true), GRID, 128);
    }

    private static PosteriorEvaluator noisyHistogram(long seed) {
        return PosteriorEvaluator.forSurrogate(HistogramSurrogate.build(TOY, RegularGrid.of(0.25, 1.2, 20),
                RegularGrid.of(40, 50, 11), new HistogramConfig(20, 20_000, 0.5, false, null),
                new SplittableRandom(seed)));
    }

    private static double estimate(PosteriorEvaluator evaluator, double phi) {
        return eig(evaluator).estimate(PRIOR, new double[] {phi}, new SplittableRandom(5)).value();
    }

    @Test
    void identicalMembersGiveTheSingleSurrogatesEig() {
        PosteriorEvaluator exact = PosteriorEvaluator.forSurrogate(new ExactLikelihood(TOY));
        for (double phi : new double[] {40, 45, 50}) {
            double single = estimate(exact, phi);
            double ensemble = estimate(new Ensemble(List.of(exact, exact, exact)), phi);
            assertEquals(single, ensemble, 1e-12, "EIG at phi = " + phi + " of three identical exact members");
        }
    }

    @Test
    void disagreeingMembersLoseTheirSpuriousInformation() {
        PosteriorEvaluator a = noisyHistogram(3);
        PosteriorEvaluator b = noisyHistogram(4);
        PosteriorEvaluator c = noisyHistogram(5);
        double membersAt45 = (estimate(a, 45) + estimate(b, 45) + estimate(c, 45)) / 3;
        double ensembleAt45 = estimate(new Ensemble(List.of(a, b, c)), 45);
        assertTrue(membersAt45 > 0.01, "precondition: each noisy member claims information at phi = 45 (none is"
                + " there); their mean EIG measured " + membersAt45);
        assertTrue(ensembleAt45 < 0.6 * membersAt45, "ensemble EIG at phi = 45: expected below 0.6 of the members'"
                + " mean " + membersAt45 + " but measured " + ensembleAt45);
        double membersAt40 = (estimate(a, 40) + estimate(b, 40) + estimate(c, 40)) / 3;
        double ensembleAt40 = estimate(new Ensemble(List.of(a, b, c)), 40);
        assertTrue(ensembleAt40 <= membersAt40 + 1e-12 && ensembleAt40 > 0.95 * membersAt40, "ensemble EIG at phi ="
                + " 40, where the information is real: expected within 5% below the members' mean " + membersAt40
                + " but measured " + ensembleAt40);
    }

    @Test
    void memberLogLikelihoodsNeedAnEnsemble() {
        ExperimentLikelihood single = new ExperimentLikelihood(PosteriorEvaluator.forSurrogate(new ExactLikelihood(TOY)),
                TOY, HUNDRED, true);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> single.simulatedMemberLogLikelihoods(
                Matrix.ofRows(new double[] {0.5}), List.of(new SplittableRandom(1)), GRID.points(), new double[] {40},
                org.robotphysicist.data.compute.Cancellation.none()));
        assertTrue(e.getMessage().contains("expected a surrogate ensemble"), e.getMessage());
    }
}

package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;

/** Where the certifier fits κ along φ, and how many datasets each node gets. */
class TemperingNodesTest {
    private static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();

    @Test
    void nodesSpanTheSurrogatesPhiRangeEvenly() {
        var over = new ExactLikelihood(SIM, Box.interval(0.15, 0.35), Box.interval(40, 100));
        assertEquals(List.of(40.0, 55.0, 70.0, 85.0, 100.0),
                CalibrationCertifier.temperingNodes(over, new double[] {58}, 5));
        assertEquals(List.of(), CalibrationCertifier.temperingNodes(over, new double[] {58}, 1),
                "one node: kappa is fitted on the certificate's own datasets");
    }

    @Test
    void aSurrogateAtOneSettingIsTemperedFromTheCertificatesDatasets() {
        var atOne = new ExactLikelihood(SIM, Box.interval(0.15, 0.35), Box.interval(58, 58));
        assertEquals(List.of(), CalibrationCertifier.temperingNodes(atOne, new double[] {58}, 5));
    }

    @Test
    void eachNodeHasAQuarterOfTheCertificatesDatasetsAndAtLeastFifty() {
        assertEquals(250, CalibrationCertifier.nodeDatasets(1000));
        assertEquals(50, CalibrationCertifier.nodeDatasets(200));
        assertEquals(50, CalibrationCertifier.nodeDatasets(60));
        assertEquals(30, CalibrationCertifier.nodeDatasets(30), "never more than the certificate has");
    }

    @Test
    void nodeDatasetsHaveFiveTimesTheCertificatesEventsByDefault() {
        assertEquals(5000, CertificationConfig.defaults(1000).temperingEvents());
        assertEquals(20000, CertificationConfig.defaults(1000).withTemperingEvents(20000).temperingEvents());
        var e = assertThrows(InvalidInputException.class,
                () -> CertificationConfig.defaults(100).withTemperingEvents(0));
        assertTrue(e.getMessage().contains("expected at least 1 event per dataset") && e.getMessage().contains("found 0"),
                e.getMessage());
    }

    /**
     * A surrogate that refuses datasets with an event above 1.5 (as a flow refuses events beyond its
     * trained x range): a tempering node's trial is drawn again from the same stream until it is
     * accepted, so the fit sees only datasets the surrogate can evaluate; the certificate's own
     * trials still report the refusal.
     */
    @Test
    void temperingTrialsAreDrawnAgainWhileTheSurrogateRefusesTheirEvents() {
        ToyGaussianSimulator toy = new ToyGaussianSimulator();
        ExactLikelihood exact = new ExactLikelihood(toy, Box.interval(-2, 2), Box.interval(1, 1));
        PosteriorEvaluator refusing = new PosteriorEvaluator() {
            @Override
            public SurrogateLikelihood surrogate() {
                return exact;
            }

            @Override
            public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
                for (double x : events.column(0)) {
                    if (x > 1.5) {
                        throw new OutOfSupportException("event " + x + ": expected at most 1.5 (the trained range)");
                    }
                }
                return PosteriorEvaluator.forSurrogate(exact).logLikelihoodSums(events, thetas, phi);
            }
        };
        CalibrationProblem problem = new CalibrationProblem(toy, UniformBoxPrior.interval(-1, 0), refusing,
                ThetaGrid.of(RegularGrid.of(-1, 0, 41)), new double[] {1}, 3);
        List<CalibrationProblem.Trial> trials = problem.runInsideTrainedRanges(200, new SplittableRandom(3),
                (trial, rng) -> trial, org.robotphysicist.data.progress.Progress.none());
        assertEquals(200, trials.size());
        for (CalibrationProblem.Trial t : trials) {
            assertTrue(java.util.Arrays.stream(t.events().column(0)).allMatch(x -> x <= 1.5),
                    "every accepted dataset lies inside the surrogate's range");
        }
        assertThrows(OutOfSupportException.class, () -> problem.run(200, new SplittableRandom(3), (trial, rng) -> trial),
                "without redrawing, some of 200 datasets of 3 events from N(theta in [-1, 0], 1) exceed 1.5");
    }

    @Test
    void aNodeCountOutsideOneToSixtyFourIsRefused() {
        for (int bad : new int[] {0, -1, 65}) {
            var e = assertThrows(InvalidInputException.class,
                    () -> CertificationConfig.defaults(100).withTemperingNodes(bad));
            assertTrue(e.getMessage().contains("expected 1 to 64")
                    && e.getMessage().contains("found " + bad), e.getMessage());
        }
    }
}

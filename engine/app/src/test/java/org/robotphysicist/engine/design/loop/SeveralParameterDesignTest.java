package org.robotphysicist.engine.design.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.testing.StatisticalAssertions;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.eig.ExpectedInformationGain;
import org.robotphysicist.engine.design.eig.ExperimentLikelihood;
import org.robotphysicist.engine.plot.CornerPlot;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.models.ExactLikelihood;

/**
 * Designs over two parameters: a corner plot per round, and the EIG about one component with the
 * other marginalized, on a toy where φ = 0 informs only θ₁ and φ = 1 only θ₂.
 */
class SeveralParameterDesignTest {
    private static final TwoMeansToySimulator TOY = new TwoMeansToySimulator();
    private static final double[] HIDDEN = {0.5, -1.0};
    private static final Box PRIOR = new Box(new double[] {-3, -3}, new double[] {3, 3});

    private static EigEstimate eig(int[] target, double phi) {
        int n = 121;
        ExperimentLikelihood likelihood = new ExperimentLikelihood(PosteriorEvaluator.forSurrogate(
                new ExactLikelihood(TOY)), TOY, new Experiment.FixedEventCount(50), false);
        ExpectedInformationGain eig = new ExpectedInformationGain(likelihood, ThetaGrid.of(new RegularGrid(
                PRIOR.lower(), PRIOR.upper(), new int[] {n, n})), 16, Cancellation.none(), target);
        return eig.estimate(new UniformBoxPrior(PRIOR), new double[] {phi}, new SplittableRandom(3));
    }

    /**
     * At φ = 0 the data say nothing about θ₂: its marginal posterior is its prior, so the EIG
     * about θ₂ is exactly 0, and the EIG about θ₁ equals the joint one. That gain is the
     * Gaussian's, log 6 − ½ log(2πe/50) = 2.329 nats for a flat prior 6 wide and 50 unit-variance
     * events, up to the grid's quadrature (spacing 0.05 against an sd of 0.14, allowed 0.03 nats) and the
 * truncation of posteriors at the prior's edges (which raises the gains of θ drawn near them; it is in
 * the Monte Carlo standard error).
     */
    @Test
    void theEigAboutOneComponentMarginalizesTheOther() {
        EigEstimate joint = eig(new int[] {0, 1}, 0);
        EigEstimate first = eig(new int[] {0}, 0);
        EigEstimate second = eig(new int[] {1}, 0);
        assertEquals(0, second.value(), 1e-9, "EIG about theta_2 where the data inform only theta_1: " + second);
        assertEquals(joint.value(), first.value(), 1e-9, "EIG about theta_1 vs the joint EIG at phi = 0");
        double expected = Math.log(6) - 0.5 * Math.log(2 * Math.PI * Math.E / 50);
        StatisticalAssertions.assertWithinSigmas("EIG about theta_1 at phi = 0", expected, first.value(),
                Math.hypot(first.standardError(), 0.03), 4);
        EigEstimate secondAtOne = eig(new int[] {1}, 1);
        StatisticalAssertions.assertWithinSigmas("EIG about theta_2 at phi = 1", expected, secondAtOne.value(),
                Math.hypot(secondAtOne.standardError(), 0.03), 4);
        assertEquals(0, eig(new int[] {0}, 1).value(), 1e-9, "EIG about theta_1 at phi = 1");
    }

    /** The facade's EIG with a target: 0 about θ₂ where only θ₁ is informed, positive where θ₂ is; bad names refused. */
    @Test
    void theFacadeEstimatesTheEigAboutATarget() {
        var rp = org.robotphysicist.engine.api.RobotPhysicist.forSimulator(TOY).prior(PRIOR).settings(Box.interval(0, 1));
        var options = org.robotphysicist.engine.api.EigOptions.defaults().withDatasets(8).withGridPoints(61)
                .withEventsPerExperiment(50);
        try (var exact = rp.train(org.robotphysicist.engine.api.TrainOptions.defaults("exact"))) {
            List<EigEstimate> e = rp.eig(exact.surrogate(), List.of(new double[] {0}, new double[] {1}), options,
                    List.of("theta_2"), Cancellation.none());
            assertEquals(0, e.get(0).value(), 1e-9, "EIG about theta_2 at w = 0: " + e.get(0));
            assertTrue(e.get(1).value() > 1.5, "EIG about theta_2 at w = 1: " + e.get(1));
            var bad = org.junit.jupiter.api.Assertions.assertThrows(
                    org.robotphysicist.data.InvalidInputException.class, () -> rp.eig(exact.surrogate(),
                            List.of(new double[] {0}), options, List.of("Gamma_Z"), Cancellation.none()));
            assertTrue(bad.getMessage().contains("expected theta components among [theta_1, theta_2]"),
                    bad.getMessage());
        }
    }

    /** The chosen setting follows the target: near φ = 0 for θ₁, near φ = 1 for θ₂. */
    @Test
    void theTargetChoiceFlipsTheChosenSetting() {
        DesignConfig c = DesignConfig.defaults(PRIOR, Box.interval(0, 1)).withExperiment(ExperimentSpec.events(50))
                .withRounds(1).withGridPoints(61).withEig(16, 6, 3).withSurrogate("exact", HistogramGridConfig.defaults())
                .withSeed(9);
        double first = chosen(c.withTarget(List.of("theta_1")));
        double second = chosen(c.withTarget(List.of("theta_2")));
        assertTrue(first < 0.25, "target theta_1: chose w = " + first + ", expected near 0");
        assertTrue(second > 0.75, "target theta_2: chose w = " + second + ", expected near 1");
    }

    private static double chosen(DesignConfig c) {
        DesignHistory h = ExperimentDesigner.start(c, TOY, new SimulatedExperimentRunner(TOY,
                c.experiment().toExperiment(), HIDDEN), DesignOptions.silent()).run();
        return h.rounds().get(0).phi()[0];
    }

    @Test
    void eachRoundWritesACornerPlot(@TempDir Path dir) throws Exception {
        DesignConfig c = DesignConfig.defaults(new Box(new double[] {-3, -3}, new double[] {3, 3}), Box.interval(0, 1))
                .withExperiment(ExperimentSpec.events(50)).withRounds(2).withGridPoints(41).withEig(16, 5, 3)
                .withSurrogate("exact", HistogramGridConfig.defaults()).withSeed(5);
        Path out = dir.resolve("run");
        DesignHistory h = ExperimentDesigner.start(c, TOY, new SimulatedExperimentRunner(TOY,
                c.experiment().toExperiment(), HIDDEN), DesignOptions.silent().withOutput(out, true)).run();
        assertEquals(2, h.rounds().size());
        for (String f : new String[] {"corner-round-01.png", "corner-round-02.png"}) {
            assertEquals(2 * CornerPlot.PANEL.width(), ImageIO.read(out.resolve(f).toFile()).getWidth(), f);
        }
        var last = h.rounds().get(1).posterior();
        for (int d = 0; d < 2; d++) {
            var c95 = last.interval(last.parameters().get(d), 0.95);
            assertTrue(c95.contains(HIDDEN[d]), "theta_" + (d + 1) + " = " + HIDDEN[d] + " outside " + c95);
        }
    }
}

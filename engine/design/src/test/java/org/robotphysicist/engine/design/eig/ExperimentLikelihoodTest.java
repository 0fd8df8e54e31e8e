package org.robotphysicist.engine.design.eig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoPhysics;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.ExactLikelihood;

class ExperimentLikelihoodTest {
    private static final WeinbergLoSimulator WEINBERG = new WeinbergLoSimulator();
    private static final PosteriorEvaluator EXACT = PosteriorEvaluator.forSurrogate(new ExactLikelihood(WEINBERG));
    private static final Matrix GRID = RegularGrid.of(0.15, 0.35, 21).points();

    /** Under a fixed luminosity the extended likelihood adds N log ν − ν, ν = L σ(θ, φ), computed directly here. */
    @Test
    void extendedLikelihoodAddsThePoissonTermOfTheCrossSection() {
        double lumi = 0.8;
        double[] phi = {88};
        Matrix events = WEINBERG.simulate(new double[] {0.23}, phi, 137, new SplittableRandom(2));
        Matrix empty = Matrix.of(0, 1, new double[0]);
        ExperimentLikelihood extended = new ExperimentLikelihood(EXACT, WEINBERG, new Experiment.FixedLuminosity(lumi),
                true);
        ExperimentLikelihood shapeOnly = new ExperimentLikelihood(EXACT, WEINBERG, new Experiment.FixedLuminosity(lumi),
                false);
        assertTrue(extended.includesRate());
        assertFalse(shapeOnly.includesRate());
        double[][] ll = extended.logLikelihoods(List.of(events, empty), GRID, phi);
        double[] shape = EXACT.logLikelihoodSums(events, GRID, phi);
        for (int j = 0; j < GRID.rows(); j++) {
            double nu = lumi * WeinbergLoPhysics.crossSectionPb(GRID.get(j, 0), phi[0]);
            assertClose("extended log-likelihood at grid point " + j, shape[j] + 137 * Math.log(nu) - nu, ll[0][j],
                    1e-9 * Math.abs(shape[j]));
            assertClose("no events: only -nu at grid point " + j, -nu, ll[1][j], 1e-12 * nu);
        }
        double[] plain = shapeOnly.logLikelihood(events, GRID, phi);
        assertEquals(shape[3], plain[3], "without the rate term only the shape is summed");
        assertEquals(0.0, shapeOnly.logLikelihood(empty, GRID, phi)[5], "no events and no rate term: 0");
    }

    @Test
    void aFixedEventCountHasNoRateTerm() {
        ExperimentLikelihood fixed = new ExperimentLikelihood(EXACT, WEINBERG, new Experiment.FixedEventCount(10), true);
        assertFalse(fixed.includesRate());
        var e = assertThrows(InvalidInputException.class, () -> fixed.expectedEvents(GRID, new double[] {60}));
        assertTrue(e.getMessage().contains("only a fixed-luminosity experiment has a rate"), e.getMessage());
    }

    @Test
    void aLuminosityNeedsACrossSection() {
        ToyGaussianSimulator toy = new ToyGaussianSimulator();
        var e = assertThrows(InvalidInputException.class, () -> new ExperimentLikelihood(
                PosteriorEvaluator.forSurrogate(new ExactLikelihood(toy)), toy, new Experiment.FixedLuminosity(1), true));
        assertTrue(e.getMessage().contains("expected a simulator with a cross-section model but found 'toy-gaussian'"),
                e.getMessage());
    }

    @Test
    void poissonTermLimits() {
        assertEquals(0.0, ExperimentLikelihood.poissonTerm(0, 0.0), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, ExperimentLikelihood.poissonTerm(3, 0.0));
        assertClose("3 log 2 - 2", 3 * Math.log(2) - 2, ExperimentLikelihood.poissonTerm(3, 2.0), 1e-15);
    }
}

package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateLikelihood;

class SurrogatePosteriorTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator(Box.interval(-10, 10));
    private static final ExactLikelihood NARROW = new ExactLikelihood(TOY, Box.interval(-1, 2), Box.interval(0.5, 2));
    private static final Observation OBS = new Observation(Matrix.ofColumn(0.2, 0.4, 0.9), new double[] {1.0});

    /** The acceptance test: bad input gets a clear error naming what was expected and found. */
    @Test
    void badInputIsRejectedWithClearErrors() {
        var nan = assertThrows(NonFiniteValueException.class, () -> Observation.of(new double[][] {{0.1}, {Double.NaN}},
                1.0));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(NonFiniteValueException.class, () -> Observation.of(new double[][] {{0.1}}, Double.POSITIVE_INFINITY));

        UniformBoxPrior prior = UniformBoxPrior.interval(-1, 2);
        var outside = assertThrows(OutOfSupportException.class,
                () -> SurrogatePosterior.of(UniformBoxPrior.interval(0, 1), NARROW, OBS).onGrid(RegularGrid.of(-0.5, 1, 11)));
        assertTrue(outside.getMessage().contains("prior's support"), outside.getMessage());
        var range = assertThrows(OutOfSupportException.class,
                () -> SurrogatePosterior.of(NormalPrior.of(0, 1), NARROW, OBS).onGrid(RegularGrid.of(-3, 1, 11)));
        assertTrue(range.getMessage().contains("surrogate's theta range"), range.getMessage());

        // A surrogate built for other dimensions: a 2-D theta prior, 2-column events, a 2-D grid.
        var priorDim = assertThrows(DimensionMismatchException.class, () -> SurrogatePosterior.of(
                new UniformBoxPrior(new Box(new double[] {-1, -1}, new double[] {1, 1})), NARROW, OBS));
        assertTrue(priorDim.getMessage().contains("expected dimension 1") && priorDim.getMessage().contains("found 2"),
                priorDim.getMessage());
        var events = assertThrows(DimensionMismatchException.class, () -> SurrogatePosterior.of(prior, NARROW,
                Observation.of(new double[][] {{0.1, 0.2}}, 1.0)));
        assertTrue(events.getMessage().contains("expected 1 columns") && events.getMessage().contains("found 2"),
                events.getMessage());
        var phi = assertThrows(DimensionMismatchException.class, () -> SurrogatePosterior.of(prior, NARROW,
                Observation.of(new double[][] {{0.1}}, 1.0, 2.0)));
        assertTrue(phi.getMessage().contains("phi"), phi.getMessage());
        var grid = assertThrows(DimensionMismatchException.class, () -> SurrogatePosterior.of(prior, NARROW, OBS)
                .onGrid(new RegularGrid(new double[] {0, 0}, new double[] {1, 1}, new int[] {3, 3})));
        assertTrue(grid.getMessage().contains("expected dimension 1"), grid.getMessage());
        var phiRange = assertThrows(OutOfSupportException.class, () -> SurrogatePosterior.of(prior, NARROW,
                Observation.of(new double[][] {{0.1}}, 5.0)));
        assertTrue(phiRange.getMessage().contains("phi range"), phiRange.getMessage());
        assertThrows(OutOfSupportException.class, () -> SurrogatePosterior.of(UniformBoxPrior.interval(3, 4), NARROW,
                OBS));
    }

    @Test
    void theBatchedDensityIsPriorPlusLikelihoodInOneCallPerExperiment() {
        AtomicInteger calls = new AtomicInteger();
        PosteriorEvaluator counting = new PosteriorEvaluator() {
            private final PosteriorEvaluator inner = PosteriorEvaluator.forSurrogate(NARROW);

            @Override
            public SurrogateLikelihood surrogate() {
                return NARROW;
            }

            @Override
            public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
                calls.incrementAndGet();
                return inner.logLikelihoodSums(events, thetas, phi);
            }
        };
        NormalPrior prior = NormalPrior.of(0.5, 1);
        Observation other = new Observation(Matrix.ofColumn(1.5, -0.3), new double[] {2.0});
        SurrogatePosterior post = SurrogatePosterior.of(prior, counting, List.of(OBS, other));
        assertEquals(Box.interval(-1, 2), post.support());
        assertTrue(post.truncatesPrior());
        assertFalse(SurrogatePosterior.of(UniformBoxPrior.interval(0, 1), NARROW).truncatesPrior());
        Matrix points = Matrix.ofColumn(0.1, -3, 1.7, 2.5, 0.6);
        double[] lp = post.logDensity(points);
        assertEquals(2, calls.get(), "one evaluator call per experiment for all points");
        assertEquals(Double.NEGATIVE_INFINITY, lp[1]);
        assertEquals(Double.NEGATIVE_INFINITY, lp[3]);
        for (int k : new int[] {0, 2, 4}) {
            double theta = points.get(k, 0);
            double expected = prior.logProb(new double[] {theta});
            for (Observation o : List.of(OBS, other)) {
                for (int i = 0; i < o.size(); i++) {
                    expected += TOY.logDensity(o.events().row(i), new double[] {theta}, o.phi());
                }
            }
            assertClose("log density at " + theta, expected, lp[k], 1e-12);
        }
        assertEquals(List.of("mu"), post.parameterNames());
        assertEquals(3, post.with(OBS).observations().size());
    }
}

package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertPValueAbove;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.DelegatingSurrogate;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.SurrogateLikelihood;

/** Expected coverage and SBC: nominal for the exact likelihood, and able to catch an overconfident surrogate. */
class CalibrationDiagnosticsTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();
    private static final UniformBoxPrior PRIOR = UniformBoxPrior.interval(-3, 3);
    private static final ThetaGrid GRID = ThetaGrid.of(RegularGrid.of(-3, 3, 601));

    /** The toy likelihood with the variance understated by {@code factor}: too narrow a posterior. */
    private static final class Overconfident extends DelegatingSurrogate {
        private final double factor;

        Overconfident(double factor) {
            super(new ExactLikelihood(TOY));
            this.factor = factor;
        }

        @Override
        public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
            SurrogateArguments.requireRowAligned(this, x, theta, phi);
            double[] out = new double[x.rows()];
            for (int b = 0; b < out.length; b++) {
                out[b] = TOY.logDensity(x.row(b), theta.row(b), new double[] {phi.get(b, 0) * factor});
            }
            return out;
        }
    }

    private static CalibrationProblem problem(SurrogateLikelihood s) {
        return new CalibrationProblem(TOY, PRIOR, PosteriorEvaluator.forSurrogate(s), GRID, new double[] {1.0}, 5);
    }

    /**
     * The acceptance test: with the exact likelihood, expected coverage over 2500
     * prior-predictive pairs is nominal within ±0.03 at levels 0.5, 0.68, 0.9 and 0.95 (binomial
     * s.e. ≤ 0.01); a surrogate whose variance is a third of the truth's is caught as overconfident.
     */
    @Test
    void expectedCoverageIsNominalForTheExactLikelihoodAndLowForAnOverconfidentOne() {
        CoverageReport exact = ExpectedCoverage.run(problem(new ExactLikelihood(TOY)), 2500,
                ExpectedCoverage.DEFAULT_LEVELS, new SplittableRandom(81));
        for (int i = 0; i < exact.levels().length; i++) {
            assertClose("expected coverage at " + exact.levels()[i] + "\n" + exact.table(), exact.levels()[i],
                    exact.coverage(i), 0.03);
        }
        assertEquals(0, exact.outsideGrid());
        assertTrue(exact.table().contains("calibrated"), exact::table);

        CoverageReport over = ExpectedCoverage.run(problem(new Overconfident(1.0 / 3)), 1000,
                ExpectedCoverage.DEFAULT_LEVELS, new SplittableRandom(82));
        for (int i = 0; i < over.levels().length; i++) {
            double deficit = over.levels()[i] - over.coverage(i);
            int level = i;
            assertTrue(deficit > 0.1, () -> "overconfident surrogate covers " + over.coverage(level) + " at "
                    + over.levels()[level] + "\n" + over.table());
        }
        assertTrue(over.table().contains("overconfident"), over::table);
    }

    /**
     * The acceptance test: SBC ranks (1000 trials, 99 draws, 20 bins) are uniform for the
     * exact posterior (χ² p-value &gt; 0.01), and not for the overconfident one (p &lt; 10⁻⁶).
     */
    @Test
    void sbcRanksAreUniformForTheExactPosteriorOnly() {
        SbcReport exact = SimulationBasedCalibration.run(problem(new ExactLikelihood(TOY)), 1000, 99, 20,
                new SplittableRandom(83));
        assertPValueAbove("SBC uniformity, exact posterior", exact.minPValue(), 0.01, exact.table());
        assertEquals(1000, exact.ranks()[0].length);
        SbcReport over = SimulationBasedCalibration.run(problem(new Overconfident(1.0 / 3)), 1000, 99, 20,
                new SplittableRandom(84));
        assertTrue(over.minPValue() < 1e-6, over::table);
        int[] h = over.tests().get(0).histogram();
        assertTrue(h[0] + h[19] > 4 * (h[9] + h[10]), () -> "an overconfident posterior gives a U-shaped rank"
                + " histogram: " + java.util.Arrays.toString(h));
    }

    @Test
    void uniformityTestAndSetupsAreValidated() {
        UniformityTest flat = UniformityTest.of(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, 3, 4);
        assertClose("chi2 of a perfectly flat histogram", 0, flat.chiSquare(), 0);
        assertClose("p-value of a perfectly flat histogram", 1, flat.pValue(), 1e-12);
        UniformityTest piled = UniformityTest.of(new int[] {0, 0, 0, 0, 0, 0, 0, 3}, 3, 2);
        assertClose("chi2 of 7 vs 1", 4.5, piled.chiSquare(), 1e-12);
        assertThrows(InvalidInputException.class, () -> UniformityTest.of(new int[] {1}, 99, 7));
        assertThrows(InvalidInputException.class, () -> UniformityTest.of(new int[] {100}, 99, 20));
        assertThrows(InvalidInputException.class, () -> ExpectedCoverage.fromCredibilities(new double[] {0.5},
                new double[] {1.2}, 0));
        var domain = assertThrows(OutOfSupportException.class, () -> new CalibrationProblem(TOY, NormalPrior.of(0, 1),
                PosteriorEvaluator.forSurrogate(new ExactLikelihood(TOY)), GRID, new double[] {1.0}, 5));
        assertTrue(domain.getMessage().contains("theta domain"), domain.getMessage());
        assertThrows(OutOfSupportException.class, () -> new CalibrationProblem(TOY, UniformBoxPrior.interval(-2, 2),
                PosteriorEvaluator.forSurrogate(new ExactLikelihood(TOY)), GRID, new double[] {1.0}, 5));
    }

    @Test
    void tablesPrintTheNumbers() {
        CoverageReport r = ExpectedCoverage.fromCredibilities(new double[] {0.1, 0.6, 0.95, 0.3}, new double[] {0.5,
            0.9}, 0);
        assertClose("coverage at 0.5", 0.5, r.coverage(0), 0);
        assertClose("coverage at 0.9", 0.75, r.coverage(1), 0);
        String table = r.table();
        assertTrue(table.contains("level") && table.contains("0.7500") && table.contains("4 trials"), table);
        String t = new TextTable("name", "value").row("a", 1.5).row("bb", -2.25e-7).render();
        assertEquals("name       value\n----  ----------\na          1.500\nbb    -2.250e-07\n", t);
    }
}

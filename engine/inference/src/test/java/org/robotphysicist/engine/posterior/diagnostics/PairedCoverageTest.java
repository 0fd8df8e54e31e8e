package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.ExactLikelihood;

/**
 * {@link PairedCoverage} on the toy Gaussian x ~ N(μ, 1), μ ~ U(−3, 3), 5 events per experiment,
 * 400 datasets: the exact likelihood is measured at exactly the nominal levels with no Monte Carlo
 * error (every difference is 0), while its plain coverage on the window grid scatters binomially;
 * the likelihood squared (posterior sd 1/√2 of the truth) covers at level ℓ with probability
 * P(|z| ≤ z<sub>ℓ</sub>/√2), 0.367 at ℓ = 0.5 and 0.834 at 0.95, which the paired estimate finds
 * within three of its standard errors.
 */
class PairedCoverageTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();
    private static final UniformBoxPrior PRIOR = UniformBoxPrior.interval(-3, 3);
    private static final double[] PHI = {1.0};
    private static final PairedCoverage.Settings SETTINGS = PairedCoverage.Settings.of(5, 400, 3);
    /** The standard normal's central quantiles of the levels 0.5, 0.68, 0.9, 0.95. */
    private static final double[] Z = {0.6744898, 0.9944579, 1.6448536, 1.9599640};

    /** P(|z| ≤ a) = erf(a/√2). */
    private static double centralMass(double a) {
        return Erf.erf(a / Math.sqrt(2));
    }

    @Test
    void theExactLikelihoodCoversAtTheNominalLevelsWithoutMonteCarloError() {
        PairedCoverage.Report r = PairedCoverage.measure(new ExactLikelihood(TOY), TOY, PRIOR, PHI, SETTINGS);
        for (int i = 0; i < r.levels().length; i++) {
            assertEquals(r.levels()[i], r.coverage()[i], 1e-12, r.describe());
            assertEquals(0, r.standardErrors()[i], 1e-12, r.describe());
            double binomial = Math.sqrt(r.levels()[i] * (1 - r.levels()[i]) / r.datasets());
            assertWithinSigmas("plain coverage of the exact posterior on the window grid\n" + r.describe(),
                    r.levels()[i], r.exactCoverage()[i], binomial, 3.5);
        }
        assertClose("shift of the exact likelihood against itself", 0, r.meanShiftInExactSd(), 1e-9);
        assertClose("sd ratio of the exact likelihood against itself", 1, r.sdRatioToExact(), 1e-9);
    }

    @Test
    void anOverconfidentLikelihoodIsMeasuredAtItsTrueCoverage() {
        PairedCoverage.Report r = PairedCoverage.measure(new CalibrationCertifierTest.Squared(), TOY, PRIOR, PHI,
                SETTINGS);
        assertEquals(java.util.Arrays.toString(ExpectedCoverage.DEFAULT_LEVELS), java.util.Arrays.toString(r.levels()));
        double[] expected = new double[r.levels().length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = centralMass(Z[i] / Math.sqrt(2));
            assertWithinSigmas("paired coverage of the squared likelihood at " + r.levels()[i] + "\n" + r.describe(),
                    expected[i], r.coverage()[i], r.standardErrors()[i], 3);
        }
        assertClose("expected coverage at 0.5 of a posterior 1/sqrt 2 too narrow", 0.367, expected[0], 0.001);
        assertClose("sd ratio of the squared likelihood\n" + r.describe(), 1 / Math.sqrt(2), r.sdRatioToExact(), 0.03);
    }

    @Test
    void badSettingsAreRefusedWithWhatWasExpected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PairedCoverage.Settings(5, 1, 1, 2001, 61, 6));
        assertEquals("paired coverage datasets: expected at least 2 (for a standard error) but found 1",
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> new PairedCoverage.Settings(5, 10, 1, 2001, 2, 6));
        assertThrows(InvalidInputException.class, () -> new PairedCoverage.Settings(5, 10, 1, 2001, 61, Double.NaN));
    }
}

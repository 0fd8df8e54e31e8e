package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;

/** A tempered grid posterior: the likelihood divided by τ, the prior and grid kept. */
class GridPosteriorTemperedTest {
    private static final UniformBoxPrior PRIOR = new UniformBoxPrior(Box.interval(-10, 10));
    private static final ThetaGrid GRID = ThetaGrid.of(new RegularGrid(new double[] {-10}, new double[] {10},
            new int[] {4001}));

    private static GridPosterior gaussian(double mean, double sd) {
        double[] theta = GRID.points().column(0);
        double[] ll = new double[theta.length];
        for (int j = 0; j < ll.length; j++) {
            double z = (theta[j] - mean) / sd;
            ll[j] = -0.5 * z * z;
        }
        return GridPosterior.fromLogLikelihood(PRIOR, GRID, List.of("mu"), ll);
    }

    @Test
    void aGaussianLikelihoodWidensBySqrtTauAndKeepsItsMean() {
        GridPosterior p = gaussian(0.5, 0.4);
        GridPosterior t = p.tempered(4);
        assertEquals(0.8, t.standardDeviation()[0], 1e-3, "sd x sqrt(4)");
        assertEquals(0.5, t.mean()[0], 1e-6);
        double[] ll = p.logLikelihood();
        double[] tl = t.logLikelihood();
        for (int j = 0; j < ll.length; j++) {
            assertEquals(ll[j] / 4, tl[j], 1e-12 * Math.abs(ll[j]));
        }
        assertSame(p, p.tempered(1), "tau = 1 is the posterior itself");
    }

    @Test
    void aTemperatureThatIsNotPositiveAndFiniteIsRefused() {
        GridPosterior p = gaussian(0, 1);
        for (double bad : new double[] {0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(InvalidInputException.class, () -> p.tempered(bad));
            assertTrue(e.getMessage().contains("finite value > 0") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }
}

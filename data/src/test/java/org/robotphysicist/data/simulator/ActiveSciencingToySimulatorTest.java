package org.robotphysicist.data.simulator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

class ActiveSciencingToySimulatorTest {
    private final ActiveSciencingToySimulator sim = new ActiveSciencingToySimulator();

    @Test
    void densityIntegratesToOneWhereverItIsDefined() {
        for (double theta : new double[] {0.25, 0.7, 1.0, 1.2}) {
            for (double phi : new double[] {40, 42.5, 45, 47.5, 50}) {
                double sum = 0;
                int n = 20_000;
                for (int i = 0; i < n; i++) {
                    double c = -1 + (i + 0.5) * 2.0 / n;
                    sum += Math.exp(sim.logDensity(new double[] {c}, new double[] {theta}, new double[] {phi})) * 2.0 / n;
                }
                assertClose("integral at theta=" + theta + ", phi=" + phi, 1.0, sum, 1e-7);
            }
        }
    }

    @Test
    void asymmetryAboveTwoIsRejectedNotTruncated() {
        // theta = 2, phi = 50: a = 2 tanh(10/9) * 2 = 3.2.
        var e = assertThrows(InvalidInputException.class,
                () -> sim.simulate(new double[] {2}, new double[] {50}, 10, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("|a(theta, phi)| <= 2") && e.getMessage().contains("3.2"), e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> sim.logDensity(new double[] {0}, new double[] {2}, new double[] {40}));
    }

    @Test
    void atFortyFiveGevTheDensityDoesNotDependOnTheta() {
        for (double c : new double[] {-0.9, 0, 0.4}) {
            assertClose("p(c) at phi = 45", sim.logDensity(new double[] {c}, new double[] {0.3}, new double[] {45}),
                    sim.logDensity(new double[] {c}, new double[] {1.9}, new double[] {45}), 1e-15);
        }
    }

    @Test
    void inverseCdfInvertsTheCdf() {
        ForwardBackwardDistribution d = new ForwardBackwardDistribution(1.7);
        for (double u = 0; u <= 1; u += 0.01) {
            assertClose("F(F^-1(" + u + "))", u, d.cdf(d.inverseCdf(u)), 1e-13);
        }
        ForwardBackwardDistribution edge = new ForwardBackwardDistribution(-2);
        assertClose("F^-1 at the zero-density edge", 1.0, edge.inverseCdf(1.0), 1e-6);
    }
}

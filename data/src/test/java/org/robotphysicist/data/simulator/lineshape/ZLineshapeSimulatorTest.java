package org.robotphysicist.data.simulator.lineshape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.SimulatorRegistry;

class ZLineshapeSimulatorTest {
    private static final double[] THETA = LineshapeParameters.LEP_COMBINATION.toTheta();
    private final ZLineshapeSimulator sim = new ZLineshapeSimulator();

    @Test
    void isRegisteredWithNamedDimensions() {
        assertInstanceOf(ZLineshapeSimulator.class, SimulatorRegistry.builtIns().create("z-lineshape"));
        assertEquals(List.of("M_Z", "Gamma_Z", "sin2_theta_eff"), sim.dimensions().thetaNames());
        assertEquals(List.of("sqrt_s"), sim.dimensions().phiNames());
        assertEquals(List.of("cos_theta_star", "acollinearity", "m_mumu_over_sqrt_s"), sim.dimensions().xNames());
    }

    /**
     * A μ⁺μ⁻ pair built in its rest frame (angle θ*, mass √s') and boosted along the beam with
     * rapidity y gives back cos θ* exactly, the acollinearity 2 atan(sinh|y| / cosh η*), and m = √s'.
     */
    @Test
    void observablesRecoverTheRestFrameAngleAndMass() {
        double sqrtS = 91.2;
        for (double c : new double[] {-0.9, -0.3, 0.1, 0.8}) {
            for (double y : new double[] {-0.7, -0.05, 0, 0.01, 0.4}) {
                double sqrtSPrime = 80;
                double eta = 0.5 * Math.log((1 + c) / (1 - c));
                double pMinus = sqrtSPrime / 2 * Math.cosh(eta + y) / Math.cosh(eta);
                double pPlus = sqrtSPrime / 2 * Math.cosh(-eta + y) / Math.cosh(eta);
                double thMinus = 2 * Math.atan(Math.exp(-(eta + y)));
                double thPlus = 2 * Math.atan(Math.exp(-(-eta + y)));
                double phi = 0.7;
                double[] minus = {pMinus * Math.sin(thMinus) * Math.cos(phi), pMinus * Math.sin(thMinus) * Math.sin(phi),
                    pMinus * Math.cos(thMinus)};
                double[] plus = {-pPlus * Math.sin(thPlus) * Math.cos(phi), -pPlus * Math.sin(thPlus) * Math.sin(phi),
                    pPlus * Math.cos(thPlus)};
                double[] x = new double[3];
                DimuonObservables.compute(minus, plus, sqrtS, x, 0);
                String at = " at cos theta* = " + c + ", y = " + y;
                assertClose("cos theta*" + at, c, x[0], 1e-12);
                assertClose("acollinearity" + at, 2 * Math.atan(Math.sinh(Math.abs(y)) / Math.cosh(eta)), x[1], 1e-12);
                assertClose("m/sqrt(s)" + at, sqrtSPrime / sqrtS, x[2], 1e-12);
            }
        }
        assertThrows(InvalidInputException.class,
                () -> DimuonObservables.compute(new double[] {0, 0, 0}, new double[] {1, 0, 0}, 91, new double[3], 0));
    }

    @Test
    void eventsLieInTheAcceptanceAndRepeatWithTheSeed() {
        Matrix a = sim.simulate(THETA, new double[] {93}, 2000, new SplittableRandom(5));
        Matrix b = sim.simulate(THETA, new double[] {93}, 2000, new SplittableRandom(5));
        assertArrayEquals(a.toArray(), b.toArray());
        for (int i = 0; i < a.rows(); i++) {
            double[] x = a.row(i);
            assertTrue(sim.xSupport().contains(x), "event " + i + " outside the support");
            assertTrue(Math.abs(x[0]) < 0.95, "cos theta* of event " + i + " = " + x[0]);
            assertTrue(Double.isFinite(sim.logDensity(x, THETA, new double[] {93})), "log p of event " + i);
        }
        // Outside the acceptance (|cos θ*| beyond the polar cut) the density is zero.
        assertEquals(Double.NEGATIVE_INFINITY, sim.logDensity(new double[] {0.97, 0.001, 1}, THETA, new double[] {93}));
    }

    /** Fixed luminosity: the mean of Poisson counts is L·σ_vis (4 standard errors); σ_vis = ε·A·σ̄ with A ≈ 0.93 at the pole. */
    @Test
    void fixedLuminosityCountsFollowTheVisibleCrossSection() {
        double[] phi = {91.1875};
        LineshapeLikelihood l = sim.likelihood(THETA, phi);
        double acceptance = l.acceptedCrossSectionPb() / l.totalCrossSectionPb();
        assertTrue(acceptance > 0.9 && acceptance < 0.95, "acceptance at the pole: " + acceptance);
        assertClose("sigma_vis / (eff * sigma_acc)", 1, sim.crossSectionPb(THETA, phi) / (0.98 * l.acceptedCrossSectionPb()),
                1e-12);
        Experiment.FixedLuminosity lumi = new Experiment.FixedLuminosity(0.5);
        double expected = 0.5 * sim.crossSectionPb(THETA, phi);
        SplittableRandom rng = new SplittableRandom(9);
        int reps = 2000;
        double sum = 0;
        for (int r = 0; r < reps; r++) {
            sum += lumi.drawEventCount(sim, THETA, phi, rng);
        }
        assertWithinSigmas("mean count at the pole for 0.5 /pb", expected, sum / reps, Math.sqrt(expected / reps), 4);
        assertEquals(50, new Experiment.FixedEventCount(50).run(sim, THETA, phi, rng).rows());
    }

    /**
     * The ISR sampler's envelope holds at every corner of the θ domain, below, on and above each
     * resonance (it throws rather than bias events if the target ever exceeds it).
     */
    @Test
    void theIsrEnvelopeHoldsAcrossTheDomain() {
        SplittableRandom rng = new SplittableRandom(12);
        for (double m : new double[] {88, 94}) {
            for (double g : new double[] {1.5, 3.5}) {
                for (double s2 : new double[] {0.18, 0.30}) {
                    for (double e : new double[] {60, m + 0.05, 130}) {
                        assertEquals(2000, sim.simulate(new double[] {m, g, s2}, new double[] {e}, 2000, rng).rows());
                    }
                }
            }
        }
    }

    @Test
    void valuesOutsideTheDomainsAreRejected() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(InvalidInputException.class, () -> sim.simulate(new double[] {91, 2.5, 0.5}, new double[] {91}, 5, rng));
        assertThrows(InvalidInputException.class, () -> sim.simulate(THETA, new double[] {40}, 5, rng));
        assertThrows(InvalidInputException.class, () -> sim.simulate(new double[] {91, 2.5}, new double[] {91}, 5, rng));
        assertThrows(InvalidInputException.class, () -> new BeamAndDetector(0.05, 6e-4, 1e-3, 1.2, 0.98));
        assertThrows(InvalidInputException.class, () -> new BeamAndDetector(0.05, 6e-4, 1e-3, 0.95, 0));
    }
}

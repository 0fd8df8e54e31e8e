package org.robotphysicist.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;

class SimulatedTrainingSetTest {

    /**
     * Joint draws from θ ~ U(−1, 1), φ ~ U(0.5, 2), x ~ N(θ, φ): E[x] = 0 and Var[x] = E[φ] + Var[θ]
     * = 1.25 + 1/3; the sample moments of 40 000 rows agree within 4 standard errors, and the same
     * seed gives the same table.
     */
    @Test
    void jointDrawsHaveTheRightMomentsAndAreReproducible() {
        ToyGaussianSimulator sim = new ToyGaussianSimulator();
        ParameterSampler theta = ParameterSampler.of(UniformBoxPrior.interval(-1, 1));
        ParameterSampler phi = ParameterSampler.of(UniformBoxPrior.interval(0.5, 2));
        int n = 40_000;
        EventDataset a = SimulatedTrainingSet.joint(sim, theta, phi, n, 3, new SplittableRandom(4));
        EventDataset b = SimulatedTrainingSet.joint(sim, theta, phi, n, 3, new SplittableRandom(4));
        assertEquals(n, a.size());
        assertEquals(a.sha256(), b.sha256());
        double var = 1.25 + 1.0 / 3;
        double[] mean = a.columnMeans();
        double[] sd = a.columnStandardDeviations();
        assertWithinSigmas("mean of x", 0, mean[0], Math.sqrt(var / n), 4);
        assertWithinSigmas("variance of x", var, sd[0] * sd[0], var * Math.sqrt(2.5 / n) * 2, 4);
        assertTrue(new Box(new double[] {-1}, new double[] {1}).contains(new double[] {mean[1]}));
        Box xr = SimulatedTrainingSet.xRange(sim, a);
        assertTrue(xr.isBounded() && xr.lower(0) < -4 && xr.upper(0) > 4, xr.toString());
        Box bounded = SimulatedTrainingSet.xRange(new WeinbergLoSimulator(),
                SimulatedTrainingSet.joint(new WeinbergLoSimulator(), ParameterSampler.fixed(0.23),
                        ParameterSampler.fixed(58), 100, 10, new SplittableRandom(1)));
        assertEquals(Box.interval(-1, 1), bounded, "a bounded support is the range");
    }

    @Test
    void samplersAreValidated() {
        var e = assertThrows(InvalidInputException.class, () -> ParameterSampler.of(NormalPrior.of(0, 1)));
        assertTrue(e.getMessage().contains("bounded support"), e.getMessage());
        assertEquals(new Box(new double[] {58}, new double[] {58}), ParameterSampler.fixed(58).range());
        assertThrows(DimensionMismatchException.class, () -> SimulatedTrainingSet.joint(new ToyGaussianSimulator(),
                ParameterSampler.fixed(0, 1), ParameterSampler.fixed(1), 10, 1, new SplittableRandom(1)));
        assertThrows(InvalidInputException.class, () -> SimulatedTrainingSet.joint(new ToyGaussianSimulator(),
                ParameterSampler.fixed(0), ParameterSampler.fixed(1), 0, 1, new SplittableRandom(1)));
    }
}

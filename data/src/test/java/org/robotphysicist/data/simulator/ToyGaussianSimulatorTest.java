package org.robotphysicist.data.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.dataset.EventDataset;

class ToyGaussianSimulatorTest {
    private final ToyGaussianSimulator sim = new ToyGaussianSimulator();

    @ParameterizedTest
    @CsvSource({"0.0, 1.0", "2.5, 0.25", "-3.0, 4.0"})
    void sampleMeanAndVarianceWithinFourStandardErrors(double mu, double variance) {
        int n = 200_000;
        double[] x = sim.simulate(new double[] {mu}, new double[] {variance}, n, new SplittableRandom(11)).column(0);
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= n - 1;
        // s.e. of the mean: sqrt(var/n); of the variance for a normal: var*sqrt(2/(n-1)).
        assertWithinSigmas("sample mean", mu, mean, Math.sqrt(variance / n), 4);
        assertWithinSigmas("sample variance", variance, var, variance * Math.sqrt(2.0 / (n - 1)), 4);
    }

    @Test
    void logDensityIsTheNormalDensity() {
        double expected = -0.5 * Math.log(2 * Math.PI * 2.0) - 0.5 * 0.5 / (2 * 2.0);
        assertClose("log N(1.5 | 1, 2)", expected, sim.logDensity(new double[] {1.5}, new double[] {1},
                new double[] {2}), 1e-14);
    }

    @Test
    void sameSeedGivesIdenticalEventsAndDifferentSeedsDiffer() {
        Matrix a = sim.simulate(new double[] {1}, new double[] {1}, 1000, new SplittableRandom(42));
        Matrix b = sim.simulate(new double[] {1}, new double[] {1}, 1000, new SplittableRandom(42));
        Matrix c = sim.simulate(new double[] {1}, new double[] {1}, 1000, new SplittableRandom(43));
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void batchIsDeterministicDespiteParallelSchedulingAndSplitsPerPair() {
        Matrix thetas = Matrix.ofColumn(0, 1, 2, 3, 4, 5, 6, 7);
        Matrix phis = Matrix.ofColumn(1, 1, 1, 1, 1, 1, 1, 1);
        EventDataset a = sim.simulateBatch(thetas, phis, 500, new SplittableRandom(5));
        EventDataset b = sim.simulateBatch(thetas, phis, 500, new SplittableRandom(5));
        assertEquals(a.table(), b.table());
        assertEquals(8 * 500, a.size());
        // Pair k's block is what a single call with the k-th split stream would give.
        SplittableRandom rng = new SplittableRandom(5);
        SplittableRandom first = rng.split();
        Matrix block0 = sim.simulate(new double[] {0}, new double[] {1}, 500, first);
        assertEquals(block0, a.rows(0, 500).x());
        assertEquals(3.0, a.rows(1500, 2000).theta().get(0, 0));
    }

    @Test
    void badInputIsRejectedWithExpectedAndFound() {
        SplittableRandom rng = new SplittableRandom(1);
        var nan = assertThrows(NonFiniteValueException.class,
                () -> sim.simulate(new double[] {Double.NaN}, new double[] {1}, 10, rng));
        assertTrue(nan.getMessage().contains("theta[0]") && nan.getMessage().contains("NaN"), nan.getMessage());
        var inf = assertThrows(NonFiniteValueException.class,
                () -> sim.simulate(new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, 10, rng));
        assertTrue(inf.getMessage().contains("Infinity"), inf.getMessage());
        var negative = assertThrows(OutOfSupportException.class,
                () -> sim.simulate(new double[] {0}, new double[] {-1}, 10, rng));
        assertTrue(negative.getMessage().contains("expected a value in") && negative.getMessage().contains("-1.0"),
                negative.getMessage());
        var zero = assertThrows(InvalidInputException.class,
                () -> sim.simulate(new double[] {0}, new double[] {1}, 0, rng));
        assertTrue(zero.getMessage().contains("found 0"), zero.getMessage());
        var dims = assertThrows(DimensionMismatchException.class,
                () -> sim.simulate(new double[] {0, 1}, new double[] {1}, 10, rng));
        assertTrue(dims.getMessage().contains("expected 1 but found 2"), dims.getMessage());
        assertThrows(OutOfSupportException.class, () -> sim.simulate(new double[] {11}, new double[] {1}, 10, rng));
        assertThrows(DimensionMismatchException.class,
                () -> sim.simulateBatch(Matrix.ofColumn(0, 1), Matrix.ofColumn(1), 10, rng));
    }
}

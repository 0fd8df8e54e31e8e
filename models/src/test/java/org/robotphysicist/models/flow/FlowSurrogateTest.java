package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.models.neural.Standardizer;

/** The flow behind the surrogate interface: context = [θ; φ], argument checks, grid sums. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowSurrogateTest {
    private static final Dimensions DIMS = new Dimensions(List.of("theta"), List.of("phi"), List.of("x1", "x2"));
    private NDManager manager;
    private FlowSurrogate surrogate;
    private FlowEvaluator evaluator;

    @BeforeAll
    void build() {
        manager = NDManager.newBaseManager();
        ConditionalFlow flow = FlowSpec.nsf(2, 2, 2, List.of(16), 6, 3.0).build();
        flow.initializeParameters(manager, DataType.FLOAT32, new SplittableRandom(11), 0.5);
        evaluator = new FlowEvaluator(flow, new Standardizer(new double[] {0.1, -0.4}, new double[] {1.3, 0.7}),
                new Standardizer(new double[] {0, 1.25}, new double[] {0.58, 0.43}), 64);
        surrogate = new FlowSurrogate(DIMS, Box.interval(-1, 1), Box.interval(0.5, 2), evaluator);
    }

    @AfterAll
    void close() {
        manager.close();
    }

    @Test
    void logLikelihoodIsTheFlowDensityGivenThetaAndPhi() {
        Matrix x = Matrix.ofRows(new double[] {0.2, -1}, new double[] {1.5, 0.3}, new double[] {-2, 0});
        Matrix theta = Matrix.ofColumn(-0.5, 0.1, 0.9);
        Matrix phi = Matrix.ofColumn(0.6, 1.9, 1.0);
        Matrix context = Matrix.ofRows(new double[] {-0.5, 0.6}, new double[] {0.1, 1.9}, new double[] {0.9, 1.0});
        assertArrayEquals(evaluator.logDensity(x, context), surrogate.logLikelihood(x, theta, phi));
        assertTrue(surrogate.isNormalized());
        assertEquals(DIMS, surrogate.dimensions());
    }

    @Test
    void summedLogLikelihoodEqualsTheSumOfRowAlignedValues() {
        Matrix events = Matrix.ofRows(new double[] {0.2, -1}, new double[] {1.5, 0.3}, new double[] {-2, 0},
                new double[] {0.4, 0.4}, new double[] {1, -0.2});
        Matrix grid = Matrix.ofColumn(-0.8, 0.0, 0.35, 0.9);
        double[] phi = {1.3};
        double[] summed = surrogate.summedLogLikelihood(events, grid, phi);
        for (int j = 0; j < grid.rows(); j++) {
            double sum = 0;
            for (double v : surrogate.logLikelihood(events, Matrix.repeatRow(grid.row(j), 5), Matrix.repeatRow(phi, 5))) {
                sum += v;
            }
            assertClose("grid point " + j, sum, summed[j], 1e-5 * Math.abs(sum));
        }
    }

    @Test
    void samplesHaveTheShapeOfXAndRespectTheRanges() {
        Matrix draws = surrogate.sample(500, new double[] {0.3}, new double[] {1.1}, new SplittableRandom(3));
        assertEquals(500, draws.rows());
        assertEquals(2, draws.cols());
        assertEquals(draws, surrogate.sample(500, new double[] {0.3}, new double[] {1.1}, new SplittableRandom(3)));
        var e = assertThrows(OutOfSupportException.class,
                () -> surrogate.sample(5, new double[] {1.5}, new double[] {1.1}, new SplittableRandom(3)));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> surrogate.sample(0, new double[] {0.3}, new double[] {1.1}, new SplittableRandom(3)));
        assertThrows(DimensionMismatchException.class,
                () -> surrogate.sample(5, new double[] {0.3, 0.1}, new double[] {1.1}, new SplittableRandom(3)));
    }

    @Test
    void badArgumentsAreRejectedWithWhatWasExpected() {
        var e = assertThrows(DimensionMismatchException.class,
                () -> surrogate.logLikelihood(Matrix.ofColumn(0.1), Matrix.ofColumn(0), Matrix.ofColumn(1)));
        assertTrue(e.getMessage().contains("expected 2 columns but found 1"), e.getMessage());
        assertThrows(OutOfSupportException.class, () -> surrogate.logLikelihood(Matrix.ofRows(new double[] {0, 0}),
                Matrix.ofColumn(3.0), Matrix.ofColumn(1)));
        assertThrows(OutOfSupportException.class, () -> surrogate.summedLogLikelihood(Matrix.ofRows(new double[] {0, 0}),
                Matrix.ofColumn(0.0), new double[] {0.1}));
        assertThrows(InvalidInputException.class, () -> surrogate.summedLogLikelihood(Matrix.ofRows(new double[] {0, 0}),
                Matrix.ofColumn(0.0), new double[] {Double.NaN}));
    }

    @Test
    void aFlowOfTheWrongShapeIsRefused() {
        var e = assertThrows(DimensionMismatchException.class, () -> new FlowSurrogate(
                new Dimensions(List.of("a", "b"), List.of("phi"), List.of("x1", "x2")), Box.interval(-1, 1),
                Box.interval(0.5, 2), evaluator));
        assertTrue(e.getMessage().contains("context dimension 3 but found 2 and 2"), e.getMessage());
        assertThrows(DimensionMismatchException.class, () -> new FlowSurrogate(DIMS,
                new Box(new double[] {-1, -1}, new double[] {1, 1}), Box.interval(0.5, 2), evaluator));
    }
}

package org.robotphysicist.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.testing.SurrogateContractTest;

/**
 * A wrapper that overrides nothing passes the shared contract and answers every question as its
 * delegate does; one that overrides a single answer changes only that one.
 */
class ForwardingSurrogateContractTest extends SurrogateContractTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    private record Plain(SurrogateLikelihood delegate) implements ForwardingSurrogate {
    }

    private record Warning(SurrogateLikelihood delegate) implements ForwardingSurrogate {
        @Override
        public List<String> eventCountWarnings(long events) {
            return List.of("asked about " + events);
        }
    }

    private static ExactLikelihood exact() {
        return new ExactLikelihood(TOY, Box.interval(PROBLEM.thetaLower, PROBLEM.thetaUpper),
                Box.interval(PROBLEM.phiLower, PROBLEM.phiUpper));
    }

    @Override
    protected SurrogateLikelihood surrogate() {
        return new Plain(exact());
    }

    @Test
    void everyAnswerIsTheDelegatesUnlessOverridden() {
        ExactLikelihood exact = exact();
        Warning w = new Warning(exact);
        assertEquals(exact.dimensions(), w.dimensions());
        assertEquals(exact.thetaRange(), w.thetaRange());
        assertEquals(exact.phiRange(), w.phiRange());
        assertEquals(exact.phiUnion(), w.phiUnion());
        assertEquals(exact.rangePolicy(), w.rangePolicy());
        assertEquals(exact.isNormalized(), w.isNormalized());
        Matrix x = TOY.simulate(new double[] {0.2}, new double[] {PROBLEM.phiLower}, 5, new SplittableRandom(1));
        Matrix theta = Matrix.of(5, 1, new double[] {0.1, 0.2, 0.3, 0.4, 0.5});
        Matrix phi = Matrix.of(5, 1, new double[] {PROBLEM.phiLower, PROBLEM.phiLower, PROBLEM.phiLower,
            PROBLEM.phiLower, PROBLEM.phiLower});
        assertArrayEquals(exact.logLikelihood(x, theta, phi), w.logLikelihood(x, theta, phi), 0);
        assertEquals(List.of(), new Plain(exact).eventCountWarnings(7));
        assertEquals(List.of("asked about 7"), w.eventCountWarnings(7));
    }
}

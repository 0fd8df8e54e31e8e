package org.robotphysicist.spark;

import java.util.SplittableRandom;
import org.apache.spark.TaskContext;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorProvider;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;

/**
 * weinberg-lo, except that inside a Spark task of partition 1 on its first attempt every draw and
 * density throws: a failing executor task that Spark retries. Outside Spark it is weinberg-lo.
 */
public final class FlakyWeinberg implements TractableSimulator {
    static final String NAME = "flaky-weinberg";
    private final WeinbergLoSimulator inner = new WeinbergLoSimulator();

    /** Registers it by name for the tests. */
    public static final class Provider implements SimulatorProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "weinberg-lo failing on the first attempt of Spark partition 1 (tests)";
        }

        @Override
        public Simulator create() {
            return new FlakyWeinberg();
        }
    }

    /** How many times a task failed here (the tests run Spark in this JVM). */
    static final java.util.concurrent.atomic.AtomicInteger FAILURES = new java.util.concurrent.atomic.AtomicInteger();

    private static void failOnFirstAttempt() {
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected failure of partition 1, attempt 0");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dimensions dimensions() {
        return inner.dimensions();
    }

    @Override
    public Box thetaDomain() {
        return inner.thetaDomain();
    }

    @Override
    public Box phiDomain() {
        return inner.phiDomain();
    }

    @Override
    public Box xSupport() {
        return inner.xSupport();
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        failOnFirstAttempt();
        inner.draw(theta, phi, n, rng, out);
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        failOnFirstAttempt();
        return inner.logDensity(x, theta, phi);
    }
}

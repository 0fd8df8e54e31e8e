package org.robotphysicist.spark;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.simulator.external.SimulatorCrashedException;

class SparkFailuresTest {
    @Test
    void badInputAndFailedSimulatorsComeOutOfTheTaskFailureAsThemselves() {
        var crashed = new SimulatorCrashedException("external simulator 'sim': expected a reply but the program"
                + " exited with status 139");
        assertSame(crashed, SparkFailures.unwrap(new Exception("Job aborted due to stage failure",
                new RuntimeException("task failed", crashed))));
        var malformed = new MalformedDataException("f.csv line 2: expected a number but found 'x'");
        assertSame(malformed, SparkFailures.unwrap(new Exception("Job aborted due to stage failure", malformed)));
        var other = new IllegalStateException("boom");
        assertSame(other, SparkFailures.unwrap(other));
    }
}

package org.robotphysicist.benchmarks.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

/** Every task's observations are reproducible, start at its fixed θ, and draw the rest from its prior. */
class AccuracyTaskTest {

    @Test
    void observationsAreFixedNestedAndDrawnFromThePrior() {
        for (AccuracyTask task : AccuracyTask.all()) {
            List<AccuracyTask.Draw> ten = task.observations(10);
            List<AccuracyTask.Draw> three = task.observations(3);
            assertEquals(10, ten.size());
            assertArrayEquals(task.trueTheta(), ten.get(0).theta(), task.name() + ": the first is at the fixed theta");
            assertArrayEquals(task.observation().events().toArray(), ten.get(0).observation().events().toArray(),
                    task.name() + ": the first is the single-observation run's");
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(three.get(i).observation().events().toArray(),
                        ten.get(i).observation().events().toArray(), task.name() + ": observation " + i + " differs");
            }
            for (int i = 1; i < 10; i++) {
                double[] theta = ten.get(i).theta();
                assertTrue(task.simulator().thetaDomain().contains(theta), task.name() + ": theta " + Arrays.toString(
                        theta) + " outside the prior " + task.simulator().thetaDomain());
                assertFalse(Arrays.equals(theta, ten.get(i - 1).theta()), task.name() + ": repeated theta at " + i);
                assertEquals(task.simulator().dimensions().xDim(), ten.get(i).observation().events().cols());
            }
        }
    }

    @Test
    void aCountOutsideOneToAThousandIsRefused() {
        AccuracyTask task = AccuracyTask.all().get(1);
        var e = assertThrows(InvalidInputException.class, () -> task.observations(0));
        assertTrue(e.getMessage().contains("expected 1 to 1000 but found 0"), e.getMessage());
    }
}

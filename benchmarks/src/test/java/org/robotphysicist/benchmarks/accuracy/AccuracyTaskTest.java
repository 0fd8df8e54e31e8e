package org.robotphysicist.benchmarks.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;

/**
 * Every task's observations are reproducible, start at its fixed θ, and draw the rest from its
 * prior; SLCP's published observations are sbibm's, laid out as our simulator's events.
 */
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

    /**
     * If the published x were laid out otherwise than {@code SlcpSimulator}'s events (pairs
     * (x<sub>j1</sub>, x<sub>j2</sub>) of four 2-D draws) or its σ = θ², ρ = tanh θ differed, the
     * published θ would not stand out: here the exact log-likelihood of each observation at its
     * published θ must exceed it at 99.5% of 4000 prior draws (seed 5).
     */
    @Test
    void slcpsPublishedObservationsAreLikelyAtTheirPublishedTheta() {
        AccuracyTask slcp = AccuracyTask.named("slcp").get(0);
        List<AccuracyTask.Draw> published = slcp.publishedObservations(10);
        assertEquals(10, published.size());
        Matrix prior = slcp.prior().sample(4000, new SplittableRandom(5));
        for (int i = 0; i < published.size(); i++) {
            double[] x = published.get(i).observation().events().row(0);
            double atPublished = slcp.simulator().logDensity(x, published.get(i).theta(), new double[0]);
            int below = 0;
            for (int r = 0; r < prior.rows(); r++) {
                below += slcp.simulator().logDensity(x, prior.row(r), new double[0]) < atPublished ? 1 : 0;
            }
            double fraction = below / (double) prior.rows();
            assertTrue(fraction >= 0.995, "observation " + (i + 1) + ": its published theta beats only " + fraction
                    + " of the prior draws");
        }
        assertArrayEquals(new double[] {-2.8581212, -0.44451332, 2.9473476, 1.2396116, 2.9712725},
                published.get(0).theta(), "the first line is sbibm's observation 1");
        assertEquals(3, slcp.observations(AccuracyTask.ObservationSet.PUBLISHED, 3).size());
    }

    @Test
    void publishedObservationsAreRefusedWhereNoneExistOrBeyondTheirCount() {
        AccuracyTask crescent = AccuracyTask.named("crescent").get(0);
        var none = assertThrows(InvalidInputException.class, () -> crescent.publishedObservations(1));
        assertTrue(none.getMessage().contains("expected a task that has them (slcp) but found 'crescent'"),
                none.getMessage());
        AccuracyTask slcp = AccuracyTask.named("slcp").get(0);
        var many = assertThrows(InvalidInputException.class, () -> slcp.publishedObservations(11));
        assertTrue(many.getMessage().contains("expected 1 to 10 but found 11"), many.getMessage());
        var set = assertThrows(InvalidInputException.class, () -> AccuracyTask.ObservationSet.named("sbibm"));
        assertTrue(set.getMessage().contains("expected simulated or published but found 'sbibm'"), set.getMessage());
    }
}

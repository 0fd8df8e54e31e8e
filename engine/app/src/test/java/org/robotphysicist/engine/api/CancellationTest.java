package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.compute.ComputationCancelledException;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.EigOptions;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.ExactLikelihood;

/**
 * The cancellation token, and that the engine's loops check it: a computation cancelled while it
 * runs stops with {@link ComputationCancelledException} instead of running to its end.
 */
class CancellationTest {
    static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();
    static final ExactLikelihood EXACT = new ExactLikelihood(SIM);

    @Test
    void aTokenStopsOnceCancelledOrPastItsDeadline() {
        Cancellation manual = Cancellation.manual();
        assertDoesNotThrow(manual::check);
        manual.cancel("shutting down");
        manual.cancel("a second reason is ignored");
        assertTrue(manual.isCancelled());
        ComputationCancelledException e = assertThrows(ComputationCancelledException.class, manual::check);
        assertEquals("computation cancelled: shutting down", e.getMessage());
        assertFalse(e.deadlinePassed());
        ComputationCancelledException late = assertThrows(ComputationCancelledException.class,
                Cancellation.within(Duration.ZERO)::check);
        assertTrue(late.deadlinePassed());
        assertDoesNotThrow(Cancellation.within(Duration.ofHours(1))::check);
        assertDoesNotThrow(Cancellation.none()::check);
        assertThrows(IllegalStateException.class, () -> Cancellation.none().cancel("no"));
    }

    /** 4·10⁸ exact-likelihood evaluations: seconds of work that must stop at the next tile once cancelled. */
    @Test
    void theTiledEvaluatorStopsBetweenTiles() throws Exception {
        Matrix events = SIM.simulate(new double[] {0.23}, new double[] {60}, 200_000, new SplittableRandom(1));
        Matrix thetas = RegularGrid.of(0.15, 0.35, 2000).points();
        Cancellation token = Cancellation.manual();
        PosteriorEvaluator evaluator = PosteriorEvaluator.forSurrogate(EXACT, token);
        CompletableFuture<double[]> sums = CompletableFuture.supplyAsync(() -> evaluator.logLikelihoodSums(events,
                thetas, new double[] {60}));
        Thread.sleep(100);
        token.cancel("test");
        Throwable e = assertThrows(Exception.class, () -> sums.get(60, TimeUnit.SECONDS)).getCause();
        assertTrue(e instanceof ComputationCancelledException, String.valueOf(e));
    }

    /** One candidate, so the check between candidates cannot be what stops it: the datasets' loops must. */
    @Test
    void anEigEstimateStopsBetweenDatasetsAndTiles() throws Exception {
        RobotPhysicist rp = RobotPhysicist.forSimulator(SIM).prior(Box.interval(0.15, 0.35));
        Cancellation token = Cancellation.manual();
        CompletableFuture<?> eig = CompletableFuture.supplyAsync(() -> rp.eig(EXACT, List.of(new double[] {60}),
                new EigOptions(2048, 10_000, 401, 2, 1, 1), token));
        Thread.sleep(100);
        token.cancel("test");
        Throwable e = assertThrows(Exception.class, () -> eig.get(60, TimeUnit.SECONDS)).getCause();
        assertTrue(e instanceof ComputationCancelledException, String.valueOf(e));
    }
}

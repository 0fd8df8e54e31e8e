package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.testing.RecordingProgressReporter;
import org.robotphysicist.models.ExactLikelihood;

/**
 * A posterior over more than 10⁶ event–θ pairs reports its progress in 20 chunks of θ rows and
 * gives the same sums as the unreported evaluator (toy Gaussian, exact likelihood, 2500 events ×
 * 2001 θ points); a small one is not reported.
 */
class ReportingPosteriorEvaluatorTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    @Test
    void aLargePosteriorReportsEveryPairOnceAndSumsAsBefore() {
        Matrix events = TOY.simulate(new double[] {0.3}, new double[] {1.0}, 2500, new SplittableRandom(5));
        Matrix thetas = RegularGrid.of(-3, 3, 2001).points();
        PosteriorEvaluator plain = PosteriorEvaluator.forSurrogate(new ExactLikelihood(TOY));
        RecordingProgressReporter recording = new RecordingProgressReporter();
        PosteriorEvaluator reported = ReportingPosteriorEvaluator.wrap(plain, recording);

        double[] expected = plain.logLikelihoodSums(events, thetas, new double[] {1.0});
        double[] sums = reported.logLikelihoodSums(events, thetas, new double[] {1.0});
        for (int j = 0; j < sums.length; j++) {
            assertEquals(expected[j], sums[j], 1e-9 * Math.abs(expected[j]), "sum at theta point " + j);
        }
        assertEquals(List.of("posterior 5002500 event-theta pairs"), recording.tasks());
        assertEquals(2500L * 2001, recording.units(), "every pair reported once");
        assertEquals(ReportingPosteriorEvaluator.CHUNKS, recording.advances(), "one advance per chunk");
        assertEquals(1, recording.closed());

        reported.logLikelihoodSums(events.rowRange(0, 400), thetas, new double[] {1.0});
        assertEquals(1, recording.tasks().size(), "800 400 pairs are not reported: " + recording.tasks());
        assertSame(plain, ReportingPosteriorEvaluator.wrap(plain, ProgressReporter.silent()),
                "nothing to wrap for a silent reporter");
    }
}

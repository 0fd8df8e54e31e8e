package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.models.ratio.calibration.ScoreCalibration;

/**
 * A trained model's {@link RangePolicy} through the Java facade: a prior or a φ beyond the trained
 * ranges is refused with the hint under FAIL, and evaluated with warnings in the result under WARN.
 */
class RangePolicyPosteriorTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator(Box.interval(-10, 10));
    private static final PosteriorOptions OPTIONS = PosteriorOptions.defaults().withGridPoints(41);
    private static TrainedSurrogate strict;
    private static TrainedSurrogate lenient;

    /** An untrained ratio classifier on θ ∈ [−1, 1], φ ∈ [0.5, 2], x ∈ [−6, 6]: its values do not matter here. */
    @BeforeAll
    static void models() {
        Mlp net = Mlp.initialize(MlpSpec.of(3, 16, 2, 1, ActivationFunction.SILU), ai.djl.Device.cpu(), DataType.FLOAT32,
                new SplittableRandom(3));
        strict = new ParameterizedRatioClassifier(TOY.dimensions(), net,
                new Standardizer(new double[] {0, 0, 1}, new double[] {1, 0.6, 0.4}),
                new ParameterizedRatioClassifier.Settings(RatioForm.likelihoodToEvidence(), ScoreCalibration.none()),
                new TrainedRanges(Box.interval(-1, 1), Box.interval(0.5, 2), Box.interval(-6, 6)), RangePolicy.FAIL,
                Provenance.capture("test", Map.of(), Map.of("init", 3L), Map.of()), TrainingCurve.untrained(),
                ParameterizedRatioClassifier.DEFAULT_TILE_ROWS);
        lenient = strict.copyWithRangePolicy(RangePolicy.WARN);
    }

    @AfterAll
    static void close() throws Exception {
        strict.close();
        lenient.close();
    }

    private static PosteriorResult posterior(TrainedSurrogate model, Box prior, double phi) {
        Observation obs = Observation.of(new double[][] {{0.1}, {0.5}, {-0.2}, {0.3}}, phi);
        return RobotPhysicist.forSimulator(TOY).prior(prior).posterior(model, List.of(obs), OPTIONS,
                Cancellation.none());
    }

    @Test
    void insideTheTrainedRangesThereIsNoWarning() {
        assertEquals(List.of(), posterior(strict, Box.interval(-1, 1), 1.3).warnings());
        assertEquals(List.of(), posterior(lenient, Box.interval(-1, 1), 1.3).warnings());
    }

    @Test
    void failRefusesAPriorOrAPhiBeyondTheTrainedRangesWithTheHint() {
        var prior = assertThrows(OutOfSupportException.class, () -> posterior(strict, Box.interval(-2, 1), 1.3));
        assertTrue(prior.getMessage().startsWith("prior support: expected a box inside the surrogate's theta range")
                && prior.getMessage().contains("LoadOptions.withRangePolicy"), prior.getMessage());
        var phi = assertThrows(OutOfSupportException.class, () -> posterior(strict, Box.interval(-1, 1), 3.0));
        assertTrue(phi.getMessage().contains("experiment 0 phi (inside the surrogate's phi range)")
                && phi.getMessage().contains("RangePolicy.WARN"), phi.getMessage());
    }

    @Test
    void warnEvaluatesBeyondTheTrainedRangesAndReturnsTheWarnings() {
        PosteriorResult r = posterior(lenient, Box.interval(-2, 1), 3.0);
        assertEquals(2, r.requestWarnings().size(), r.requestWarnings()::toString);
        assertTrue(r.warnings().get(0).startsWith("prior support") && r.warnings().get(0).contains("RangePolicy.WARN"),
                r.warnings().get(0));
        assertTrue(r.warnings().get(1).startsWith("experiment 0 phi [3.0] reaches outside"), r.warnings().get(1));
        assertEquals(-2.0, r.posterior().grid().bounds().lower(0), "the grid spans the whole prior, beyond the range");
        double mass = 0;
        for (double d : r.density()) {
            mass += d * 3.0 / 40;
        }
        assertEquals(1.0, mass, 1e-9, "the extrapolated posterior is normalized on the grid (midpoint rule)");
    }
}

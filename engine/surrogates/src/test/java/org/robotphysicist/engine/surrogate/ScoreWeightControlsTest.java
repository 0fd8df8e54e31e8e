package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;

/**
 * The score weight of the training controls as the neural kinds take it: 0 unless asked for, the
 * asked weight passed to every neural kind's trainer (which refuses it where the simulator returns no
 * joint scores), independent of the classifier's normalization switch; refused for tabulated kinds. For a
 * design loop, a kind's design weight where none was asked for and the simulator returns joint scores.
 */
class ScoreWeightControlsTest {
    private static final SurrogateTrainingConfig CONTROLS = SurrogateTrainingConfig.of(1000, 1, 1);

    private static SurrogateBuildRequest weinberg(SurrogateTrainingConfig controls) {
        return SurrogateBuildRequest.of(new WeinbergLoSimulator(), Box.interval(0.15, 0.35), Box.interval(40, 100),
                controls);
    }

    private static final FlowSurrogateKind[] FLOWS = {new FlowSurrogateKind.Maf(), new FlowSurrogateKind.Nsf()};

    @Test
    void noScoreRegressionUnlessAskedFor() {
        assertEquals(null, CONTROLS.scoreWeight());
        assertEquals(0.0, ClassifierSurrogateKind.trainingConfig(weinberg(CONTROLS)).scoreWeight());
        for (FlowSurrogateKind flow : FLOWS) {
            assertEquals(0.0, flow.trainingConfig(weinberg(CONTROLS)).scoreWeight(), flow.name());
        }
    }

    @Test
    void aDesignLoopsNeuralKindsRegressTheJointScoresWhereTheSimulatorReturnsThem() {
        WeinbergLoSimulator scored = new WeinbergLoSimulator();
        SurrogateTrainingConfig design = CONTROLS.forDesign(ClassifierSurrogateKind.NAME, scored);
        assertEquals(ClassifierSurrogateKind.DESIGN_SCORE_WEIGHT, design.scoreWeight());
        assertEquals(100.0, ClassifierSurrogateKind.trainingConfig(weinberg(design)).scoreWeight(),
                "the design weight reaches the classifier's trainer");
        assertEquals(0.0, CONTROLS.withScoreWeight(0.0).forDesign(ClassifierSurrogateKind.NAME, scored).scoreWeight(),
                "a weight asked for, even 0, is kept");
        assertEquals(null, CONTROLS.forDesign(ClassifierSurrogateKind.NAME, new ToyGaussianSimulator()).scoreWeight(),
                "a simulator without joint scores trains on the classifier's own loss");
        SurrogateTrainingConfig maf = CONTROLS.forDesign("maf", scored);
        assertEquals(FlowSurrogateKind.Maf.DESIGN_SCORE_WEIGHT, maf.scoreWeight(), "the MAF's design weight");
        assertEquals(1.0, new FlowSurrogateKind.Maf().trainingConfig(weinberg(maf)).scoreWeight(),
                "the design weight reaches the MAF's trainer");
        assertEquals(null, CONTROLS.forDesign("maf", new ToyGaussianSimulator()).scoreWeight(),
                "a simulator without joint scores trains the MAF on its likelihood alone");
        SurrogateTrainingConfig nsf = CONTROLS.forDesign("nsf", scored);
        assertEquals(FlowSurrogateKind.Nsf.DESIGN_SCORE_WEIGHT, nsf.scoreWeight(), "the NSF's design weight");
        var nsfTraining = new FlowSurrogateKind.Nsf().trainingConfig(weinberg(nsf));
        assertEquals(3.0, nsfTraining.scoreWeight(), "the design weight reaches the NSF's trainer");
        assertEquals(FlowSurrogateKind.SCORE_REGRESSION_GRADIENT_CLIP, nsfTraining.training().gradientClip(),
                "with its gradient norm clipped");
        assertEquals(null, CONTROLS.forDesign("histogram", scored).scoreWeight());
        var e = assertThrows(InvalidInputException.class, () -> CONTROLS.forDesign("gaussian-process", scored));
        assertTrue(e.getMessage().contains("gaussian-process"), e.getMessage());
    }

    @Test
    void theAskedWeightReachesEveryNeuralTrainerIndependentlyOfTheNormalization() {
        SurrogateTrainingConfig hundred = CONTROLS.withScoreWeight(100.0);
        var classifier = ClassifierSurrogateKind.trainingConfig(weinberg(hundred));
        assertEquals(100.0, classifier.scoreWeight());
        assertTrue(classifier.normalization().enabled(), "still normalized per theta by default");
        var raw = ClassifierSurrogateKind.trainingConfig(weinberg(hundred.withEvidenceNormalization(false)));
        assertEquals(100.0, raw.scoreWeight());
        assertFalse(raw.normalization().enabled());
        for (FlowSurrogateKind flow : FLOWS) {
            assertEquals(100.0, flow.trainingConfig(weinberg(hundred)).scoreWeight(), flow.name());
        }
        var toy = SurrogateBuildRequest.of(new ToyGaussianSimulator(), Box.interval(-2, 2), Box.interval(0.25, 4),
                hundred);
        assertEquals(100.0, ClassifierSurrogateKind.trainingConfig(toy).scoreWeight(),
                "kept, for the trainer to refuse with the simulator's name");
    }

    /**
     * A flow that regresses joint scores clips its gradient norm at the flows' bound unless told
     * otherwise (0 switches it off); without a score weight, and for the classifier, nothing is
     * clipped unless asked for.
     */
    @Test
    void aFlowRegressingScoresClipsItsGradientNormByDefault() {
        for (FlowSurrogateKind flow : FLOWS) {
            assertEquals(0.0, flow.trainingConfig(weinberg(CONTROLS)).training().gradientClip(), flow.name());
            assertEquals(FlowSurrogateKind.SCORE_REGRESSION_GRADIENT_CLIP, flow.trainingConfig(
                    weinberg(CONTROLS.withScoreWeight(3.0))).training().gradientClip(), flow.name());
            assertEquals(0.0, flow.trainingConfig(weinberg(CONTROLS.withScoreWeight(3.0).withGradientClip(0.0)))
                    .training().gradientClip(), flow.name() + ": switched off");
            assertEquals(1.5, flow.trainingConfig(weinberg(CONTROLS.withGradientClip(1.5))).training().gradientClip(),
                    flow.name() + ": asked for without a score weight");
        }
        assertEquals(0.0, ClassifierSurrogateKind.trainingConfig(weinberg(CONTROLS.withScoreWeight(100.0)))
                .training().gradientClip());
        assertEquals(2.0, ClassifierSurrogateKind.trainingConfig(weinberg(CONTROLS.withGradientClip(2.0)))
                .training().gradientClip());
    }

    @Test
    void theWeightIsValidatedRefusedForTabulatedKindsAndRoundTripsThroughJson() {
        SurrogateTrainingConfig c = CONTROLS.withScoreWeight(2.5);
        assertEquals(c, Json.read(Json.write(c), SurrogateTrainingConfig.class, "training controls"));
        for (String kind : new String[] {"classifier", "maf", "nsf"}) {
            assertEquals(c, c.requireFitsKind(kind));
        }
        var e = assertThrows(InvalidInputException.class, () -> c.requireFitsKind("histogram"));
        assertTrue(e.getMessage().contains("score weight") && e.getMessage().contains("'histogram'"), e.getMessage());
        var negative = assertThrows(InvalidInputException.class, () -> CONTROLS.withScoreWeight(-1.0));
        assertTrue(negative.getMessage().contains("-1.0"), negative.getMessage());
    }

    @Test
    void fittedToAKindTheControlsKeepOnlyTheKnobsItTakes() {
        SurrogateTrainingConfig both = CONTROLS.withScoreWeight(3.0).withEvidenceNormalization(false);
        SurrogateTrainingConfig classifier = both.fittedToKind("classifier");
        assertEquals(3.0, classifier.scoreWeight());
        assertEquals(Boolean.FALSE, classifier.evidenceNormalization());
        SurrogateTrainingConfig nsf = both.fittedToKind("nsf");
        assertEquals(3.0, nsf.scoreWeight());
        assertEquals(null, nsf.evidenceNormalization());
        SurrogateTrainingConfig histogram = both.fittedToKind("histogram");
        assertEquals(null, histogram.scoreWeight());
        assertEquals(null, histogram.evidenceNormalization());
        for (String kind : new String[] {"classifier", "maf", "nsf", "histogram", "exact"}) {
            SurrogateTrainingConfig fitted = both.fittedToKind(kind);
            assertEquals(fitted, fitted.requireFitsKind(kind), kind);
            assertEquals(both.rows(), fitted.rows(), kind);
        }
    }
}

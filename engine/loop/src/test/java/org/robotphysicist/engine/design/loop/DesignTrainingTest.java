package org.robotphysicist.engine.design.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.surrogate.ClassifierSurrogateKind;
import org.robotphysicist.engine.surrogate.FlowSurrogateKind;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;

/**
 * The training controls a design run resolves at its start ({@link ExperimentDesigner#withDesignTraining}):
 * the kind's design score weight where none was given and the simulator returns joint scores — for
 * a run trained once and for a refining one alike — and the controls as given for a run from a model
 * file, with a weight given (even 0), or on a simulator without scores.
 */
class DesignTrainingTest {
    private static final WeinbergLoSimulator WEINBERG = new WeinbergLoSimulator();

    private static DesignConfig classifier() {
        return DesignConfig.defaults(Box.interval(0.15, 0.35), Box.interval(40, 100))
                .withSurrogate(ClassifierSurrogateKind.NAME, HistogramGridConfig.defaults())
                .withTraining(SurrogateTrainingConfig.of(4_000_000, 2, 1));
    }

    private static Double weight(DesignConfig requested, org.robotphysicist.data.simulator.Simulator simulator) {
        return ExperimentDesigner.withDesignTraining(requested, simulator).training().scoreWeight();
    }

    @Test
    void trainedOnceAndRefiningRunsBothGetTheDesignWeight() {
        double design = ClassifierSurrogateKind.DESIGN_SCORE_WEIGHT;
        assertEquals(design, weight(classifier(), WEINBERG), "trained once");
        assertEquals(design, weight(classifier().withRefinement(1_000_000), WEINBERG), "refined every round");
        DesignConfig maf = classifier().withSurrogate("maf", HistogramGridConfig.defaults());
        assertEquals(FlowSurrogateKind.Maf.DESIGN_SCORE_WEIGHT, weight(maf, WEINBERG), "the MAF's own design weight");
        assertEquals(FlowSurrogateKind.Nsf.DESIGN_SCORE_WEIGHT, weight(classifier().withSurrogate("nsf",
                HistogramGridConfig.defaults()), WEINBERG), "the NSF's own design weight");
    }

    @Test
    void aGivenWeightAModelFileOrASimulatorWithoutScoresKeepTheControls() {
        DesignConfig off = classifier().withTraining(SurrogateTrainingConfig.of(4_000_000, 2, 1).withScoreWeight(0.0));
        assertEquals(0.0, weight(off.withRefinement(1_000_000), WEINBERG), "a weight given, even 0, is kept");
        assertNull(weight(classifier().withModelFile(ClassifierSurrogateKind.NAME, "given.rpm").withRefinement(1_000_000),
                WEINBERG), "a model file's network was trained as it was");
        assertNull(weight(classifier().withRefinement(1_000_000), new ToyGaussianSimulator()),
                "a simulator without joint scores");
    }
}

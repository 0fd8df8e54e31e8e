package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;

/**
 * The epochs of the training controls: left unset they are the kind's default, {@value
 * SurrogateTrainingConfig#DEFAULT_EPOCHS} for every kind's trainer, and for a design loop's surrogate
 * the kind's design epochs where it names its own ({@link FlowSurrogateKind.Nsf#DESIGN_EPOCHS} for the
 * NSF; the others leave them unset, the general default) with or without joint scores; epochs given,
 * even the general default, are kept.
 */
class DesignEpochsTest {
    private static final Simulator WEINBERG = new WeinbergLoSimulator();

    private static SurrogateBuildRequest weinberg(SurrogateTrainingConfig controls) {
        return SurrogateBuildRequest.of(WEINBERG, Box.interval(0.15, 0.35), Box.interval(40, 100), controls);
    }

    private static int flowEpochs(FlowSurrogateKind kind, SurrogateTrainingConfig controls) {
        return kind.trainingConfig(weinberg(controls)).training().maxEpochs();
    }

    @Test
    void unsetEpochsAreTheGeneralDefaultForEveryTrainer() {
        SurrogateTrainingConfig unset = SurrogateTrainingConfig.of(1000, null, 1);
        assertNull(unset.epochs());
        assertEquals(SurrogateTrainingConfig.DEFAULT_EPOCHS, unset.epochsOrDefault());
        assertNull(SurrogateTrainingConfig.defaults(1).epochs(), "the defaults leave the epochs to the kind");
        assertEquals(2, flowEpochs(new FlowSurrogateKind.Nsf(), unset), "outside a design the NSF trains for 2");
        assertEquals(2, flowEpochs(new FlowSurrogateKind.Maf(), unset));
        assertEquals(2, ClassifierSurrogateKind.trainingConfig(weinberg(unset)).training().maxEpochs());
    }

    @Test
    void aDesignLoopsNsfTrainsForItsDesignEpochsAndTheOthersForTheDefault() {
        SurrogateTrainingConfig unset = SurrogateTrainingConfig.of(1000, null, 1);
        for (Simulator simulator : new Simulator[] {WEINBERG, new ToyGaussianSimulator()}) {
            SurrogateTrainingConfig nsf = unset.forDesign("nsf", simulator);
            assertEquals(FlowSurrogateKind.Nsf.DESIGN_EPOCHS, nsf.epochs(), simulator.name());
            for (String other : new String[] {"classifier", "maf", "histogram", "exact"}) {
                assertNull(unset.forDesign(other, simulator).epochs(),
                        other + " on " + simulator.name() + ": no design epochs of its own, the general default");
            }
        }
        assertEquals(5, flowEpochs(new FlowSurrogateKind.Nsf(), unset.forDesign("nsf", WEINBERG)),
                "the design epochs reach the NSF's trainer");
        assertEquals(2, flowEpochs(new FlowSurrogateKind.Maf(), unset.forDesign("maf", WEINBERG)),
                "the MAF's trainer gets the general default");
    }

    @Test
    void epochsGivenAreKeptByADesign() {
        for (int given : new int[] {1, SurrogateTrainingConfig.DEFAULT_EPOCHS, 7}) {
            SurrogateTrainingConfig c = SurrogateTrainingConfig.of(1000, given, 1).forDesign("nsf", WEINBERG);
            assertEquals(given, c.epochs(), "epochs given: " + given);
            assertEquals(given, flowEpochs(new FlowSurrogateKind.Nsf(), c));
        }
    }

    @Test
    void unsetEpochsRoundTripThroughJsonAndNonPositiveOnesAreRefused() {
        SurrogateTrainingConfig unset = SurrogateTrainingConfig.of(1000, null, 1);
        assertEquals(unset, Json.read(Json.write(unset), SurrogateTrainingConfig.class, "training controls"));
        var e = assertThrows(InvalidInputException.class, () -> SurrogateTrainingConfig.of(1000, 0, 1));
        assertTrue(e.getMessage().contains("epochs") && e.getMessage().contains("0"), e.getMessage());
    }
}

package org.robotphysicist.training.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;

/** Configuration, provenance, ranges and files of trained flows (the shared toy flows). */
class FlowTrainerTest {
    @TempDir
    Path dir;

    @Test
    void configsRoundTripThroughJsonAndAreValidated() {
        for (FlowSpec.Kind kind : FlowSpec.Kind.values()) {
            FlowTrainingConfig c = FlowTrainingConfig.defaults(kind, 2, 3);
            assertEquals(c, Json.read(Json.write(c), FlowTrainingConfig.class, "flow training config"));
            assertEquals(ToyFlows.config(kind), Json.read(Json.write(ToyFlows.config(kind)), FlowTrainingConfig.class,
                    "flow training config"));
        }
        FlowSpec spec = FlowSpec.maf(1, 2, 2, List.of(8));
        var e = assertThrows(InvalidInputException.class,
                () -> new FlowTrainingConfig(spec, 3, 1, 1, TrainingLoopConfig.defaults()));
        assertTrue(e.getMessage().contains("at least 4"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new FlowTrainingConfig(spec, 100, 0, 1, TrainingLoopConfig.defaults()));
        assertThrows(InvalidInputException.class, () -> new FlowTrainingConfig(null, 100, 1, 1, TrainingLoopConfig.defaults()));
    }

    @Test
    void anArchitectureOfTheWrongShapeIsRefusedBeforeSimulating() {
        FlowTrainingConfig c = FlowTrainingConfig.defaults(FlowSpec.Kind.MAF, 2, 2);
        var e = assertThrows(DimensionMismatchException.class, () -> new FlowTrainer(c, null).train(
                new ToyGaussianSimulator(), ParameterSampler.of(UniformBoxPrior.interval(-1, 1)),
                ParameterSampler.fixed(1.0)));
        assertTrue(e.getMessage().contains("x dimension 1"), e.getMessage());
    }

    @Test
    void aTrainedFlowCarriesItsRangesCurveAndProvenanceThroughItsFile() {
        TrainedFlow maf = ToyFlows.maf();
        assertEquals(TrainedFlow.MAF, maf.kind());
        assertEquals(Box.interval(-1, 1), maf.thetaRange());
        assertEquals(Box.interval(0.5, 2), maf.phiRange());
        assertEquals(20, maf.trainingCurve().epochs().size());
        assertTrue(maf.trainingCurve().bestEpoch() >= 1);
        assertEquals("FlowTrainer", maf.provenance().producer());
        assertEquals(13L, maf.provenance().seeds().get("data"));
        assertTrue(maf.provenance().dataHashes().containsKey("training-data/joint"), maf.provenance().toString());
        Path path = dir.resolve("maf.rpm");
        maf.save(path);
        Matrix x = Matrix.ofColumn(-1.5, 0, 0.7);
        Matrix th = Matrix.ofColumn(-0.5, 0, 0.9);
        Matrix ph = Matrix.ofColumn(0.6, 1, 1.9);
        try (TrainedSurrogate loaded = SurrogateFiles.load(path, LoadOptions.defaults())) {
            // Numbers in the configuration map come back with JSON's types: compare with a JSON round trip.
            assertEquals(Json.read(Json.write(maf.provenance()), org.robotphysicist.data.io.Provenance.class, "p"),
                    loaded.provenance());
            assertEquals(maf.trainingCurve(), loaded.trainingCurve());
            assertEquals(maf.trainedRanges(), loaded.trainedRanges());
            org.junit.jupiter.api.Assertions.assertArrayEquals(maf.logLikelihood(x, th, ph),
                    loaded.logLikelihood(x, th, ph));
        }
    }
}

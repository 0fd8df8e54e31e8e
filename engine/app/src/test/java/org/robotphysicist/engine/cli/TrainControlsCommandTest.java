package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.flow.TrainedFlow;

/** {@code rp train}: every neural kind across a phi range, the training controls passed through, the kind list. */
class TrainControlsCommandTest {
    @TempDir
    Path dir;

    @Test
    void aFlowTrainsAcrossAPhiRangeWithTheGivenControls() {
        Path model = dir.resolve("nsf.rpm");
        CliRun r = CliRun.of("train", "-q", "--no-plot", "--surrogate", "nsf", "--prior", "0.15,0.35", "--phi-range",
                "50,70", "--training-rows", "3000", "--epochs", "3", "--batch-size", "256", "--learning-rate", "0.004",
                "--hidden-layers", "1", "--hidden-width", "16", "--validation-fraction", "0.2", "--patience", "1",
                "--device", "cpu", "--no-certify", "-o", model.toString());
        assertEquals(0, r.exit(), r.err());
        try (TrainedSurrogate s = SurrogateFiles.load(model, LoadOptions.defaults())) {
            assertEquals(Box.interval(50, 70), s.phiRange(), "trained across the phi range");
            assertEquals(List.of(16), ((TrainedFlow) s).spec().hiddenWidths());
            @SuppressWarnings("unchecked")
            Map<String, Object> training = (Map<String, Object>) s.provenance().config().get("training");
            assertEquals(256, ((Number) training.get("batchSize")).intValue(), training.toString());
            assertEquals(0.004, ((Number) training.get("learningRate")).doubleValue(), 1e-15, training.toString());
            assertEquals(0.2, ((Number) training.get("validationFraction")).doubleValue(), 1e-15, training.toString());
            assertEquals(1, ((Number) training.get("patience")).intValue(), training.toString());
            assertEquals(3000, ((Number) s.provenance().config().get("trainingRows")).intValue());
        }
    }

    @Test
    void theKindListHasOneLineEachAndBadControlsAreRefused() {
        CliRun list = CliRun.of("train", "--list");
        assertEquals(0, list.exit(), list.err());
        for (String kind : List.of("exact ", "histogram ", "classifier ", "maf ", "nsf ")) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(kind)), kind + " listed: " + list.out());
        }
        CliRun bad = CliRun.of("train", "--validation-fraction", "0.8", "--phi", "58", "-o",
                dir.resolve("x.rpm").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, bad.exit());
        assertTrue(bad.err().contains("validation fraction"), bad.err());
        CliRun unknown = CliRun.of("train", "--surrogate", "flow", "--phi", "58", "-o",
                dir.resolve("y.rpm").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, unknown.exit());
        assertTrue(unknown.err().contains("expected one of [exact, histogram, classifier, maf, nsf"), unknown.err());
    }
}

package org.robotphysicist.benchmarks.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * The design benchmark's {@code --model-KIND FILE} and {@code --save-models DIR}: a saved kind reads
 * back as the same kind and gives the same likelihood; a file of another kind, a missing file and a
 * file for the exact kind are refused, naming what was expected and found.
 */
class DesignModelFilesTest {
    private static final List<String> KINDS = List.of("exact", "maf", "nsf");

    private static BenchmarkArguments args(String... a) {
        return BenchmarkArguments.parse(a);
    }

    private static RobotPhysicist weinberg() {
        return RobotPhysicist.forSimulator(new WeinbergLoSimulator()).prior(Box.interval(0.15, 0.35))
                .settings(Box.interval(40, 100));
    }

    @Test
    void noOptionsTrainEveryKindAndSaveNone() {
        assertEquals(ModelFiles.NONE, ModelFiles.of(args(), KINDS));
    }

    @Test
    void aSavedKindReadsBackAsItselfAndAnotherKindIsRefused(@TempDir Path dir) {
        RobotPhysicist rp = weinberg();
        ModelFiles saving = ModelFiles.of(args("--save-models", dir.toString()), KINDS);
        Matrix x = Matrix.ofColumn(-0.9, 0.3, 0.8);
        Matrix theta = Matrix.ofColumn(0.17, 0.23, 0.33);
        Matrix phi = Matrix.ofColumn(45, 81, 99);
        double[] trained;
        try (TrainedModel maf = rp.train(TrainOptions.defaults("maf").withControls(
                SurrogateTrainingConfig.of(2_000, 1, 5).withNetwork(1, 8)).withTraining(2_000, 1, DeviceRequest.CPU))) {
            saving.saveIfAsked(maf, "maf");
            trained = maf.surrogate().logLikelihood(x, theta, phi);
        }
        Path file = dir.resolve("maf.rpm");
        assertTrue(Files.isRegularFile(file), "expected the trained MAF saved at " + file);

        ModelFiles reading = ModelFiles.of(args("--model-maf", file.toString()), KINDS);
        assertEquals(Map.of("maf", file), reading.given());
        assertTrue(reading.isGiven("maf") && !reading.isGiven("nsf"), "only the MAF is read from a file");
        Path elsewhere = dir.resolve("elsewhere");
        ModelFiles readingAndSaving = ModelFiles.of(args("--model-maf", file.toString(), "--save-models",
                elsewhere.toString()), KINDS);
        try (TrainedModel read = reading.load(rp, "maf")) {
            assertArrayEquals(trained, read.surrogate().logLikelihood(x, theta, phi), 1e-6,
                    "the file's MAF should give the trained one's log-likelihood");
            readingAndSaving.saveIfAsked(read, "maf");
        }
        assertFalse(Files.exists(elsewhere.resolve("maf.rpm")), "a kind read from a file is not saved again");

        ModelFiles mislabelled = ModelFiles.of(args("--model-nsf", file.toString()), KINDS);
        var e = assertThrows(IllegalArgumentException.class, () -> mislabelled.load(rp, "nsf"));
        assertEquals("--model-nsf: expected a model file of kind 'nsf' (or an ensemble of it) but found 'maf' in "
                + file, e.getMessage());
    }

    @Test
    void aKindWithoutAModelFileIsLeftUnsaved(@TempDir Path dir) {
        ModelFiles saving = ModelFiles.of(args("--save-models", dir.toString()), KINDS);
        try (TrainedModel tabulated = new TrainedModel(new ExactLikelihood(new WeinbergLoSimulator()), "histogram",
                "a surrogate that writes no model file", false)) {
            saving.saveIfAsked(tabulated, "histogram");
        }
        assertFalse(Files.exists(dir.resolve("histogram.rpm")), "expected no file for a kind without a model file");
    }

    @Test
    void refusesAMissingFileAndAFileForTheExactKind(@TempDir Path dir) {
        Path missing = dir.resolve("none.rpm");
        assertEquals("--model-maf: expected a model file but found no file at " + missing,
                assertThrows(IllegalArgumentException.class,
                        () -> ModelFiles.of(args("--model-maf", missing.toString()), KINDS)).getMessage());
        assertEquals("--model-exact: expected a model file only for a trained kind but found one for the exact"
                + " likelihood, which is not trained", assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.of(args("--model-exact", missing.toString()), KINDS))
                .getMessage());
    }
}

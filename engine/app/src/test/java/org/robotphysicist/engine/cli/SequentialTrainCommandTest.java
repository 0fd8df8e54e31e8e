package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * {@code rp train --sequential R --observed CSV}: the rounds' simulations are written beside the
 * model, the model's provenance names them and says it was trained sequentially for those events
 * (here each round continuing the previous network, through the registry's fine-tuning),
 * no certificate is measured, and the sequential options are refused where they do not apply.
 */
class SequentialTrainCommandTest {
    /** picocli's exit code for a usage error. */
    private static final int USAGE = 2;

    @TempDir
    Path dir;

    private Path observed() {
        Path events = dir.resolve("observed.csv");
        CliRun sim = CliRun.of("simulate", "--simulator", "toy-gaussian", "--theta", "0.7", "--phi", "0.5", "--events",
                "25", "--seed", "11", "--out", events.toString());
        assertEquals(0, sim.exit(), sim.err());
        return events;
    }

    private static List<String> train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--no-plot", "--simulator", "toy-gaussian",
                "--prior", "-2,2", "--phi-range", "0.25,1", "--surrogate", "nsf", "--training-rows", "1500",
                "--epochs", "8", "--batch-size", "100", "--hidden-layers", "1", "--hidden-width", "16", "--device",
                "cpu"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void theRoundsAreWrittenAndTheModelSaysForWhatItWasTrained() throws Exception {
        Path events = observed();
        Path model = dir.resolve("seq.rpm");
        CliRun r = CliRun.of(train("--sequential", "3", "--observed", events.toString(), "--observed-phi", "0.5",
                "--continuation", "fine-tune", "-o", model.toString()).toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("in 3 rounds of 500 simulations") && r.out().contains("not certifying"),
                r.out());
        assertTrue(r.out().contains("sequential round 3 of 3"), r.out());
        Path rounds = dir.resolve("seq-rounds");
        for (int round = 1; round <= 3; round++) {
            assertTrue(Files.isRegularFile(rounds.resolve("training-round-0" + round + ".csv")), "round " + round);
        }
        try (TrainedSurrogate s = SurrogateFiles.load(model, LoadOptions.defaults())) {
            Object files = s.provenance().config().get("eventFiles");
            assertEquals(3, ((List<?>) files).size(), "the model names every round's file: " + files);
            String notes = String.valueOf(s.provenance().config().get("eventFileNotes"));
            assertTrue(notes.contains("sequential round 3 of 3") && notes.contains("1 experiment(s) of 25 events")
                    && notes.contains("posterior"), notes);
            assertTrue(s.provenance().dataHashes().size() >= 3, "every file's SHA-256: "
                    + s.provenance().dataHashes());
            assertTrue(notes.contains("(fine-tune,") && s.provenance().config().get("initialWeights") != null,
                    "round 3 continued round 2's network: " + s.provenance().config());
        }
        CliRun posterior = CliRun.of("posterior", "--model", model.toString(), "--events", events.toString(),
                "--phi", "0.5", "--no-plot", "--out", dir.resolve("p.json").toString());
        assertEquals(0, posterior.exit(), posterior.err());
    }

    @Test
    void sequentialOptionsAreRefusedWhereTheyDoNotApply() {
        Path events = observed();
        CliRun without = CliRun.of(train("--observed", events.toString(), "-o", dir.resolve("a.rpm").toString())
                .toArray(String[]::new));
        assertEquals(USAGE, without.exit(), without.err());
        assertTrue(without.err().contains("--observed only with --sequential"), without.err());
        CliRun noEvents = CliRun.of(train("--sequential", "2", "-o", dir.resolve("b.rpm").toString())
                .toArray(String[]::new));
        assertEquals(USAGE, noEvents.exit(), noEvents.err());
        assertTrue(noEvents.err().contains("expected --observed CSV"), noEvents.err());
        CliRun calibrated = CliRun.of(train("--sequential", "2", "--observed", events.toString(),
                "--require-calibrated", "-o", dir.resolve("c.rpm").toString()).toArray(String[]::new));
        assertEquals(USAGE, calibrated.exit(), calibrated.err());
        assertTrue(calibrated.err().contains("is not certified"), calibrated.err());
        CliRun continuation = CliRun.of(train("--sequential", "2", "--observed", events.toString(),
                "--continuation", "warm", "-o", dir.resolve("d.rpm").toString()).toArray(String[]::new));
        assertEquals(Rp.EXIT_INVALID_INPUT, continuation.exit(), continuation.err());
        assertTrue(continuation.err().contains("[fine-tune, retrain]") && continuation.err().contains("'warm'"),
                continuation.err());
        CliRun outside = CliRun.of(train("--sequential", "2", "--observed", events.toString(), "--observed-phi",
                "2", "-o", dir.resolve("e.rpm").toString()).toArray(String[]::new));
        assertEquals(Rp.EXIT_INVALID_INPUT, outside.exit(), outside.err());
        assertTrue(outside.err().contains("inside the settings") && outside.err().contains("[2.0]"), outside.err());
        CliRun fewRows = CliRun.of(train("--sequential", "20", "--observed", events.toString(), "-o",
                dir.resolve("f.rpm").toString()).toArray(String[]::new));
        assertEquals(Rp.EXIT_INVALID_INPUT, fewRows.exit(), fewRows.err());
        assertTrue(fewRows.err().contains("at least 2000") && fewRows.err().contains("found 1500"), fewRows.err());
    }
}

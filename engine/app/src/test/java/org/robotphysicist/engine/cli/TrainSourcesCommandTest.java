package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rp train --events-from}, {@code --prior-normal} and {@code --proposal} on the toy Gaussian, tiny sizes. */
class TrainSourcesCommandTest {
    @TempDir
    Path dir;

    private Path simulate(String name, long seed) {
        Path csv = dir.resolve(name);
        CliRun r = CliRun.of("simulate", "-q", "--simulator", "toy-gaussian", "--prior", "-2,2", "--phi", "1",
                "--pairs", "600", "--events", "1", "--seed", String.valueOf(seed), "--out", csv.toString());
        assertEquals(0, r.exit(), r.err());
        return csv;
    }

    @Test
    void trainsFromSeveralEventFilesWithNamesFromTheSimulatorOrTheHeader() {
        Path a = simulate("a.csv", 1);
        Path b = simulate("b.csv", 2);
        Path model = dir.resolve("files.rpm");
        CliRun named = CliRun.of("train", "--events-from", a.toString(), b.toString(), "--simulator", "toy-gaussian",
                "--surrogate", "maf", "--epochs", "1", "--hidden-layers", "1", "--hidden-width", "8", "--device",
                "cpu", "--no-plot", "--output", model.toString());
        assertEquals(0, named.exit(), named.err());
        assertTrue(named.out().contains("training on 1200 events from 2 event files") && named.out().contains(
                "1200 rows from event files"), named.out());
        assertTrue(Files.exists(model));
        CliRun anonymous = CliRun.of("train", "-q", "--events-from", a.toString(), "--surrogate", "classifier",
                "--epochs", "1", "--hidden-layers", "1", "--hidden-width", "8", "--events", "10", "--device", "cpu",
                "--no-plot", "--output", dir.resolve("anonymous.rpm").toString());
        assertEquals(0, anonymous.exit(), anonymous.err());
    }

    @Test
    void refusesEventFilesMixedWithOptionsThatWouldBeIgnored() {
        Path a = simulate("a.csv", 1);
        CliRun r = CliRun.of("train", "--events-from", a.toString(), "--external", "python3 sim.py", "--phi", "1",
                "--output", dir.resolve("m.rpm").toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("expected --events-from without --external, --phi"), r.err());
        CliRun h = CliRun.of("train", "--events-from", a.toString(), "--surrogate", "maf", "--simulator",
                "weinberg-lo", "--output", dir.resolve("w.rpm").toString());
        assertNotEquals(0, h.exit());
        assertTrue(h.err().contains("a.csv") && h.err().contains("weinberg-lo"), h.err());
    }

    @Test
    void trainsWithANormalPriorAndAProposal() {
        Path model = dir.resolve("normal.rpm");
        CliRun r = CliRun.of("train", "-q", "--simulator", "toy-gaussian", "--prior-normal", "0.3,0.5", "--proposal",
                "-3,3", "--phi", "1", "--surrogate", "maf", "--training-rows", "1000", "--epochs", "1",
                "--hidden-layers", "1", "--hidden-width", "8", "--device", "cpu", "--no-plot", "--no-certify", "--output",
                model.toString());
        assertEquals(0, r.exit(), r.err());
        CliRun both = CliRun.of("train", "--simulator", "toy-gaussian", "--prior", "-1,1", "--prior-normal", "0,1",
                "--phi", "1", "--output", dir.resolve("x.rpm").toString());
        assertNotEquals(0, both.exit());
        assertTrue(both.err().contains("at most one of --prior LO,HI or --prior-normal MEAN,SD"), both.err());
    }
}

package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes refuses an output path it cannot write before it computes anything:
 * exit 3, one line naming the option, no stack trace. The runs asked for would take minutes
 * (training, design rounds, large simulations), so a quick answer shows the check came first.
 */
class OutputPathCommandTest {
    @TempDir
    Path dir;

    private static void assertRefusedInOneLine(CliRun r, String expected) {
        assertEquals(Rp.EXIT_INVALID_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anExistingDirectoryIsRefusedByEveryCommandThatWritesAFile() throws Exception {
        Path taken = Files.createDirectory(dir.resolve("taken.out"));
        String found = "expected a file to write but found the directory " + taken;
        assertRefusedInOneLine(CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.23", "--phi", "58",
                "--events", "2000000", "--out", taken.toString()), "--out: " + found);
        assertRefusedInOneLine(CliRun.of("train", "--phi", "58", "--training-rows", "2000000", "--epochs", "50",
                "--device", "cpu", "--output", taken.toString()), "--output: " + found);
        assertRefusedInOneLine(CliRun.of("posterior", "--surrogate", "exact", "--phi", "58", "--events",
                dir.resolve("not-read-first.csv").toString(), "--out", taken.toString()), "--out: " + found);
        assertRefusedInOneLine(CliRun.of("demo", "--out", taken.toString()), "--out: " + found);
        Path takenPlot = Files.createDirectory(dir.resolve("m-training.png"));
        assertRefusedInOneLine(CliRun.of("train", "--phi", "58", "--training-rows", "2000000", "--device", "cpu",
                "--output", dir.resolve("m.rpm").toString()), "found the directory " + takenPlot);
        CliRun noPlot = CliRun.of("demo", "-q", "--save-model", taken.toString(), "--out",
                dir.resolve("d.json").toString());
        assertRefusedInOneLine(noPlot, "--save-model: " + found);
    }

    @Test
    void aParentThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        String expected = "expected " + file + " to be a directory";
        assertRefusedInOneLine(CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.23", "--phi", "58",
                "--out", file.resolve("e.csv").toString()), expected);
        assertRefusedInOneLine(CliRun.of("design", "--surrogate", "exact", "--out", file.resolve("run").toString()),
                expected);
        CliRun designIntoFile = CliRun.of("design", "--surrogate", "exact", "--out", file.toString());
        assertRefusedInOneLine(designIntoFile, "--out: expected a directory to write into but found the file " + file);
    }

    @Test
    void aDirectoryThatRefusesNewFilesIsFoundFirst() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        for (List<String> args : List.of(
                List.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.23", "--phi", "58", "--out",
                        "/proc/rp/e.csv"),
                List.of("train", "--phi", "58", "--training-rows", "2000000", "--output", "/proc/rp.rpm"),
                List.of("design", "--surrogate", "exact", "--out", "/proc/rp-design"))) {
            assertRefusedInOneLine(CliRun.of(args.toArray(String[]::new)), "expected a writable directory for /proc/");
        }
    }
}

package org.robotphysicist.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.InvalidInputException;

class OutputTargetsTest {
    @TempDir
    Path dir;

    @Test
    void writablePathsPassAndLeaveNothingBehind() throws IOException {
        OutputTargets.requireWritableFile("--out", dir.resolve("events.csv"));
        OutputTargets.requireWritableFile("--out", dir.resolve("new/deeper/events.csv"));
        OutputTargets.requireWritableDirectory("--out", dir.resolve("run"));
        Files.writeString(dir.resolve("existing.json"), "{}");
        OutputTargets.requireWritableFile("--out", dir.resolve("existing.json"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("existing.json")), files.toList(), "no probe or directory is left");
        }
    }

    @Test
    void anExistingDirectoryIsNotAFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("out.csv"));
        UnwritableOutputException e = assertThrows(UnwritableOutputException.class,
                () -> OutputTargets.requireWritableFile("--out", sub));
        assertEquals("--out: expected a file to write but found the directory " + sub, e.getMessage());
        assertTrue(e instanceof InvalidInputException);
    }

    @Test
    void aFileWhereADirectoryMustBeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        UnwritableOutputException e = assertThrows(UnwritableOutputException.class,
                () -> OutputTargets.requireWritableFile("--out", file.resolve("sub/out.csv")));
        assertTrue(e.getMessage().contains("expected " + file + " to be a directory (to hold " + file.resolve(
                "sub/out.csv") + ") but it is a file"), e.getMessage());
        UnwritableOutputException asDirectory = assertThrows(UnwritableOutputException.class,
                () -> OutputTargets.requireWritableDirectory("--out", file));
        assertEquals("--out: expected a directory to write into but found the file " + file, asDirectory.getMessage());
    }

    @Test
    void aDirectoryThatRefusesFilesIsFoundBeforeWriting() {
        Path proc = Path.of("/proc/rp-output-check/out.csv");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        UnwritableOutputException e = assertThrows(UnwritableOutputException.class,
                () -> OutputTargets.requireWritableFile("--out", proc));
        assertTrue(e.getMessage().startsWith("--out: expected a writable directory for " + proc + " but /proc"),
                e.getMessage());
        assertFalse(Files.exists(Path.of("/proc/rp-output-check")));
    }
}

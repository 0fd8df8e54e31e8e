package org.robotphysicist.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void theFinishedFileHasTheDefaultPermissionsOfANewFile() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createFile(dir.resolve("reference")); // 0666 less the umask
        Path written = dir.resolve("out.json");
        AtomicFiles.write(written, out -> out.write('x'));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertEquals(expected, Files.getPosixFilePermissions(written), "the umask decides, not a fixed 0600");
        Path replaced = Files.writeString(dir.resolve("old.csv"), "old");
        AtomicFiles.write(replaced, out -> out.write('y'));
        assertEquals(expected, Files.getPosixFilePermissions(replaced));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("model.rpm"), "old contents");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[10_000]);
            throw new IOException("No space left on device");
        }));
        assertEquals("could not write " + target + ": No space left on device", e.getMessage());
        assertEquals("old contents", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "nothing partial is left");
        }
    }

    @Test
    void writesCreateMissingDirectories() throws IOException {
        Path deep = dir.resolve("a/b/c.txt");
        AtomicFiles.write(deep, out -> out.write('z'));
        assertTrue(Files.isRegularFile(deep));
        assertEquals("z", Files.readString(deep));
    }
}

package org.robotphysicist.data.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that readers never see a half-written one: content goes to a temporary file in
 * the same directory, which is then moved over the target (atomically where the file system
 * allows). A failed write (a full disk, an I/O error) leaves the previous file untouched and no
 * temporary file behind.
 *
 * <p>Permissions: the temporary file is created without explicit attributes, so the finished file
 * gets the process's default permissions (0666 less the umask), like any file a program creates;
 * {@link Files#createTempFile} would make every output owner-only (0600).
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** What writes the content; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code path} atomically; parent directories are created. */
    public static void write(Path path, Writer writer) {
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = newTemporaryFile(dir, absolute.getFileName().toString());
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))) {
                writer.write(out);
            }
            moveIntoPlace(tmp, absolute);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + path + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** A new, empty, hidden file {@code .NAME.RANDOM.tmp} in {@code dir}, with default permissions. */
    private static Path newTemporaryFile(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Moves a finished temporary file or directory over {@code target}. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and named *.tmp
            }
        }
    }
}

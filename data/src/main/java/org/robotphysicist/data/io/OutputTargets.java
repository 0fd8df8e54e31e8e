package org.robotphysicist.data.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks, before a command computes anything, that the files it will write can be written, so a
 * long run never ends in a write error that was knowable at the start.
 *
 * <p>A check leaves nothing behind: it finds the nearest directory that exists on the way to the
 * target (missing ones are created by the write itself), requires that no file stands where a
 * directory is needed, and creates and deletes one hidden probe file there — the only test that
 * also catches read-only mounts, {@code /proc} and permissions that the process's privileges
 * would seem to override. It cannot foresee a disk that fills up later; {@link AtomicFiles} then
 * fails without leaving a partial file.
 */
public final class OutputTargets {
    private OutputTargets() {
    }

    /**
     * Requires that the file {@code path} can be (re)written atomically.
     *
     * @param option names the path in messages, e.g. {@code --out}
     * @throws UnwritableOutputException naming what was expected and what was found
     */
    public static void requireWritableFile(String option, Path path) {
        Path absolute = path.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new UnwritableOutputException(option + ": expected a file to write but found the directory "
                    + path);
        }
        if (absolute.getFileName() == null) {
            throw new UnwritableOutputException(option + ": expected a file to write but found the root " + path);
        }
        probe(option, path, absolute.getParent());
    }

    /**
     * Requires that {@code dir} is, or can be created as, a directory in which files can be written.
     *
     * @throws UnwritableOutputException naming what was expected and what was found
     */
    public static void requireWritableDirectory(String option, Path dir) {
        Path absolute = dir.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new UnwritableOutputException(option + ": expected a directory to write into but found the file "
                    + dir);
        }
        probe(option, dir, absolute);
    }

    private static void probe(String option, Path given, Path dir) {
        Path existing = nearestExisting(dir);
        if (existing == null) {
            throw new UnwritableOutputException(option + ": expected a path whose directories can be created but"
                    + " found no existing directory above " + given);
        }
        if (!Files.isDirectory(existing)) {
            throw new UnwritableOutputException(option + ": expected " + existing + " to be a directory (to hold "
                    + given + ") but it is a file");
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(existing, ".rp-write-check", ".tmp");
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new UnwritableOutputException(option + ": expected a writable directory for " + given + " but "
                    + reason(existing, e), e);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a hidden *.tmp probe; the directory was writable a moment ago
                }
            }
        }
    }

    /** {@code dir} or its nearest ancestor that exists (a link counts, so a dangling one is found). */
    private static Path nearestExisting(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
        return null;
    }

    private static String reason(Path dir, Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission to create files in " + dir + " was denied";
        }
        if (e instanceof FileSystemException fs) {
            return dir + " refused a new file (" + (fs.getReason() != null ? fs.getReason()
                    : "it accepts none") + ")";
        }
        return dir + " refused a new file (" + e.getMessage() + ")";
    }
}

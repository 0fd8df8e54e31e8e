package org.robotphysicist.data.simulator.external;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process an external simulator program started, so that stopping the program stops them
 * all — also those that outlive it: a child left running when the program exits (cleanly or not)
 * is re-parented and no longer among {@link Process#descendants()}.
 *
 * <p>Three sources, so nothing escapes that can be found without privileges:
 * <ol>
 *   <li>the program's descendants at the moment of the stop;</li>
 *   <li>every descendant seen earlier ({@link #remember()} after the handshake and before
 *       {@code quit}; {@link #rememberOccasionally()} after replies, since a scan of the process
 *       table costs milliseconds);</li>
 *   <li>on Linux, every process of this user whose environment carries this tree's marker
 *       {@value #MARKER}={@code <random id>}, which the program and its children inherit
 *       (the technique of build servers that must stop what a build left behind). A process that
 *       clears its environment is found only through the first two.</li>
 * </ol>
 * Process handles compare by pid and start time, so a recycled pid is never killed.
 * Thread-safe.
 */
final class ProcessTree {
    /** The environment variable that marks the program's processes. */
    static final String MARKER = "RP_SIMULATOR_TREE";
    private static final Path PROC = Path.of("/proc");
    /** The shortest time between two scans by {@link #rememberOccasionally()}. */
    static final long SCAN_INTERVAL_MILLIS = 1_000;

    private final String id = UUID.randomUUID().toString();
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private volatile Process root;
    private volatile long lastScanNanos = System.nanoTime();

    /** Marks {@code builder}'s environment so that the processes it starts can be found later. */
    void mark(ProcessBuilder builder) {
        builder.environment().put(MARKER, id);
    }

    /** The program, once started. */
    void root(Process process) {
        this.root = process;
    }

    /** Records the program's current descendants, which may outlive it. */
    void remember() {
        Process r = root;
        if (r != null) {
            lastScanNanos = System.nanoTime();
            r.descendants().forEach(seen::add);
        }
    }

    /**
     * {@link #remember()}, unless the last scan is less than {@value #SCAN_INTERVAL_MILLIS} ms
     * old: many small requests must not each pay for a scan of the process table.
     */
    void rememberOccasionally() {
        if (System.nanoTime() - lastScanNanos >= SCAN_INTERVAL_MILLIS * 1_000_000L) {
            remember();
        }
    }

    /**
     * Kills the program and every process of its tree still alive: descendants first are
     * collected while the program still holds them, then everything is killed.
     */
    void killAll() {
        Process r = root;
        Set<ProcessHandle> doomed = new LinkedHashSet<>();
        if (r != null) {
            r.descendants().forEach(doomed::add);
        }
        doomed.addAll(seen);
        doomed.addAll(marked());
        for (ProcessHandle h : Set.copyOf(doomed)) {
            h.descendants().forEach(doomed::add);
        }
        if (r != null) {
            // through the handle: Process.destroyForcibly would also close our end of the standard-error
            // pipe, and the drain thread would lose the lines that explain the failure
            r.toHandle().destroyForcibly();
        }
        long self = ProcessHandle.current().pid();
        for (ProcessHandle h : doomed) {
            if (h.pid() != self && h.isAlive()) {
                h.destroyForcibly();
            }
        }
        seen.removeIf(h -> !h.isAlive());
    }

    /** Processes whose environment carries this tree's marker (Linux {@code /proc}; none elsewhere). */
    private Set<ProcessHandle> marked() {
        Set<ProcessHandle> out = new LinkedHashSet<>();
        if (!Files.isDirectory(PROC)) {
            return out;
        }
        byte[] needle = (MARKER + "=" + id).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().forEach(h -> {
            if (h.pid() != self && carries(h.pid(), needle)) {
                out.add(h);
            }
        });
        return out;
    }

    private static boolean carries(long pid, byte[] needle) {
        byte[] env;
        try {
            env = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // another user's process, or already gone
        }
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == needle.length && java.util.Arrays.equals(env, start, i, needle, 0, needle.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}

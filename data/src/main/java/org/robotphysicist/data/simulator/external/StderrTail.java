package org.robotphysicist.data.simulator.external;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drains a child's standard error on a daemon thread (so a chatty program never blocks on a full
 * pipe) and keeps its last lines for error messages.
 */
final class StderrTail {
    private static final int MAX_LINES = 20;
    private static final int MAX_LINE_CHARS = 500;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread thread;

    StderrTail(InputStream stream, String threadName) {
        thread = new Thread(() -> drain(stream), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream stream) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    if (lines.size() == MAX_LINES) {
                        lines.removeFirst();
                    }
                    lines.addLast(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + " ..." : line);
                }
            }
        } catch (IOException e) {
            // the process went away; what was read is kept
        }
    }

    /** Waits up to {@code millis} for the stream to end, so the last lines are in. */
    void awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kept lines as a message suffix, or "" when there were none. */
    String describe() {
        synchronized (lines) {
            if (lines.isEmpty()) {
                return "";
            }
            return "; last lines of its standard error:\n  | " + String.join("\n  | ", lines);
        }
    }
}

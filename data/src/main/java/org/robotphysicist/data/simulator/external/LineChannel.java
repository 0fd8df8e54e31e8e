package org.robotphysicist.data.simulator.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines a child process writes to one of its streams, read by a daemon thread so the caller
 * can wait for each with a timeout (a plain {@link InputStream#read} cannot time out). The queue
 * is bounded, so a program that floods its output is slowed down rather than filling the heap.
 */
final class LineChannel {
    /** Longest accepted line, in characters. */
    static final int MAX_LINE_CHARS = 1 << 20;

    /** What a read found. */
    sealed interface Item {
    }

    /** One line, without its terminator. */
    record Line(String text) implements Item {
    }

    /** The stream ended (the program closed it or exited). */
    record End() implements Item {
    }

    /** Reading failed: an over-long line or an I/O error. */
    record Failure(String reason) implements Item {
    }

    /** The wait timed out. */
    record Timeout() implements Item {
    }

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(8192);

    LineChannel(InputStream stream, String threadName) {
        Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8);
        Thread thread = new Thread(() -> pump(reader), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(Reader reader) {
        char[] buf = new char[8192];
        StringBuilder line = new StringBuilder();
        try (reader) {
            int n;
            while ((n = reader.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        int len = line.length();
                        if (len > 0 && line.charAt(len - 1) == '\r') {
                            line.setLength(len - 1);
                        }
                        queue.put(new Line(line.toString()));
                        line.setLength(0);
                    } else if (line.length() >= MAX_LINE_CHARS) {
                        queue.put(new Failure("a line longer than " + MAX_LINE_CHARS + " characters"));
                        return;
                    } else {
                        line.append(c);
                    }
                }
            }
            if (line.length() > 0) {
                queue.put(new Line(line.toString()));
            }
            queue.put(new End());
        } catch (IOException e) {
            queue.offer(new Failure("an I/O error: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next item, waiting at most {@code timeoutMillis}; {@link Timeout} when none came. */
    Item next(long timeoutMillis) {
        try {
            Item item = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            return item == null ? new Timeout() : item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("the waiting thread was interrupted");
        }
    }
}

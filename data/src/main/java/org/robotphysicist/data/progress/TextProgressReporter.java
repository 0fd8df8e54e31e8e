package org.robotphysicist.data.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.robotphysicist.data.InvalidInputException;

/**
 * Progress as text, for people and for logs.
 *
 * <ul>
 *   <li>{@link Style#BAR}, for an interactive terminal: one line redrawn in place with a carriage
 *       return, at most every {@value #BAR_INTERVAL_MILLIS} ms —
 *       {@code simulate [########------------]  40%  4000/10000 events  1.2 s  ETA 1.8 s};</li>
 *   <li>{@link Style#LINES}, for logs and pipes: one line each time another tenth is done, and at
 *       least every {@value #LINE_INTERVAL_SECONDS} s on slow tasks —
 *       {@code simulate: 40% (4000/10000 events) 1.2 s, ETA 1.8 s}.</li>
 * </ul>
 * Both end with a line giving the total time. The remaining time is extrapolated linearly from
 * the rate so far.
 */
public final class TextProgressReporter implements ProgressReporter {
    /** Shortest time between redraws of a bar. */
    public static final long BAR_INTERVAL_MILLIS = 200;
    /** Longest time between two lines in {@link Style#LINES}. */
    public static final long LINE_INTERVAL_SECONDS = 10;
    private static final int BAR_WIDTH = 24;

    /** How progress is drawn. */
    public enum Style { BAR, LINES }

    private final PrintWriter out;
    private final Style style;
    private final LongSupplier nanoClock;

    public TextProgressReporter(PrintWriter out, Style style) {
        this(out, style, System::nanoTime);
    }

    /** With an explicit clock (nanoseconds), for tests. */
    public TextProgressReporter(PrintWriter out, Style style, LongSupplier nanoClock) {
        this.out = out;
        this.style = style;
        this.nanoClock = nanoClock;
    }

    /**
     * The usual choice for a command line: nothing when {@code quiet}, a bar when a console is
     * attached, lines otherwise.
     */
    public static ProgressReporter forTerminal(PrintWriter err, boolean quiet) {
        if (quiet) {
            return ProgressReporter.silent();
        }
        return new TextProgressReporter(err, System.console() != null ? Style.BAR : Style.LINES);
    }

    @Override
    public Progress start(String task, long total, String unit) {
        if (total < 1) {
            throw new InvalidInputException("progress of '" + task + "': expected at least 1 unit of work but found "
                    + total);
        }
        return new Task(task, total, unit);
    }

    /** Human-readable duration: {@code 12.3 s}, {@code 4 min 05 s}, {@code 1 h 02 min}. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    private final class Task implements Progress {
        private final String name;
        private final long total;
        private final String unit;
        private final long startNanos;
        private long done;
        private long lastDrawNanos;
        private int lastTenth;
        private boolean closed;

        Task(String name, long total, String unit) {
            this.name = name;
            this.total = total;
            this.unit = unit;
            this.startNanos = nanoClock.getAsLong();
            this.lastDrawNanos = startNanos;
            if (style == Style.BAR) {
                draw(startNanos);
            }
        }

        @Override
        public synchronized void advance(long units) {
            if (closed || units <= 0) {
                return;
            }
            done = Math.min(total, done + units);
            long now = nanoClock.getAsLong();
            if (style == Style.BAR) {
                if (now - lastDrawNanos >= BAR_INTERVAL_MILLIS * 1_000_000L || done == total) {
                    draw(now);
                }
            } else {
                int tenth = (int) (10 * done / total);
                if ((tenth > lastTenth && done < total) || now - lastDrawNanos >= LINE_INTERVAL_SECONDS * 1_000_000_000L) {
                    lastTenth = tenth;
                    lastDrawNanos = now;
                    out.println(String.format(Locale.ROOT, "%s: %d%% (%d/%d %s) %s, ETA %s", name, percent(), done,
                            total, unit, duration(seconds(now)), duration(eta(now))));
                    out.flush();
                }
            }
        }

        private void draw(long now) {
            lastDrawNanos = now;
            int filled = (int) (BAR_WIDTH * done / total);
            String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
            out.print(String.format(Locale.ROOT, "\r%s [%s] %3d%%  %d/%d %s  %s  ETA %s  ", name, bar, percent(), done,
                    total, unit, duration(seconds(now)), done == 0 ? "?" : duration(eta(now))));
            out.flush();
        }

        private int percent() {
            return (int) (100 * done / total);
        }

        private double seconds(long now) {
            return (now - startNanos) / 1e9;
        }

        private double eta(long now) {
            return done == 0 ? 0 : seconds(now) * (total - done) / done;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            long now = nanoClock.getAsLong();
            if (style == Style.BAR) {
                draw(now);
                out.println();
            }
            out.println(String.format(Locale.ROOT, "%s: %s %d/%d %s in %s", name, done == total ? "done," : "stopped at",
                    done, total, unit, duration(seconds(now))));
            out.flush();
        }
    }
}

package org.robotphysicist.data.compute;

import java.time.Duration;
import java.util.Objects;

/**
 * A cancellation token with an optional deadline, handed to a computation so that it can be
 * stopped from outside. The computation calls {@link #check()} between units of work (a tile of
 * event × grid-point pairs, one simulated dataset); once the deadline has passed or
 * {@link #cancel} was called, {@code check()} throws {@link ComputationCancelledException}, so a
 * cancelled computation stops within one unit of work.
 *
 * <p>Thread-safe: any thread may cancel, any number of threads (for example the parallel tasks of
 * one computation) may check. {@code check()} costs a volatile read and, with a deadline, one
 * {@link System#nanoTime()} call. {@link #none()} is never cancelled and cannot be.
 */
public final class Cancellation {
    private static final Cancellation NONE = new Cancellation(Long.MAX_VALUE, false);

    private final long deadlineNanos;
    private final boolean hasDeadline;
    private volatile String reason;

    private Cancellation(long deadlineNanos, boolean hasDeadline) {
        this.deadlineNanos = deadlineNanos;
        this.hasDeadline = hasDeadline;
    }

    /** The token of a computation nobody stops: {@link #check()} never throws. */
    public static Cancellation none() {
        return NONE;
    }

    /** A token that expires {@code budget} from now (and may be cancelled earlier). */
    public static Cancellation within(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        return new Cancellation(System.nanoTime() + Math.max(0, budget.toNanos()), true);
    }

    /** A token with no deadline that only {@link #cancel} stops. */
    public static Cancellation manual() {
        return new Cancellation(Long.MAX_VALUE, false);
    }

    /**
     * Stops the computation at its next {@link #check()}; the first reason given is kept.
     *
     * @throws IllegalStateException on {@link #none()}, which is shared and never cancelled
     */
    public void cancel(String why) {
        if (this == NONE) {
            throw new IllegalStateException("Cancellation.none() cannot be cancelled");
        }
        if (reason == null) {
            reason = Objects.requireNonNull(why, "why");
        }
    }

    /** True once cancelled or past the deadline. */
    public boolean isCancelled() {
        return reason != null || hasDeadline && System.nanoTime() - deadlineNanos >= 0;
    }

    /**
     * Returns when the computation may go on.
     *
     * @throws ComputationCancelledException when cancelled or past the deadline
     */
    public void check() {
        String why = reason;
        if (why != null) {
            throw new ComputationCancelledException("computation cancelled: " + why, false);
        }
        if (hasDeadline && System.nanoTime() - deadlineNanos >= 0) {
            throw new ComputationCancelledException("computation cancelled: its deadline passed", true);
        }
    }

    @Override
    public String toString() {
        if (this == NONE) {
            return "Cancellation(none)";
        }
        return "Cancellation(" + (reason != null ? "cancelled: " + reason
                : hasDeadline ? "deadline in " + (deadlineNanos - System.nanoTime()) / 1_000_000 + " ms" : "manual")
                + ")";
    }
}

package org.robotphysicist.engine.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;

/**
 * Closes connections that take too long to deliver a request's head: a connection must complete
 * the head of its next request within {@code limitMillis} of its opening or of its previous answer.
 * This bounds slow-header ("slowloris") clients, which trickle one header line every few seconds
 * and so never trip an idle timeout, and closes keep-alive connections idle that long.
 *
 * <p>Jetty registers it on the connector ({@link Connection.Listener}: opened and closed); the
 * request handler marks when a request's handling starts and when its answer has been written. A
 * sweep every {@value #SWEEP_MILLIS} ms closes the overdue ones. Thread-safe.
 */
final class ConnectionWatchdog implements Connection.Listener {
    static final long SWEEP_MILLIS = 200;
    private static final long BUSY = Long.MIN_VALUE;

    private final long limitNanos;
    private final Map<Connection, Long> idleSince = new ConcurrentHashMap<>();
    private final AtomicLong closed = new AtomicLong();

    ConnectionWatchdog(long limitMillis) {
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
    }

    /** Starts sweeping on {@code timer}; cancel the returned future to stop. */
    ScheduledFuture<?> start(ScheduledExecutorService timer) {
        return timer.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        idleSince.put(connection, System.nanoTime());
    }

    @Override
    public void onClosed(Connection connection) {
        idleSince.remove(connection);
    }

    /** A request's head has arrived on {@code connection}: it is exempt until its answer is written. */
    void requestStarted(Connection connection) {
        idleSince.computeIfPresent(connection, (c, t) -> BUSY);
    }

    /** The answer on {@code connection} has been written: the next head must arrive in time. */
    void requestEnded(Connection connection) {
        idleSince.computeIfPresent(connection, (c, t) -> System.nanoTime());
    }

    /** Connections closed for being too slow so far. */
    long closedConnections() {
        return closed.get();
    }

    /** Open connections being watched. */
    int openConnections() {
        return idleSince.size();
    }

    void sweep() {
        long now = System.nanoTime();
        idleSince.forEach((connection, since) -> {
            if (since != BUSY && now - since > limitNanos && idleSince.remove(connection, since)) {
                closed.incrementAndGet();
                connection.getEndPoint().close();
            }
        });
    }
}

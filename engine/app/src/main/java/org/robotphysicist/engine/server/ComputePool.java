package org.robotphysicist.engine.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.compute.ComputationCancelledException;

/**
 * The bounded pool of compute workers and the deadlines of their computations.
 *
 * <p>{@link #submit} queues a {@link Computation} (503 when every worker is busy and the queue is
 * full, or while closing) and returns its answer as a future that completes exactly once: with the
 * result, with the computation's own error, or with a 504 {@link HttpError} the moment the request's
 * timeout passes. Every computation gets a {@link Cancellation} expiring at that deadline, so it
 * stops at its next check (between tiles or datasets) and frees its worker; a request that waited in
 * the queue past its deadline never starts.
 *
 * <p>{@link #close} lets running computations finish for a grace period, then cancels the rest (they
 * are answered 503) and waits a little more for their workers. Thread-safe.
 */
final class ComputePool implements AutoCloseable {
    private final int workerCount;
    private final int queueLength;
    private final long timeoutMillis;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final Set<Cancellation> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /**
     * @param workers       threads computing at once, ≥ 1
     * @param queue         requests that may wait for a worker, ≥ 0
     * @param timeoutMillis each request's deadline from its submission
     * @param timer         schedules the deadlines (owned by the caller)
     */
    ComputePool(int workers, int queue, long timeoutMillis, ScheduledExecutorService timer) {
        this.workerCount = workers;
        this.queueLength = queue;
        this.timeoutMillis = timeoutMillis;
        this.timer = timer;
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, waiting,
                daemonThreads("rp-worker"), new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code computation} on a worker within the request timeout.
     *
     * @throws HttpError 503 when no worker or queue slot is free, or the pool is closing
     */
    CompletableFuture<Object> submit(Computation computation) {
        if (closing) {
            throw shuttingDown();
        }
        CompletableFuture<Object> answer = new CompletableFuture<>();
        Cancellation cancellation = Cancellation.within(Duration.ofMillis(timeoutMillis));
        pending.add(cancellation);
        try {
            workers.execute(() -> run(computation, cancellation, answer));
        } catch (RejectedExecutionException e) {
            pending.remove(cancellation);
            throw closing ? shuttingDown() : new HttpError(503, "workers: expected a free worker or queue slot but all "
                    + workerCount + " workers are busy and " + queueLength + " requests wait; retry later");
        }
        ScheduledFuture<?> deadline = timer.schedule(() -> answer.completeExceptionally(new HttpError(504,
                "computation: expected to finish within " + timeoutMillis + " ms but it did not and was stopped; ask"
                        + " for less (fewer events, datasets, candidates or grid points)")),
                timeoutMillis, TimeUnit.MILLISECONDS);
        answer.whenComplete((v, e) -> deadline.cancel(false));
        return answer;
    }

    private void run(Computation computation, Cancellation cancellation, CompletableFuture<Object> answer) {
        try {
            cancellation.check(); // waited in the queue past its deadline, or cancelled by close()
            answer.complete(computation.run(cancellation));
        } catch (ComputationCancelledException e) {
            answer.completeExceptionally(e.deadlinePassed() ? new HttpError(504, "computation: expected to finish"
                    + " within " + timeoutMillis + " ms but it did not and was stopped") : shuttingDown());
        } catch (RuntimeException | Error e) {
            answer.completeExceptionally(e);
        } finally {
            pending.remove(cancellation);
        }
    }

    /** Workers computing right now. */
    int busy() {
        return workers.getActiveCount();
    }

    /**
     * Refuses new work, lets running and queued computations go on for {@code graceMillis}, then
     * cancels what is left and waits up to {@code cancelMillis} for the workers to notice.
     *
     * @return true when every worker has stopped (its model copies may be freed)
     */
    boolean close(long graceMillis, long cancelMillis) {
        closing = true;
        workers.shutdown();
        try {
            if (workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
            pending.forEach(c -> c.cancel("the server is shutting down"));
            if (workers.awaitTermination(cancelMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        return false;
    }

    @Override
    public void close() {
        close(0, 1000);
    }

    private static HttpError shuttingDown() {
        return new HttpError(503, "server: expected to be running but it is shutting down");
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

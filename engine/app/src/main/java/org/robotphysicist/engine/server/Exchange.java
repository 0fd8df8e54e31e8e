package org.robotphysicist.engine.server;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.SimulatorFailedException;

/**
 * One request being answered: whichever of the body reader, the worker, the deadline timer or the
 * handler answers first writes the JSON answer; later attempts are ignored. Each answer is logged
 * once ({@link RequestLogLine}) and tells the {@link ConnectionWatchdog} when it has been written.
 * Thread-safe.
 */
final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ConnectionWatchdog watchdog;
    private final Consumer<String> log;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();

    Exchange(Request request, Response response, Callback callback, ConnectionWatchdog watchdog,
            Consumer<String> log) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.watchdog = watchdog;
        this.log = log;
        watchdog.requestStarted(connection());
    }

    Request request() {
        return request;
    }

    Response response() {
        return response;
    }

    /** Answers 200 with {@code value}. */
    void ok(Object value) {
        answer(200, value);
    }

    /** Answers an error with the status {@link #statusOf} gives it. */
    void fail(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        int status = statusOf(e);
        if (status == 413 || status == 408) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close"); // the rest of the body is not read
        }
        boolean bug = status == 500 && !(e instanceof HttpError);
        answer(status, JsonAnswer.error(status, bug ? "internal error: " + e : e.getMessage()));
    }

    /**
     * The HTTP status of an error: {@link HttpError} its own, {@link InvalidInputException} 400, a
     * failed simulator ({@link SimulatorFailedException}) 502, anything else 500 (a bug).
     */
    static int statusOf(Throwable e) {
        if (e instanceof HttpError h) {
            return h.status();
        } else if (e instanceof InvalidInputException) {
            return 400;
        } else if (e instanceof SimulatorFailedException) {
            return 502;
        }
        return 500;
    }

    private void answer(int status, Object value) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        log.accept(RequestLogLine.of(request.getMethod(), Request.getPathInContext(request), status,
                (System.nanoTime() - startNanos) / 1_000_000));
        Connection connection = connection();
        Callback done = Callback.from(() -> {
            watchdog.requestEnded(connection);
            callback.succeeded();
        }, x -> {
            watchdog.requestEnded(connection);
            callback.failed(x);
        });
        try {
            JsonAnswer.write(response, done, status, value);
        } catch (RuntimeException e) {
            done.failed(e);
        }
    }

    private Connection connection() {
        return request.getConnectionMetaData().getConnection();
    }
}

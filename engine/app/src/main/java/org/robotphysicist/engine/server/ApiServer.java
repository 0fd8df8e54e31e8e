package org.robotphysicist.engine.server;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.robotphysicist.data.InvalidInputException;

/**
 * The HTTP JSON API ({@code rp serve}) on Jetty's core (non-servlet) server:
 * <pre>
 *   GET  /health      liveness, model and worker counts, busy workers
 *   GET  /models      the loaded models: kind, simulator, names and ranges of θ, φ, x
 *   POST /posterior   {model, phi, events, grid?, levels?, prior?}  → posterior summary and grid density
 *   POST /eig         {model, prior?, candidates | range, datasets?, events?, grid?, seed?} → EIG ± s.e.
 * </pre>
 * Every answer is JSON, errors {@code {"error": {"status", "message"}}}: 400 invalid input,
 * malformed or non-strict JSON, a request costlier than {@link ServerConfig#maxCost()} or an HTTP
 * protocol error (bad Content-Length, garbage request line, ambiguous path), 404 unknown route,
 * 405 wrong method, 408 body not received within {@link ServerConfig#readTimeoutMillis()}, 413 body
 * over {@link ServerConfig#maxBodyBytes()} (after reading and discarding a body of up to twice the
 * limit, so that a client still sending gets the answer; at once when a declared length is larger), 415 a POST
 * whose Content-Type is not JSON, 431 headers over {@value #MAX_HEADER_BYTES} bytes, 503 every
 * worker busy and the queue full (or shutting down), 504 the computation ran past
 * {@link ServerConfig#timeoutMillis()} (it is stopped).
 *
 * <p>Threads: a few Jetty threads parse requests without ever blocking on a client or a
 * computation ({@link RequestHandler}); connections that do not deliver a request head within the
 * read timeout are closed ({@link ConnectionWatchdog}), and at most
 * {@link ServerConfig#maxConnections()} are open at once. Computations run on a bounded pool of
 * {@link ServerConfig#workers()} workers ({@link ComputePool}), each with its own copy of every model
 * ({@link ModelPool}), and are cancelled at their deadline within one tile or dataset. Answers are
 * deterministic: the same request gives the same bytes whichever worker serves it.
 *
 * <p>{@link #close()} shuts down gracefully: new computations get 503; running ones get
 * min(timeout, {@value #SHUTDOWN_GRACE_MILLIS} ms) to finish and be answered, then are cancelled
 * (answered 503); the listener closes and the models are freed — within about 10 s in all.
 */
public final class ApiServer implements AutoCloseable {
    /** The largest request line plus headers accepted (431 above). */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** How long {@link #close()} lets running computations finish before cancelling them. */
    static final long SHUTDOWN_GRACE_MILLIS = 6_000;
    private static final long CANCEL_WAIT_MILLIS = 1_500;
    private static final long STOP_WAIT_MILLIS = 1_500;
    private static final int HTTP_THREADS = 16;

    private final ServerConfig config;
    private final ModelPool models;
    private final ScheduledThreadPoolExecutor timer;
    private final ComputePool pool;
    private final ConnectionWatchdog watchdog;
    private final Server jetty;
    private final ServerConnector connector;
    private ScheduledFuture<?> sweeping;
    private int port;

    private ApiServer(ServerConfig config, Consumer<String> log) throws IOException {
        this.config = config;
        this.models = new ModelPool(config.models(), config.modelLoading());
        this.timer = new ScheduledThreadPoolExecutor(1, ComputePool.daemonThreads("rp-timer"));
        timer.setRemoveOnCancelPolicy(true);
        this.pool = new ComputePool(config.workers(), config.queue(), config.timeoutMillis(), timer);
        this.watchdog = new ConnectionWatchdog(config.readTimeoutMillis());
        Endpoints endpoints = new Endpoints(models, config.simulator(), config.maxCost());

        QueuedThreadPool threads = new QueuedThreadPool(HTTP_THREADS, 2);
        threads.setName("rp-http");
        threads.setDaemon(true);
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        this.connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        // Jetty's own idle timeout only ends connections stuck mid-answer: it must outlast a computation.
        connector.setIdleTimeout(config.timeoutMillis() + config.readTimeoutMillis());
        connector.addEventListener(watchdog);
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
        jetty.setErrorHandler(new JsonErrorHandler(log));
        jetty.setHandler(new GracefulHandler(new RequestHandler(config, endpoints, pool, timer, watchdog, log)));
        jetty.setStopTimeout(STOP_WAIT_MILLIS);
        try {
            jetty.start();
        } catch (Exception e) {
            close();
            if (e instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("server: expected to listen on " + config.host() + ":" + config.port()
                    + " but could not: " + e, e);
        }
        this.port = connector.getLocalPort();
        this.sweeping = watchdog.start(timer);
    }

    /**
     * Loads the models and starts listening.
     *
     * @param log one line per request (method, path, status, milliseconds), control characters escaped;
     *            called from several threads
     * @throws InvalidInputException for a bad configuration or model file
     * @throws IOException           when the address cannot be bound
     */
    public static ApiServer start(ServerConfig config, Consumer<String> log) throws IOException {
        return new ApiServer(config, log);
    }

    /** The bound port (the free one chosen when the configuration asked for port 0). */
    public int port() {
        return port;
    }

    /** {@code http://host:port}. */
    public URI uri() {
        return URI.create("http://" + config.host() + ":" + port());
    }

    /**
     * Refuses new computations, lets running ones finish for min(timeout, {@value #SHUTDOWN_GRACE_MILLIS}
     * ms), cancels the rest, writes the last answers, stops listening and frees the models.
     */
    @Override
    public void close() {
        boolean stopped = pool.close(Math.min(config.timeoutMillis(), SHUTDOWN_GRACE_MILLIS), CANCEL_WAIT_MILLIS);
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping is best effort: the listener is closed either way
        }
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        timer.shutdownNow();
        if (stopped) {
            models.close(); // never free native memory a worker may still be using
        }
    }

    /** Workers computing right now. */
    int busyWorkers() {
        return pool.busy();
    }

    /** Copies of models the workers have loaded (at most workers × models). */
    int loadedCopies() {
        return models.copies();
    }

    /** Connections closed because they did not deliver a request head in time. */
    long slowConnectionsClosed() {
        return watchdog.closedConnections();
    }
}

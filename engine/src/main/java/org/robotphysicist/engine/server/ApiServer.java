package org.robotphysicist.engine.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.models.file.LoadOptions;

/**
 * The HTTP JSON API ({@code rp serve}) on the JDK's {@link HttpServer}:
 * <pre>
 *   GET  /health      liveness, model and worker counts
 *   GET  /models      the loaded models: kind, simulator, names and ranges of θ, φ, x
 *   POST /posterior   {model, phi, events, grid?, levels?, prior?}  → posterior summary and grid density
 *   POST /eig         {model, prior?, candidates | range, datasets?, events?, grid?, seed?} → EIG ± s.e.
 * </pre>
 * Errors are JSON {@code {"error": {"status", "message"}}}: 400 invalid input or malformed JSON
 * (the message names the field, what was expected and what was found), 404 unknown route, 405 wrong
 * method, 413 body over {@link ServerConfig#maxBodyBytes()}, 503 every worker busy and the queue
 * full (or shutting down), 504 the computation ran past {@link ServerConfig#timeoutMillis()}.
 *
 * <p>Threads: connections are handled by a small I/O pool that parses and validates requests; the
 * computation runs on a bounded pool of {@link ServerConfig#workers()} workers, each with its own
 * copy of every model ({@link ModelPool}). A request that times out gets its 504 at once; its
 * worker is interrupted and is free again when the computation returns. Answers are deterministic:
 * the same request gives the same bytes whichever worker serves it.
 *
 * <p>{@link #close()} shuts down gracefully: new requests get 503, running computations finish
 * (including those whose request already timed out: a computation cannot be stopped halfway), their
 * answers are written, then the listener closes and the models are freed.
 */
public final class ApiServer implements AutoCloseable {
    private final ServerConfig config;
    private final HttpServer http;
    private final ExecutorService io;
    private final ThreadPoolExecutor workers;
    private final ModelPool models;
    private final Endpoints endpoints;
    private final Consumer<String> log;
    private volatile boolean closing;

    private ApiServer(ServerConfig config, Consumer<String> log) throws IOException {
        this.config = config;
        this.log = log;
        this.models = new ModelPool(config.models(), LoadOptions.defaults().withSignatures(config.signatures()));
        this.endpoints = new Endpoints(models, config.simulator());
        BlockingQueue<Runnable> queue = config.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(config.queue());
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS, queue,
                threads("rp-worker"), new ThreadPoolExecutor.AbortPolicy());
        this.io = Executors.newFixedThreadPool(Math.max(8, 2 * config.workers() + 4), threads("rp-http"));
        try {
            this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            close();
            throw e;
        }
        http.setExecutor(io);
        http.createContext("/", this::handle);
        http.start();
    }

    /**
     * Loads the models and starts listening.
     *
     * @param log one line per request (method, path, status, milliseconds)
     * @throws InvalidInputException for a bad configuration or model file
     * @throws IOException           when the address cannot be bound
     */
    public static ApiServer start(ServerConfig config, Consumer<String> log) throws IOException {
        return new ApiServer(config, log);
    }

    /** The bound port (the free one chosen when the configuration asked for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://host:port}. */
    public URI uri() {
        return URI.create("http://" + config.host() + ":" + port());
    }

    private void handle(HttpExchange ex) throws IOException {
        long t0 = System.nanoTime();
        int status;
        try {
            status = respond(ex, 200, route(ex));
        } catch (HttpError e) {
            status = error(ex, e.status(), e.getMessage());
        } catch (InvalidInputException e) {
            status = error(ex, 400, e.getMessage());
        } catch (RuntimeException e) {
            status = error(ex, 500, "internal error: " + e);
        } finally {
            ex.close();
        }
        log.accept(String.format("%s %s -> %d (%d ms)", ex.getRequestMethod(), ex.getRequestURI().getPath(), status,
                (System.nanoTime() - t0) / 1_000_000));
    }

    private Object route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        return switch (path) {
            case "/health" -> {
                requireMethod(ex, "GET");
                yield endpoints.health(config.workers());
            }
            case "/models" -> {
                requireMethod(ex, "GET");
                yield endpoints.models();
            }
            case "/posterior" -> {
                requireMethod(ex, "POST");
                yield compute(endpoints.posterior(body(ex)));
            }
            case "/eig" -> {
                requireMethod(ex, "POST");
                yield compute(endpoints.eig(body(ex)));
            }
            default -> throw new HttpError(404, "route: expected one of GET /health, GET /models, POST /posterior,"
                    + " POST /eig but found " + method + " " + path);
        };
    }

    private static void requireMethod(HttpExchange ex, String method) {
        if (!ex.getRequestMethod().equals(method)) {
            ex.getResponseHeaders().set("Allow", method);
            throw new HttpError(405, "method: expected " + method + " for " + ex.getRequestURI().getPath()
                    + " but found " + ex.getRequestMethod());
        }
    }

    /** The request body as JSON, at most {@link ServerConfig#maxBodyBytes()} bytes. */
    private JsonNode body(HttpExchange ex) throws IOException {
        long limit = config.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long n;
            try {
                n = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new HttpError(400, "Content-Length: expected a number of bytes but found '" + declared + "'");
            }
            if (n > limit) {
                drain(ex.getRequestBody());
                throw new HttpError(413, "request body: expected at most " + limit + " bytes but found " + n);
            }
        }
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                drain(in);
                throw new HttpError(413, "request body: expected at most " + limit + " bytes but found more");
            }
        }
        try {
            JsonNode node = Json.mapper().readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new HttpError(400, "request body: expected a JSON object but found an empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "request body: expected valid JSON but found a syntax error: "
                    + e.getOriginalMessage());
        }
    }

    /**
     * Reads and drops what is left of a refused body (up to {@value #DRAIN_LIMIT} bytes), so that the
     * client, still sending, reads the 413 answer instead of a reset connection.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; total < DRAIN_LIMIT && (n = in.read(buffer)) > 0;) {
            total += n;
        }
    }

    private static final long DRAIN_LIMIT = 64L << 20;

    /** Runs {@code task} on a worker within the request timeout. */
    private Object compute(Callable<Object> task) {
        if (closing) {
            throw new HttpError(503, "server: expected to be running but it is shutting down");
        }
        Future<Object> f;
        try {
            f = workers.submit(task);
        } catch (RejectedExecutionException e) {
            throw new HttpError(503, "workers: expected a free worker or queue slot but all " + config.workers()
                    + " workers are busy and " + config.queue() + " requests wait; retry later");
        }
        try {
            return f.get(config.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HttpError(504, "computation: expected to finish within " + config.timeoutMillis()
                    + " ms but it did not; ask for less (fewer events, datasets, candidates or grid points)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new HttpError(503, "server: interrupted while shutting down");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(String.valueOf(cause), cause);
        }
    }

    private static int respond(HttpExchange ex, int status, Object value) throws IOException {
        byte[] bytes = Json.write(value).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static int error(HttpExchange ex, int status, String message) throws IOException {
        return respond(ex, status, Map.of("error", Map.of("status", status, "message", String.valueOf(message))));
    }

    /** Stops accepting, lets running requests finish (up to the request timeout), frees the models. */
    @Override
    public void close() {
        closing = true;
        workers.shutdown();
        boolean stopped = false;
        try {
            // A request past its timeout has had its 504, but its computation may still be running.
            stopped = workers.awaitTermination(config.timeoutMillis() + 60_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopped) {
            workers.shutdownNow();
        }
        if (http != null) {
            http.stop(1); // the answers of the requests that just finished are written within a second
        }
        io.shutdownNow();
        if (stopped) {
            models.close(); // never free native memory a worker may still be using
        }
    }

    /** Workers computing right now. */
    int busyWorkers() {
        return workers.getActiveCount();
    }

    /** Copies of models the workers have loaded (at most workers × models). */
    int loadedCopies() {
        return models.copies();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

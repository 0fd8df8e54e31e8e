package org.robotphysicist.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes requests to the {@link Endpoints} without ever blocking a Jetty thread: {@code GET}s are
 * answered at once; a {@code POST} is checked (Content-Type JSON or 415, a declared Content-Length
 * above {@link BodyReader#DRAINED_FACTOR} × the body limit 413 at once, without reading the body; a
 * smaller one over the limit 413 once the body has been read and thrown away), its body read asynchronously within
 * the read timeout (408 otherwise), parsed strictly ({@link StrictJson}), validated and costed on
 * the reading thread, then computed on the {@link ComputePool}, whose future writes the answer.
 * So slow clients and long computations hold no HTTP thread. Thread-safe.
 */
final class RequestHandler extends Handler.Abstract.NonBlocking {
    private final ServerConfig config;
    private final Endpoints endpoints;
    private final ComputePool pool;
    private final ScheduledExecutorService timer;
    private final ConnectionWatchdog watchdog;
    private final Consumer<String> log;

    RequestHandler(ServerConfig config, Endpoints endpoints, ComputePool pool, ScheduledExecutorService timer,
            ConnectionWatchdog watchdog, Consumer<String> log) {
        this.config = config;
        this.endpoints = endpoints;
        this.pool = pool;
        this.timer = timer;
        this.watchdog = watchdog;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response, callback, watchdog, log);
        try {
            route(ex);
        } catch (RuntimeException e) {
            ex.fail(e);
        }
        return true;
    }

    private void route(Exchange ex) {
        String path = Request.getPathInContext(ex.request());
        String method = ex.request().getMethod();
        switch (path) {
            case "/health" -> {
                requireMethod(ex, "GET");
                ex.ok(endpoints.health(config.workers(), pool.busy()));
            }
            case "/models" -> {
                requireMethod(ex, "GET");
                ex.ok(endpoints.models());
            }
            case "/posterior" -> {
                requireMethod(ex, "POST");
                compute(ex, endpoints::posterior);
            }
            case "/eig" -> {
                requireMethod(ex, "POST");
                compute(ex, endpoints::eig);
            }
            default -> throw new HttpError(404, "route: expected one of GET /health, GET /models, POST /posterior,"
                    + " POST /eig but found " + method + " " + path);
        }
    }

    private static void requireMethod(Exchange ex, String method) {
        if (!ex.request().getMethod().equals(method)) {
            ex.response().getHeaders().put(HttpHeader.ALLOW, method);
            throw new HttpError(405, "method: expected " + method + " for " + Request.getPathInContext(ex.request())
                    + " but found " + ex.request().getMethod());
        }
    }

    /** Reads the body, makes the endpoint's computation and runs it on the pool. */
    private void compute(Exchange ex, Function<JsonNode, Computation> endpoint) {
        requireJson(ex.request());
        long declared = ex.request().getLength();
        if (!BodyReader.drains(declared, config.maxBodyBytes())) {
            throw BodyReader.tooLarge(config.maxBodyBytes(), declared);
        }
        CompletableFuture<byte[]> body = BodyReader.read(ex.request(), config.maxBodyBytes());
        ScheduledFuture<?> deadline = timer.schedule(() -> body.completeExceptionally(new HttpError(408,
                "request body: expected it within " + config.readTimeoutMillis() + " ms but it did not arrive")),
                config.readTimeoutMillis(), TimeUnit.MILLISECONDS);
        body.whenComplete((bytes, error) -> {
            deadline.cancel(false);
            if (error != null) {
                ex.fail(error);
                return;
            }
            try {
                Computation c = endpoint.apply(StrictJson.parse(bytes));
                pool.submit(c).whenComplete((answer, failure) -> {
                    if (failure != null) {
                        ex.fail(failure);
                    } else {
                        ex.ok(answer);
                    }
                });
            } catch (RuntimeException e) {
                ex.fail(e);
            }
        });
    }

    /** 415 unless the Content-Type is {@code application/json} (UTF-8, the default, if a charset is named). */
    private static void requireJson(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String[] parts = type == null ? new String[] {""} : type.split(";");
        boolean json = parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
        for (int i = 1; i < parts.length && json; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv[0].trim().equalsIgnoreCase("charset")) {
                json = kv.length == 2 && kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8");
            }
        }
        if (!json) {
            throw new HttpError(415, "Content-Type: expected application/json (UTF-8) but found "
                    + (type == null ? "none" : "'" + type + "'"));
        }
    }
}

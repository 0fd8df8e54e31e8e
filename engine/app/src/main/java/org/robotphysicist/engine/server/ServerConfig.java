package org.robotphysicist.engine.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SignaturePolicy;

/**
 * Settings of the {@link ApiServer}. Immutable and validated.
 *
 * @param host           address to bind; loopback ({@code 127.0.0.1}) unless the user opens it up
 * @param port           TCP port, 0 for any free port
 * @param models         saved surrogates by the name requests use, in order (at least one)
 * @param simulator      simulator for EIG requests, or null for the one each model was trained on
 * @param workers        compute workers, each holding its own copy of every model, ≥ 1
 * @param queue          requests that may wait for a worker before new ones get 503, ≥ 0
 * @param maxBodyBytes   the largest request body accepted (larger gets 413), ≥ 1 KiB
 * @param timeoutMillis  the longest a request may compute before it gets 504 and its computation
 *                       is cancelled, ≥ 1
 * @param readTimeoutMillis the longest a connection may take to deliver a request's head (from
 *                       its opening or its previous answer: so also the keep-alive idle limit) and,
 *                       separately, its body; past it the connection is closed (head) or answered
 *                       408 (body), ≥ 100
 * @param maxConnections open connections at most; further clients wait in the accept queue, ≥ 1
 * @param maxCost        the largest cost of one request, in likelihood evaluations (event × θ grid
 *                       point pairs, {@link RequestCost}); costlier requests get 400, ≥ 1
 * @param modelLoading   how model files are loaded: whether each must be signed by a trusted key
 *                       ({@link LoadOptions#signatures()}) and what a model does outside its trained
 *                       ranges ({@link LoadOptions#rangePolicy()}: refuse, or answer with warnings)
 */
public record ServerConfig(String host, int port, Map<String, Path> models, String simulator, int workers, int queue,
        long maxBodyBytes, long timeoutMillis, long readTimeoutMillis, int maxConnections, long maxCost,
        LoadOptions modelLoading) {

    /** Default {@link #readTimeoutMillis()}: 10 s. */
    public static final long DEFAULT_READ_TIMEOUT_MILLIS = 10_000;
    /** Default {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** Default {@link #maxCost()}: 10⁹ likelihood evaluations. */
    public static final long DEFAULT_MAX_COST = 1_000_000_000L;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new InvalidInputException("host: expected an address such as 127.0.0.1 but found '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("port: expected 0 (any free port) to 65535 but found " + port);
        }
        if (models == null || models.isEmpty()) {
            throw new InvalidInputException("models: expected at least one NAME=FILE but found none");
        }
        models.keySet().forEach(ServerConfig::requireName);
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        Require.positive("workers", workers);
        if (queue < 0) {
            throw new InvalidInputException("queue: expected 0 or more waiting requests but found " + queue);
        }
        if (maxBodyBytes < 1024) {
            throw new InvalidInputException("max body bytes: expected at least 1024 but found " + maxBodyBytes);
        }
        if (timeoutMillis < 1) {
            throw new InvalidInputException("timeout: expected at least 1 ms but found " + timeoutMillis);
        }
        if (readTimeoutMillis < 100) {
            throw new InvalidInputException("read timeout: expected at least 100 ms but found " + readTimeoutMillis);
        }
        if (maxConnections < 1) {
            throw new InvalidInputException("max connections: expected at least 1 but found " + maxConnections);
        }
        if (maxCost < 1) {
            throw new InvalidInputException("max cost: expected at least 1 likelihood evaluation but found " + maxCost);
        }
        if (modelLoading == null) {
            throw new InvalidInputException("model loading: expected load options (signatures, range policy) but"
                    + " found none");
        }
    }

    /** With the default read timeout, connection limit and cost limit, requiring no signature. */
    public ServerConfig(String host, int port, Map<String, Path> models, String simulator, int workers, int queue,
            long maxBodyBytes, long timeoutMillis) {
        this(host, port, models, simulator, workers, queue, maxBodyBytes, timeoutMillis, DEFAULT_READ_TIMEOUT_MILLIS,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_COST, LoadOptions.defaults());
    }

    /**
     * Loopback, port 8080, 2 workers, 64 waiting, 8 MiB bodies, 60 s per request, 10 s to read a
     * request, 256 connections, 10⁹ likelihood evaluations per request.
     */
    public static ServerConfig defaults(Map<String, Path> models) {
        return new ServerConfig("127.0.0.1", 8080, models, null, 2, 64, 8L << 20, 60_000);
    }

    public ServerConfig withAddress(String h, int p) {
        return new ServerConfig(h, p, models, simulator, workers, queue, maxBodyBytes, timeoutMillis,
                readTimeoutMillis, maxConnections, maxCost, modelLoading);
    }

    public ServerConfig withLimits(int workerCount, int waiting, long bodyBytes, long millis) {
        return new ServerConfig(host, port, models, simulator, workerCount, waiting, bodyBytes, millis,
                readTimeoutMillis, maxConnections, maxCost, modelLoading);
    }

    /** With other read timeout, connection limit and cost limit. */
    public ServerConfig withTransport(long readMillis, int connections, long cost) {
        return new ServerConfig(host, port, models, simulator, workers, queue, maxBodyBytes, timeoutMillis, readMillis,
                connections, cost, modelLoading);
    }

    /** These settings, loading only model files that {@code policy} accepts. */
    public ServerConfig withSignatures(SignaturePolicy policy) {
        return withModelLoading(modelLoading.withSignatures(policy));
    }

    /**
     * These settings, with models that treat a θ grid or φ outside their trained ranges as
     * {@code policy} says: {@link RangePolicy#FAIL} answers 400, {@link RangePolicy#WARN} evaluates and
     * lists the extrapolation in the answer's {@code warnings}.
     */
    public ServerConfig withRangePolicy(RangePolicy policy) {
        return withModelLoading(modelLoading.withRangePolicy(policy));
    }

    /** These settings, loading model files with {@code loading}. */
    public ServerConfig withModelLoading(LoadOptions loading) {
        return new ServerConfig(host, port, models, simulator, workers, queue, maxBodyBytes, timeoutMillis,
                readTimeoutMillis, maxConnections, maxCost, loading);
    }

    public ServerConfig withSimulator(String name) {
        return new ServerConfig(host, port, models, name, workers, queue, maxBodyBytes, timeoutMillis,
                readTimeoutMillis, maxConnections, maxCost, modelLoading);
    }

    private static void requireName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidInputException("model name: expected letters, digits, '.', '_' or '-' but found '"
                    + name + "'");
        }
    }
}

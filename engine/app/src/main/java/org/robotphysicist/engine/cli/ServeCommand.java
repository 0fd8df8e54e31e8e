package org.robotphysicist.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.AtomicFiles;
import org.robotphysicist.data.io.OutputTargets;
import org.robotphysicist.data.simulator.SimulatorRegistry;
import org.robotphysicist.engine.server.ApiServer;
import org.robotphysicist.engine.server.ServerConfig;
import org.robotphysicist.models.file.LoadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code rp serve}: the HTTP JSON API ({@link ApiServer}) until interrupted (Ctrl-C or SIGTERM shut
 * it down gracefully). Prints the address it listens on first, so that a script starting it with
 * {@code --port 0} can read the free port chosen; with {@code --ready-file FILE} it also writes that
 * URL, one line, to FILE (atomically, so a reader never sees a partial line) once it listens, and
 * deletes the file at shutdown, so a script can wait for the file instead of parsing the output.
 *
 * <p>Arguments are checked before the models load: a NAME given twice, an unknown --simulator, an
 * --host that does not resolve or that no interface of this machine has (exit 3), and a port
 * already in use (exit 1, a runtime failure: the same command may succeed later), each in one line.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve posterior and EIG requests for saved surrogates over HTTP (JSON).",
            "Endpoints: GET /health, GET /models, POST /posterior, POST /eig (docs/http-api.md). Binds to 127.0.0.1"
                    + " unless --host says otherwise; --port 0 picks a free port. The first line printed is"
                    + " 'listening on http://HOST:PORT'; --ready-file FILE also writes that URL to FILE once the"
                    + " server listens (and deletes it at shutdown).",
            "An --host that does not resolve or is not an address of this machine is invalid input (exit 3); a port"
                    + " already in use is a runtime failure (exit 1)."})
final class ServeCommand implements Callable<Integer> {
    private static final ServerConfig D = ServerConfig.defaults(Map.of("m", Path.of("m")));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "NAME=FILE", required = true,
            description = "A model file from rp train, served under NAME (repeatable; each NAME once).")
    List<String> modelOptions = new ArrayList<>();

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host = D.host();

    @Option(names = "--port", paramLabel = "P", description = "Port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port = D.port();

    @Option(names = "--simulator", paramLabel = "NAME",
            description = "Simulator for EIG requests (default: the one each model was trained on).")
    String simulator;

    @Option(names = "--workers", paramLabel = "W",
            description = "Compute workers, each with its own copy of every model (default ${DEFAULT-VALUE}).")
    int workers = D.workers();

    @Option(names = "--queue", paramLabel = "Q",
            description = "Requests that may wait for a worker before others get 503 (default ${DEFAULT-VALUE}).")
    int queue = D.queue();

    @Option(names = "--max-body", paramLabel = "BYTES",
            description = "Largest request body; larger ones get 413 (default ${DEFAULT-VALUE}).")
    long maxBody = D.maxBodyBytes();

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Longest computation per request; longer ones get 504 and are stopped (default"
                    + " ${DEFAULT-VALUE}).")
    double timeout = D.timeoutMillis() / 1000.0;

    @Option(names = "--read-timeout", paramLabel = "SECONDS",
            description = "Longest time a client may take to send a request's head, and its body; slower"
                    + " connections are closed (head) or get 408 (body) (default ${DEFAULT-VALUE}).")
    double readTimeout = D.readTimeoutMillis() / 1000.0;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Open connections at most; more clients wait to connect (default ${DEFAULT-VALUE}).")
    int maxConnections = D.maxConnections();

    @Option(names = "--max-cost", paramLabel = "EVALUATIONS",
            description = "Largest request, in likelihood evaluations (events x grid points, times datasets x"
                    + " candidates for /eig); costlier ones get 400 (default ${DEFAULT-VALUE}).")
    long maxCost = D.maxCost();

    @Option(names = "--ready-file", paramLabel = "FILE",
            description = "Once listening, write the server's URL (http://HOST:PORT and a newline) to FILE,"
                    + " atomically; a FILE left from an earlier run is deleted first, and FILE is deleted at shutdown.")
    Path readyFile;

    @Option(names = {"-q", "--quiet"}, description = "Print only the listening line, no request log.")
    boolean quiet;

    @CommandLine.Mixin
    SignatureOptions signatures;

    @CommandLine.Mixin
    RangePolicyOption rangePolicy;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Map<String, Path> models = models();
        long timeoutMillis = Seconds.toMillis("--timeout", timeout);
        if (simulator != null && !SimulatorRegistry.discover().contains(simulator)) {
            throw new InvalidInputException("--simulator: expected one of " + String.join(", ",
                    SimulatorRegistry.discover().names()) + " but found '" + simulator + "'");
        }
        long readTimeoutMillis = Math.round(Seconds.requirePositive("--read-timeout", readTimeout) * 1000);
        ServerConfig cfg = new ServerConfig(host, port, models, simulator, workers, queue, maxBody, timeoutMillis,
                readTimeoutMillis, maxConnections, maxCost,
                LoadOptions.defaults().withSignatures(signatures.policy()).withRangePolicy(rangePolicy.policy()));
        ListenAddress.requireFree(ListenAddress.resolveLocal("--host", host), port);
        if (readyFile != null) {
            OutputTargets.requireWritableFile("--ready-file", readyFile);
            Files.deleteIfExists(readyFile);
        }
        ApiServer server;
        try {
            server = ApiServer.start(cfg, line -> {
                if (!quiet) {
                    o.println(line);
                    o.flush();
                }
            });
        } catch (IOException e) {
            // Jetty reports a taken port as an IOException caused by the BindException.
            if (e instanceof BindException bind) {
                throw ListenAddress.bindFailure(host, port, bind);
            }
            if (e.getCause() instanceof BindException bind) {
                throw ListenAddress.bindFailure(host, port, bind);
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            deleteReadyFile();
            stopped.countDown();
        }, "rp-serve-shutdown"));
        o.println("listening on " + server.uri() + " (models: " + String.join(", ", models.keySet()) + ")");
        o.flush();
        if (readyFile != null) {
            AtomicFiles.write(readyFile, out -> out.write((server.uri() + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        stopped.await();
        return 0;
    }

    /** Removes the --ready-file at shutdown, so that it never announces a server that is gone. */
    private void deleteReadyFile() {
        if (readyFile != null) {
            try {
                Files.deleteIfExists(readyFile);
            } catch (IOException e) {
                System.err.println("rp serve: could not delete --ready-file " + readyFile + ": " + e.getMessage());
            }
        }
    }

    /** The --model options as NAME → FILE, in order; a NAME given twice is a usage error naming it. */
    private Map<String, Path> models() {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String option : modelOptions) {
            int eq = option.indexOf('=');
            if (eq <= 0 || eq == option.length() - 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--model: expected NAME=FILE but found '"
                        + option + "'");
            }
            String name = option.substring(0, eq);
            Path file;
            try {
                file = Path.of(option.substring(eq + 1));
            } catch (InvalidPathException e) {
                throw new InvalidInputException("--model " + name + ": expected a file path but found '"
                        + option.substring(eq + 1) + "' (" + e.getReason() + ")");
            }
            Path previous = out.putIfAbsent(name, file);
            if (previous != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--model: expected each NAME once but found"
                        + " '" + name + "' twice (" + previous + " and " + file + ")");
            }
        }
        return out;
    }
}

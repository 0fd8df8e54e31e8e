package org.robotphysicist.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Load on {@code rp serve} (benchmarks/README.md, "HTTP server under load"): starts the server as
 * its own process through the {@code rp} launcher (so that its JVM options and resident memory are
 * those users get; run from the repository root, after the build) with a small trained Weinberg
 * classifier, then
 * <ol>
 *   <li>throughput and p50/p99 latency of {@code POST /posterior} with 16 and with 64 concurrent
 *       clients (each client sends its requests one after another, keep-alive);</li>
 *   <li>the server's RSS sampled every {@code --sample} requests over {@code --rss-requests}
 *       requests from {@code --rss-clients} clients: after the first {@code --warmup} requests, is
 *       every sample within ±5% of the first one after warm-up?</li>
 * </ol>
 * Every answer is checked: status 200 and the bytes of the first answer. Loopback only.
 *
 * <p>Arguments ({@code --name value}): {@code --workers} (2), {@code --events} per request (100),
 * {@code --grid} (51), {@code --requests} per throughput run (2000), {@code --clients} (16,64),
 * {@code --rss-requests} (10000), {@code --rss-clients} (8), {@code --warmup} (1000),
 * {@code --sample} (500), {@code --server-java-opts} (none; added to the launcher's through RP_JAVA_OPTS), {@code --nmt} (false: with true the
 * server runs with native memory tracking and each sample also shows the JVM's own committed memory
 * and Java heap, so that growth can be told apart: heap, other JVM memory, or native allocations
 * outside the JVM such as libtorch's).
 */
public final class ServerLoadBenchmark {
    private ServerLoadBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        BenchmarkArguments args = BenchmarkArguments.parse(argv);
        int workers = args.integer("workers", 2);
        int events = args.integer("events", 100);
        int grid = args.integer("grid", 51);
        int requests = args.integer("requests", 2000);
        int[] clientCounts = args.integers("clients", "16,64");
        int rssRequests = args.integer("rss-requests", 10_000);
        int rssClients = args.integer("rss-clients", 8);
        int warmup = args.integer("warmup", 1000);
        int sample = args.integer("sample", 500);
        String serverOpts = args.string("server-java-opts", "");
        boolean nmt = Boolean.parseBoolean(args.string("nmt", "false"));

        Path dir = Files.createTempDirectory("rp-server-load");
        Path model = dir.resolve("w.rpm");
        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(Box.interval(0.15, 0.35))
                .settings(Box.interval(50, 70));
        try (TrainedModel m = rp.train(TrainOptions.defaults("classifier").withTraining(20_000, 1, DeviceRequest.CPU)
                .withEventsPerExperiment(20))) {
            m.save(model);
        }
        Matrix x = sim.simulate(new double[] {0.2312}, new double[] {58}, events, new SplittableRandom(9));
        String body = Json.write(Map.of("model", "w", "phi", new double[] {58}, "events", x.column(0), "grid", grid));

        // The server as users start it: the launcher, with its JVM options for rp serve.
        List<String> command = List.of(Path.of("rp").toAbsolutePath().toString(), "serve", "--model", "w=" + model,
                "--port", "0", "--workers", String.valueOf(workers), "--queue", "256", "--max-connections", "512", "-q");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("RP_SKIP_BUILD", "1");
        pb.environment().put("RP_JAVA_OPTS", ((nmt ? "-XX:NativeMemoryTracking=summary " : "") + serverOpts).trim());
        Process server = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("listening on ")) {
                throw new IllegalStateException("server: expected 'listening on URL' but found " + first);
            }
            URI base = URI.create(first.substring("listening on ".length()).split(" ")[0]);
            System.out.printf(Locale.ROOT, "server pid %d at %s: %d workers; POST /posterior with %d events, grid %d;"
                    + " %d cores, java %s%n", server.pid(), base, workers, events, grid,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/posterior"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            String expected = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf(Locale.ROOT, "RSS at start (after one request): %.1f MB%n", rssMb(server.pid()));

            for (int clients : clientCounts) {
                run(client, request, expected, clients, Math.max(clients, requests / 4), null); // warm-up
                Run r = run(client, request, expected, clients, requests, null);
                System.out.printf(Locale.ROOT, "%3d clients: %5d requests in %6.1f s = %7.1f req/s, latency p50 %7.1f"
                        + " ms, p99 %7.1f ms, errors %d, RSS %.1f MB%n", clients, requests, r.seconds(),
                        requests / r.seconds(), r.percentile(0.50), r.percentile(0.99), r.errors(),
                        rssMb(server.pid()));
            }

            List<double[]> samples = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            long pid = server.pid();
            Run r = run(client, request, expected, rssClients, rssRequests, n -> {
                if (n % sample == 0) {
                    double mb = rssMb(pid);
                    double[] jvm = nmt ? nmtCommittedMb(pid) : new double[] {Double.NaN, Double.NaN};
                    synchronized (samples) {
                        samples.add(new double[] {n, mb, jvm[0], jvm[1]});
                    }
                    done.set(n);
                }
            });
            System.out.printf(Locale.ROOT, "RSS over %d requests from %d clients (%.1f req/s, errors %d):%n",
                    rssRequests, rssClients, rssRequests / r.seconds(), r.errors());
            double reference = Double.NaN;
            double worst = 0;
            for (double[] s : samples) {
                if (s[0] >= warmup && Double.isNaN(reference)) {
                    reference = s[1];
                }
                double dev = Double.isNaN(reference) ? Double.NaN : (s[1] - reference) / reference;
                if (!Double.isNaN(dev)) {
                    worst = Math.max(worst, Math.abs(dev));
                }
                System.out.printf(Locale.ROOT, "  after %6d requests: %8.1f MB%s%s%n", (long) s[0], s[1],
                        Double.isNaN(dev) ? "  (warm-up)" : String.format(Locale.ROOT, "  %+5.1f%%", 100 * dev),
                        Double.isNaN(s[2]) ? "" : String.format(Locale.ROOT, "   JVM committed %.1f MB (heap %.1f MB)",
                                s[2], s[3]));
            }
            System.out.printf(Locale.ROOT, "RSS after warm-up (%d requests) %s: largest deviation %.1f%% of %.1f MB%n",
                    warmup, worst <= 0.05 ? "FLAT within +-5%" : "NOT flat within +-5%", 100 * worst, reference);
            sigtermUnderLoad(server, client, request, clientCounts[clientCounts.length - 1]);
        } finally {
            server.destroy(); // SIGTERM: the server shuts down gracefully
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                System.out.println("server: did not exit within 15 s of SIGTERM");
            }
        }
    }

    /** Sends SIGTERM while {@code clients} clients keep the server busy and reports how long it takes to exit. */
    private static void sigtermUnderLoad(Process server, HttpClient client, HttpRequest request, int clients)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (!stop.get()) {
                    try {
                        client.send(request, HttpResponse.BodyHandlers.discarding());
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
        }
        Thread.sleep(2000);
        long t0 = System.nanoTime();
        server.destroy();
        boolean exited = server.waitFor(30, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "SIGTERM with %d clients sending: %s%n", clients, exited ? String.format(
                Locale.ROOT, "exited in %.2f s (status %d)", (System.nanoTime() - t0) / 1e9, server.exitValue())
                : "still running after 30 s");
        stop.set(true);
        pool.shutdownNow();
    }

    private record Run(double seconds, double[] latenciesMs, int errors) {
        double percentile(double q) {
            double[] s = latenciesMs.clone();
            Arrays.sort(s);
            return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
        }
    }

    /** Sends {@code total} requests from {@code clients} threads; {@code progress} sees the count done. */
    private static Run run(HttpClient client, HttpRequest request, String expected, int clients, int total,
            java.util.function.IntConsumer progress) throws Exception {
        double[] latencies = new double[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                all.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < total;) {
                        long s = System.nanoTime();
                        try {
                            HttpResponse<String> a = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (a.statusCode() != 200 || !a.body().equals(expected)) {
                                errors.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            errors.incrementAndGet();
                        }
                        latencies[i] = (System.nanoTime() - s) / 1e6;
                        int n = finished.incrementAndGet();
                        if (progress != null) {
                            progress.accept(n);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run((System.nanoTime() - t0) / 1e9, latencies, errors.get());
    }

    /**
     * The JVM's own committed memory and its Java heap's, in MB, from native memory tracking
     * ({@code jcmd PID VM.native_memory summary}); NaN when unavailable.
     */
    static double[] nmtCommittedMb(long pid) {
        double[] out = {Double.NaN, Double.NaN};
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            java.util.regex.Matcher total = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB")
                    .matcher(text);
            java.util.regex.Matcher heap = java.util.regex.Pattern.compile(
                    "Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB").matcher(text);
            if (total.find()) {
                out[0] = Long.parseLong(total.group(1)) / 1024.0;
            }
            if (heap.find()) {
                out[1] = Long.parseLong(heap.group(1)) / 1024.0;
            }
        } catch (IOException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** VmRSS of process {@code pid} in MB (Linux /proc). */
    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}

package org.robotphysicist.benchmarks.posterior;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.robotphysicist.data.io.Json;

/**
 * Posterior-evaluator throughput beside a straightforward Python-PyTorch implementation of the
 * same work ({@code benchmarks/peers/posterior_evaluator_peer.py}: concatenate, forward in chunks,
 * sum), measured in the same run: N = 10⁴ events × M = 10³ and 10⁴ grid points, ReLU classifier
 * 3→128→128→128→1 in float32, CPU. The Java side is {@link PosteriorEvaluatorBenchmark} under JMH
 * (one fork, single-shot iterations); both sides get T threads: the forked JVM runs libtorch with one
 * intra-op thread and the evaluator with T concurrent tiles, the peer runs
 * {@code torch.set_num_threads(T)} with {@code OPENBLAS_NUM_THREADS=T}. Evaluations per second =
 * N·M / seconds per grid evaluation (mean of the measured iterations; all peer repetitions are
 * printed).
 *
 * <p>Usage: {@code benchmarks/posterior-evaluator.sh [--threads T (1)] [--events N (10000)]
 * [--grid M1,M2 (1000,10000)] [--warmups W1,W2 (1,0)] [--reps R1,R2 (2,1)] [--tile ROWS (0: automatic)]
 * [--peer-chunk ROWS (40000)] [--python /usr/bin/python3]}.
 */
public final class PosteriorEvaluatorComparison {
    private PosteriorEvaluatorComparison() {
    }

    public static void main(String[] args) throws Exception {
        int threads = 1;
        int events = 10_000;
        int[] grid = {1000, 10_000};
        int[] warmups = {1, 0};
        int[] reps = {2, 1};
        int tile = 0;
        int peerChunk = 40_000;
        String python = "/usr/bin/python3";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--grid" -> grid = ints(args[i + 1]);
                case "--warmups" -> warmups = ints(args[i + 1]);
                case "--reps" -> reps = ints(args[i + 1]);
                case "--tile" -> tile = Integer.parseInt(args[i + 1]);
                case "--peer-chunk" -> peerChunk = Integer.parseInt(args[i + 1]);
                case "--python" -> python = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --threads,"
                        + " --events, --grid, --warmups, --reps, --tile, --peer-chunk or --python");
            }
        }
        if (warmups.length != grid.length || reps.length != grid.length) {
            throw new IllegalArgumentException("--warmups and --reps need one value per grid size (" + grid.length
                    + ") but found " + warmups.length + " and " + reps.length);
        }
        System.out.printf("posterior evaluator, ReLU MLP 3-128-128-128-1 float32, N = %d events, %d cores on this"
                + " machine; threads: Java %d (libtorch intra-op 1, %d concurrent tiles), PyTorch %d"
                + " (set_num_threads, OPENBLAS_NUM_THREADS)%n", events, Runtime.getRuntime().availableProcessors(),
                threads, threads, threads);
        double[] java = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            java[g] = javaRate(events, grid[g], warmups[g], reps[g], tile, threads);
        }
        JsonNode[] peer = python(python, events, grid, reps, peerChunk, threads);
        System.out.printf("peer: torch %s, %s intra-op thread(s), chunks of %d rows%n", peer[0].get("torch").asText(),
                peer[0].get("threads").asText(), peerChunk);
        System.out.printf("%-8s %-8s %18s %18s %8s%n", "N", "M", "Java evals/s", "PyTorch evals/s", "ratio");
        for (int g = 0; g < grid.length; g++) {
            double[] rates = new double[peer[g].get("evals_per_s").size()];
            for (int r = 0; r < rates.length; r++) {
                rates[r] = peer[g].get("evals_per_s").get(r).asDouble();
            }
            double p = Arrays.stream(rates).average().orElseThrow();
            System.out.printf("%-8d %-8d %18.4g %18.4g %8.2f   (peer repetitions %s)%n", events, grid[g], java[g], p,
                    java[g] / p, Arrays.toString(Arrays.stream(rates).map(v -> Math.round(v)).toArray()));
        }
        System.out.println("(ratio = Java / PyTorch; above 1 means faster than the peer)");
    }

    private static double javaRate(int events, int grid, int warmups, int reps, int tile, int threads)
            throws Exception {
        Options options = new OptionsBuilder().include(PosteriorEvaluatorBenchmark.class.getName() + ".evaluate")
                .param("events", Integer.toString(events)).param("grid", Integer.toString(grid))
                .param("tileRows", Integer.toString(tile)).param("concurrentTiles", Integer.toString(threads))
                .forks(1).warmupIterations(warmups).measurementIterations(reps)
                .jvmArgsAppend("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Xss4m").build();
        RunResult result = new Runner(options).runSingle();
        double seconds = result.getPrimaryResult().getScore();
        return (double) events * grid / seconds;
    }

    private static JsonNode[] python(String python, int events, int[] grid, int[] reps, int chunk, int threads)
            throws IOException, InterruptedException {
        String script = System.getProperty("rp.peers", "benchmarks/peers") + "/posterior_evaluator_peer.py";
        List<String> cmd = new ArrayList<>(List.of(python, script, "--events", Integer.toString(events),
                "--chunk-rows", Integer.toString(chunk), "--threads", Integer.toString(threads), "--grid"));
        Arrays.stream(grid).forEach(m -> cmd.add(Integer.toString(m)));
        cmd.add("--reps");
        Arrays.stream(reps).forEach(r -> cmd.add(Integer.toString(r)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                out.add(Json.mapper().readTree(line));
            }
        }
        if (p.waitFor() != 0 || out.size() != grid.length) {
            throw new IllegalStateException("python peer failed: exit " + p.exitValue() + ", " + out.size()
                    + " results; command " + cmd);
        }
        return out.toArray(new JsonNode[0]);
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}

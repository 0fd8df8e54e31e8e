package org.robotphysicist.benchmarks.training;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.models.neural.Activation;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.Trainer;
import org.robotphysicist.training.TrainingConfig;
import org.robotphysicist.training.TrainingObjective;
import org.robotphysicist.training.TrainingResult;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.ratio.LikelihoodToEvidenceObjective;
import org.robotphysicist.training.ratio.ReferenceRatioObjective;

/**
 * Training throughput of the project's {@link Trainer} on a ReLU MLP 3→128→128→128→1, beside the
 * same model, data layout and loop in Python PyTorch ({@code benchmarks/peers/mlp_training_peer.py},
 * Debian's python3-torch) measured in the same run, rounds alternating between the two so that
 * machine noise hits both alike. Rows/s = table rows consumed per second of the optimization loop
 * (shuffle, batch slicing, forward, BCE with logits, backward, Adam, zeroed gradients).
 *
 * <p>Usage: {@code benchmarks/training-throughput.sh [--rows N] [--rounds R] [--epochs E]
 * [--threads T] [--form reference|lte] [--python /usr/bin/python3]}. Without {@code --threads} each
 * side runs with its own default threading (libtorch: one intra-op thread per core; Debian's torch:
 * one intra-op thread, with OpenBLAS's own threads, one per core, inside matrix products); with it,
 * both use T intra-op threads and the peer's OpenBLAS T threads.
 */
public final class TrainingThroughputBenchmark {
    private static final int[] BATCHES = {4096, 65536};

    private TrainingThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 1 << 20;
        int rounds = 3;
        int epochs = 3;
        String form = "reference";
        String python = "/usr/bin/python3";
        Integer threads = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--form" -> form = args[i + 1];
                case "--python" -> python = args[i + 1];
                case "--threads" -> {
                    threads = Integer.parseInt(args[i + 1]);
                    System.setProperty("ai.djl.pytorch.num_threads", args[i + 1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --rows, --rounds, --epochs, --threads, --form or --python");
            }
        }
        Matrix table = table(rows, form);
        TrainingConfig base = new TrainingConfig(BATCHES[0], epochs + 1, 1e-3, LearningRateSchedule.constant(), 0, 0,
                0, 0, 0, 1, DeviceRequest.CPU);
        org.robotphysicist.training.device.Devices.engine();
        System.out.printf("training throughput, MLP 3-128-128-128-1 (ReLU), %s form, %d rows, %d timed epochs per"
                + " round, %d rounds, %d cores; intra-op threads: DJL %d, PyTorch %s%n", form, rows, epochs, rounds,
                Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads(),
                threads == null ? "its default" : threads.toString());
        List<List<Double>> java = new ArrayList<>();
        List<List<Double>> peer = new ArrayList<>();
        for (int b = 0; b < BATCHES.length; b++) {
            java.add(new ArrayList<>());
            peer.add(new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < BATCHES.length; b++) {
                java.get(b).addAll(javaRates(base.withBatchSize(BATCHES[b]), table, form));
            }
            JsonNode[] py = python(python, rows, epochs, threads, form);
            if (r == 0) {
                System.out.printf("peer: torch %s, %s intra-op thread(s), OPENBLAS_NUM_THREADS=%s%n",
                        py[0].get("torch").asText(), py[0].get("threads").asText(), threads != null
                                ? threads.toString() : System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "unset"));
            }
            for (int b = 0; b < BATCHES.length; b++) {
                for (JsonNode v : py[b].get("rows_per_s")) {
                    peer.get(b).add(v.asDouble());
                }
            }
            System.out.printf("round %d/%d done%n", r + 1, rounds);
        }
        System.out.printf("%-8s %16s %16s %8s%n", "batch", "DJL rows/s", "PyTorch rows/s", "ratio");
        for (int b = 0; b < BATCHES.length; b++) {
            double j = median(java.get(b));
            double p = median(peer.get(b));
            System.out.printf("%-8d %16.4g %16.4g %8.2f%n", BATCHES[b], j, p, j / p);
        }
        System.out.println("(medians over all timed epochs; ratio = DJL / PyTorch, above 1 means faster than the peer)");
    }

    private static Matrix table(int rows, String form) {
        SplittableRandom rng = new SplittableRandom(1);
        int c = form.equals("lte") ? 3 : 4;
        double[] v = new double[rows * c];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++) {
                v[i * c + j] = rng.nextGaussian();
            }
            if (c == 4) {
                v[i * c + 3] = rng.nextBoolean() ? 1 : 0;
            }
        }
        return Matrix.of(rows, c, v);
    }

    /** Rows/s of every epoch but the first (warm-up). */
    private static List<Double> javaRates(TrainingConfig config, Matrix table, String form) {
        Trainer trainer = new Trainer(config, ProgressListener.none());
        try (Mlp mlp = Mlp.initialize(MlpSpec.of(3, 128, 3, 1, Activation.RELU), trainer.device(), DataType.FLOAT32,
                new SplittableRandom(2))) {
            TrainingObjective objective = form.equals("lte")
                    ? new LikelihoodToEvidenceObjective(mlp.block(), 1, 1, 1)
                    : new ReferenceRatioObjective(mlp.block(), 3);
            TrainingResult r = trainer.fit(objective, table);
            List<Double> out = new ArrayList<>();
            r.curve().epochs().stream().skip(1).forEach(e -> out.add(e.rowsPerSecond()));
            return out;
        }
    }

    private static JsonNode[] python(String python, int rows, int epochs, Integer threads, String form)
            throws IOException, InterruptedException {
        String script = System.getProperty("rp.peers", "benchmarks/peers") + "/mlp_training_peer.py";
        List<String> cmd = new ArrayList<>(List.of(python, script, "--rows", Integer.toString(rows), "--epochs",
                Integer.toString(epochs), "--threads", threads == null ? "0" : threads.toString(), "--form", form,
                "--batch"));
        Arrays.stream(BATCHES).forEach(b -> cmd.add(Integer.toString(b)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (threads != null) {
            // Debian's torch leaves OpenBLAS's own thread count alone; pin it too, so both sides use T cores.
            pb.environment().put("OPENBLAS_NUM_THREADS", threads.toString());
        }
        Process p = pb.start();
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                out.add(Json.mapper().readTree(line));
            }
        }
        if (p.waitFor() != 0 || out.size() != BATCHES.length) {
            throw new IllegalStateException("python peer failed: exit " + p.exitValue() + ", " + out.size()
                    + " results; command " + cmd);
        }
        return out.toArray(new JsonNode[0]);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
    }
}

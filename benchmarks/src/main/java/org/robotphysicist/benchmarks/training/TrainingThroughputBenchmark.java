package org.robotphysicist.benchmarks.training;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.benchmarks.PythonPeer;
import org.robotphysicist.benchmarks.ThreadPinning;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.TrainingLoop;
import org.robotphysicist.training.TrainingObjective;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.device.Devices;
import org.robotphysicist.training.ratio.LikelihoodToEvidenceObjective;
import org.robotphysicist.training.ratio.ReferenceRatioObjective;

/**
 * Training throughput of the project's {@link TrainingLoop} on a ReLU MLP 3→128→128→128→1, beside the
 * same model, data layout and loop in Python PyTorch ({@code benchmarks/peers/mlp_training_peer.py},
 * Debian's python3-torch) measured in the same run, rounds alternating between the two so that
 * machine noise hits both alike. Rows/s = table rows consumed per second of the optimization loop
 * (shuffle, batch slicing, forward, BCE with logits, backward, Adam, zeroed gradients).
 *
 * <p>Usage: {@code benchmarks/training-throughput.sh [--rows N] [--rounds R] [--epochs E]
 * [--threads T|cores|default] [--form reference|lte] [--python /usr/bin/python3]}. Without
 * {@code --threads} each side runs with its own default threading ({@link ThreadPinning}).
 */
public final class TrainingThroughputBenchmark {
    private static final int[] BATCHES = {4096, 65536};

    private TrainingThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        int rows = opt.integer("rows", 1 << 20);
        int rounds = opt.integer("rounds", 3);
        int epochs = opt.integer("epochs", 3);
        String form = opt.string("form", "reference");
        if (!form.equals("reference") && !form.equals("lte")) {
            throw new IllegalArgumentException("--form: expected reference or lte but found " + form);
        }
        ThreadPinning threads = ThreadPinning.of(opt, "default").applyToDjl();
        PythonPeer peer = PythonPeer.of(opt.string("python", PythonPeer.DEBIAN_PYTHON), "mlp_training_peer.py");
        Matrix table = table(rows, form);
        Devices.engine();
        System.out.printf("training throughput, MLP 3-128-128-128-1 (ReLU), %s form, %d rows, %d timed epochs per"
                + " round, %d rounds, %d cores; intra-op threads: DJL %d, PyTorch %s%n", form, rows, epochs, rounds,
                Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads(),
                threads.threads() == null ? "its default" : threads.threads().toString());
        List<List<Double>> java = new ArrayList<>();
        List<List<Double>> python = new ArrayList<>();
        for (int b = 0; b < BATCHES.length; b++) {
            java.add(new ArrayList<>());
            python.add(new ArrayList<>());
        }
        List<String> peerArgs = new ArrayList<>(List.of("--rows", Integer.toString(rows), "--epochs",
                Integer.toString(epochs), "--form", form));
        peerArgs.addAll(threads.peerArguments());
        peerArgs.add("--batch");
        for (int b : BATCHES) {
            peerArgs.add(Integer.toString(b));
        }
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < BATCHES.length; b++) {
                add(java.get(b), javaRates(BATCHES[b], epochs, table, form));
            }
            List<JsonNode> py = peer.jsonLines(peerArgs, threads.peerEnvironment(), BATCHES.length);
            if (r == 0) {
                System.out.printf("peer: torch %s, %s intra-op thread(s), OPENBLAS_NUM_THREADS=%s%n",
                        py.get(0).get("torch").asText(), py.get(0).get("threads").asText(), threads.peerBlasThreads());
            }
            for (int b = 0; b < BATCHES.length; b++) {
                add(python.get(b), PythonPeer.doubles(py.get(b), "rows_per_s"));
            }
            System.out.printf("round %d/%d done%n", r + 1, rounds);
        }
        System.out.printf("%-8s %16s %16s %8s%n", "batch", "DJL rows/s", "PyTorch rows/s", "ratio");
        for (int b = 0; b < BATCHES.length; b++) {
            double j = median(java.get(b));
            double p = median(python.get(b));
            System.out.printf("%-8d %16.4g %16.4g %8.2f%n", BATCHES[b], j, p, j / p);
        }
        System.out.println("(medians over all timed epochs; ratio = DJL / PyTorch, above 1 means faster than the peer)");
    }

    private static void add(List<Double> to, double[] values) {
        DoubleStream.of(values).forEach(to::add);
    }

    private static double median(List<Double> v) {
        return BenchmarkArguments.median(v.stream().mapToDouble(Double::doubleValue).toArray());
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
    private static double[] javaRates(int batch, int epochs, Matrix table, String form) {
        TrainingLoop trainer = new TrainingLoop(EpochRates.timingConfig(batch, epochs, DeviceRequest.CPU),
                ProgressListener.none());
        try (Mlp mlp = Mlp.initialize(MlpSpec.of(3, 128, 3, 1, ActivationFunction.RELU), trainer.device(), DataType.FLOAT32,
                new SplittableRandom(2))) {
            TrainingObjective objective = form.equals("lte")
                    ? new LikelihoodToEvidenceObjective(mlp.block(), 1, 1, 1)
                    : new ReferenceRatioObjective(mlp.block(), 3);
            return EpochRates.measure(trainer, objective, table);
        }
    }
}

package org.robotphysicist.benchmarks.flow;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.benchmarks.PythonPeer;
import org.robotphysicist.benchmarks.ThreadPinning;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.device.Devices;

/**
 * Log-prob and training throughput (rows/s) of the conditional MAF ({@link FlowSpec#maf}, float32,
 * DJL's PyTorch engine, on the CPU unless {@code --device} says otherwise) beside a plain
 * conditional MAF of the same size in Debian's python3-torch
 * ({@code benchmarks/peers/maf_flow_peer.py}: the same MADE degrees and masks, the
 * same widths, context, layer count, reversals and soft-clamped affine transform), measured in the
 * same run with rounds alternating between the sides so that machine noise hits both alike.
 * Both sides use the same intra-op thread count, by default the JVM's core count
 * ({@link ThreadPinning}).
 *
 * <p>Figures per x dimension: log-prob rows/s of the flow block on a device table in fixed chunks
 * and of {@code FlowEvaluator.logDensity} from Java matrices (both against the peer's
 * {@code torch.no_grad()} log-prob), and training rows/s at each batch size (Adam on the mean
 * negative log-likelihood, against the peer's forward + backward + {@code torch.optim.Adam}). See
 * {@link FlowTimings} for what each Java figure times.
 *
 * <p>Usage: {@code benchmarks/flow-throughput.sh [--x-dims 4,1] [--context 2] [--layers 5]
 * [--hidden 128,128] [--log-prob-rows 131072] [--chunk 65536] [--passes 2] [--train-rows 65536]
 * [--batches 4096,65536] [--epochs 1] [--rounds 2] [--threads cores|T|default]
 * [--device cpu|gpu|gpu:N|auto] [--python /usr/bin/python3]}. With a GPU device both sides run
 * there (the peer needs a CUDA build of torch, see {@code cuda-notes/flow-throughput-peer.md}).
 */
public final class FlowThroughputBenchmark {
    private FlowThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        int[] xDims = opt.integers("x-dims", "4,1");
        int contextDim = opt.integer("context", 2);
        int layers = opt.integer("layers", 5);
        int[] hidden = opt.integers("hidden", "128,128");
        int logProbRows = opt.integer("log-prob-rows", 1 << 17);
        int chunk = opt.integer("chunk", 65536);
        int passes = opt.integer("passes", 2);
        int trainRows = opt.integer("train-rows", 1 << 16);
        int[] batches = opt.integers("batches", "4096,65536");
        int epochs = opt.integer("epochs", 1);
        int rounds = opt.integer("rounds", 2);
        ThreadPinning threads = ThreadPinning.of(opt, "cores").applyToDjl();
        PythonPeer peer = PythonPeer.of(opt.string("python", PythonPeer.DEBIAN_PYTHON), "maf_flow_peer.py");

        Devices.engine();
        DeviceRequest request = DeviceRequest.parse(opt.string("device", "cpu"));
        Device device = Devices.choose(request).device();
        List<Integer> widths = Arrays.stream(hidden).boxed().toList();
        System.out.printf("flow throughput: conditional MAF, %d layers, MADE hidden %s (ReLU), context %d, reversed"
                + " orders, float32, on %s; %d cores; intra-op threads: DJL %d, PyTorch %s%n", layers, widths,
                contextDim, device, Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads(),
                threads.threads() == null ? "its default" : threads.threads().toString());
        System.out.printf("log-prob: %d rows in %d-row chunks, %d timed passes per round; training: %d rows, batches"
                + " %s, %d timed epochs per round (after one warm-up each); %d rounds%n", logProbRows, chunk, passes,
                trainRows, Arrays.toString(batches), epochs, rounds);

        List<String> peerArgs = new ArrayList<>(List.of("--context", Integer.toString(contextDim), "--layers",
                Integer.toString(layers), "--log-prob-rows", Integer.toString(logProbRows), "--chunk",
                Integer.toString(chunk), "--passes", Integer.toString(passes), "--train-rows",
                Integer.toString(trainRows), "--epochs", Integer.toString(epochs)));
        peerArgs.addAll(threads.peerArguments());
        peerArgs.addAll(List.of("--device", device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu"));
        addList(peerArgs, "--x-dims", xDims);
        addList(peerArgs, "--hidden", hidden);
        addList(peerArgs, "--batch", batches);

        Map<String, List<Double>> ours = new LinkedHashMap<>();
        Map<String, List<Double>> theirs = new LinkedHashMap<>();
        Map<Integer, Long> ourSizes = new LinkedHashMap<>();
        Map<Integer, Long> peerSizes = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (int d : xDims) {
                FlowSpec spec = FlowSpec.maf(d, contextDim, layers, widths);
                ourSizes.put(d, parameterCount(spec, device));
                Matrix lpTable = FlowTimings.table(logProbRows, d, contextDim, 10 + d);
                add(ours, key(d, "log-prob, flow block"), FlowTimings.blockLogProb(spec, lpTable, device, chunk,
                        passes));
                add(ours, key(d, "log-prob, FlowEvaluator"), FlowTimings.evaluatorLogProb(spec, lpTable, device,
                        chunk, passes));
                Matrix trainTable = FlowTimings.table(trainRows, d, contextDim, 20 + d);
                for (int b : batches) {
                    add(ours, key(d, "training, batch " + b),
                            FlowTimings.training(spec, trainTable, request, b, epochs));
                }
            }
            List<JsonNode> py = peer.jsonLines(peerArgs, threads.peerEnvironment(),
                    xDims.length * (1 + batches.length));
            if (r == 0) {
                System.out.printf("peer: torch %s, %s intra-op thread(s), OPENBLAS_NUM_THREADS=%s%n",
                        py.get(0).get("torch").asText(), py.get(0).get("threads").asText(), threads.peerBlasThreads());
            }
            for (JsonNode line : py) {
                int d = line.get("x_dim").asInt();
                double[] rates = PythonPeer.doubles(line, "rows_per_s");
                if (line.get("measure").asText().equals("log-prob")) {
                    peerSizes.put(d, line.get("parameters").asLong());
                    add(theirs, key(d, "log-prob, flow block"), rates);
                    add(theirs, key(d, "log-prob, FlowEvaluator"), rates);
                } else {
                    add(theirs, key(d, "training, batch " + line.get("batch").asInt()), rates);
                }
            }
            System.out.printf("round %d/%d done%n", r + 1, rounds);
        }
        System.out.println("parameters per flow (ours / peer): " + ourSizes.keySet().stream()
                .map(d -> "D=" + d + ": " + ourSizes.get(d) + " / " + peerSizes.get(d))
                .collect(Collectors.joining(", ")));
        System.out.printf("%-36s %14s %16s %8s%n", "x dim, measure", "DJL rows/s", "PyTorch rows/s", "ratio");
        for (Map.Entry<String, List<Double>> e : ours.entrySet()) {
            double j = median(e.getValue());
            double p = median(theirs.get(e.getKey()));
            System.out.printf("%-36s %14.4g %16.4g %8.2f%n", e.getKey(), j, p, j / p);
        }
        System.out.println("(medians over all timed passes/epochs of all rounds; ratio = DJL / PyTorch, above 1 means"
                + " faster than the peer; both log-prob rows compare with the peer's torch.no_grad() log-prob)");
    }

    private static String key(int xDim, String measure) {
        return "D=" + xDim + ", " + measure;
    }

    private static void add(Map<String, List<Double>> to, String key, double[] rates) {
        List<Double> list = to.computeIfAbsent(key, k -> new ArrayList<>());
        DoubleStream.of(rates).forEach(list::add);
    }

    private static void addList(List<String> args, String name, int[] values) {
        args.add(name);
        Arrays.stream(values).forEach(v -> args.add(Integer.toString(v)));
    }

    private static double median(List<Double> v) {
        return BenchmarkArguments.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static long parameterCount(FlowSpec spec, Device device) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            return FlowTimings.flow(spec, m, 2).getParameters().values().stream()
                    .mapToLong(p -> p.getArray().size()).sum();
        }
    }
}

package org.robotphysicist.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.file.NamedParameters;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.neural.AlignedArrays;
import org.robotphysicist.training.device.DeviceChoice;
import org.robotphysicist.training.device.Devices;

/**
 * The one training loop of the project: minimizes a {@link TrainingObjective} with Adam over
 * mini-batches of a table.
 *
 * <ol>
 *   <li>The device is resolved when the trainer is made ({@link Devices}: logged, and a GPU
 *       request that cannot be met is reported as a fallback), so callers build their network on
 *       {@link #device()}.</li>
 *   <li>Rows are split once, at random, into training and validation parts; both go to the
 *       device as float32 tables (N, C).</li>
 *   <li>Each epoch shuffles the training table on the device with a seeded permutation (one
 *       gather); mini-batches are contiguous slices of it, so no per-row Java objects exist.</li>
 *   <li>Each step zeroes the gradients, records the loss under a {@link GradientCollector},
 *       back-propagates and applies Adam with the scheduled learning rate; its temporaries live
 *       in a sub-manager closed at the end of the step. On the CPU a batch of more than
 *       {@value #CPU_MICRO_BATCH} rows is back-propagated in micro-batches of that size whose
 *       gradients accumulate to the batch's (the same step, computed in cache-sized pieces); an
 *       objective's in-batch randomness then acts within each micro-batch.</li>
 *   <li>After each epoch the validation loss (gradients off, the same random draws every epoch)
 *       decides early stopping; the parameters of the best epoch are restored at the end.</li>
 *   <li>With a {@link TrainingLoopConfig#timeBudget()}, the loop also stops after the epoch during
 *       which the wall time since the start of {@link #fit} reached the budget (the best epoch is
 *       still restored; the curve's stop reason starts with
 *       {@value org.robotphysicist.models.file.TrainingCurve#TIME_BUDGET_STOP}).</li>
 * </ol>
 * Every random choice derives from {@link TrainingLoopConfig#seed()}: splits of one
 * {@link SplittableRandom} feed the split, the epoch shuffles and each batch's own stream. On the
 * CPU a run is bit-for-bit reproducible. One run at a time per JVM (DJL's PyTorch gradient
 * collector is global).
 */
public final class TrainingLoop {
    private static final double PROGRESS_SECONDS = 2.0;
    /**
     * On the CPU, larger batches are processed in micro-batches of this many rows with their
     * gradients accumulated (one optimizer step per batch): activations of a few thousand rows stay
     * in cache, while those of 65 536 rows × 128 units (32 MB per layer) do not.
     */
    static final int CPU_MICRO_BATCH = 4096;

    private final TrainingLoopConfig config;
    private final ProgressListener listener;
    private final DeviceChoice choice;

    /** Resolves the configured device now (and logs the choice). */
    public TrainingLoop(TrainingLoopConfig config, ProgressListener listener) {
        this.config = config;
        this.listener = listener == null ? ProgressListener.none() : listener;
        this.choice = Devices.choose(config.device());
    }

    public TrainingLoopConfig config() {
        return config;
    }

    /** The device networks must be built on. */
    public Device device() {
        return choice.device();
    }

    /** The resolved device and how it was chosen. */
    public DeviceChoice deviceChoice() {
        return choice;
    }

    /**
     * Trains {@code objective.block()} on the rows of {@code table}; on return the block holds the
     * parameters of the best epoch.
     *
     * @param table (N, C) with C = {@code objective.columns()} and N ≥ 2
     * @throws TrainingDivergedException when the loss becomes NaN or infinite
     */
    public TrainingLoopResult fit(TrainingObjective objective, Matrix table) {
        long start = System.nanoTime();
        int c = objective.columns();
        table.requireShape("training table", -1, c);
        int n = table.rows();
        if (n < 2) {
            throw new InvalidInputException("training table: expected at least 2 rows but found " + n);
        }
        int nVal = config.validationFraction() == 0 ? 0
                : (int) Math.max(1, Math.round(config.validationFraction() * n));
        int nTrain = n - nVal;
        List<Parameter> params = new ArrayList<>();
        for (var p : objective.block().getParameters()) {
            Device d = p.getValue().getArray().getDevice();
            if (!d.equals(device())) {
                throw new InvalidInputException("training: expected the network's parameters on " + device()
                        + " (the trainer's device) but found " + p.getKey() + " on " + d);
            }
            params.add(p.getValue());
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom splitRng = root.split();
        SplittableRandom shuffleRng = root.split();
        SplittableRandom batchRng = root.split();
        long validationSeed = root.nextLong();
        int[] order = permutation(n, splitRng);

        Rate rate = new Rate();
        Adam.Builder adam = Optimizer.adam().optLearningRateTracker(rate).optWeightDecays((float) config.weightDecay());
        if (config.gradientClip() > 0) {
            adam.optClipGrad((float) config.gradientClip());
        }
        Optimizer optimizer = adam.build();
        Engine engine = Devices.engine();
        int batch = config.batchSize();
        int micro = device().isGpu() ? batch : Math.min(batch, CPU_MICRO_BATCH);
        int maxEpochs = config.maxEpochs();
        long stepsPerEpoch = (nTrain + batch - 1) / batch;
        long step = 0;
        List<TrainingCurve.Epoch> curve = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        NamedParameters bestParameters = null;
        int sinceImprovement = 0;
        int plateauCuts = 0;
        String stop = "max epochs (" + maxEpochs + ")";
        double finalValidation;

        listener.onProgress(new TrainingProgress(TrainingProgress.Stage.STARTED, 0, maxEpochs, 0, nTrain, 0, Double.NaN,
                Double.NaN, config.learningRate(), String.format("training %s: %d training and %d validation rows,"
                        + " batch %d, up to %d epochs%s; %s", objective.name(), nTrain, nVal, batch, maxEpochs,
                        config.timeBudget() == null ? "" : " or " + TimeBudgets.format(config.timeBudget()),
                        choice.explanation())));
        try (NDManager run = NDManager.newBaseManager(device())) {
            NDArray trainTable = upload(run, table, order, nVal, n);
            NDArray valTable = nVal > 0 ? upload(run, table, order, 0, nVal) : null;
            ParameterStore store = new ParameterStore(run, false);
            for (int epoch = 1; epoch <= maxEpochs; epoch++) {
                long t0 = System.nanoTime();
                long lastReport = t0;
                double lossSum;
                try (NDManager em = run.newSubManager()) {
                    NDArray perm = em.create(permutationLong(nTrain, shuffleRng));
                    NDArray shuffled = trainTable.get(perm);
                    shuffled.attach(em);
                    NDArray lossAcc = em.zeros(new Shape(), DataType.FLOAT64);
                    for (int s = 0; s < nTrain; s += batch) {
                        int end = Math.min(nTrain, s + batch);
                        rate.value = (float) config.schedule().rate(config.learningRate(), step,
                                stepsPerEpoch * maxEpochs, epoch, maxEpochs, plateauCuts);
                        try (NDManager sm = em.newSubManager()) {
                            GradientMode.zero(params);
                            // One backward pass per micro-batch; the gradients add up to the batch mean's.
                            for (int m0 = s; m0 < end; m0 += micro) {
                                int m1 = Math.min(end, m0 + micro);
                                NDArray rows = shuffled.get(new NDIndex("{}:{}", m0, m1));
                                rows.attach(sm);
                                NDArray loss;
                                try (GradientCollector collector = engine.newGradientCollector()) {
                                    loss = objective.loss(store, rows, true, batchRng.split());
                                    if (m1 - m0 < end - s) {
                                        // An array operand that lives until the step ends: a number operand would
                                        // be freed before the backward pass reads it (see TrainingObjective).
                                        loss = loss.mul(AlignedArrays.scalarLike(loss, (double) (m1 - m0) / (end - s)));
                                    }
                                    collector.backward(loss);
                                }
                                lossAcc.addi(loss.stopGradient().toType(DataType.FLOAT64, false).mul(end - s));
                            }
                            for (Parameter p : params) {
                                NDArray w = p.getArray();
                                NDArray g = w.getGradient();
                                g.attach(sm);
                                optimizer.update(p.getId(), w, g);
                            }
                        }
                        step++;
                        long now = System.nanoTime();
                        if ((now - lastReport) / 1e9 >= PROGRESS_SECONDS && end < nTrain) {
                            lastReport = now;
                            double seconds = (now - t0) / 1e9;
                            double running = lossAcc.getDouble() / end;
                            listener.onProgress(new TrainingProgress(TrainingProgress.Stage.BATCHES, epoch, maxEpochs,
                                    end, nTrain, end / seconds, running, Double.NaN, rate.value, String.format(
                                            "epoch %d/%d: %3.0f%%, %.3g rows/s, loss %.5f", epoch, maxEpochs,
                                            100.0 * end / nTrain, end / seconds, running)));
                        }
                    }
                    lossSum = lossAcc.getDouble();
                }
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                double trainLoss = lossSum / nTrain;
                if (!Double.isFinite(trainLoss)) {
                    throw new TrainingDivergedException("training " + objective.name() + ": the loss became " + trainLoss
                            + " in epoch " + epoch + " at learning rate " + rate.value
                            + "; expected a finite loss: lower the learning rate or check the inputs");
                }
                double valLoss = valTable == null ? Double.NaN
                        : validate(objective, store, run, valTable, nVal, validationSeed);
                double monitored = valTable == null ? trainLoss : valLoss;
                boolean improved = monitored < bestLoss - config.minImprovement();
                if (improved || valTable == null) {
                    bestLoss = Math.min(bestLoss, monitored);
                    bestEpoch = epoch;
                    sinceImprovement = 0;
                    bestParameters = valTable == null ? null : NamedParameters.of(objective.block());
                } else {
                    sinceImprovement++;
                    if (config.schedule().kind() == LearningRateSchedule.Kind.PLATEAU
                            && sinceImprovement % config.schedule().plateauPatience() == 0) {
                        plateauCuts++;
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                curve.add(new TrainingCurve.Epoch(epoch, trainLoss, valLoss, rate.value, nTrain / trainSeconds, seconds));
                String validation = valTable == null ? "no validation split"
                        : String.format("validation loss %.5f%s", valLoss, improved ? " (best)" : "");
                listener.onProgress(new TrainingProgress(TrainingProgress.Stage.EPOCH_END, epoch, maxEpochs, nTrain,
                        nTrain, nTrain / trainSeconds, trainLoss, valLoss, rate.value, String.format(
                                "epoch %d/%d: train loss %.5f, %s, %.3g rows/s, lr %.3g, %.1f s", epoch, maxEpochs,
                                trainLoss, validation, nTrain / trainSeconds, rate.value, seconds)));
                if (valTable != null && config.patience() > 0 && sinceImprovement >= config.patience()) {
                    stop = "early stopping: no validation improvement for " + config.patience() + " epochs";
                    break;
                }
                if (config.timeBudget() != null && epoch < maxEpochs
                        && System.nanoTime() - start >= config.timeBudget().toNanos()) {
                    stop = TrainingCurve.TIME_BUDGET_STOP + " (" + TimeBudgets.format(config.timeBudget())
                            + ") used up after epoch " + epoch + " of " + maxEpochs;
                    break;
                }
            }
            if (bestParameters != null && bestEpoch != curve.size()) {
                bestParameters.loadInto(objective.block());
            }
            finalValidation = valTable == null ? Double.NaN
                    : validate(objective, store, run, valTable, nVal, validationSeed);
        }
        TrainingCurve trainingCurve = new TrainingCurve(curve, bestEpoch, stop);
        double seconds = (System.nanoTime() - start) / 1e9;
        listener.onProgress(new TrainingProgress(TrainingProgress.Stage.FINISHED, curve.size(), maxEpochs, nTrain, nTrain,
                0, curve.get(curve.size() - 1).trainLoss(), finalValidation, rate.value, String.format(
                        "finished: %s; kept epoch %d%s, %.1f s on %s%s", stop, bestEpoch, nVal == 0 ? ""
                                : String.format(" (validation loss %.5f)", finalValidation), seconds, choice.device(),
                        choice.fellBackToCpu()
                                ? " -- a GPU was requested: " + choice.explanation() : "")));
        return new TrainingLoopResult(objective.name(), trainingCurve, choice, nTrain, nVal, finalValidation, seconds);
    }

    /** Mean validation loss, gradients off, the same in-batch draws every time. */
    private double validate(TrainingObjective objective, ParameterStore store, NDManager run, NDArray valTable, int nVal,
            long seed) {
        return GradientMode.withoutGradients(() -> {
            SplittableRandom rng = new SplittableRandom(seed);
            double sum = 0;
            for (int s = 0; s < nVal; s += config.batchSize()) {
                int end = Math.min(nVal, s + config.batchSize());
                try (NDManager sm = run.newSubManager()) {
                    NDArray rows = valTable.get(new NDIndex("{}:{}", s, end));
                    rows.attach(sm);
                    sum += objective.loss(store, rows, false, rng.split()).toType(DataType.FLOAT64, false).getDouble()
                            * (end - s);
                }
            }
            return sum / nVal;
        });
    }

    /** Rows order[from..to) of the table as a float32 (to − from, C) array on the device. */
    private static NDArray upload(NDManager m, Matrix table, int[] order, int from, int to) {
        int c = table.cols();
        float[] data = new float[(to - from) * c];
        double[] row = new double[c];
        for (int i = from; i < to; i++) {
            table.copyRow(order[i], row);
            for (int j = 0; j < c; j++) {
                data[(i - from) * c + j] = (float) row[j];
            }
        }
        return AlignedArrays.of(m, data, new Shape(to - from, c));
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@link #permutation} as int64 indices for the device. */
    public static long[] permutationLong(int n, SplittableRandom rng) {
        int[] p = permutation(n, rng);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = p[i];
        }
        return out;
    }

    /** The learning rate Adam reads at each update, set by the loop before every step. */
    private static final class Rate implements Tracker {
        private float value;

        @Override
        public float getNewValue(int numUpdate) {
            return value;
        }
    }
}

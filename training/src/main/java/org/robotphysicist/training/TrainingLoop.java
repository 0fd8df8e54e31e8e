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
import org.robotphysicist.training.data.RowSample;
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
 *       back-propagates, scales the gradient down to the global norm
 *       {@link TrainingLoopConfig#gradientClip()} where it is longer (when set; each epoch's
 *       progress line counts the steps clipped) and applies Adam with the scheduled learning
 *       rate; its temporaries live in a sub-manager closed at the end of the step. On the CPU a
 *       batch of more than {@value #CPU_MICRO_BATCH} rows is back-propagated in micro-batches of
 *       that size whose gradients accumulate to the batch's (the same step, computed in
 *       cache-sized pieces); an objective's in-batch randomness then acts within each
 *       micro-batch.</li>
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
    /** Rows pooled and shuffled together when a table is streamed. */
    public static final int STREAM_BUFFER_ROWS = 1 << 18;
    /** The most validation rows a streamed table holds out (and keeps in memory). */
    public static final int MAX_STREAMED_VALIDATION_ROWS = 1 << 20;

    private final TrainingLoopConfig config;
    private final ProgressListener listener;
    private final DeviceChoice choice;

    private final int streamBufferRows;

    /** Resolves the configured device now (and logs the choice). */
    public TrainingLoop(TrainingLoopConfig config, ProgressListener listener) {
        this(config, listener, STREAM_BUFFER_ROWS);
    }

    /** With streamed tables pooled {@code streamBufferRows} rows at a time (tests use small pools). */
    TrainingLoop(TrainingLoopConfig config, ProgressListener listener, int streamBufferRows) {
        this.config = config;
        this.listener = listener == null ? ProgressListener.none() : listener;
        this.choice = Devices.choose(config.device());
        this.streamBufferRows = streamBufferRows;
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
        int c = objective.columns();
        table.requireShape("training table", -1, c);
        int n = table.rows();
        if (n < 2) {
            throw new InvalidInputException("training table: expected at least 2 rows but found " + n);
        }
        int nVal = config.validationFraction() == 0 ? 0
                : (int) Math.max(1, Math.round(config.validationFraction() * n));
        Streams streams = new Streams(config.seed());
        int[] order = permutation(n, streams.split);
        return run(objective, new InMemoryRows(table, order, nVal), streams);
    }

    /**
     * Trains {@code objective.block()} on a table read block by block, never holding more than
     * about {@value #STREAM_BUFFER_ROWS} training rows at once, besides the validation rows; on
     * return the block holds the parameters of the best epoch.
     *
     * <ul>
     *   <li>Validation: a uniformly random subset of exactly
     *       k = min(max(1, round(f·N)), {@value #MAX_STREAMED_VALIDATION_ROWS}) rows (f the
     *       configured fraction; none when f = 0), chosen by index before any block is read and
     *       held on the device; the blocks holding none of them are not read for it.</li>
     *   <li>Each epoch reads every block once, in a seeded random order, drops the validation rows,
     *       and pools consecutive blocks until at least {@value #STREAM_BUFFER_ROWS} rows are
     *       buffered; the pool is shuffled on the device and cut into batches, the rows short of a
     *       whole batch carried over to the next pool. An epoch is ⌈(N − k)/batch⌉ optimizer steps,
     *       as in memory. Rows correlated over more than a pool (a block of many events at one θ)
     *       should be spread across blocks by whoever writes them.</li>
     * </ul>
     *
     * @param table B ≥ 1 blocks of C = {@code objective.columns()} columns, N ≥ 2 rows in all
     * @throws TrainingDivergedException when the loss becomes NaN or infinite
     */
    public TrainingLoopResult fit(TrainingObjective objective, StreamedTable table) {
        if (table.columns() != objective.columns()) {
            throw new InvalidInputException("training table: expected " + objective.columns() + " columns but found "
                    + table.columns());
        }
        long n = table.size();
        if (n < 2) {
            throw new InvalidInputException("training table: expected at least 2 rows but found " + n);
        }
        long nVal = config.validationFraction() == 0 ? 0
                : Math.min(MAX_STREAMED_VALIDATION_ROWS, Math.max(1, Math.round(config.validationFraction() * n)));
        Streams streams = new Streams(config.seed());
        long[] validation = RowSample.indices(n, nVal, streams.split);
        return run(objective, new StreamedRows(table, validation, streamBufferRows), streams);
    }

    /** The random streams of a run, all from the configured seed. */
    private static final class Streams {
        final SplittableRandom split;
        final SplittableRandom shuffle;
        final SplittableRandom batch;
        final long validationSeed;

        Streams(long seed) {
            SplittableRandom root = new SplittableRandom(seed);
            split = root.split();
            shuffle = root.split();
            batch = root.split();
            validationSeed = root.nextLong();
        }
    }

    private TrainingLoopResult run(TrainingObjective objective, EpochRows rows, Streams streams) {
        long start = System.nanoTime();
        long nTrain = rows.trainRows();
        long nVal = rows.validationRows();
        List<Parameter> params = new ArrayList<>();
        for (var p : objective.block().getParameters()) {
            Device d = p.getValue().getArray().getDevice();
            if (!d.equals(device())) {
                throw new InvalidInputException("training: expected the network's parameters on " + device()
                        + " (the trainer's device) but found " + p.getKey() + " on " + d);
            }
            params.add(p.getValue());
        }
        Rate rate = new Rate();
        Optimizer optimizer = Optimizer.adam().optLearningRateTracker(rate)
                .optWeightDecays((float) config.weightDecay()).build();
        int batch = config.batchSize();
        int maxEpochs = config.maxEpochs();
        List<TrainingCurve.Epoch> curve = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        NamedParameters bestParameters = null;
        int sinceImprovement = 0;
        String stop = "max epochs (" + maxEpochs + ")";
        double finalValidation;

        listener.onProgress(new TrainingProgress(TrainingProgress.Stage.STARTED, 0, maxEpochs, 0, nTrain, 0, Double.NaN,
                Double.NaN, config.learningRate(), String.format("training %s: %d training and %d validation rows%s,"
                        + " batch %d, up to %d epochs%s; %s", objective.name(), nTrain, nVal, rows.describe(), batch,
                        maxEpochs, config.timeBudget() == null ? "" : " or " + TimeBudgets.format(config.timeBudget()),
                        choice.explanation())));
        try (NDManager run = NDManager.newBaseManager(device())) {
            rows.prepare(run);
            NDArray valTable = rows.validation(run);
            ParameterStore store = new ParameterStore(run, false);
            Stepper stepper = new Stepper(objective, params, optimizer, rate, store, streams.batch,
                    (nTrain + batch - 1) / batch * maxEpochs);
            for (int epoch = 1; epoch <= maxEpochs; epoch++) {
                long t0 = System.nanoTime();
                stepper.startEpoch(epoch, (nTrain + batch - 1) / batch);
                double lossSum;
                long clippedSteps;
                try (NDManager em = run.newSubManager()) {
                    NDArray lossAcc = em.zeros(new Shape(), DataType.FLOAT64);
                    NDArray clippedAcc = em.zeros(new Shape(), DataType.FLOAT32);
                    int currentEpoch = epoch;
                    long[] lastReport = {t0};
                    rows.epoch(em, streams.shuffle, batch, (batchRows, done) -> {
                        stepper.step(em, batchRows, lossAcc, clippedAcc);
                        long now = System.nanoTime();
                        if ((now - lastReport[0]) / 1e9 >= PROGRESS_SECONDS && done < nTrain) {
                            lastReport[0] = now;
                            double seconds = (now - t0) / 1e9;
                            double running = lossAcc.getDouble() / done;
                            listener.onProgress(new TrainingProgress(TrainingProgress.Stage.BATCHES, currentEpoch,
                                    maxEpochs, done, nTrain, done / seconds, running, Double.NaN, rate.value,
                                    String.format("epoch %d/%d: %3.0f%%, %.3g rows/s, loss %.5f", currentEpoch,
                                            maxEpochs, 100.0 * done / nTrain, done / seconds, running)));
                        }
                    });
                    lossSum = lossAcc.getDouble();
                    clippedSteps = Math.round(clippedAcc.getFloat());
                }
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                double trainLoss = lossSum / nTrain;
                if (!Double.isFinite(trainLoss)) {
                    throw new TrainingDivergedException("training " + objective.name() + ": the loss became " + trainLoss
                            + " in epoch " + epoch + " at learning rate " + rate.value
                            + "; expected a finite loss: lower the learning rate or check the inputs");
                }
                double valLoss = valTable == null ? Double.NaN
                        : validate(objective, store, run, valTable, nVal, streams.validationSeed);
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
                        stepper.plateauCuts++;
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                curve.add(new TrainingCurve.Epoch(epoch, trainLoss, valLoss, rate.value, nTrain / trainSeconds, seconds));
                String validation = (valTable == null ? "no validation split"
                        : String.format("validation loss %.5f%s", valLoss, improved ? " (best)" : ""))
                        + (config.gradientClip() > 0 ? String.format(", gradient norm clipped to %.3g in %d of %d"
                                + " steps", config.gradientClip(), clippedSteps, (nTrain + batch - 1) / batch) : "");
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
                    : validate(objective, store, run, valTable, nVal, streams.validationSeed);
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

    /** One optimizer step per batch, with the scheduled rate; micro-batched on the CPU. */
    private final class Stepper {
        private final TrainingObjective objective;
        private final List<Parameter> params;
        private final Optimizer optimizer;
        private final Rate rate;
        private final ParameterStore store;
        private final SplittableRandom batchRng;
        private final long totalSteps;
        private final Engine engine = Devices.engine();
        private final int micro;
        private final GradientNormClip clip;
        private long step;
        private long stepsPerEpoch;
        private int epoch;
        int plateauCuts;

        Stepper(TrainingObjective objective, List<Parameter> params, Optimizer optimizer, Rate rate,
                ParameterStore store, SplittableRandom batchRng, long totalSteps) {
            this.objective = objective;
            this.params = params;
            this.optimizer = optimizer;
            this.rate = rate;
            this.store = store;
            this.batchRng = batchRng;
            this.totalSteps = totalSteps;
            this.micro = device().isGpu() ? config.batchSize() : Math.min(config.batchSize(), CPU_MICRO_BATCH);
            this.clip = config.gradientClip() > 0 ? new GradientNormClip(config.gradientClip()) : null;
        }

        void startEpoch(int e, long steps) {
            this.epoch = e;
            this.stepsPerEpoch = steps;
        }

        /**
         * One step on {@code batchRows} (B, C); adds B × the batch's mean loss to {@code lossAcc}, and
         * 1 to {@code clippedAcc} where the gradient's norm was clipped.
         */
        void step(NDManager em, NDArray batchRows, NDArray lossAcc, NDArray clippedAcc) {
            int rowsInBatch = Math.toIntExact(batchRows.getShape().get(0));
            rate.value = (float) config.schedule().rate(config.learningRate(), step, totalSteps, epoch,
                    config.maxEpochs(), plateauCuts);
            try (NDManager sm = em.newSubManager()) {
                GradientMode.zero(params);
                // One backward pass per micro-batch; the gradients add up to the batch mean's.
                for (int m0 = 0; m0 < rowsInBatch; m0 += micro) {
                    int m1 = Math.min(rowsInBatch, m0 + micro);
                    NDArray rows = batchRows.get(new NDIndex("{}:{}", m0, m1));
                    rows.attach(sm);
                    NDArray loss;
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        loss = objective.loss(store, rows, true, batchRng.split());
                        if (m1 - m0 < rowsInBatch) {
                            // An array operand that lives until the step ends: a number operand would
                            // be freed before the backward pass reads it (see TrainingObjective).
                            loss = loss.mul(AlignedArrays.scalarLike(loss, (double) (m1 - m0) / rowsInBatch));
                        }
                        collector.backward(loss);
                    }
                    lossAcc.addi(loss.stopGradient().toType(DataType.FLOAT64, false).mul(rowsInBatch));
                }
                List<NDArray> gradients = new ArrayList<>(params.size());
                for (Parameter p : params) {
                    NDArray g = p.getArray().getGradient();
                    g.attach(sm);
                    gradients.add(g);
                }
                if (clip != null) {
                    clippedAcc.addi(clip.clip(gradients));
                }
                for (int i = 0; i < params.size(); i++) {
                    optimizer.update(params.get(i).getId(), params.get(i).getArray(), gradients.get(i));
                }
            }
            step++;
        }
    }

    /** Receives each batch of an epoch and how many training rows the epoch has covered with it. */
    private interface BatchSink {
        void accept(NDArray batchRows, long rowsDone);
    }

    /** Where an epoch's batches come from. */
    private interface EpochRows {
        long trainRows();

        long validationRows();

        /** A note for the start line ("" or ", streamed from B blocks"). */
        String describe();

        /** Once, before the first epoch, on the run's manager. */
        void prepare(NDManager run);

        /** The validation rows on the device (on {@code run}), or null without validation. */
        NDArray validation(NDManager run);

        /** Shuffles and hands every training row to {@code sink} in batches of {@code batch} (the last shorter). */
        void epoch(NDManager em, SplittableRandom shuffleRng, int batch, BatchSink sink);
    }

    /** A table in memory, uploaded once: each epoch one device permutation and contiguous slices. */
    private static final class InMemoryRows implements EpochRows {
        private final Matrix table;
        private final int[] order;
        private final int nVal;
        private final int nTrain;
        private NDArray trainTable;

        InMemoryRows(Matrix table, int[] order, int nVal) {
            this.table = table;
            this.order = order;
            this.nVal = nVal;
            this.nTrain = table.rows() - nVal;
        }

        @Override
        public long trainRows() {
            return nTrain;
        }

        @Override
        public long validationRows() {
            return nVal;
        }

        @Override
        public String describe() {
            return "";
        }

        @Override
        public void prepare(NDManager run) {
            trainTable = upload(run, table, order, nVal, table.rows());
        }

        @Override
        public NDArray validation(NDManager run) {
            return nVal > 0 ? upload(run, table, order, 0, nVal) : null;
        }

        @Override
        public void epoch(NDManager em, SplittableRandom shuffleRng, int batch, BatchSink sink) {
            NDArray perm = em.create(permutationLong(nTrain, shuffleRng));
            NDArray shuffled = trainTable.get(perm);
            shuffled.attach(em);
            for (int s = 0; s < nTrain; s += batch) {
                int end = Math.min(nTrain, s + batch);
                try (NDManager bm = em.newSubManager()) {
                    NDArray rows = shuffled.get(new NDIndex("{}:{}", s, end));
                    rows.attach(bm);
                    sink.accept(rows, end);
                }
            }
        }
    }

    /** A table read block by block each epoch (see {@link #fit(TrainingObjective, StreamedTable)}). */
    private static final class StreamedRows implements EpochRows {
        private final StreamedTable table;
        private final long[] validation;
        private final long[] offsets;
        private final long nTrain;
        private final int bufferRows;

        StreamedRows(StreamedTable table, long[] validation, int bufferRows) {
            this.table = table;
            this.bufferRows = bufferRows;
            this.validation = validation;
            this.offsets = new long[table.blockCount() + 1];
            for (int b = 0; b < table.blockCount(); b++) {
                offsets[b + 1] = offsets[b] + table.blockSize(b);
            }
            this.nTrain = offsets[offsets.length - 1] - validation.length;
        }

        @Override
        public long trainRows() {
            return nTrain;
        }

        @Override
        public long validationRows() {
            return validation.length;
        }

        @Override
        public String describe() {
            return ", streamed from " + table.blockCount() + " block(s)";
        }

        @Override
        public void prepare(NDManager run) {
            // nothing stays on the device between epochs but the validation rows
        }

        @Override
        public NDArray validation(NDManager run) {
            if (validation.length == 0) {
                return null;
            }
            int c = table.columns();
            float[] out = new float[Math.toIntExact((long) validation.length * c)];
            int filled = 0;
            for (int b = 0; b < table.blockCount(); b++) {
                int from = firstAtOrAbove(offsets[b]);
                int to = firstAtOrAbove(offsets[b + 1]);
                if (from == to) {
                    continue;
                }
                Matrix block = readBlock(b);
                double[] row = new double[c];
                for (int k = from; k < to; k++) {
                    block.copyRow((int) (validation[k] - offsets[b]), row);
                    for (int j = 0; j < c; j++) {
                        out[filled * c + j] = (float) row[j];
                    }
                    filled++;
                }
            }
            return AlignedArrays.of(run, out, new Shape(validation.length, c));
        }

        @Override
        public void epoch(NDManager em, SplittableRandom shuffleRng, int batch, BatchSink sink) {
            int[] blockOrder = permutation(table.blockCount(), shuffleRng);
            int c = table.columns();
            List<float[]> pending = new ArrayList<>();
            long pendingRows = 0;
            NDArray carry = null;
            long done = 0;
            for (int i = 0; i < blockOrder.length; i++) {
                float[] rows = trainingRows(blockOrder[i], c);
                pending.add(rows);
                pendingRows += rows.length / c;
                boolean last = i == blockOrder.length - 1;
                if (pendingRows < bufferRows && !last || pendingRows == 0 && carry == null) {
                    continue;
                }
                try (NDManager pool = em.newSubManager()) {
                    NDArray rowsOnDevice;
                    if (pendingRows == 0) {
                        rowsOnDevice = carry.duplicate();
                        rowsOnDevice.attach(pool);
                    } else {
                        rowsOnDevice = AlignedArrays.of(pool, concat(pending, pendingRows, c), new Shape(pendingRows, c));
                        if (carry != null) {
                            NDArray both = carry.concat(rowsOnDevice, 0);
                            both.attach(pool);
                            rowsOnDevice = both;
                        }
                    }
                    pending.clear();
                    pendingRows = 0;
                    int size = Math.toIntExact(rowsOnDevice.getShape().get(0));
                    NDArray shuffled = rowsOnDevice.get(pool.create(permutationLong(size, shuffleRng)));
                    shuffled.attach(pool);
                    int whole = last ? size : size / batch * batch;
                    for (int s = 0; s < whole; s += batch) {
                        int end = Math.min(whole, s + batch);
                        try (NDManager bm = pool.newSubManager()) {
                            NDArray slice = shuffled.get(new NDIndex("{}:{}", s, end));
                            slice.attach(bm);
                            done += end - s;
                            sink.accept(slice, done);
                        }
                    }
                    if (carry != null) {
                        carry.close();
                        carry = null;
                    }
                    if (whole < size) {
                        carry = shuffled.get(new NDIndex("{}:", whole));
                        carry.attach(em);
                    }
                }
            }
        }

        /** The rows of block {@code b} that are not validation rows, as float32 row-major. */
        private float[] trainingRows(int b, int c) {
            Matrix block = readBlock(b);
            int from = firstAtOrAbove(offsets[b]);
            int to = firstAtOrAbove(offsets[b + 1]);
            int n = block.rows() - (to - from);
            float[] out = new float[n * c];
            double[] row = new double[c];
            int k = from;
            int filled = 0;
            for (int r = 0; r < block.rows(); r++) {
                if (k < to && validation[k] == offsets[b] + r) {
                    k++;
                    continue;
                }
                block.copyRow(r, row);
                for (int j = 0; j < c; j++) {
                    out[filled * c + j] = (float) row[j];
                }
                filled++;
            }
            return out;
        }

        private Matrix readBlock(int b) {
            Matrix block = table.block(b);
            if (block.rows() != table.blockSize(b) || block.cols() != table.columns()) {
                throw new InvalidInputException("training block " + b + ": expected " + table.blockSize(b) + " rows of "
                        + table.columns() + " columns but found " + block.rows() + " x " + block.cols());
            }
            return block;
        }

        /** The index of the first validation row ≥ {@code row} (the validation rows are sorted). */
        private int firstAtOrAbove(long row) {
            int i = java.util.Arrays.binarySearch(validation, row);
            return i >= 0 ? i : -i - 1;
        }

        private static float[] concat(List<float[]> parts, long rows, int c) {
            float[] out = new float[Math.toIntExact(rows * c)];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
    }

    /** Mean validation loss, gradients off, the same in-batch draws every time. */
    private double validate(TrainingObjective objective, ParameterStore store, NDManager run, NDArray valTable, long validationRows,
            long seed) {
        int nVal = Math.toIntExact(validationRows);
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

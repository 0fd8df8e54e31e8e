package org.robotphysicist.benchmarks.accuracy;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.surrogate.SequentialTraining;
import org.robotphysicist.engine.surrogate.SurrogateEnsembles;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.flow.FlowTrainer;
import org.robotphysicist.training.flow.FlowTrainingConfig;
import org.robotphysicist.training.ratio.RatioClassifierTrainer;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * The neural surrogate kinds the accuracy benchmark trains, and how: every kind is built in
 * {@link #train}, the one place to switch to a shared surrogate registry.
 *
 * <p>Each kind is trained on {@code simulations} joint draws (θ ~ prior, x ~ p(x | θ)), one event
 * per θ, with the same recipe ({@link Recipe}, by default: Adam at 10⁻³, constant rate, mini-batches
 * of max(50, budget/20) rows (18 steps per epoch from 10³ simulations on), 10% validation, at
 * most {@code maxEpochs} epochs, early stopping after 15 epochs without improvement keeping the
 * best weights. The number of optimizer steps is thus about the same at every budget (at most
 * 1800 at 100 epochs): larger budgets buy less noisy gradients, not longer training — a choice
 * made for a 2-core machine, which favours the small budgets less than a fixed batch size would.
 * Architectures are the trainers' defaults: MAF 5 × MADE(64, 64); NSF 3 × MADE(64, 64), 8 bins;
 * classifier MLP 3 × 64 SiLU in the likelihood-to-evidence form (Hermans et al. 2020), without
 * calibration or normalization (one observation: the evidence is a constant in θ).
 */
public final class SurrogateKinds {
    /** The kinds. */
    public enum Kind {
        MAF, NSF, CLASSIFIER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private SurrogateKinds() {
    }

    /** The kinds named in a comma-separated list ("all" for every one). */
    public static List<Kind> named(String names) {
        if (names.equals("all")) {
            return List.of(Kind.values());
        }
        return java.util.Arrays.stream(names.split(",")).map(String::trim).map(n -> {
            for (Kind k : Kind.values()) {
                if (k.label().equals(n)) {
                    return k;
                }
            }
            throw new InvalidInputException("kind: expected maf, nsf or classifier but found '" + n + "'");
        }).toList();
    }

    /**
     * How every kind is trained: Adam at {@code learningRate}, constant rate, mini-batches of
     * {@code batchSize} rows, 10% validation, at most {@code maxEpochs} epochs, early stopping after
     * {@code patience} epochs without improvement keeping the best weights.
     *
     * @param maxEpochs    the most epochs
     * @param batchSize    rows per mini-batch, or 0 for max(50, rows/20) (18 steps per epoch from 10³ rows on)
     * @param learningRate Adam's step size
     * @param patience     epochs without improvement before stopping
     * @param contrast     the classifier's contrastive loss: K candidate parameters per event at odds γ
     *                     ({@link RatioTrainingConfig.Contrast}; K = γ = 1: the binary cross-entropy)
     * @param classifierNetwork the classifier's hidden layer widths
     * @param flowNetwork  the hidden layer widths of each flow block's MADE
     * @param schedule     how the learning rate decays from {@code learningRate}
     */
    public record Recipe(int maxEpochs, int batchSize, double learningRate, int patience,
            RatioTrainingConfig.Contrast contrast,
            List<Integer> classifierNetwork, List<Integer> flowNetwork, LearningRateSchedule schedule) {
        /** The flows' default MADE hidden widths, 2 × 64. */
        public static final List<Integer> DEFAULT_FLOW_NETWORK = List.of(64, 64);

        public Recipe {
            classifierNetwork = List.copyOf(classifierNetwork);
            flowNetwork = List.copyOf(flowNetwork);
            java.util.Objects.requireNonNull(schedule, "schedule");
            java.util.Objects.requireNonNull(contrast, "contrast");
        }

        /**
         * 100 epochs, max(50, rows/20) rows per batch, 10⁻³, patience 15, the binary classifier loss
         * and its 3 × 64 network: the figures of benchmarks/README.
         */
        public static Recipe defaults() {
            return new Recipe(100, 0, 1e-3, 15, RatioTrainingConfig.Contrast.binary(),
                    RatioTrainingConfig.defaults().hiddenWidths(), DEFAULT_FLOW_NETWORK,
                    LearningRateSchedule.constant());
        }

        /**
         * A schedule written as {@code constant}, {@code cosine} (to 1% of the base rate over the
         * most epochs), {@code cosine:F} (to F of it) or {@code plateau:P} (halved after P epochs
         * without a validation improvement, down to 1%).
         */
        public static LearningRateSchedule schedule(String text) {
            String[] parts = text.trim().split(":", 2);
            String name = parts[0];
            boolean argument = parts.length == 2;
            try {
                if (name.equals("constant") && !argument) {
                    return LearningRateSchedule.constant();
                }
                if (name.equals("cosine")) {
                    return LearningRateSchedule.cosine(argument ? Double.parseDouble(parts[1]) : 0.01);
                }
                if (name.equals("plateau") && argument) {
                    return LearningRateSchedule.plateau(0.5, Integer.parseInt(parts[1]), 0.01);
                }
            } catch (NumberFormatException e) {
                // reported below with the text as given
            }
            throw new InvalidInputException("learning-rate schedule: expected constant, cosine, cosine:F or plateau:P"
                    + " but found '" + text + "'");
        }

        /** Hidden widths written as "3x64" (three layers of 64) or "128,64"; refused unless positive. */
        public static List<Integer> network(String text) {
            try {
                String[] byCount = text.split("x");
                List<Integer> widths = byCount.length == 2 ? java.util.Collections.nCopies(
                        Integer.parseInt(byCount[0].trim()), Integer.parseInt(byCount[1].trim()))
                        : java.util.Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).toList();
                if (!widths.isEmpty() && widths.stream().allMatch(w -> w > 0)) {
                    return widths;
                }
            } catch (IllegalArgumentException e) {
                // a number that does not parse, or a negative count: reported below with the text as given
            }
            throw new InvalidInputException("network: expected LAYERSxWIDTH (e.g. 3x64) or positive widths"
                    + " (e.g. 128,64) but found '" + text + "'");
        }

        /** The loop for a training table of {@code rows} rows. */
        TrainingLoopConfig loop(int rows, long seed) {
            int batch = batchSize > 0 ? batchSize : Math.max(50, rows / 20);
            return TrainingLoopConfig.defaults().withBatchSize(batch).withMaxEpochs(maxEpochs)
                    .withLearningRate(learningRate, schedule).withValidation(0.1, patience)
                    .withSeed(seed);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Adam %.3g, batches of %s, at most %d epochs, patience %d%s",
                    learningRate, batchSize > 0 ? Integer.toString(batchSize) : "max(50, rows/20)", maxEpochs,
                    patience, (contrast.isBinary() ? "" : ", classifier " + contrast)
                    + (classifierNetwork.equals(defaults().classifierNetwork()) ? ""
                            : ", classifier network " + classifierNetwork)
                    + (flowNetwork.equals(DEFAULT_FLOW_NETWORK) ? "" : ", flow MADE widths " + flowNetwork)
                    + switch (schedule.kind()) {
                        case CONSTANT -> "";
                        case COSINE -> ", cosine decay to " + schedule.finalFraction() + " of the rate";
                        case PLATEAU -> ", rate times " + schedule.plateauFactor() + " after "
                                + schedule.plateauPatience() + " epochs without improvement";
                        case EXPONENTIAL -> ", exponential decay to " + schedule.finalFraction() + " of the rate";
                    });
        }
    }

    /**
     * Trains {@code kind} on {@code simulations} simulations of {@code simulator}, θ from
     * {@code theta}. The surrogate evaluates outside the x range it saw in training with a
     * warning rather than refusing (an observation of an unbounded x may lie outside a small
     * training set's range). The caller closes it.
     */
    public static TrainedSurrogate train(Kind kind, Simulator simulator, ParameterSampler theta, int simulations,
            Recipe recipe, long seed) {
        return train(kind, simulator, theta, simulations, recipe, seed, seed);
    }

    /**
     * Trains {@code members} networks of {@code kind} on the same {@code simulations} simulations (the
     * budget is the budget: the members share it) with training seeds
     * {@link SurrogateEnsembles#memberSeed}(seed, m), so they differ in initialization, shuffles and
     * validation split only; member 0 is {@link #train}'s network. One member is returned as it is,
     * several as a {@link SurrogateEnsemble}, whose posterior is the mixture of the member posteriors.
     * The caller closes it.
     */
    public static TrainedSurrogate trainEnsemble(Kind kind, Simulator simulator, ParameterSampler theta,
            int simulations, Recipe recipe, long seed, int members) {
        if (members < 1) {
            throw new InvalidInputException("ensemble: expected at least 1 member but found " + members);
        }
        if (members == 1) {
            return train(kind, simulator, theta, simulations, recipe, seed);
        }
        List<TrainedSurrogate> trained = new java.util.ArrayList<>();
        try {
            for (int m = 0; m < members; m++) {
                trained.add(train(kind, simulator, theta, simulations, recipe, seed,
                        SurrogateEnsembles.memberSeed(seed, m)));
            }
            return SurrogateEnsemble.of(trained);
        } catch (RuntimeException e) {
            trained.forEach(TrainedSurrogate::close);
            throw e;
        }
    }

    /** One network on the simulations of {@code dataSeed}, initialized and shuffled by {@code trainingSeed}. */
    private static TrainedSurrogate train(Kind kind, Simulator simulator, ParameterSampler theta, int simulations,
            Recipe recipe, long dataSeed, long trainingSeed) {
        ParameterSampler phi = ParameterSampler.fixed(new double[0]);
        TrainedSurrogate trained = switch (kind) {
            case MAF, NSF -> new FlowTrainer(flowConfig(kind, simulator, simulations, recipe, dataSeed,
                    trainingSeed), ProgressListener.none()).train(simulator, theta, phi);
            case CLASSIFIER -> new RatioClassifierTrainer(classifierConfig(simulations, recipe, dataSeed,
                    trainingSeed), ProgressListener.none()).train(simulator, theta, phi);
        };
        return warning(trained);
    }

    /**
     * Trains {@code kind} on one round's rows of sequential training ({@link SequentialTraining}),
     * with the recipe of a budget of that many rows, from {@code previous}'s weights where
     * given. The surrogate warns outside its x range, as {@link #train}'s does. The caller closes it.
     */
    public static TrainedSurrogate trainOn(Kind kind, Simulator simulator, SequentialTraining.RoundData data,
            TrainedSurrogate previous, Recipe recipe, long seed) {
        int rows = data.rows().size();
        TrainedSurrogate trained = switch (kind) {
            case MAF, NSF -> {
                FlowTrainer trainer = new FlowTrainer(flowConfig(kind, simulator, rows, recipe, seed, seed),
                        ProgressListener.none());
                yield (previous == null ? trainer : trainer.startingFrom((TrainedFlow) previous)).trainOn(
                        simulator.dimensions(), simulator.xSupport(), data.rows(), data.ranges(), data.source(),
                        data.hashes());
            }
            case CLASSIFIER -> {
                RatioClassifierTrainer trainer = new RatioClassifierTrainer(classifierConfig(rows, recipe, seed, seed),
                        ProgressListener.none());
                yield (previous == null ? trainer : trainer.startingFrom((ParameterizedRatioClassifier) previous))
                        .trainOn(simulator.dimensions(), data.rows(), data.ranges(), data.source(), data.hashes());
            }
        };
        return warning(trained);
    }

    /** The flow's configuration: simulations drawn with {@code dataSeed}, trained with {@code trainingSeed}. */
    private static FlowTrainingConfig flowConfig(Kind kind, Simulator simulator, int rows, Recipe recipe,
            long dataSeed, long trainingSeed) {
        int dx = simulator.dimensions().xDim();
        int context = simulator.dimensions().thetaDim() + simulator.dimensions().phiDim();
        FlowTrainingConfig defaults = FlowTrainingConfig.defaults(kind == Kind.MAF ? FlowSpec.Kind.MAF
                : FlowSpec.Kind.NSF, dx, context);
        return defaults.withNetwork(defaults.network().withHiddenWidths(recipe.flowNetwork()))
                .withData(rows, 1, dataSeed).withTraining(recipe.loop(rows, trainingSeed));
    }

    /** The classifier's configuration: simulations drawn with {@code dataSeed}, trained with {@code trainingSeed}. */
    private static RatioTrainingConfig classifierConfig(int rows, Recipe recipe, long dataSeed, long trainingSeed) {
        RatioTrainingConfig defaults = RatioTrainingConfig.defaults();
        return defaults.withNetwork(recipe.classifierNetwork(), defaults.activation()).withData(rows, 1, dataSeed)
                .withTraining(recipe.loop(rows, trainingSeed))
                .withContrast(recipe.contrast());
    }

    /** A copy of {@code trained} that warns outside its ranges instead of refusing; {@code trained} is closed. */
    private static TrainedSurrogate warning(TrainedSurrogate trained) {
        try (TrainedSurrogate strict = trained) {
            return strict.copyWithRangePolicy(RangePolicy.WARN);
        }
    }
}

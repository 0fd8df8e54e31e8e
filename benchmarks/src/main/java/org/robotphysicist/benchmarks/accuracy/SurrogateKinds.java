package org.robotphysicist.benchmarks.accuracy;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.flow.FlowSpec;
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
 * per θ, with the same optimizer loop ({@link #loop}): Adam at 10⁻³, constant rate, mini-batches
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

    /** The optimizer loop for a budget. */
    static TrainingLoopConfig loop(int simulations, int maxEpochs, long seed) {
        int batch = Math.max(50, simulations / 20);
        return TrainingLoopConfig.defaults().withBatchSize(batch).withMaxEpochs(maxEpochs)
                .withLearningRate(1e-3, LearningRateSchedule.constant()).withValidation(0.1, 15).withSeed(seed);
    }

    /**
     * Trains {@code kind} on {@code simulations} simulations of {@code simulator}, θ from
     * {@code theta}. The surrogate evaluates outside the x range it saw in training with a
     * warning rather than refusing (an observation of an unbounded x may lie outside a small
     * training set's range). The caller closes it.
     */
    public static TrainedSurrogate train(Kind kind, Simulator simulator, ParameterSampler theta, int simulations,
            int maxEpochs, long seed) {
        ParameterSampler phi = ParameterSampler.fixed(new double[0]);
        int dx = simulator.dimensions().xDim();
        int context = simulator.dimensions().thetaDim() + simulator.dimensions().phiDim();
        TrainedSurrogate trained = switch (kind) {
            case MAF, NSF -> new FlowTrainer(FlowTrainingConfig.defaults(kind == Kind.MAF ? FlowSpec.Kind.MAF
                    : FlowSpec.Kind.NSF, dx, context).withData(simulations, 1, seed).withTraining(loop(simulations,
                    maxEpochs, seed)), ProgressListener.none()).train(simulator, theta, phi);
            case CLASSIFIER -> new RatioClassifierTrainer(RatioTrainingConfig.defaults().withData(simulations, 1, seed)
                    .withTraining(loop(simulations, maxEpochs, seed)), ProgressListener.none())
                    .train(simulator, theta, phi);
        };
        try (TrainedSurrogate strict = trained) {
            return strict instanceof org.robotphysicist.models.flow.TrainedFlow f ? f.copyWithRangePolicy(RangePolicy.WARN)
                    : ((org.robotphysicist.models.ratio.ParameterizedRatioClassifier) strict)
                            .copyWithRangePolicy(RangePolicy.WARN);
        }
    }
}

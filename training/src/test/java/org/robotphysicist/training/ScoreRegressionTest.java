package org.robotphysicist.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.testing.WeinbergScoreError;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.data.SimulatedTrainingSet;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.flow.FlowTrainer;
import org.robotphysicist.training.flow.FlowTrainingConfig;
import org.robotphysicist.training.ratio.RatioClassifierTrainer;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * Networks trained with the joint-score regression ({@link ScoreRegressionObjective}) against the
 * same networks trained by their own loss alone, on Weinberg LO across the Z-side peak
 * (sin²θ<sub>W</sub> ∈ [0.15, 0.35], √s ∈ [76, 92] GeV), where the likelihood's θ-dependence
 * changes fastest with √s. The figure is the relative score error √(Σ (ŝ − s)²/Σ s²) on 4 000
 * fresh events at sin²θ<sub>W</sub> = 0.2312 (1 000 at each of 78, 82, 86 and 90 GeV), ŝ the
 * network's central difference over ±0.005 in θ and s the exact score: it must fall below half of
 * the unregressed network's, and below a bound per kind — trained from the simulator, and trained on
 * given events that carry their joint scores (as read from event files with {@code score:} columns).
 * (Measured: the spline flow 0.96 alone, 0.40 regressed with weight 1; the classifier 0.56 alone,
 * 0.08 regressed with weight 100.)
 */
class ScoreRegressionTest {
    private static final Box THETA = Box.interval(0.15, 0.35);
    private static final Box SQRT_S = Box.interval(76, 92);
    private static final double THETA0 = 0.2312;
    private static final double[] ENERGIES = {78, 82, 86, 90};
    private static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();
    private static final TrainedRanges RANGES = new TrainedRanges(THETA, SQRT_S, SIM.xSupport());

    private static TrainingLoopConfig loop(int epochs) {
        return TrainingLoopConfig.defaults().withBatchSize(512).withMaxEpochs(epochs)
                .withLearningRate(5e-3, LearningRateSchedule.cosine(0.05)).withValidation(0.1, 0).withSeed(3)
                .withDevice(DeviceRequest.CPU);
    }

    private static ParameterSampler sampler(Box box) {
        return ParameterSampler.of(new UniformBoxPrior(box));
    }

    /** A spline flow of 2 layers of MADE 2 × 32 on 30 000 rows, 8 epochs, weight 1: error below 0.5. */
    @Test
    void aFlowsScoreFollowsTheJointScore() {
        DoubleFunction<FlowTrainer> trainer = alpha -> new FlowTrainer(new FlowTrainingConfig(FlowSpec.nsf(1, 2, 2,
                List.of(32, 32), 8, 2.5), 30_000, 1, 17, loop(8), alpha), null);
        assertRegressionHelps("nsf", 1, 0.5, alpha -> trainer.apply(alpha).train(SIM, sampler(THETA), sampler(SQRT_S)),
                (alpha, given) -> trainer.apply(alpha).trainOn(SIM.dimensions(), SIM.xSupport(), given.events(),
                        given.scores(), RANGES, Map.of(), Map.of()));
    }

    /**
     * A likelihood-to-evidence classifier of 2 × 32 SiLU on 30 000 rows, 40 epochs, without
     * normalization, weight 100 (the kind's default): error below 0.15.
     */
    @Test
    void aClassifiersScoreFollowsTheJointScore() {
        DoubleFunction<RatioClassifierTrainer> trainer = alpha -> new RatioClassifierTrainer(RatioTrainingConfig
                .defaults().withNetwork(List.of(32, 32), ActivationFunction.SILU).withData(30_000, 1, 17)
                .withTraining(loop(40)).withScoreWeight(alpha), null);
        assertRegressionHelps("classifier", 100, 0.15, alpha -> trainer.apply(alpha).train(SIM, sampler(THETA),
                sampler(SQRT_S)), (alpha, given) -> trainer.apply(alpha).trainOn(SIM.dimensions(), given.events(),
                given.scores(), RANGES, Map.of(), Map.of()));
    }

    /**
     * Errors of the network trained from the simulator without and with the regression, and of the
     * network trained with it on 30 000 given events with their joint scores (their own draw).
     */
    private static void assertRegressionHelps(String what, double weight, double bound,
            DoubleFunction<? extends SurrogateLikelihood> train,
            BiFunction<Double, JointScoreSimulator.ScoredEvents, ? extends SurrogateLikelihood> trainOnGiven) {
        JointScoreSimulator.ScoredEvents given = SimulatedTrainingSet.jointWithScores(SIM, sampler(THETA),
                sampler(SQRT_S), 30_000, 1, new SplittableRandom(23));
        double[] errors = new double[3];
        double[] weights = {0, weight, weight};
        for (int i = 0; i < 3; i++) {
            SurrogateLikelihood trained = i < 2 ? train.apply(weights[i]) : trainOnGiven.apply(weight, given);
            try {
                errors[i] = WeinbergScoreError.relative(trained, THETA0, ENERGIES);
            } finally {
                if (trained instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        System.out.printf("%s relative score error: own loss alone %.3f, with score regression (weight %.0f) %.3f,"
                + " on given events with their scores %.3f%n", what, errors[0], weight, errors[1], errors[2]);
        for (int i = 1; i < 3; i++) {
            assertTrue(errors[i] < 0.5 * errors[0] && errors[i] < bound, String.format("%s relative score error with"
                    + " score regression %s %.3f, expected below half of the unregressed %.3f and below %.2f", what,
                    i == 1 ? "from the simulator" : "on given events", errors[i], errors[0], bound));
        }
    }
}

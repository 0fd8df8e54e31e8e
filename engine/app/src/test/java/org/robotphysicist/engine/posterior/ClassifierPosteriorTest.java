package org.robotphysicist.engine.posterior;

import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.ratio.RatioClassifierTrainer;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * The grid posterior from a likelihood-to-evidence classifier matches the exact one on the toy
 * Gaussian: 200 events x ~ N(0.3, 1), prior U(−1, 1), a classifier trained on 400 000 joint draws
 * at φ = 1 and normalized with 40 000 reference events. Mean within 0.1 exact sd, sd within 10%.
 */
class ClassifierPosteriorTest {

    @Test
    void classifierPosteriorMatchesTheExactOne() {
        ToyGaussianSimulator toy = new ToyGaussianSimulator();
        double[] phi = {1.0};
        Matrix x = toy.simulate(new double[] {0.3}, phi, 200, new SplittableRandom(12));
        UniformBoxPrior prior = UniformBoxPrior.interval(-1, 1);
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(1024).withMaxEpochs(8)
                .withLearningRate(2e-3, LearningRateSchedule.cosine(0.02)).withValidation(0, 0).withSeed(3)
                .withDevice(DeviceRequest.CPU);
        RatioTrainingConfig config = RatioTrainingConfig.defaults().withNetwork(List.of(64, 64, 64), ActivationFunction.SILU)
                .withData(400_000, 1, 4).withTraining(training)
                .withNormalization(RatioTrainingConfig.Normalization.of(40_000));
        RegularGrid grid = RegularGrid.of(-1, 1, 401);
        List<String> names = List.of("mu");
        GridPosterior exact = GridPosterior.fromLogLikelihood(prior, grid, names,
                new ExactLikelihood(toy).summedLogLikelihood(x, grid.points(), phi));
        try (ParameterizedRatioClassifier c = new RatioClassifierTrainer(config, null).train(toy,
                ParameterSampler.of(prior), ParameterSampler.fixed(phi))) {
            GridPosterior learned = GridPosterior.fromLogLikelihood(prior, grid, names,
                    c.summedLogLikelihood(x, grid.points(), phi));
            double sd = exact.standardDeviation()[0];
            double shift = (learned.mean()[0] - exact.mean()[0]) / sd;
            double ratio = learned.standardDeviation()[0] / sd;
            System.out.printf("classifier posterior: mean %.5f sd %.5f; exact %.5f sd %.5f; shift %.3f sd, sd ratio %.4f%n",
                    learned.mean()[0], learned.standardDeviation()[0], exact.mean()[0], sd, shift, ratio);
            assertClose("(classifier mean - exact mean) / exact sd", 0, shift, 0.1);
            assertClose("classifier sd / exact sd", 1, ratio, 0.1);
        }
    }
}

package org.robotphysicist.training.ratio;

import java.util.List;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.testing.SurrogateContractTest;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * One likelihood-to-evidence classifier on the shared toy problem (x ~ N(θ, φ), θ ~ U(−1, 1),
 * φ ~ U(0.5, 2)), trained once per test JVM and shared by the test classes that only read it.
 */
final class ToyRatioClassifiers {
    private static ParameterizedRatioClassifier toy;

    private ToyRatioClassifiers() {
    }

    /**
     * The configuration of the shared toy classifier: 200 000 joint draws, a 3 × 64 SiLU network,
     * batches of 512, 20 epochs of Adam at 2·10⁻³ with cosine decay (no early stopping), CPU.
     */
    static RatioTrainingConfig config() {
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(512).withMaxEpochs(20)
                .withLearningRate(2e-3, LearningRateSchedule.cosine(0.05)).withValidation(0.1, 0).withSeed(7)
                .withDevice(DeviceRequest.CPU);
        return RatioTrainingConfig.defaults().withNetwork(List.of(64, 64, 64), ActivationFunction.SILU)
                .withData(200_000, 1, 11).withTraining(training);
    }

    static synchronized ParameterizedRatioClassifier toy() {
        if (toy == null) {
            var p = SurrogateContractTest.PROBLEM;
            long t0 = System.nanoTime();
            toy = new RatioClassifierTrainer(config(), ProgressListenerForTests.INSTANCE).train(p.simulator,
                    ParameterSampler.of(UniformBoxPrior.interval(p.thetaLower, p.thetaUpper)),
                    ParameterSampler.of(UniformBoxPrior.interval(p.phiLower, p.phiUpper)));
            System.out.printf("toy classifier trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        return toy;
    }
}

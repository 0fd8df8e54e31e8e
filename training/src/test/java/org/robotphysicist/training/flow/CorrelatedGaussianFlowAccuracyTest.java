package org.robotphysicist.training.flow;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.testing.StatisticalAssertions;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.data.SimulatedTrainingSet;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * A MAF learns a 2-D Gaussian whose correlation is the parameter ({@link CorrelatedGaussianSimulator},
 * ρ ~ U(−0.8, 0.8), σ ~ U(0.5, 2)): on 20 000 fresh joint draws its mean negative
 * log-likelihood is within 0.05 nats of the exact one.
 */
class CorrelatedGaussianFlowAccuracyTest {
    private static final double TOLERANCE_NATS = 0.05;

    @Test
    void heldOutNegativeLogLikelihoodMatchesTheExactOne() {
        CorrelatedGaussianSimulator sim = new CorrelatedGaussianSimulator();
        ParameterSampler theta = ParameterSampler.of(UniformBoxPrior.interval(-0.8, 0.8));
        ParameterSampler phi = ParameterSampler.of(UniformBoxPrior.interval(0.5, 2));
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(1024).withMaxEpochs(25)
                .withLearningRate(5e-3, LearningRateSchedule.cosine(0.05)).withValidation(0.1, 0).withSeed(3)
                .withDevice(DeviceRequest.CPU);
        FlowTrainingConfig config = new FlowTrainingConfig(FlowSpec.maf(2, 2, 4, List.of(32, 32)), 60_000, 1, 17,
                training);
        long t0 = System.nanoTime();
        try (TrainedFlow flow = new FlowTrainer(config, ToyFlows.PRINT).train(sim, theta, phi)) {
            System.out.printf("correlated Gaussian MAF trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            EventDataset held = SimulatedTrainingSet.joint(sim, theta, phi, 20_000, 1, new SplittableRandom(404));
            HeldOutGap g = HeldOutGap.of(flow, sim, held.x(), held.theta(), held.phi());
            System.out.println("correlated Gaussian MAF: " + g);
            StatisticalAssertions.assertClose("2-D correlated Gaussian held-out NLL (" + g + ")", g.exactNll(),
                    g.flowNll(), TOLERANCE_NATS);
        }
    }
}

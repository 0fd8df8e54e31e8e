package org.robotphysicist.training.flow;

import java.util.List;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.testing.SurrogateContractTest;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.TrainingProgress;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * A MAF and an NSF on the shared toy problem (x ~ N(θ, φ), θ ~ U(−1, 1), variance φ ~ U(0.5, 2)),
 * each trained once per test JVM and shared by the test classes that only read them.
 */
final class ToyFlows {
    /** Prints epoch ends, so a slow or failing test shows its training curve. */
    static final ProgressListener PRINT = p -> {
        if (p.stage() != TrainingProgress.Stage.BATCHES) {
            System.out.println(p.message());
        }
    };

    private static TrainedFlow maf;
    private static TrainedFlow nsf;

    private ToyFlows() {
    }

    /**
     * 40 000 joint draws; MAF of 3 layers or NSF of 2 layers (8 bins on [−4, 4]), MADE 2 × 32;
     * batches of 1024, 20 epochs of Adam at 5·10⁻³ with cosine decay, 10% validation (the best
     * epoch is kept), CPU.
     */
    static FlowTrainingConfig config(FlowSpec.Kind kind) {
        FlowSpec spec = kind == FlowSpec.Kind.MAF ? FlowSpec.maf(1, 2, 3, List.of(32, 32))
                : FlowSpec.nsf(1, 2, 2, List.of(32, 32), 8, 4.0);
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(1024).withMaxEpochs(20)
                .withLearningRate(5e-3, LearningRateSchedule.cosine(0.05)).withValidation(0.1, 0).withSeed(5)
                .withDevice(DeviceRequest.CPU);
        return new FlowTrainingConfig(spec, 40_000, 1, 13, training);
    }

    static synchronized TrainedFlow maf() {
        if (maf == null) {
            maf = train(FlowSpec.Kind.MAF);
        }
        return maf;
    }

    static synchronized TrainedFlow nsf() {
        if (nsf == null) {
            nsf = train(FlowSpec.Kind.NSF);
        }
        return nsf;
    }

    static TrainedFlow of(FlowSpec.Kind kind) {
        return kind == FlowSpec.Kind.MAF ? maf() : nsf();
    }

    private static TrainedFlow train(FlowSpec.Kind kind) {
        var p = SurrogateContractTest.PROBLEM;
        long t0 = System.nanoTime();
        TrainedFlow flow = new FlowTrainer(config(kind), PRINT).train(p.simulator,
                ParameterSampler.of(UniformBoxPrior.interval(p.thetaLower, p.thetaUpper)),
                ParameterSampler.of(UniformBoxPrior.interval(p.phiLower, p.phiUpper)));
        System.out.printf("toy %s trained in %.1f s%n", kind, (System.nanoTime() - t0) / 1e9);
        return flow;
    }
}

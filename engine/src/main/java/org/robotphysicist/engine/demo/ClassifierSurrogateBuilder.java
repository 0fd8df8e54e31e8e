package org.robotphysicist.engine.demo;

import java.util.List;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.models.neural.Activation;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.TrainingConfig;
import org.robotphysicist.training.TrainingProgress;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.ratio.RatioClassifierTrainer;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * {@code --surrogate classifier}: a likelihood-to-evidence ratio classifier (3 × 64 SiLU) trained
 * on joint draws θ ~ U(prior), x ~ p(x | θ, φ) at the demo's φ, then normalized per θ
 * ({@link org.robotphysicist.models.ratio.EvidenceNormalization}) because the demo's posterior
 * multiplies 5 000 per-event ratios.
 */
public final class ClassifierSurrogateBuilder implements SurrogateBuilder {
    @Override
    public String name() {
        return "classifier";
    }

    @Override
    public String description() {
        return "parameterized likelihood-ratio classifier (CARL, likelihood-to-evidence) trained with DJL";
    }

    /**
     * Reference events per observed event for the normalization: its Monte Carlo error moves the posterior
     * by a normal deviate of about √(1/this) = 0.1 sd at the event count it was fitted for
     * (docs/classifier-normalization.md).
     */
    public static final int NORMALIZATION_PER_EVENT = 100;

    /**
     * The training configuration the demo uses for {@code config}: batches of 2048, Adam at
     * 2·10⁻³ with cosine decay, 10% of the rows held out for validation and the epoch of least
     * validation loss kept (the likelihood-to-evidence validation loss uses the same θ shuffles
     * every epoch, so epochs are compared on equal terms). The normalization uses
     * {@value #NORMALIZATION_PER_EVENT} reference events per observed event, since a posterior
     * from N events is N times as sensitive to it as one event is.
     */
    public static RatioTrainingConfig trainingConfig(DemoConfig c, long seed) {
        TrainingConfig training = new TrainingConfig(2048, c.trainingEpochs(), 2e-3, LearningRateSchedule.cosine(0.02),
                0.1, 0, 0, 0, 0, seed, c.device());
        return RatioTrainingConfig.defaults().withNetwork(List.of(64, 64, 64), Activation.SILU)
                .withData(c.trainingRows(), 1, seed + 1).withTraining(training)
                .withNormalization(RatioTrainingConfig.Normalization.forEvents(c.events(), NORMALIZATION_PER_EVENT));
    }

    @Override
    public Built build(Request r) {
        RatioTrainingConfig config = trainingConfig(r.config(), r.rng().nextLong());
        ProgressListener progress = p -> {
            if (p.stage() != TrainingProgress.Stage.BATCHES) {
                r.log().accept("  " + p.message());
            }
        };
        ParameterizedRatioClassifier c = new RatioClassifierTrainer(config, progress).train(r.simulator(),
                ParameterSampler.of(new UniformBoxPrior(r.thetaRange())), ParameterSampler.fixed(r.phi()));
        boolean fellBack = c.provenance().versions().getOrDefault("device", "").startsWith("cpu")
                && r.config().device().kind() == org.robotphysicist.training.device.DeviceRequest.Kind.GPU;
        return new Built(c, String.format("classifier %s, %d simulated rows, %d epochs on %s", c.network().spec(),
                r.config().trainingRows(), c.trainingCurve().epochs().size(), c.provenance().versions().get("device")),
                fellBack);
    }
}

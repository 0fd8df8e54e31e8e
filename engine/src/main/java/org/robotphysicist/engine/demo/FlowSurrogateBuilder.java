package org.robotphysicist.engine.demo;

import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.TrainingConfig;
import org.robotphysicist.training.TrainingProgress;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.flow.FlowTrainer;
import org.robotphysicist.training.flow.FlowTrainingConfig;

/**
 * {@code --surrogate maf} and {@code --surrogate nsf}: a conditional normalizing flow p̂(x | θ, φ)
 * trained by maximum likelihood on joint draws θ ~ U(prior), x ~ p(x | θ, φ) at the demo's φ.
 * A flow is normalized over x for every θ by construction, so no evidence normalization is
 * needed. Each kind is its own registered subclass ({@link Maf}, {@link Nsf}).
 *
 * <p>With one-dimensional x (the demo's cos θ*) every MAF layer is affine in x, so a MAF is a
 * conditional Gaussian: its posterior uses how the mean and spread of cos θ* move with θ. The
 * spline flow models the full angular shape.
 */
public abstract class FlowSurrogateBuilder implements SurrogateBuilder {
    private final FlowSpec.Kind kind;

    private FlowSurrogateBuilder(FlowSpec.Kind kind) {
        this.kind = kind;
    }

    @Override
    public final String name() {
        return TrainedFlow.kindOf(kind);
    }

    /**
     * The training configuration the demo uses: for x of dimension {@code xDim} and a context of
     * {@code contextDim}, a MAF of 5 layers or an NSF of 3 layers (10 bins on [−3, 3]) with MADE
     * 2 × 64; the configured rows and epochs, batches of 2048, Adam at 3·10⁻³ with cosine decay,
     * 5% validation with the best epoch kept, on the configured device.
     */
    public static FlowTrainingConfig trainingConfig(FlowSpec.Kind kind, int xDim, int contextDim, int rows, int epochs,
            DeviceRequest device, long seed) {
        FlowSpec spec = kind == FlowSpec.Kind.MAF ? FlowSpec.maf(xDim, contextDim, 5, List.of(64, 64))
                : FlowSpec.nsf(xDim, contextDim, 3, List.of(64, 64), 10, FlowSpec.DEFAULT_TAIL_BOUND);
        TrainingConfig training = new TrainingConfig(2048, epochs, 3e-3, LearningRateSchedule.cosine(0.02), 0.05, 0, 0,
                0, 0, seed, device);
        return new FlowTrainingConfig(spec, rows, 1, seed + 1, training);
    }

    @Override
    public final Built build(Request r) {
        var dims = r.simulator().dimensions();
        DemoConfig c = r.config();
        FlowTrainingConfig config = trainingConfig(kind, dims.xDim(), dims.thetaDim() + dims.phiDim(),
                c.trainingRows(), c.trainingEpochs(), c.device(), r.rng().nextLong());
        ProgressListener progress = p -> {
            if (p.stage() != TrainingProgress.Stage.BATCHES) {
                r.log().accept("  " + p.message());
            }
        };
        TrainedFlow flow = new FlowTrainer(config, progress).train(r.simulator(),
                ParameterSampler.of(new UniformBoxPrior(r.thetaRange())), ParameterSampler.fixed(r.phi()));
        String device = flow.provenance().versions().getOrDefault("device", "");
        boolean fellBack = device.startsWith("cpu") && c.device().kind() == DeviceRequest.Kind.GPU;
        return new Built(flow, String.format(Locale.ROOT, "%s flow %s, %d simulated rows, %d epochs on %s",
                name(), flow.spec().hiddenWidths(), c.trainingRows(), flow.trainingCurve().epochs().size(), device),
                fellBack);
    }

    /** {@code --surrogate maf}. */
    public static final class Maf extends FlowSurrogateBuilder {
        public Maf() {
            super(FlowSpec.Kind.MAF);
        }

        @Override
        public String description() {
            return "conditional masked autoregressive flow (MAF) trained by maximum likelihood with DJL";
        }
    }

    /** {@code --surrogate nsf}. */
    public static final class Nsf extends FlowSurrogateBuilder {
        public Nsf() {
            super(FlowSpec.Kind.NSF);
        }

        @Override
        public String description() {
            return "conditional rational-quadratic neural spline flow (NSF) trained by maximum likelihood with DJL";
        }
    }
}

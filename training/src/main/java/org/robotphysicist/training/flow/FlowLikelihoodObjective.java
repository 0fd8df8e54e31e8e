package org.robotphysicist.training.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.robotphysicist.models.flow.ConditionalFlow;
import org.robotphysicist.training.TrainingObjective;

/**
 * Maximum likelihood for a {@link ConditionalFlow}: the loss of a batch of B standardized rows
 * z = [x | θ | φ] (the layout of {@code EventDataset.table()}) is the mean negative
 * log-likelihood
 * <pre>
 *   ℓ = −(1/B) Σ_b log p_{flow}(z_{x,b} | z_{θ,b}, z_{φ,b})
 * </pre>
 * in standardized units (nats). Its minimizer over the flow's parameters minimizes
 * E<sub>θ,φ</sub> KL(p(x | θ, φ) ‖ p<sub>flow</sub>(x | θ, φ)); in original units the loss differs
 * by the constant Σ<sub>d</sub> log s<sub>x,d</sub> of the x standardizer. No in-batch randomness.
 */
public final class FlowLikelihoodObjective implements TrainingObjective {
    private final ConditionalFlow flow;

    /** @param flow an initialized flow whose context is (θ, φ) */
    public FlowLikelihoodObjective(ConditionalFlow flow) {
        this.flow = flow;
    }

    @Override
    public Block block() {
        return flow;
    }

    /** D<sub>x</sub> + D<sub>θ</sub> + D<sub>φ</sub>. */
    @Override
    public int columns() {
        return flow.spec().xDim() + flow.spec().contextDim();
    }

    @Override
    public NDArray loss(ParameterStore parameters, NDArray batch, boolean training, SplittableRandom rng) {
        return flow.meanNegativeLogLikelihood(parameters, batch, training);
    }

    @Override
    public String name() {
        return "nll-" + flow.spec().kind().name().toLowerCase(java.util.Locale.ROOT);
    }
}

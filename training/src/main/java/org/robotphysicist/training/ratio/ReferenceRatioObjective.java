package org.robotphysicist.training.ratio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.robotphysicist.training.TrainingObjective;

/**
 * The binary cross-entropy of labelled rows (z, y): the standardized classifier input z in the
 * first D columns and the class y ∈ {0, 1} in the last. This is CARL's reference form (Cranmer,
 * Pavez &amp; Louppe 2015) when class 1 holds x ~ p(x | θ, φ) and class 0 holds x ~ p(x | θ₁, φ),
 * and at the optimum the logit is log p(x | θ, φ) − log p(x | θ₁, φ) + log(N₁/N₀).
 */
public final class ReferenceRatioObjective implements TrainingObjective {
    private final Block block;
    private final int inputs;

    /** @param inputs D, the network's input width */
    public ReferenceRatioObjective(Block block, int inputs) {
        this.block = block;
        this.inputs = inputs;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public int columns() {
        return inputs + 1;
    }

    @Override
    public NDArray loss(ParameterStore parameters, NDArray batch, boolean training, SplittableRandom rng) {
        NDArray z = batch.get(new NDIndex(":, 0:{}", inputs));
        NDArray y = batch.get(new NDIndex(":, {}:", inputs));
        NDArray logits = block.forward(parameters, new NDList(z), training).singletonOrThrow();
        return BinaryCrossEntropy.withLogits(logits, y);
    }

    @Override
    public String name() {
        return "bce-reference";
    }
}

package org.robotphysicist.training.ratio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.robotphysicist.training.TrainingLoop;
import org.robotphysicist.training.TrainingObjective;

/**
 * The likelihood-to-evidence objective (Hermans, Begy &amp; Louppe 2020, "Likelihood-free MCMC
 * with amortized approximate ratio estimators"). A batch holds B standardized joint draws
 * z = (x, θ, φ) (columns x, then θ, then φ). Class 1 is the batch itself; class 0 is the same x
 * and φ with the θ rows permuted at random within the batch, which makes θ independent of (x, φ).
 * The network sees both halves in one forward pass of 2B rows, and the loss is the mean binary
 * cross-entropy of the 2B logits. At the optimum s(x, θ, φ) = log p(x | θ, φ) − log p(x | φ),
 * provided θ and φ were drawn independently.
 */
public final class LikelihoodToEvidenceObjective implements TrainingObjective {
    private final Block block;
    private final int dx;
    private final int dTheta;
    private final int dPhi;

    /** @param block a network (dx + dTheta + dPhi) → 1 */
    public LikelihoodToEvidenceObjective(Block block, int dx, int dTheta, int dPhi) {
        this.block = block;
        this.dx = dx;
        this.dTheta = dTheta;
        this.dPhi = dPhi;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public int columns() {
        return dx + dTheta + dPhi;
    }

    @Override
    public NDArray loss(ParameterStore parameters, NDArray batch, boolean training, SplittableRandom rng) {
        int b = Math.toIntExact(batch.getShape().get(0));
        NDArray perm = batch.getManager().create(TrainingLoop.permutationLong(b, rng));
        NDArray x = batch.get(new NDIndex(":, 0:{}", dx));
        NDArray theta = batch.get(new NDIndex(":, {}:{}", dx, dx + dTheta)).get(perm);
        NDArray phi = batch.get(new NDIndex(":, {}:", dx + dTheta));
        NDArray negatives = NDArrays.concat(new NDList(x, theta, phi), 1);
        NDArray logits = block.forward(parameters, new NDList(NDArrays.concat(new NDList(batch, negatives), 0)), training)
                .singletonOrThrow();
        return BinaryCrossEntropy.positivesAndNegatives(logits.get(new NDIndex("0:{}", b)),
                logits.get(new NDIndex("{}:", b)));
    }

    @Override
    public String name() {
        return "bce-likelihood-to-evidence";
    }
}

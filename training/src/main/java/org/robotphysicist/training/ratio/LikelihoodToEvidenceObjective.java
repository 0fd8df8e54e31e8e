package org.robotphysicist.training.ratio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.robotphysicist.models.neural.AlignedArrays;
import org.robotphysicist.training.TrainingLoop;
import org.robotphysicist.training.TrainingObjective;

/**
 * The likelihood-to-evidence objective (Hermans, Begy &amp; Louppe 2020, "Likelihood-free MCMC
 * with amortized approximate ratio estimators"), in its contrastive generalization
 * ({@link RatioTrainingConfig.Contrast}). A batch holds B standardized joint draws z = (x, θ, φ)
 * (columns x, then θ, then φ); the θ of other rows of the batch serve as draws from the prior,
 * independent of (x, φ). At the optimum s(x, θ, φ) = log p(x | θ, φ) − log p(x | φ), provided θ
 * and φ were drawn independently.
 *
 * <p><b>Binary</b> (K = γ = 1): class 1 is the batch itself, class 0 the same x and φ with the θ
 * rows permuted at random within the batch. The network sees both halves in one forward pass of
 * 2B rows, and the loss is the mean binary cross-entropy of the 2B logits.
 *
 * <p><b>Contrastive</b> (K candidates, odds γ): the rows are put in a random cyclic order; row b's
 * joint set is (θ_b, θ_{b+1}, …, θ_{b+K−1}) and its marginal set (θ_{b+1}, …, θ_{b+K}), neighbours
 * taken along the cycle, so no set holds θ_b twice and the marginal set never holds it (a batch of
 * B ≤ K rows uses K' = B − 1 candidates, which leaves the optimum unchanged). With s the (B, K)
 * logits of each set and c = log(K/γ), the loss is
 * <pre>
 *   ℓ = γ/(1 + γ) · mean_b [LSE(c, s^joint_b) − s^joint_{b,1}]  +  1/(1 + γ) · mean_b [LSE(c, s^marg_b) − c],
 * </pre>
 * the cross-entropy of the (K + 1)-class Bayes classifier. The two sets share K − 1 candidates, so
 * a step makes one forward pass of B(K + 1) rows, the distinct pairs (x_b, θ_{b+j}), j = 0…K, and
 * takes s^joint_b as their logits 0…K−1 and s^marg_b as 1…K. For K = γ = 1 it equals the binary loss.
 */
public final class LikelihoodToEvidenceObjective implements TrainingObjective {
    private final Block block;
    private final int dx;
    private final int dTheta;
    private final int dPhi;
    private final RatioTrainingConfig.Contrast contrast;

    /** The binary objective. @param block a network (dx + dTheta + dPhi) → 1 */
    public LikelihoodToEvidenceObjective(Block block, int dx, int dTheta, int dPhi) {
        this(block, dx, dTheta, dPhi, RatioTrainingConfig.Contrast.binary());
    }

    /** @param block a network (dx + dTheta + dPhi) → 1 */
    public LikelihoodToEvidenceObjective(Block block, int dx, int dTheta, int dPhi,
            RatioTrainingConfig.Contrast contrast) {
        this.block = block;
        this.dx = dx;
        this.dTheta = dTheta;
        this.dPhi = dPhi;
        this.contrast = contrast;
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
        return contrast.isBinary() ? binary(parameters, batch, training, rng)
                : contrastive(parameters, batch, training, rng);
    }

    private NDArray binary(ParameterStore parameters, NDArray batch, boolean training, SplittableRandom rng) {
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

    private NDArray contrastive(ParameterStore parameters, NDArray batch, boolean training, SplittableRandom rng) {
        int b = Math.toIntExact(batch.getShape().get(0));
        if (b < 2) {
            return binary(parameters, batch, training, rng);
        }
        int k = Math.min(contrast.classes(), b - 1);
        // Row p's joint set holds the candidates at cycle offsets 0..K-1 and its marginal set those at 1..K:
        // K + 1 distinct (x, θ) pairs per row, each evaluated once.
        int pairs = k + 1;
        long[] cycle = TrainingLoop.permutationLong(b, rng);
        long[] own = new long[b * pairs];
        long[] candidate = new long[b * pairs];
        for (int p = 0; p < b; p++) {
            for (int j = 0; j < pairs; j++) {
                own[p * pairs + j] = cycle[p];
                candidate[p * pairs + j] = cycle[(p + j) % b];
            }
        }
        NDArray ownRows = batch.getManager().create(own);
        NDArray candidateRows = batch.getManager().create(candidate);
        NDArray x = batch.get(new NDIndex(":, 0:{}", dx)).get(ownRows);
        NDArray theta = batch.get(new NDIndex(":, {}:{}", dx, dx + dTheta)).get(candidateRows);
        NDArray phi = batch.get(new NDIndex(":, {}:", dx + dTheta)).get(ownRows);
        NDArray logits = block.forward(parameters, new NDList(NDArrays.concat(new NDList(x, theta, phi), 1)), training)
                .singletonOrThrow().reshape(b, pairs);
        return loss(logits.get(new NDIndex(":, 0:{}", k)), logits.get(new NDIndex(":, 1:")), k, contrast.gamma());
    }

    /**
     * The contrastive cross-entropy of (B, K) logits: row b of {@code joint} has x_b's own θ first,
     * row b of {@code marginal} none of it (see the class comment). Built from number-free
     * operations and scalars owned by the logits' manager, so it can be differentiated.
     */
    static NDArray loss(NDArray joint, NDArray marginal, int classes, double gamma) {
        NDArray offset = AlignedArrays.scalarLike(joint, Math.log(classes / gamma));
        NDArray own = joint.get(new NDIndex(":, 0:1"));
        NDArray column = own.zerosLike().add(offset);
        NDArray jointLoss = NDArrays.concat(new NDList(column, own,
                saturated(joint.get(new NDIndex(":, 1:")), column, joint)), 1).logSoftmax(1)
                .get(new NDIndex(":, 1")).neg().mean();
        NDArray marginalLoss = NDArrays.concat(new NDList(column, saturated(marginal, column, marginal)), 1)
                .logSoftmax(1).get(new NDIndex(":, 0")).neg().mean();
        return jointLoss.mul(AlignedArrays.scalarLike(joint, gamma / (1 + gamma)))
                .add(marginalLoss.mul(AlignedArrays.scalarLike(joint, 1 / (1 + gamma))));
    }

    /**
     * The non-target logits of a row raised to at least its largest logit (over {@code column} and
     * {@code row}) less {@link BinaryCrossEntropy#SATURATION}: below that their softmax weight,
     * and so their gradient, is under e<sup>−40</sup>, and a smaller one would underflow into the
     * subnormal numbers that slow a CPU's backward pass (see {@link BinaryCrossEntropy}). The row's
     * log-sum-exp moves by less than K·e<sup>−40</sup>.
     */
    private static NDArray saturated(NDArray logits, NDArray column, NDArray row) {
        NDArray top = NDArrays.maximum(column, row.max(new int[] {1}, true)).stopGradient();
        return NDArrays.maximum(logits, top.sub(AlignedArrays.scalarLike(top, BinaryCrossEntropy.SATURATION)));
    }

    @Override
    public String name() {
        return contrast.isBinary() ? "bce-likelihood-to-evidence"
                : "contrastive-likelihood-to-evidence(K=" + contrast.classes() + ", gamma=" + contrast.gamma() + ")";
    }
}

package org.robotphysicist.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.neural.AlignedArrays;

/**
 * An objective plus the regression of the network's score on the simulator's joint score (the
 * SCANDAL and ALICES losses of Brehmer, Louppe, Pavez and Cranmer, "Mining gold from implicit
 * models to improve likelihood-free inference", PNAS 2020). A batch holds B standardized rows
 * [z | τ]: z the W columns the base objective reads ([x | θ | φ]), τ the joint score
 * ∇<sub>θ</sub> log p(x, z<sub>latent</sub> | θ, φ) with respect to the standardized θ
 * (D<sub>θ</sub> columns; τ = s<sub>θ</sub> ⊙ t for t in original units and θ-scales s<sub>θ</sub>).
 * With f(z) the network's log-value whose θ-derivative is the likelihood's score at the optimum —
 * log q(x | θ, φ) for a flow, the log-ratio logit log p(x | θ, φ) − log p(x | φ) for a classifier —
 * <pre>
 *   ℓ = ℓ_base(z)  +  α Σ_k (1/B) Σ_b (ŝ_k(z_b) − τ_{b,k})²
 *   ŝ_k(z) = (f(z + ε e_{θ,k}) − f(z − ε e_{θ,k})) / (2ε)
 * </pre>
 * The network's score ŝ is the central difference over ±ε = ±{@value #STEP} standardized units
 * along each θ direction (error O(ε²) from the third θ-derivative of f, far below the score's own
 * spread), so the loss needs 2·D<sub>θ</sub> extra forward passes and no second-order autograd.
 * Because E[τ | x, θ, φ] is the likelihood's score, the regression term's minimizer over ŝ is that
 * score: it adds no bias and tells the network directly, from every event, how p(x | θ, φ) changes
 * with θ, which the base objective learns only through small differences between neighbouring θ.
 */
public final class ScoreRegressionObjective implements TrainingObjective {
    /** ε, the half-step in standardized θ of the network's central-difference score. */
    public static final double STEP = 0.01;

    /** The network's log-value f of rows z: (B, W) → (B), differentiable in the parameters. */
    @FunctionalInterface
    public interface LogValue {
        NDArray apply(ParameterStore parameters, NDArray rows, boolean training);
    }

    private final TrainingObjective base;
    private final LogValue logValue;
    private final int thetaOffset;
    private final int thetaDim;
    private final double weight;

    /**
     * @param base        the objective whose W = {@code base.columns()} columns lead each row
     * @param logValue    f, evaluated on rows of W columns
     * @param thetaOffset the first θ column within those W (D<sub>x</sub>)
     * @param thetaDim    D<sub>θ</sub>, the number of score columns after the W
     * @param weight      α &gt; 0
     */
    public ScoreRegressionObjective(TrainingObjective base, LogValue logValue, int thetaOffset, int thetaDim,
            double weight) {
        if (thetaDim < 1 || thetaOffset < 0 || thetaOffset + thetaDim > base.columns()) {
            throw new DimensionMismatchException("score regression: expected theta columns within the "
                    + base.columns() + " the objective reads but found " + thetaDim + " from column " + thetaOffset);
        }
        if (!(requireWeight(weight) > 0)) {
            throw new InvalidInputException("score regression: expected a weight > 0 but found " + weight);
        }
        this.base = base;
        this.logValue = logValue;
        this.thetaOffset = thetaOffset;
        this.thetaDim = thetaDim;
        this.weight = weight;
    }

    /** Returns {@code weight} if it is a finite number ≥ 0 (0: no score regression), else throws naming it. */
    public static double requireWeight(double weight) {
        if (!(weight >= 0 && Double.isFinite(weight))) {
            throw new InvalidInputException("score weight: expected a finite value >= 0 (0: no score regression)"
                    + " but found " + weight);
        }
        return weight;
    }

    @Override
    public Block block() {
        return base.block();
    }

    /** W + D<sub>θ</sub>. */
    @Override
    public int columns() {
        return base.columns() + thetaDim;
    }

    @Override
    public NDArray loss(ParameterStore parameters, NDArray batch, boolean training, SplittableRandom rng) {
        int width = base.columns();
        NDArray rows = batch.get(new NDIndex(":, 0:" + width));
        NDArray loss = base.loss(parameters, rows, training, rng);
        NDArray inverseTwoSteps = AlignedArrays.scalarLike(batch, 1 / (2 * STEP));
        NDArray alpha = AlignedArrays.scalarLike(batch, weight);
        for (int k = 0; k < thetaDim; k++) {
            float[] step = new float[width];
            step[thetaOffset + k] = (float) STEP;
            NDArray shift = AlignedArrays.of(batch.getManager(), step, new Shape(1, width), batch.getDataType())
                    .toDevice(batch.getDevice(), false);
            NDArray up = logValue.apply(parameters, rows.add(shift), training);
            NDArray down = logValue.apply(parameters, rows.sub(shift), training);
            NDArray score = up.sub(down).mul(inverseTwoSteps);
            NDArray residual = score.sub(batch.get(new NDIndex(":, " + (width + k))));
            loss = loss.add(residual.square().mean().mul(alpha));
        }
        return loss;
    }

    @Override
    public String name() {
        return base.name() + "+score";
    }
}

package org.robotphysicist.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;

/**
 * What the {@link TrainingLoop} minimizes: a network and a loss computed from a mini-batch of rows of
 * the training table. The classifier's binary cross-entropies and the flows' negative
 * log-likelihood are objectives; the loop itself knows nothing about either.
 *
 * <p><b>A DJL hazard.</b> On the PyTorch engine, {@code NDArray} operations with a Java number
 * argument ({@code x.mul(0.5f)}, {@code x.div(n)}, {@code x.add(1)}, {@code Activation.swish})
 * wrap the number in a tensor over a Java buffer and close it right after the operation; autograd
 * keeps that tensor for the backward pass, which then reads freed memory (gradients silently vary
 * from run to run, or become NaN). In anything that is differentiated, use array operands that
 * stay alive until the step ends (created with the batch's manager) or number-free operations.
 */
public interface TrainingObjective {

    /** The network whose parameters are trained: initialized, on the trainer's device. */
    Block block();

    /** The number C of table columns the objective reads. */
    int columns();

    /**
     * The mean loss over the batch, a scalar.
     *
     * @param parameters the parameter store to forward the block with
     * @param batch      (B, C) rows of the training table, on the device; every array the loss
     *                   creates must come from operations on {@code batch} (so it belongs to
     *                   the batch's manager, which the trainer closes after the step)
     * @param training   true for optimization steps, false for validation
     * @param rng        this batch's own stream, for in-batch randomness (e.g. shuffles)
     */
    NDArray loss(ParameterStore parameters, NDArray batch, boolean training, SplittableRandom rng);

    /** A short name for logs and provenance. */
    String name();
}

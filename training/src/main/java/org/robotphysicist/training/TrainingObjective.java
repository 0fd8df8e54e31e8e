package org.robotphysicist.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;

/**
 * What the {@link Trainer} minimizes: a network and a loss computed from a mini-batch of rows of
 * the training table. The classifier's binary cross-entropies and the flows' negative
 * log-likelihood are objectives; the loop itself knows nothing about either.
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

package org.robotphysicist.engine.surrogate;

import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * A trained kind whose network can also start from a trained model's weights instead of a fresh
 * initialization (fine-tuning), as {@code rp design --refine --model FILE} does each round on the
 * simulations drawn from the current posterior. The new surrogate has the trained model's
 * architecture, input standardization and ranges; it trains with the request's controls (epochs,
 * batch size, learning rate, validation split, seed; the network-shape controls do not apply) on the
 * request's source, and keeps its best-validation epoch as every trained kind does. Optional: the
 * registry refuses to fine-tune a model no kind claims ({@link SurrogateRegistry#fineTune}).
 */
public interface FineTunableKind extends SurrogateKindProvider {

    /** Whether {@code trained} is a single network of this kind (an ensemble is not). */
    boolean canFineTune(TrainedSurrogate trained);

    /**
     * Trains a new surrogate on {@code request}'s source, starting from a copy of {@code trained}'s
     * weights. {@code trained} stays the caller's (read, never closed); the result owns native memory
     * of its own.
     *
     * @throws org.robotphysicist.data.InvalidInputException when {@code trained} is not of this kind, or its
     *                                                       names differ from the source's
     */
    BuiltSurrogate fineTune(TrainedSurrogate trained, SurrogateBuildRequest request);
}

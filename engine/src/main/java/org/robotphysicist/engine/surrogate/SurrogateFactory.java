package org.robotphysicist.engine.surrogate;

import org.robotphysicist.models.SurrogateLikelihood;

/**
 * Builds (tabulates or trains) one kind of {@link SurrogateLikelihood} for a simulator over a
 * θ range × φ range. Implementations take all randomness from the request's stream, so the same
 * request gives the same surrogate.
 */
@FunctionalInterface
public interface SurrogateFactory {

    /** The surrogate, valid on (at least) {@code request.thetaRange()} × {@code request.phiRange()}. */
    SurrogateLikelihood build(SurrogateRequest request);
}

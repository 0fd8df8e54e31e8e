package org.robotphysicist.engine.posterior;

import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.ForwardingSurrogate;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * A test surrogate that takes dimensions, ranges and normalization from another one
 * ({@link ForwardingSurrogate}) and supplies its own (deliberately wrong, failing or instrumented)
 * row-aligned log-likelihood.
 */
public abstract class DelegatingSurrogate implements ForwardingSurrogate {
    protected final SurrogateLikelihood inner;

    protected DelegatingSurrogate(SurrogateLikelihood inner) {
        this.inner = inner;
    }

    @Override
    public SurrogateLikelihood delegate() {
        return inner;
    }

    /** The surrogate's own log-likelihood: every subclass supplies one. */
    @Override
    public abstract double[] logLikelihood(Matrix x, Matrix theta, Matrix phi);
}

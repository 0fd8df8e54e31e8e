package org.robotphysicist.engine.posterior;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * A test surrogate that takes dimensions, ranges and normalization from another one and supplies
 * its own (deliberately wrong, failing or instrumented) row-aligned log-likelihood.
 */
public abstract class DelegatingSurrogate implements SurrogateLikelihood {
    protected final SurrogateLikelihood inner;

    protected DelegatingSurrogate(SurrogateLikelihood inner) {
        this.inner = inner;
    }

    @Override
    public Dimensions dimensions() {
        return inner.dimensions();
    }

    @Override
    public Box thetaRange() {
        return inner.thetaRange();
    }

    @Override
    public Box phiRange() {
        return inner.phiRange();
    }

    @Override
    public boolean isNormalized() {
        return inner.isNormalized();
    }
}

package org.robotphysicist.models;

import java.util.List;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.BoxUnion;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;

/**
 * A likelihood that forwards every question to another ({@link #delegate()}), for wrappers that
 * change one answer and keep the rest: a record implementing this names its delegate as its one
 * component and overrides only what it changes. Evaluation goes through the row-aligned
 * {@link #logLikelihood} (and the interface's default grid paths), not the delegate's own faster
 * ones.
 */
public interface ForwardingSurrogate extends SurrogateLikelihood {

    /** The likelihood asked for everything this one does not override. */
    SurrogateLikelihood delegate();

    @Override
    default Dimensions dimensions() {
        return delegate().dimensions();
    }

    @Override
    default Box thetaRange() {
        return delegate().thetaRange();
    }

    @Override
    default Box phiRange() {
        return delegate().phiRange();
    }

    @Override
    default BoxUnion phiUnion() {
        return delegate().phiUnion();
    }

    @Override
    default RangePolicy rangePolicy() {
        return delegate().rangePolicy();
    }

    @Override
    default boolean isNormalized() {
        return delegate().isNormalized();
    }

    @Override
    default double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
        return delegate().logLikelihood(x, theta, phi);
    }

    @Override
    default List<String> eventCountWarnings(long events) {
        return delegate().eventCountWarnings(events);
    }
}

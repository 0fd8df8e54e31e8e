package org.robotphysicist.models;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;

/**
 * A surrogate likelihood whose dimensions and θ/φ ranges are one {@link SurrogateDomain}, fixed
 * when it is built: {@link #dimensions()}, {@link #thetaRange()} and {@link #phiRange()} read it.
 */
public interface FixedDomainSurrogate extends SurrogateLikelihood {

    /** Its dimensions and the θ and φ boxes it is valid on. */
    SurrogateDomain domain();

    /** The dimensions of its {@link #domain()}. */
    @Override
    default Dimensions dimensions() {
        return domain().dimensions();
    }

    /** The θ box of its {@link #domain()}. */
    @Override
    default Box thetaRange() {
        return domain().thetaRange();
    }

    /** The φ box of its {@link #domain()}. */
    @Override
    default Box phiRange() {
        return domain().phiRange();
    }
}

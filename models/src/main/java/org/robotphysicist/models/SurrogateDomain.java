package org.robotphysicist.models;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;

/**
 * The names of θ, φ and x a surrogate was built for and the θ and φ boxes it is valid on (its
 * training or tabulation range): what a {@link FixedDomainSurrogate} holds.
 *
 * @param dimensions names of θ, φ and x
 * @param thetaRange the θ box, of dimension D<sub>θ</sub>
 * @param phiRange   the φ box, of dimension D<sub>φ</sub>
 */
public record SurrogateDomain(Dimensions dimensions, Box thetaRange, Box phiRange) {

    public SurrogateDomain {
        if (dimensions == null || thetaRange == null || phiRange == null) {
            throw new InvalidInputException("surrogate domain: expected dimensions, a theta box and a phi box but"
                    + " found " + dimensions + ", " + thetaRange + " and " + phiRange);
        }
        if (thetaRange.dim() != dimensions.thetaDim() || phiRange.dim() != dimensions.phiDim()) {
            throw new DimensionMismatchException("surrogate ranges: expected boxes of dimension "
                    + dimensions.thetaDim() + " and " + dimensions.phiDim() + " but found " + thetaRange.dim()
                    + " and " + phiRange.dim());
        }
    }
}

package org.robotphysicist.models;

import java.util.Arrays;
import java.util.Optional;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.BoxUnion;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.Require;

/**
 * Boundary checks shared by every {@link SurrogateLikelihood}: shapes that match the surrogate's
 * dimensions, finite values (guaranteed by {@link Matrix}), and θ, φ inside the surrogate's
 * ranges. Messages say what was expected and what was found.
 */
public final class SurrogateArguments {
    private SurrogateArguments() {
    }

    /** Checks a row-aligned call: x (B, D<sub>x</sub>), θ (B, D<sub>θ</sub>), φ (B, D<sub>φ</sub>). */
    public static void requireRowAligned(SurrogateLikelihood s, Matrix x, Matrix theta, Matrix phi) {
        requireRowShapes(s, x, theta, phi);
        s.thetaRange().requireRows("theta", theta);
        s.phiRange().requireRows("phi", phi);
    }

    /**
     * Checks only the shapes of a row-aligned call, for surrogates that apply their own range policy
     * (see {@code org.robotphysicist.models.RangePolicy}).
     */
    public static void requireRowShapes(SurrogateLikelihood s, Matrix x, Matrix theta, Matrix phi) {
        Dimensions d = s.dimensions();
        int b = x.requireShape("x", -1, d.xDim()).rows();
        theta.requireShape("theta", b, d.thetaDim());
        phi.requireShape("phi", b, d.phiDim());
    }

    /**
     * Checks a grid call: events (N ≥ 1, D<sub>x</sub>), grid (M ≥ 1, D<sub>θ</sub>), φ (D<sub>φ</sub>),
     * and, under {@link RangePolicy#FAIL}, θ and φ inside the surrogate's ranges (under
     * {@link RangePolicy#WARN} the surrogate's own evaluation warns).
     */
    public static void requireGridCall(SurrogateLikelihood s, Matrix events, Matrix thetaGrid, double[] phi) {
        requireGridShapes(s, events, thetaGrid, phi);
        if (s.rangePolicy() == RangePolicy.FAIL) {
            s.thetaRange().requireRows("theta grid", thetaGrid);
            s.phiRange().require("phi", phi);
        }
    }

    /** Checks only the shapes (and φ's finiteness) of a grid call. */
    public static void requireGridShapes(SurrogateLikelihood s, Matrix events, Matrix thetaGrid, double[] phi) {
        Dimensions d = s.dimensions();
        events.requireShape("events", -1, d.xDim()).requireNonEmpty("events");
        thetaGrid.requireShape("theta grid", -1, d.thetaDim()).requireNonEmpty("theta grid");
        Require.finiteVector("phi", phi, d.phiDim());
    }

    /**
     * Applies the surrogate's {@link RangePolicy} to a box of θ a computation will evaluate at (a
     * grid's bounds, a prior's support).
     *
     * @param what a name for the message, e.g. "prior support"
     * @return a warning when the box reaches outside {@link SurrogateLikelihood#thetaRange()} under
     *         {@link RangePolicy#WARN}; empty when it lies inside
     * @throws OutOfSupportException under {@link RangePolicy#FAIL} when it reaches outside
     */
    public static Optional<String> thetaBox(SurrogateLikelihood s, String what, Box theta) {
        if (theta.within(s.thetaRange())) {
            return Optional.empty();
        }
        String range = "the surrogate's theta range " + s.thetaRange();
        if (s.rangePolicy() == RangePolicy.FAIL) {
            throw new OutOfSupportException(what + ": expected a box inside " + range + " but found " + theta + "; "
                    + RangePolicy.HINT);
        }
        return Optional.of(extrapolated(what + " " + theta, range));
    }

    /**
     * Applies the surrogate's {@link RangePolicy} to one setting φ (of the right length), as
     * {@link #thetaBox} does to θ: inside one of the boxes of {@link SurrogateLikelihood#phiUnion()}.
     */
    public static Optional<String> phi(SurrogateLikelihood s, String what, double[] phi) {
        BoxUnion union = s.phiUnion();
        if (union.contains(phi)) {
            return Optional.empty();
        }
        if (s.rangePolicy() == RangePolicy.FAIL) {
            try {
                union.require(what + " (inside the surrogate's phi range)", phi);
            } catch (OutOfSupportException e) {
                throw new OutOfSupportException(e.getMessage() + "; " + RangePolicy.HINT);
            }
        }
        return Optional.of(extrapolated(what + " " + Arrays.toString(phi), "the surrogate's phi range " + union));
    }

    private static String extrapolated(String found, String range) {
        return found + " reaches outside " + range + "; evaluating anyway (RangePolicy.WARN): the surrogate"
                + " extrapolates there, unchecked by its training";
    }
}

package org.robotphysicist.models;

import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
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
     * (see {@code org.robotphysicist.models.file.RangePolicy}).
     */
    public static void requireRowShapes(SurrogateLikelihood s, Matrix x, Matrix theta, Matrix phi) {
        Dimensions d = s.dimensions();
        int b = x.requireShape("x", -1, d.xDim()).rows();
        theta.requireShape("theta", b, d.thetaDim());
        phi.requireShape("phi", b, d.phiDim());
    }

    /** Checks a grid call: events (N ≥ 1, D<sub>x</sub>), grid (M ≥ 1, D<sub>θ</sub>), φ (D<sub>φ</sub>). */
    public static void requireGridCall(SurrogateLikelihood s, Matrix events, Matrix thetaGrid, double[] phi) {
        requireGridShapes(s, events, thetaGrid, phi);
        s.thetaRange().requireRows("theta grid", thetaGrid);
        s.phiRange().require("phi", phi);
    }

    /** Checks only the shapes (and φ's finiteness) of a grid call. */
    public static void requireGridShapes(SurrogateLikelihood s, Matrix events, Matrix thetaGrid, double[] phi) {
        Dimensions d = s.dimensions();
        events.requireShape("events", -1, d.xDim()).requireNonEmpty("events");
        thetaGrid.requireShape("theta grid", -1, d.thetaDim()).requireNonEmpty("theta grid");
        Require.finiteVector("phi", phi, d.phiDim());
    }
}

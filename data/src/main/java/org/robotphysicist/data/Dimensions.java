package org.robotphysicist.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names, and so the dimensions, of the three kinds of vector in the problem: parameters of
 * nature θ (D<sub>θ</sub>), experiment settings φ (D<sub>φ</sub>) and one event x (D<sub>x</sub>).
 * Names label CSV columns, JSON outputs and plots.
 */
public record Dimensions(List<String> thetaNames, List<String> phiNames, List<String> xNames) {

    public Dimensions {
        thetaNames = List.copyOf(thetaNames);
        phiNames = List.copyOf(phiNames);
        xNames = List.copyOf(xNames);
        if (thetaNames.isEmpty() || phiNames.isEmpty() || xNames.isEmpty()) {
            throw new DimensionMismatchException("dimensions: expected at least one theta, phi and x name but found "
                    + thetaNames + ", " + phiNames + ", " + xNames);
        }
        Set<String> seen = new HashSet<>();
        for (List<String> names : List.of(thetaNames, phiNames, xNames)) {
            for (String n : names) {
                if (n.isBlank() || !n.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                    throw new InvalidInputException("dimension name: expected an identifier (letters, digits, '_', '.')"
                            + " but found '" + n + "'");
                }
                if (!seen.add(n)) {
                    throw new InvalidInputException("dimension names: expected unique names but '" + n
                            + "' appears twice");
                }
            }
        }
    }

    /** Single-name convenience for the common 1-D θ, 1-D φ, 1-D x case. */
    public static Dimensions of(String theta, String phi, String x) {
        return new Dimensions(List.of(theta), List.of(phi), List.of(x));
    }

    public int thetaDim() {
        return thetaNames.size();
    }

    public int phiDim() {
        return phiNames.size();
    }

    public int xDim() {
        return xNames.size();
    }

    /**
     * Requires another component (a surrogate, a dataset) to speak about the same vectors:
     * same dimension counts. Names are not compared, so a renamed column still fits.
     */
    public void requireCompatible(String what, Dimensions other) {
        if (other.thetaDim() != thetaDim() || other.phiDim() != phiDim() || other.xDim() != xDim()) {
            throw new DimensionMismatchException(what + ": expected (theta, phi, x) dimensions (" + thetaDim() + ", "
                    + phiDim() + ", " + xDim() + ") but found (" + other.thetaDim() + ", " + other.phiDim() + ", "
                    + other.xDim() + ")");
        }
    }
}

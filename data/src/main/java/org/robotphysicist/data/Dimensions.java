package org.robotphysicist.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names, and so the dimensions, of the three kinds of vector in the problem: parameters of
 * nature θ (D<sub>θ</sub>), experiment settings φ (D<sub>φ</sub>) and one event x (D<sub>x</sub>).
 * Names label CSV columns, JSON outputs and plots. θ and x have at least one component; φ may
 * have none (D<sub>φ</sub> = 0): a simulator whose experiments have no setting, whose likelihood
 * is p(x | θ) and whose φ vectors are empty.
 */
public record Dimensions(List<String> thetaNames, List<String> phiNames, List<String> xNames) {

    public Dimensions {
        thetaNames = List.copyOf(thetaNames);
        phiNames = List.copyOf(phiNames);
        xNames = List.copyOf(xNames);
        if (thetaNames.isEmpty() || xNames.isEmpty()) {
            throw new DimensionMismatchException("dimensions: expected at least one theta and one x name (phi may be"
                    + " empty) but found " + thetaNames + ", " + phiNames + ", " + xNames);
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

    /** θ and x names without any φ: experiments that have no setting. */
    public static Dimensions withoutPhi(List<String> thetaNames, List<String> xNames) {
        return new Dimensions(thetaNames, List.of(), xNames);
    }

    /** {@code prefix + 1}, …, {@code prefix + n}: names for the components of a vector. */
    public static List<String> numbered(String prefix, int n) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** Whether experiments have a setting at all (D<sub>φ</sub> ≥ 1). */
    public boolean hasPhi() {
        return !phiNames.isEmpty();
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

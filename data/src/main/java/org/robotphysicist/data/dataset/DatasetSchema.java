package org.robotphysicist.data.dataset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;

/**
 * The columns of an {@link EventDataset}, in storage order: x columns, then θ columns, then φ
 * columns. Observed data have x (and perhaps φ) but no θ; simulated training data have all three.
 */
public record DatasetSchema(List<String> xNames, List<String> thetaNames, List<String> phiNames) {

    public DatasetSchema {
        xNames = List.copyOf(xNames);
        thetaNames = List.copyOf(thetaNames);
        phiNames = List.copyOf(phiNames);
        if (xNames.isEmpty()) {
            throw new InvalidInputException("dataset schema: expected at least one x column but found none");
        }
        Set<String> seen = new HashSet<>();
        for (String n : all(xNames, thetaNames, phiNames)) {
            if (!seen.add(n)) {
                throw new InvalidInputException("dataset schema: expected unique column names but '" + n
                        + "' appears twice");
            }
        }
    }

    /** Schema of a fully labelled dataset for these dimensions. */
    public static DatasetSchema labelled(Dimensions dims) {
        return new DatasetSchema(dims.xNames(), dims.thetaNames(), dims.phiNames());
    }

    /** Schema of observed events only. */
    public static DatasetSchema eventsOnly(Dimensions dims) {
        return new DatasetSchema(dims.xNames(), List.of(), List.of());
    }

    private static List<String> all(List<String> a, List<String> b, List<String> c) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return out;
    }

    public int width() {
        return xNames.size() + thetaNames.size() + phiNames.size();
    }

    /** Column names in storage order. */
    public List<String> columnNames() {
        return all(xNames, thetaNames, phiNames);
    }

    /** The role of storage column {@code j}. */
    public ColumnRole role(int j) {
        if (j < xNames.size()) {
            return ColumnRole.X;
        }
        return j < xNames.size() + thetaNames.size() ? ColumnRole.THETA : ColumnRole.PHI;
    }

    /** First storage column of a role. */
    public int offset(ColumnRole role) {
        return switch (role) {
            case X -> 0;
            case THETA -> xNames.size();
            case PHI -> xNames.size() + thetaNames.size();
        };
    }

    /** Number of columns with a role. */
    public int count(ColumnRole role) {
        return switch (role) {
            case X -> xNames.size();
            case THETA -> thetaNames.size();
            case PHI -> phiNames.size();
        };
    }

    /**
     * Requires this schema to fit a problem's dimensions: the same number of x columns, and
     * θ and φ columns either absent or of the problem's dimension.
     */
    public void requireFits(String what, Dimensions dims) {
        if (xNames.size() != dims.xDim()) {
            throw new DimensionMismatchException(what + " x columns", dims.xDim(), xNames.size());
        }
        if (!thetaNames.isEmpty() && thetaNames.size() != dims.thetaDim()) {
            throw new DimensionMismatchException(what + " theta columns", dims.thetaDim(), thetaNames.size());
        }
        if (!phiNames.isEmpty() && phiNames.size() != dims.phiDim()) {
            throw new DimensionMismatchException(what + " phi columns", dims.phiDim(), phiNames.size());
        }
    }
}

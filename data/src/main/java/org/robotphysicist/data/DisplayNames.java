package org.robotphysicist.data;

import java.util.Collections;
import java.util.List;

/**
 * How θ, φ and x are shown to people: a display name and a unit per component, for plot axes,
 * titles and printed tables ("√s [GeV]", "sin²θ_W"). The identifiers of {@link Dimensions} stay
 * what files, JSON and the command line use; these are only for reading.
 *
 * @param theta one entry per θ component
 * @param phi   one entry per φ component
 * @param x     one entry per x component
 */
public record DisplayNames(List<Quantity> theta, List<Quantity> phi, List<Quantity> x) {

    public DisplayNames {
        theta = List.copyOf(theta);
        phi = List.copyOf(phi);
        x = List.copyOf(x);
    }

    /**
     * One component: its display name and unit ("" for a dimensionless one or one whose unit is not
     * declared).
     */
    public record Quantity(String display, String unit) {
        public Quantity {
            if (display == null || display.isBlank()) {
                throw new InvalidInputException("display name: expected a non-empty name but found '" + display + "'");
            }
            unit = unit == null ? "" : unit.strip();
            display = display.strip();
        }

        /** "display [unit]", or the display name alone when there is no unit. */
        public String label() {
            return unit.isEmpty() ? display : display + " [" + unit + "]";
        }
    }

    /** The identifiers as display names, with the given θ units and none for φ and x. */
    public static DisplayNames plain(Dimensions dims, List<String> thetaUnits) {
        return new DisplayNames(quantities(dims.thetaNames(), thetaUnits),
                quantities(dims.phiNames(), Collections.nCopies(dims.phiDim(), "")),
                quantities(dims.xNames(), Collections.nCopies(dims.xDim(), "")));
    }

    /** Display names {@code displays} with units {@code units}, index by index. */
    public static List<Quantity> quantities(List<String> displays, List<String> units) {
        if (displays.size() != units.size()) {
            throw new DimensionMismatchException("display names and units", displays.size(), units.size());
        }
        return java.util.stream.IntStream.range(0, displays.size())
                .mapToObj(i -> new Quantity(displays.get(i), units.get(i))).toList();
    }

    /** Requires one entry per component of {@code dims}. */
    public DisplayNames requireFits(String what, Dimensions dims) {
        if (theta.size() != dims.thetaDim() || phi.size() != dims.phiDim() || x.size() != dims.xDim()) {
            throw new DimensionMismatchException(what + ": expected (theta, phi, x) display names for dimensions ("
                    + dims.thetaDim() + ", " + dims.phiDim() + ", " + dims.xDim() + ") but found (" + theta.size()
                    + ", " + phi.size() + ", " + x.size() + ")");
        }
        return this;
    }

    /** The θ axis labels. */
    public List<String> thetaLabels() {
        return theta.stream().map(Quantity::label).toList();
    }

    /** The φ axis labels. */
    public List<String> phiLabels() {
        return phi.stream().map(Quantity::label).toList();
    }

    /** The x axis labels. */
    public List<String> xLabels() {
        return x.stream().map(Quantity::label).toList();
    }

    /** The θ units ("" where none). */
    public List<String> thetaUnits() {
        return theta.stream().map(Quantity::unit).toList();
    }
}

package org.robotphysicist.engine.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.DisplayNames;

/** Axis labels, settings and legend names as plots and printed tables show them. */
public final class PlotText {
    private PlotText() {
    }

    /**
     * The axis labels of the θ components {@code names} (a subset of {@code dims}' θ, in any order):
     * "display [unit]" from {@code display}, the name itself for a name {@code dims} does not have.
     */
    public static List<String> thetaLabels(DisplayNames display, Dimensions dims, List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            int d = dims.thetaNames().indexOf(name);
            out.add(d >= 0 && d < display.theta().size() ? display.theta().get(d).label() : name);
        }
        return out;
    }

    /** "√s = 91.2 GeV" (components joined by ", "): a setting with its display names and units. */
    public static String setting(List<DisplayNames.Quantity> quantities, double[] values) {
        List<String> parts = new ArrayList<>(values.length);
        for (int d = 0; d < values.length; d++) {
            DisplayNames.Quantity q = quantities.get(d);
            parts.add(String.format(Locale.ROOT, "%s = %.4g%s", q.display(), values[d],
                    q.unit().isEmpty() ? "" : " " + q.unit()));
        }
        return String.join(", ", parts);
    }

    /**
     * " GeV" to print after values of {@code quantities} (their units joined by ","), or "" when
     * none has a unit.
     */
    public static String units(List<DisplayNames.Quantity> quantities) {
        List<String> units = quantities.stream().map(DisplayNames.Quantity::unit).toList();
        return units.stream().allMatch(String::isEmpty) ? "" : " " + String.join(",", units);
    }

    /**
     * "√s = 82.17 GeV" from an axis label "√s [GeV]" ({@link DisplayNames.Quantity#label()}) and a
     * value with 4 significant digits; "sin²θ_W = 0.2312" for a label without a unit.
     */
    public static String value(String axisLabel, double value) {
        int open = axisLabel.lastIndexOf(" [");
        boolean unit = open > 0 && axisLabel.endsWith("]");
        return String.format(Locale.ROOT, "%s = %.4g%s", unit ? axisLabel.substring(0, open) : axisLabel, value,
                unit ? " " + axisLabel.substring(open + 2, axisLabel.length() - 1) : "");
    }

    /** The legend name of a likelihood kind: "exact likelihood" for {@code exact}, else "KIND surrogate". */
    public static String likelihood(String kind) {
        return "exact".equals(kind) ? "exact likelihood" : kind + " surrogate";
    }
}

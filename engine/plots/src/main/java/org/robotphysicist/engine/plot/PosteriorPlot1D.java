package org.robotphysicist.engine.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * A one-dimensional posterior density p(θ | X) against θ: one or more curves (for example the
 * surrogate's posterior beside the exact one), a credible region of the first curve shaded under
 * it (the central interval, or the disjoint intervals of an HPD region for a multimodal
 * posterior: {@link CredibleRegion#preferred}), and a vertical line at the true θ when it is known.
 *
 * @param title     the plot title
 * @param parameter θ's axis label, display name and unit, e.g. "√s [GeV]"
 * @param curves    densities on θ grids (non-negative), drawn in order; at least one
 * @param region    the region shaded under the first curve, inside its θ range, or {@code null}
 * @param truth     the true θ, or {@code null}
 */
public record PosteriorPlot1D(String title, String parameter, List<Curve> curves, CredibleRegion region,
        Double truth) {

    /**
     * The interval [lower, upper] holding posterior probability {@code level} (or one of the
     * intervals of a region holding it).
     *
     * @param level the probability content, in (0, 1)
     * @param lower the lower end, finite
     * @param upper the upper end, finite and above {@code lower}
     */
    public record CredibleBand(double level, double lower, double upper) {
        /** Validates the level and the ends. */
        public CredibleBand {
            Require.finite("credible band lower", lower);
            Require.finite("credible band upper", upper);
            if (!(level > 0 && level < 1) || !(lower < upper)) {
                throw new InvalidInputException("credible band: expected level in (0, 1) and lower < upper but found "
                        + level + ", [" + lower + ", " + upper + "]");
            }
        }
    }

    /** Validates the curves (at least one, non-negative), the truth and that the region lies on the first curve. */
    public PosteriorPlot1D {
        if (curves == null || curves.isEmpty()) {
            throw new InvalidInputException("posterior plot: expected at least one curve but found none");
        }
        curves = List.copyOf(curves);
        for (Curve c : curves) {
            for (int i = 0; i < c.size(); i++) {
                if (c.yAt(i) < 0) {
                    throw new InvalidInputException("posterior plot, curve '" + c.name() + "': expected a density >= 0"
                            + " but found " + c.yAt(i) + " at " + parameter + " = " + c.xAt(i));
                }
            }
        }
        if (truth != null) {
            Require.finite("true " + parameter, truth);
        }
        if (region != null) {
            Curve first = curves.get(0);
            double lo = region.intervals().get(0).lower();
            double hi = region.intervals().get(region.intervals().size() - 1).upper();
            if (lo < first.xAt(0) || hi > first.xAt(first.size() - 1)) {
                throw new InvalidInputException("credible region: expected [" + lo + ", " + hi + "] inside the first"
                        + " curve's range [" + first.xAt(0) + ", " + first.xAt(first.size() - 1) + "]");
            }
        }
    }

    /** The chart, ready to show or save. */
    public XYChart chart(PlotSize size) {
        XYChart chart = Charts.xy(size, title, parameter, "posterior density");
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMax = 0;
        for (Curve c : curves) {
            xMin = Math.min(xMin, c.xAt(0));
            xMax = Math.max(xMax, c.xAt(c.size() - 1));
            yMax = Math.max(yMax, c.maxY());
        }
        if (truth != null) {
            xMin = Math.min(xMin, truth);
            xMax = Math.max(xMax, truth);
        }
        double top = yMax > 0 ? 1.08 * yMax : 1;
        chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(0.0).setYAxisMax(top);
        Charts.xTicks(chart, xMin, xMax);
        Charts.yTicks(chart, 0, top);
        List<double[][]> shaded = shadedAreas();
        for (int i = 0; i < shaded.size(); i++) {
            XYSeries area = chart.addSeries(i == 0 ? region.legend() : region.legend() + " " + (i + 1),
                    shaded.get(i)[0], shaded.get(i)[1]);
            area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            area.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            area.setFillColor(Charts.lighter(Charts.PALETTE.get(0), 0.7));
            // the outline shows in the legend; under the curve it is hidden by the curve itself
            area.setLineColor(Charts.lighter(Charts.PALETTE.get(0), 0.45));
            area.setLineStyle(new java.awt.BasicStroke(3f));
            area.setShowInLegend(i == 0);
        }
        for (int k = 0; k < curves.size(); k++) {
            Curve c = curves.get(k);
            Color color = Charts.PALETTE.get(k % Charts.PALETTE.size());
            if (k == 0) {
                Charts.line(chart, c.name(), c.x(), c.y(), color, 2.5f);
            } else {
                Charts.dashed(chart, c.name(), c.x(), c.y(), color, 2f);
            }
        }
        if (truth != null) {
            Charts.line(chart, "true " + PlotText.value(parameter, truth),
                    new double[] {truth, truth}, new double[] {0, top}, Charts.TRUTH, 1.5f);
        }
        return chart;
    }

    /**
     * The areas shaded under the first curve, one per interval of the region in ascending order:
     * {x, y} with x the interval's ends and the grid points between them, y the first curve there
     * (linearly interpolated at the ends). Empty without a region.
     */
    List<double[][]> shadedAreas() {
        List<double[][]> out = new ArrayList<>();
        if (region == null) {
            return out;
        }
        Curve c = curves.get(0);
        for (CredibleBand band : region.intervals()) {
            List<Double> xs = new ArrayList<>();
            xs.add(band.lower());
            for (int i = 0; i < c.size(); i++) {
                if (c.xAt(i) > band.lower() && c.xAt(i) < band.upper()) {
                    xs.add(c.xAt(i));
                }
            }
            xs.add(band.upper());
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = c.interpolate(x[i]);
            }
            out.add(new double[][] {x, y});
        }
        return out;
    }

    /** Renders {@code size} pixels and writes a PNG to {@code path} (atomically). */
    public void writePng(Path path, PlotSize size) {
        Charts.writePng(chart(size), path);
    }
}

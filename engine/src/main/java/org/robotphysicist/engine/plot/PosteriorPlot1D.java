package org.robotphysicist.engine.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * A one-dimensional posterior density p(θ | X) against θ: one or more curves (for example the
 * surrogate's posterior beside the exact one), the credible interval of the first curve shaded
 * under it, and a vertical line at the true θ when it is known.
 *
 * @param title     the plot title
 * @param parameter θ's name, the x-axis title
 * @param curves    densities on θ grids (non-negative), drawn in order; at least one
 * @param band      the interval shaded under the first curve, or {@code null}
 * @param truth     the true θ, or {@code null}
 */
public record PosteriorPlot1D(String title, String parameter, List<Curve> curves, CredibleBand band, Double truth) {

    /** The interval [lower, upper] holding posterior probability {@code level}. */
    public record CredibleBand(double level, double lower, double upper) {
        public CredibleBand {
            Require.finite("credible band lower", lower);
            Require.finite("credible band upper", upper);
            if (!(level > 0 && level < 1) || !(lower < upper)) {
                throw new InvalidInputException("credible band: expected level in (0, 1) and lower < upper but found "
                        + level + ", [" + lower + ", " + upper + "]");
            }
        }
    }

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
        if (band != null && (band.lower() < curves.get(0).xAt(0) || band.upper() > curves.get(0).xAt(curves.get(0).size() - 1))) {
            throw new InvalidInputException("credible band: expected [" + band.lower() + ", " + band.upper() + "] inside"
                    + " the first curve's range [" + curves.get(0).xAt(0) + ", "
                    + curves.get(0).xAt(curves.get(0).size() - 1) + "]");
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
        if (band != null) {
            Curve first = curves.get(0);
            Color fill = Charts.lighter(Charts.PALETTE.get(0), 0.7);
            XYSeries area = chart.addSeries(String.format(Locale.ROOT, "%.0f%% credible interval", 100 * band.level()),
                    bandX(first), bandY(first));
            area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            area.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            area.setFillColor(fill);
            // the outline shows in the legend; under the curve it is hidden by the curve itself
            area.setLineColor(Charts.lighter(Charts.PALETTE.get(0), 0.45));
            area.setLineStyle(new java.awt.BasicStroke(3f));
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
            Charts.line(chart, String.format(Locale.ROOT, "true %s = %.5g", parameter, truth),
                    new double[] {truth, truth}, new double[] {0, top}, Charts.TRUTH, 1.5f);
        }
        return chart;
    }

    private double[] bandX(Curve c) {
        List<Double> xs = new ArrayList<>();
        xs.add(band.lower());
        for (int i = 0; i < c.size(); i++) {
            if (c.xAt(i) > band.lower() && c.xAt(i) < band.upper()) {
                xs.add(c.xAt(i));
            }
        }
        xs.add(band.upper());
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double[] bandY(Curve c) {
        double[] xs = bandX(c);
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = c.interpolate(xs[i]);
        }
        return ys;
    }

    /** Renders {@code size} pixels and writes a PNG to {@code path} (atomically). */
    public void writePng(Path path, PlotSize size) {
        Charts.writePng(chart(size), path);
    }
}

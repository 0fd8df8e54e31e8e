package org.robotphysicist.engine.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.robotphysicist.data.io.AtomicFiles;

/**
 * The house style of every plot (white, grid lines, legend inside the top-right corner, a
 * colour-blind-safe palette) and PNG output. Loading this class puts AWT in headless mode unless
 * the JVM was told otherwise, so plots render on servers and in CI without a display.
 */
final class Charts {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Okabe–Ito colours: blue, vermilion, bluish green, orange, reddish purple, sky blue. */
    static final List<Color> PALETTE = List.of(new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(230, 159, 0), new Color(204, 121, 167), new Color(86, 180, 233));
    static final Color TRUTH = new Color(20, 20, 20);

    private Charts() {
    }

    /** An empty line chart in the house style. */
    static XYChart xy(PlotSize size, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(size.width()).height(size.height()).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.GRAY);
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setLegendBorderColor(Color.LIGHT_GRAY);
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setMarkerSize(7);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setAntiAlias(true);
        return chart;
    }

    /** A solid line without markers. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, float width) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        return s;
    }

    /**
     * A dashed line without markers. Drawn as one path (XChart's "smooth" mode), so the dash pattern
     * runs along the whole curve instead of restarting at every data point.
     */
    static XYSeries dashed(XYChart chart, String name, double[] x, double[] y, Color color, float width) {
        XYSeries s = line(chart, name, x, y, color, width);
        s.setSmooth(true);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {8f, 5f}, 0f));
        return s;
    }

    /**
     * A filled band between {@code lower(x)} and {@code upper(x)}, drawn as one vertical stroke per
     * x, as wide as the spacing of the x values in pixels so the strokes join (XChart fills areas
     * only down to y = 0).
     */
    static XYSeries band(XYChart chart, PlotSize size, String name, double[] x, double[] lower, double[] upper,
            Color fill) {
        return verticalStrokes(chart, name, x, lower, upper, columnWidth(size, x.length), fill);
    }

    /** Stroke width in pixels that makes {@code columns} evenly spaced vertical strokes touch. */
    static float columnWidth(PlotSize size, int columns) {
        return (float) Math.ceil(0.9 * size.width() / Math.max(1, columns - 1)) + 1f;
    }

    /** Vertical strokes from (x[i], lower[i]) to (x[i], upper[i]), {@code widthPx} wide. */
    static XYSeries verticalStrokes(XYChart chart, String name, double[] x, double[] lower, double[] upper,
            float widthPx, Color color) {
        double[] xs = new double[3 * x.length];
        double[] ys = new double[3 * x.length];
        for (int i = 0; i < x.length; i++) {
            xs[3 * i] = x[i];
            xs[3 * i + 1] = x[i];
            xs[3 * i + 2] = x[i];
            ys[3 * i] = lower[i];
            ys[3 * i + 1] = upper[i];
            ys[3 * i + 2] = Double.NaN;
        }
        XYSeries s = line(chart, name, xs, ys, color, widthPx);
        s.setLineStyle(new BasicStroke(widthPx, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        return s;
    }

    /** A single marked point. */
    static XYSeries point(XYChart chart, String name, double x, double y, Color color,
            org.knowm.xchart.style.markers.Marker marker) {
        XYSeries s = chart.addSeries(name, new double[] {x}, new double[] {y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
        return s;
    }

    /** A colour made lighter by mixing with white: {@code amount} 0 keeps it, 1 gives white. */
    static Color lighter(Color c, double amount) {
        return new Color(mix(c.getRed(), amount), mix(c.getGreen(), amount), mix(c.getBlue(), amount));
    }

    private static int mix(int channel, double amount) {
        return (int) Math.round(channel + (255 - channel) * amount);
    }

    /**
     * Decimals for the tick labels of an axis spanning [lo, hi]: enough for a tick step of a
     * twentieth of the span (XChart steps are 1, 2 or 5 × 10<sup>k</sup> and an axis holds fewer
     * than 20 ticks), so every label of the axis has the same number of decimals, e.g. 0.00, 0.05,
     * 0.10 rather than 0, .05, 0.1. Three decimals for an empty or non-finite span.
     */
    static int tickDecimals(double lo, double hi) {
        double span = hi - lo;
        if (!(span > 0) || !Double.isFinite(span)) {
            return 3;
        }
        return Math.max(0, (int) Math.ceil(-Math.log10(span / 20) - 1e-9));
    }

    /** A tick label with {@code decimals} decimals and a leading zero, never "-0". */
    static String tickLabel(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    /** Formats the x-axis tick labels of {@code chart}, spanning [lo, hi], with one number of decimals. */
    static void xTicks(XYChart chart, double lo, double hi) {
        int decimals = tickDecimals(lo, hi);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> tickLabel(v, decimals));
    }

    /** Formats the y-axis tick labels of {@code chart}, spanning [lo, hi], with one number of decimals. */
    static void yTicks(XYChart chart, double lo, double hi) {
        int decimals = tickDecimals(lo, hi);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> tickLabel(v, decimals));
    }

    /** Writes {@code chart} as a PNG, atomically; parent directories are created. */
    static void writePng(Chart<?, ?> chart, Path path) {
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not encode the plot for " + path + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(path, out -> out.write(png));
    }
}

package org.robotphysicist.engine.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * A two-dimensional posterior density p(θ₁, θ₂ | X) on a regular grid: a heat map of the density
 * in {@value #SHADES} shades (cells below 1/{@value #SHADES} of the peak stay white), the
 * boundaries of the highest-posterior-density regions at the given credibility levels
 * ({@link HpdThresholds}, contoured by {@link MarchingSquares}), the MAP cell and the true θ.
 *
 * @param title   the plot title
 * @param xName   θ₁'s name
 * @param yName   θ₂'s name
 * @param x       θ₁ grid (n<sub>x</sub> ≥ 2, strictly increasing, evenly spaced)
 * @param y       θ₂ grid (n<sub>y</sub> ≥ 2, likewise)
 * @param density (n<sub>x</sub>·n<sub>y</sub>), {@code density[i * ny + j]} at (x[i], y[j]); ≥ 0, not all 0
 * @param levels  credibility levels of the contoured regions, each in (0, 1)
 * @param truth   the true (θ₁, θ₂), or {@code null}
 */
public record PosteriorPlot2D(String title, String xName, String yName, double[] x, double[] y, double[] density,
        double[] levels, double[] truth) {
    /** Number of shades in the heat map. */
    public static final int SHADES = 10;
    private static final Color DARKEST = new Color(8, 48, 107);

    public PosteriorPlot2D {
        x = axis("x (" + xName + ")", x);
        y = axis("y (" + yName + ")", y);
        if (density == null || density.length != x.length * y.length) {
            throw new DimensionMismatchException("2-D posterior density: expected nx * ny = " + x.length + " * "
                    + y.length + " = " + x.length * y.length + " values but found "
                    + (density == null ? "null" : density.length));
        }
        density = Require.finite("2-D posterior density", density.clone());
        double max = 0;
        for (int k = 0; k < density.length; k++) {
            if (density[k] < 0) {
                throw new InvalidInputException("2-D posterior density: expected values >= 0 but found " + density[k]
                        + " at index " + k);
            }
            max = Math.max(max, density[k]);
        }
        if (!(max > 0)) {
            throw new InvalidInputException("2-D posterior density: expected some positive values but all are 0");
        }
        levels = levels == null ? new double[0] : levels.clone();
        for (double l : levels) {
            if (!(l > 0 && l < 1)) {
                throw new InvalidInputException("credibility levels: expected values in (0, 1) but found " + l);
            }
        }
        if (truth != null) {
            truth = Require.finiteVector("true (" + xName + ", " + yName + ")", truth.clone(), 2);
        }
    }

    private static double[] axis(String name, double[] v) {
        if (v == null) {
            throw new InvalidInputException(name + " grid: expected at least 2 points but found null");
        }
        return new Curve(name + " grid", v, new double[v.length]).x();
    }

    /** The plot of a two-dimensional {@link GridPosterior}, its parameter names on the axes. */
    public static PosteriorPlot2D of(GridPosterior posterior, String title, double[] truth, double... levels) {
        return of(posterior, posterior.parameterNames(), title, truth, levels);
    }

    /** The plot of a two-dimensional {@link GridPosterior} with axis labels {@code labels} (x, y). */
    public static PosteriorPlot2D of(GridPosterior posterior, List<String> labels, String title, double[] truth,
            double... levels) {
        if (posterior.grid().dim() != 2) {
            throw new DimensionMismatchException("2-D posterior plot: expected a 2-dimensional posterior but found "
                    + posterior.grid().dim() + " dimensions");
        }
        RegularGrid regular = posterior.grid().regular().orElseThrow(() -> new InvalidInputException(
                "2-D posterior plot: expected a posterior on a regular grid but found one on given points"));
        double[] logDensity = posterior.logDensity();
        double[] density = new double[logDensity.length];
        for (int k = 0; k < density.length; k++) {
            density[k] = Math.exp(logDensity[k]);
        }
        if (labels.size() != 2) {
            throw new DimensionMismatchException("2-D posterior plot labels", 2, labels.size());
        }
        return new PosteriorPlot2D(title, labels.get(0), labels.get(1), regular.axis(0), regular.axis(1),
                density, levels, truth);
    }

    public XYChart chart(PlotSize size) {
        XYChart chart = Charts.xy(size, title, xName, yName);
        int nx = x.length;
        int ny = y.length;
        double dx = (x[nx - 1] - x[0]) / (nx - 1);
        double dy = (y[ny - 1] - y[0]) / (ny - 1);
        chart.getStyler().setXAxisMin(x[0] - dx / 2).setXAxisMax(x[nx - 1] + dx / 2).setYAxisMin(y[0] - dy / 2)
                .setYAxisMax(y[ny - 1] + dy / 2).setPlotGridLinesVisible(false);
        Charts.xTicks(chart, x[0] - dx / 2, x[nx - 1] + dx / 2);
        Charts.yTicks(chart, y[0] - dy / 2, y[ny - 1] + dy / 2);
        double max = Arrays.stream(density).max().orElseThrow();
        float width = Charts.columnWidth(size, nx);
        for (int shade = 1; shade < SHADES; shade++) {
            List<double[]> runs = runs(shade, max, dy);
            if (runs.isEmpty()) {
                continue;
            }
            double[] rx = new double[runs.size()];
            double[] lo = new double[runs.size()];
            double[] hi = new double[runs.size()];
            for (int r = 0; r < runs.size(); r++) {
                rx[r] = runs.get(r)[0];
                lo[r] = runs.get(r)[1];
                hi[r] = runs.get(r)[2];
            }
            Color c = Charts.lighter(DARKEST, 0.92 * (SHADES - 1 - shade) / (SHADES - 2.0));
            XYSeries s = Charts.verticalStrokes(chart, "density shade " + shade, rx, lo, hi, width, c);
            s.setShowInLegend(false);
        }
        double[] thresholds = HpdThresholds.of(density, levels);
        Color[] contourColors = {new Color(230, 159, 0), new Color(240, 228, 66), Color.WHITE};
        for (int l = 0; l < levels.length; l++) {
            MarchingSquares.Polyline p = MarchingSquares.contour(x, y, density, thresholds[l]);
            if (p.x().length == 0) {
                continue;
            }
            String name = String.format(Locale.ROOT, "%.0f%% HPD region", 100 * levels[l]);
            Color c = contourColors[Math.min(l, contourColors.length - 1)];
            if (l == 0) {
                Charts.line(chart, name, p.x(), p.y(), c, 2.5f);
            } else {
                Charts.dashed(chart, name, p.x(), p.y(), c, 2f);
            }
        }
        int best = 0;
        for (int k = 1; k < density.length; k++) {
            if (density[k] > density[best]) {
                best = k;
            }
        }
        Charts.point(chart, "MAP", x[best / ny], y[best % ny], new Color(213, 94, 0), SeriesMarkers.DIAMOND);
        if (truth != null) {
            Charts.point(chart, String.format(Locale.ROOT, "true (%.4g, %.4g)", truth[0], truth[1]), truth[0], truth[1],
                    new Color(204, 0, 0), SeriesMarkers.CROSS);
        }
        return chart;
    }

    /** Runs of cells of one shade per column: (x, y from, y to). */
    private List<double[]> runs(int shade, double max, double dy) {
        List<double[]> out = new ArrayList<>();
        int ny = y.length;
        for (int i = 0; i < x.length; i++) {
            int start = -1;
            for (int j = 0; j <= ny; j++) {
                boolean in = j < ny && shadeOf(density[i * ny + j], max) == shade;
                if (in && start < 0) {
                    start = j;
                } else if (!in && start >= 0) {
                    out.add(new double[] {x[i], y[start] - dy / 2, y[j - 1] + dy / 2});
                    start = -1;
                }
            }
        }
        return out;
    }

    private static int shadeOf(double value, double max) {
        return Math.min(SHADES - 1, (int) (SHADES * value / max));
    }

    public void writePng(Path path, PlotSize size) {
        Charts.writePng(chart(size), path);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[] density() {
        return density.clone();
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public double[] truth() {
        return truth == null ? null : truth.clone();
    }
}

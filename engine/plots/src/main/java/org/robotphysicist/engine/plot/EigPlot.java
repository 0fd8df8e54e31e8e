package org.robotphysicist.engine.plot;

import java.awt.Color;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * Expected information gain against the experiment setting φ: the Monte Carlo estimates with
 * ±1 standard-error bars, the Gaussian-process surrogate's mean with a band of ±2 standard
 * deviations over a dense φ grid, and the φ suggested next.
 *
 * @param title      the plot title
 * @param phiName    φ's name, the x-axis title
 * @param phi        settings where EIG was estimated (M ≥ 1)
 * @param eig        EIG estimates in nats (M)
 * @param standardError their Monte Carlo standard errors, ≥ 0 (M)
 * @param gpPhi      dense φ grid for the GP (G ≥ 2, increasing), or {@code null} for no GP
 * @param gpMean     GP posterior mean of EIG at gpPhi (G), or {@code null}
 * @param gpSd       GP posterior standard deviation, ≥ 0 (G), or {@code null}
 * @param next       the suggested next φ, or {@code null}
 */
public record EigPlot(String title, String phiName, double[] phi, double[] eig, double[] standardError,
        double[] gpPhi, double[] gpMean, double[] gpSd, Double next) {

    /** Validates the estimates (finite, standard errors ≥ 0) and the GP curve (all three arrays or none). */
    public EigPlot {
        if (phi == null || phi.length == 0) {
            throw new InvalidInputException("EIG plot: expected at least one estimate but found none");
        }
        phi = Require.finite("EIG settings " + phiName, phi.clone());
        eig = same("EIG estimates", eig, phi.length);
        standardError = same("EIG standard errors", standardError, phi.length);
        nonNegative("EIG standard error", standardError);
        if ((gpPhi == null) != (gpMean == null) || (gpPhi == null) != (gpSd == null)) {
            throw new InvalidInputException("EIG plot GP: expected the grid, mean and sd together or none of them");
        }
        if (gpPhi != null) {
            gpPhi = new Curve("GP grid", gpPhi, new double[gpPhi.length]).x();
            gpMean = same("GP mean", gpMean, gpPhi.length);
            gpSd = same("GP sd", gpSd, gpPhi.length);
            nonNegative("GP sd", gpSd);
        }
        if (next != null) {
            Require.finite("suggested " + phiName, next);
        }
    }

    private static double[] same(String name, double[] v, int n) {
        if (v == null || v.length != n) {
            throw new DimensionMismatchException(name + ": expected " + n + " values but found "
                    + (v == null ? "null" : v.length));
        }
        return Require.finite(name, v.clone());
    }

    private static void nonNegative(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                throw new InvalidInputException(name + " [" + i + "]: expected a value >= 0 but found " + v[i]);
            }
        }
    }

    /**
     * The GP band drawn on the plot, one point per GP grid point: {lower, upper} with lower =
     * max(0, mean − 2 sd) and upper = max(0, mean + 2 sd). EIG is never negative, so the band is
     * clipped at zero; it is drawn as one polygon through these points (upper from left to right,
     * lower back), so it is as smooth as the GP grid. {@code null} without a GP.
     */
    double[][] gpBand() {
        if (gpPhi == null) {
            return null;
        }
        double[] low = new double[gpPhi.length];
        double[] high = new double[gpPhi.length];
        for (int i = 0; i < gpPhi.length; i++) {
            low[i] = Math.max(0, gpMean[i] - 2 * gpSd[i]);
            high[i] = Math.max(0, gpMean[i] + 2 * gpSd[i]);
        }
        return new double[][] {low, high};
    }

    /** The chart: GP band and mean, the estimates with their error bars, the next setting. */
    public XYChart chart(PlotSize size) {
        XYChart chart = Charts.xy(size, title, phiName, "expected information gain [nats]");
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        double lo = 0;
        double hi = 0;
        double left = phi[0];
        double right = phi[0];
        for (int i = 0; i < phi.length; i++) {
            lo = Math.min(lo, eig[i] - standardError[i]);
            hi = Math.max(hi, eig[i] + standardError[i]);
            left = Math.min(left, phi[i]);
            right = Math.max(right, phi[i]);
        }
        Color gpColor = Charts.PALETTE.get(1);
        double[][] band = gpBand();
        if (band != null) {
            int g = gpPhi.length;
            double[] px = new double[2 * g];
            double[] py = new double[2 * g];
            for (int i = 0; i < g; i++) {
                px[i] = gpPhi[i];
                py[i] = band[1][i];
                px[2 * g - 1 - i] = gpPhi[i];
                py[2 * g - 1 - i] = band[0][i];
                hi = Math.max(hi, band[1][i]);
            }
            XYSeries area = chart.addSeries("GP mean \u00b1 2 sd (clipped at 0)", px, py);
            area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            area.setMarker(SeriesMarkers.NONE);
            area.setFillColor(Charts.lighter(gpColor, 0.75));
            area.setLineColor(Charts.lighter(gpColor, 0.6));
            area.setLineStyle(new java.awt.BasicStroke(1f));
            Charts.line(chart, "GP mean", gpPhi, gpMean, gpColor, 2f);
            left = Math.min(left, gpPhi[0]);
            right = Math.max(right, gpPhi[g - 1]);
        }
        if (next != null) {
            left = Math.min(left, next);
            right = Math.max(right, next);
        }
        double pad = 0.06 * Math.max(hi - lo, 1e-12);
        double bottom = lo < 0 ? lo - pad : 0;
        chart.getStyler().setYAxisMin(bottom).setYAxisMax(hi + pad);
        Charts.yTicks(chart, bottom, hi + pad);
        Charts.xTicks(chart, left, right);
        XYSeries points = chart.addSeries("EIG estimate \u00b1 1 s.e.", phi, eig, standardError);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(Charts.PALETTE.get(0));
        points.setLineColor(Charts.PALETTE.get(0));
        if (next != null) {
            Charts.dashed(chart, "next: " + PlotText.value(phiName, next), new double[] {next, next},
                    new double[] {bottom, hi + pad}, Charts.TRUTH, 1.5f);
        }
        return chart;
    }

    /** Renders {@code size} pixels and writes a PNG to {@code path} (atomically). */
    public void writePng(Path path, PlotSize size) {
        Charts.writePng(chart(size), path);
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    @Override
    public double[] eig() {
        return eig.clone();
    }

    @Override
    public double[] standardError() {
        return standardError.clone();
    }

    @Override
    public double[] gpPhi() {
        return gpPhi == null ? null : gpPhi.clone();
    }

    @Override
    public double[] gpMean() {
        return gpMean == null ? null : gpMean.clone();
    }

    @Override
    public double[] gpSd() {
        return gpSd == null ? null : gpSd.clone();
    }
}

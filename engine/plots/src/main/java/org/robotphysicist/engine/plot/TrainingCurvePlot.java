package org.robotphysicist.engine.plot;

import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * Training and validation loss against epoch (1, 2, …), on a linear or logarithmic loss axis, with
 * the epoch whose parameters the model kept (the best validation loss under early stopping)
 * marked by a vertical line and a diamond on its loss. Losses may be negative (a flow's negative
 * log-likelihood) on the linear axis; the logarithmic one needs them positive.
 *
 * @param title          the plot title
 * @param lossName       the y-axis title, e.g. "binary cross-entropy"
 * @param training       training loss per epoch (at least one)
 * @param validation     validation loss per epoch, as many as training, or {@code null}
 * @param logarithmic    whether the loss axis is logarithmic
 * @param keptEpoch      the 1-based epoch whose parameters were kept, or 0 for none marked
 */
public record TrainingCurvePlot(String title, String lossName, double[] training, double[] validation,
        boolean logarithmic, int keptEpoch) {

    /** Validates the losses (finite, equal lengths, positive on a logarithmic axis) and the kept epoch. */
    public TrainingCurvePlot {
        if (training == null || training.length == 0) {
            throw new InvalidInputException("training curve: expected at least one epoch's loss but found none");
        }
        training = Require.finite("training loss", training.clone());
        if (validation != null) {
            if (validation.length != training.length) {
                throw new DimensionMismatchException("validation loss: expected one value per training epoch ("
                        + training.length + ") but found " + validation.length);
            }
            validation = Require.finite("validation loss", validation.clone());
        }
        if (keptEpoch < 0 || keptEpoch > training.length) {
            throw new InvalidInputException("kept epoch: expected 0 (none) or an epoch in [1, " + training.length
                    + "] but found " + keptEpoch);
        }
        if (logarithmic) {
            requirePositive("training loss", training);
            if (validation != null) {
                requirePositive("validation loss", validation);
            }
        }
    }

    private static void requirePositive(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0)) {
                throw new InvalidInputException(name + " at epoch " + (i + 1) + ": expected a value > 0 for a"
                        + " logarithmic axis but found " + v[i]);
            }
        }
    }

    /** The chart: both losses per epoch and the kept epoch. */
    public XYChart chart(PlotSize size) {
        XYChart chart = Charts.xy(size, title, "epoch", lossName);
        chart.getStyler().setYAxisLogarithmic(logarithmic).setXAxisMin(1.0)
                .setXAxisMax((double) Math.max(2, training.length)).setXAxisDecimalPattern("#");
        double[] epochs = new double[training.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
            lo = Math.min(lo, Math.min(training[i], validation == null ? training[i] : validation[i]));
            hi = Math.max(hi, Math.max(training[i], validation == null ? training[i] : validation[i]));
        }
        if (!logarithmic) {
            Charts.yTicks(chart, lo, hi);
        }
        add(chart, "training loss", epochs, training, 0);
        if (validation != null) {
            add(chart, "validation loss", epochs, validation, 1);
        }
        if (keptEpoch > 0) {
            double[] kept = keptMarker();
            XYSeries line = Charts.dashed(chart, String.format(Locale.ROOT, "kept: epoch %d (%s loss %.4g)", keptEpoch,
                    validation == null ? "training" : "validation", kept[1]), new double[] {keptEpoch, keptEpoch},
                    new double[] {lo, hi}, Charts.TRUTH, 1.5f);
            line.setSmooth(false);
            Charts.point(chart, "kept epoch", kept[0], kept[1], Charts.TRUTH, SeriesMarkers.DIAMOND)
                    .setShowInLegend(false);
        }
        return chart;
    }

    /**
     * Where the kept epoch is marked: {epoch, loss}, the loss being the validation loss where there
     * is one (the figure early stopping chose by), else the training loss; {@code null} when no
     * epoch is marked.
     */
    double[] keptMarker() {
        if (keptEpoch == 0) {
            return null;
        }
        double[] by = validation == null ? training : validation;
        return new double[] {keptEpoch, by[keptEpoch - 1]};
    }

    private static void add(XYChart chart, String name, double[] epochs, double[] loss, int color) {
        XYSeries s = Charts.line(chart, name, epochs, loss, Charts.PALETTE.get(color), 2f);
        if (epochs.length <= 40) {
            s.setMarker(color == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
            s.setMarkerColor(Charts.PALETTE.get(color));
        }
    }

    /** Renders {@code size} pixels and writes a PNG to {@code path} (atomically). */
    public void writePng(Path path, PlotSize size) {
        Charts.writePng(chart(size), path);
    }

    @Override
    public double[] training() {
        return training.clone();
    }

    @Override
    public double[] validation() {
        return validation == null ? null : validation.clone();
    }
}

package org.robotphysicist.engine.plot;

import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * Training and validation loss against epoch (1, 2, …), on a linear or logarithmic loss axis.
 * Losses may be negative (a flow's negative log-likelihood) on the linear axis; the logarithmic one
 * needs them positive.
 *
 * @param title          the plot title
 * @param lossName       the y-axis title, e.g. "binary cross-entropy"
 * @param training       training loss per epoch (at least one)
 * @param validation     validation loss per epoch, as many as training, or {@code null}
 * @param logarithmic    whether the loss axis is logarithmic
 */
public record TrainingCurvePlot(String title, String lossName, double[] training, double[] validation,
        boolean logarithmic) {

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

    public XYChart chart(PlotSize size) {
        XYChart chart = Charts.xy(size, title, "epoch", lossName);
        chart.getStyler().setYAxisLogarithmic(logarithmic).setXAxisMin(1.0)
                .setXAxisMax((double) Math.max(2, training.length)).setXAxisDecimalPattern("#");
        double[] epochs = new double[training.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        add(chart, "training", epochs, training, 0);
        if (validation != null) {
            add(chart, "validation", epochs, validation, 1);
        }
        return chart;
    }

    private static void add(XYChart chart, String name, double[] epochs, double[] loss, int color) {
        XYSeries s = Charts.line(chart, name, epochs, loss, Charts.PALETTE.get(color), 2f);
        if (epochs.length <= 40) {
            s.setMarker(color == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
            s.setMarkerColor(Charts.PALETTE.get(color));
        }
    }

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

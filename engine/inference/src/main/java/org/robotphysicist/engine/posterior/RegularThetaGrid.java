package org.robotphysicist.engine.posterior;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;

/**
 * A {@link RegularGrid} as a {@link ThetaGrid}: every cell is the box of widths
 * h<sub>d</sub> = {@link RegularGrid#spacing(int)} centred on its point (a single-point dimension
 * contributes width 1), all of volume {@link RegularGrid#cellVolume()}.
 */
public final class RegularThetaGrid implements ThetaGrid {
    private final RegularGrid grid;
    private final Matrix points;
    private final double[] lower;
    private final double[] upper;

    RegularThetaGrid(RegularGrid grid) {
        this.grid = grid;
        this.points = grid.points();
        this.lower = grid.lower();
        this.upper = grid.upper();
    }

    /** The underlying regular grid. */
    public RegularGrid grid() {
        return grid;
    }

    @Override
    public int dim() {
        return grid.dim();
    }

    @Override
    public int size() {
        return points.rows();
    }

    @Override
    public Matrix points() {
        return points;
    }

    @Override
    public Box bounds() {
        return grid.bounds();
    }

    @Override
    public double cellVolume(int j) {
        return grid.cellVolume();
    }

    @Override
    public int cellOf(double[] theta) {
        grid.bounds().require("theta", theta);
        int[] idx = new int[grid.dim()];
        for (int d = 0; d < idx.length; d++) {
            idx[d] = grid.count(d) == 1 ? 0
                    : (int) Math.min(grid.count(d) - 1, Math.round((theta[d] - lower[d]) / grid.spacing(d)));
        }
        return grid.flatIndex(idx);
    }

    @Override
    public AxisCells axisCells(int d) {
        double[] values = grid.axis(d);
        double h = grid.spacing(d);
        double[] edges = new double[values.length + 1];
        for (int k = 0; k < values.length; k++) {
            edges[k] = values[k] - h / 2;
        }
        edges[values.length] = values[values.length - 1] + h / 2;
        int[] group = new int[size()];
        for (int j = 0; j < group.length; j++) {
            group[j] = grid.multiIndex(j)[d];
        }
        return new AxisCells(values, edges, group);
    }

    @Override
    public double[] drawInCell(int j, SplittableRandom rng) {
        double[] centre = points.row(j);
        for (int d = 0; d < centre.length; d++) {
            double h = grid.spacing(d);
            if (h > 0) {
                double a = Math.max(lower[d], centre[d] - h / 2);
                double b = Math.min(upper[d], centre[d] + h / 2);
                centre[d] = a + (b - a) * rng.nextDouble();
            }
        }
        return centre;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegularThetaGrid g && g.grid.equals(grid);
    }

    @Override
    public int hashCode() {
        return grid.hashCode();
    }

    @Override
    public String toString() {
        return grid.toString();
    }
}

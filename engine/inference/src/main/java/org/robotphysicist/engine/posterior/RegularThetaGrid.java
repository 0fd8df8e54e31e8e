package org.robotphysicist.engine.posterior;

import java.util.Optional;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;

/**
 * A {@link RegularGrid} as a {@link ThetaGrid}: every cell is the box of widths
 * h<sub>d</sub> = {@link RegularGrid#spacing(int)} centred on its point (a single-point dimension
 * contributes width 1), all of volume {@link RegularGrid#cellVolume()}. The geometry is the
 * grid's own; this class only holds its points, computed once.
 */
final class RegularThetaGrid implements ThetaGrid {
    private final RegularGrid grid;
    private final Matrix points;

    RegularThetaGrid(RegularGrid grid) {
        this.grid = grid;
        this.points = grid.points();
    }

    @Override
    public Optional<RegularGrid> regular() {
        return Optional.of(grid);
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
        return grid.nearestIndex("theta", theta);
    }

    @Override
    public AxisCells axisCells(int d) {
        int[] group = new int[size()];
        for (int j = 0; j < group.length; j++) {
            group[j] = grid.multiIndex(j)[d];
        }
        return new AxisCells(grid.axis(d), grid.cellEdges(d), group);
    }

    @Override
    public double[] drawInCell(int j, SplittableRandom rng) {
        double[] centre = points.row(j);
        for (int d = 0; d < centre.length; d++) {
            double h = grid.spacing(d);
            if (h > 0) {
                double a = Math.max(grid.coordinate(d, 0), centre[d] - h / 2);
                double b = Math.min(grid.coordinate(d, grid.count(d) - 1), centre[d] + h / 2);
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

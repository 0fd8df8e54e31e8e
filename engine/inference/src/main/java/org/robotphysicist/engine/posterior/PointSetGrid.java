package org.robotphysicist.engine.posterior;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.Require;

/**
 * Given θ points (M, D) with cell volumes V<sub>j</sub> inside a bounded box. The cell of a
 * point is taken to be its nearest-neighbour region in coordinates scaled by the box widths;
 * marginals group points by their coordinate values (exact for a tensor-product layout, a
 * weighted empirical distribution otherwise).
 */
final class PointSetGrid implements ThetaGrid {
    private final Matrix points;
    private final double[] volumes;
    private final Box bounds;

    PointSetGrid(Matrix points, double[] cellVolumes, Box bounds) {
        points.requireNonEmpty("theta points");
        if (!bounds.isBounded()) {
            throw new InvalidInputException("point-set grid: expected a bounded box but found " + bounds);
        }
        points.requireShape("theta points", -1, bounds.dim());
        if (cellVolumes.length != points.rows()) {
            throw new DimensionMismatchException("cell volumes", points.rows(), cellVolumes.length);
        }
        for (int j = 0; j < cellVolumes.length; j++) {
            Require.positive("cell volume[" + j + "]", cellVolumes[j]);
        }
        bounds.requireRows("theta points", points);
        this.points = points;
        this.volumes = cellVolumes.clone();
        this.bounds = bounds;
    }

    @Override
    public Optional<RegularGrid> regular() {
        return Optional.empty();
    }

    @Override
    public Matrix points() {
        return points;
    }

    @Override
    public Box bounds() {
        return bounds;
    }

    @Override
    public double cellVolume(int j) {
        return volumes[j];
    }

    @Override
    public int cellOf(double[] theta) {
        bounds.require("theta", theta);
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < points.rows(); j++) {
            double dist = 0;
            for (int d = 0; d < theta.length; d++) {
                double width = bounds.upper(d) - bounds.lower(d);
                double z = width > 0 ? (points.get(j, d) - theta[d]) / width : 0;
                dist += z * z;
            }
            if (dist < bestDistance) {
                bestDistance = dist;
                best = j;
            }
        }
        return best;
    }

    @Override
    public AxisCells axisCells(int d) {
        double[] column = points.column(d);
        double[] values = Arrays.stream(column).sorted().distinct().toArray();
        int k = values.length;
        double[] edges = new double[k + 1];
        if (k == 1) {
            edges[0] = values[0];
            edges[1] = values[0];
        } else {
            for (int i = 1; i < k; i++) {
                edges[i] = (values[i - 1] + values[i]) / 2;
            }
            edges[0] = values[0] - (values[1] - values[0]) / 2;
            edges[k] = values[k - 1] + (values[k - 1] - values[k - 2]) / 2;
        }
        int[] group = new int[column.length];
        for (int j = 0; j < column.length; j++) {
            group[j] = Arrays.binarySearch(values, column[j]);
        }
        return new AxisCells(values, edges, group);
    }

    @Override
    public double[] drawInCell(int j, SplittableRandom rng) {
        return points.row(j);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointSetGrid g && g.points.equals(points) && Arrays.equals(g.volumes, volumes)
                && g.bounds.equals(bounds);
    }

    @Override
    public int hashCode() {
        return 31 * points.hashCode() + Arrays.hashCode(volumes);
    }

    @Override
    public String toString() {
        return "PointSetGrid(" + points.rows() + " points in " + bounds + ")";
    }
}

package org.robotphysicist.engine.posterior;

import java.util.Optional;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;

/**
 * The θ points a grid posterior lives on: M points in D<sub>θ</sub> dimensions, point j standing
 * for a cell of volume V<sub>j</sub>, so that Σ<sub>j</sub> f(θ<sub>j</sub>)·V<sub>j</sub> is a
 * quadrature rule for ∫ f(θ) dθ over {@link #bounds()}.
 *
 * <p>Two kinds: a {@link RegularGrid} (cells of equal volume centred on the points, the midpoint
 * rule; see {@link #of(RegularGrid)}) and given points with their cell volumes (for example a
 * Sobol set, or a non-rectangular region; see {@link #ofPoints}). A grid is meant for
 * D<sub>θ</sub> ≤ 3; beyond that use the samplers in {@code posterior.mcmc}. What only a regular
 * grid offers (interpolation, per-axis refinement, images) is reached through {@link #regular()}.
 */
public sealed interface ThetaGrid permits RegularThetaGrid, PointSetGrid {

    /**
     * The most points a θ grid of a posterior may hold, 2<sup>22</sup>: each float64 vector over
     * the grid (log-likelihood sums, densities) then takes at most 32 MiB.
     */
    int MAX_POINTS = 1 << 22;

    /** Whether a regular grid of {@code pointsPerDim}<sup>dim</sup> points fits {@link #MAX_POINTS}. */
    static boolean fits(int pointsPerDim, int dim) {
        return Math.pow(pointsPerDim, dim) <= MAX_POINTS;
    }

    /**
     * Requires {@code pointsPerDim}<sup>dim</sup> to fit {@link #MAX_POINTS}.
     *
     * @param advice what to do instead when the grid is too large, for the message
     * @throws InvalidInputException when it does not
     */
    static void requireFits(int pointsPerDim, int dim, String advice) {
        if (!fits(pointsPerDim, dim)) {
            throw new InvalidInputException("theta grid: expected at most " + MAX_POINTS + " points but "
                    + pointsPerDim + " per dimension in " + dim + " dimensions give "
                    + (long) Math.pow(pointsPerDim, dim) + "; " + advice);
        }
    }

    /**
     * The regular grid of {@code pointsPerDim} points along every dimension of {@code box}.
     *
     * @param advice what to do instead when the grid is too large, for the message
     * @throws InvalidInputException when pointsPerDim<sup>D</sup> exceeds {@link #MAX_POINTS}
     */
    static RegularGrid regularOver(Box box, int pointsPerDim, String advice) {
        requireFits(pointsPerDim, box.dim(), advice);
        int[] counts = new int[box.dim()];
        java.util.Arrays.fill(counts, pointsPerDim);
        return new RegularGrid(box.lower(), box.upper(), counts);
    }

    /** The regular grid with midpoint-rule cells. */
    static ThetaGrid of(RegularGrid grid) {
        return new RegularThetaGrid(grid);
    }

    /**
     * Given points with their cell volumes (quadrature weights), lying inside {@code bounds}.
     *
     * @param points      (M, D), M ≥ 1
     * @param cellVolumes length M, finite and &gt; 0
     * @param bounds      a bounded box of dimension D holding every point
     */
    static ThetaGrid ofPoints(Matrix points, double[] cellVolumes, Box bounds) {
        return new PointSetGrid(points, cellVolumes, bounds);
    }

    /** D<sub>θ</sub>. */
    default int dim() {
        return bounds().dim();
    }

    /** M, the number of points. */
    default int size() {
        return points().rows();
    }

    /**
     * The regular grid these points are, when they are one (then point j is the grid's point j);
     * empty for a point set.
     */
    Optional<RegularGrid> regular();

    /** All points, (M, D<sub>θ</sub>). */
    Matrix points();

    /** The closed box the points (and the posterior) live in. */
    Box bounds();

    /** V<sub>j</sub>, the volume of point j's cell (&gt; 0). */
    double cellVolume(int j);

    /**
     * The index of the cell holding θ: the nearest point (per axis for a regular grid; in
     * coordinates scaled by the bounds' widths for a point set).
     *
     * @throws org.robotphysicist.data.OutOfSupportException when θ lies outside {@link #bounds()}
     */
    int cellOf(double[] theta);

    /** The points grouped by their coordinate along dimension {@code d}, with 1-D cell edges. */
    AxisCells axisCells(int d);

    /**
     * A draw representing cell j: uniform within the cell clipped to {@link #bounds()} for a
     * regular grid; the point itself for a point set (whose cells have no known shape).
     */
    double[] drawInCell(int j, SplittableRandom rng);

    /**
     * The distinct coordinates along one θ dimension and the 1-D cells around them.
     *
     * @param values        K distinct coordinates, ascending
     * @param edges         K + 1 cell edges: value k's cell is [edges[k], edges[k+1]]; outer edges
     *                      lie half a spacing beyond the outer values (midpoint rule)
     * @param groupOfPoint  length M: the index k of each point's coordinate
     */
    record AxisCells(double[] values, double[] edges, int[] groupOfPoint) {
        public AxisCells {
            values = values.clone();
            edges = edges.clone();
            groupOfPoint = groupOfPoint.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public double[] edges() {
            return edges.clone();
        }

        @Override
        public int[] groupOfPoint() {
            return groupOfPoint.clone();
        }

        /** K, the number of distinct values. */
        public int count() {
            return values.length;
        }

        /** Sums {@code perPoint} (length M) within each group: length K. */
        public double[] sumByGroup(double[] perPoint) {
            double[] out = new double[values.length];
            for (int j = 0; j < perPoint.length; j++) {
                out[groupOfPoint[j]] += perPoint[j];
            }
            return out;
        }

        /** The maximum of {@code perPoint} (length M) within each group: length K. */
        public double[] maxByGroup(double[] perPoint) {
            double[] out = new double[values.length];
            java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
            for (int j = 0; j < perPoint.length; j++) {
                out[groupOfPoint[j]] = Math.max(out[groupOfPoint[j]], perPoint[j]);
            }
            return out;
        }
    }
}

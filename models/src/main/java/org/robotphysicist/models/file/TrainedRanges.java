package org.robotphysicist.models.file;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boxes a surrogate was trained on: θ and φ are the supports of the distributions the
 * training parameters were drawn from, x the simulator's support where it is bounded and the
 * range of the training events, widened by 10% of its width on each side, where it is not (so an
 * observed event a little beyond what training saw is evaluated, and one far beyond is refused).
 *
 * @param theta (D<sub>θ</sub>) box, bounded
 * @param phi   (D<sub>φ</sub>) box, bounded (a point when trained at one setting)
 * @param x     (D<sub>x</sub>) box, bounded
 */
public record TrainedRanges(Box theta, Box phi, Box x) {
    private static final Logger LOG = LoggerFactory.getLogger(TrainedRanges.class);

    public TrainedRanges {
        if (theta == null || phi == null || x == null) {
            throw new InvalidInputException("trained ranges: expected theta, phi and x boxes but found " + theta + ", "
                    + phi + ", " + x);
        }
        for (Box b : new Box[] {theta, phi, x}) {
            if (!b.isBounded()) {
                throw new InvalidInputException("trained ranges: expected bounded boxes but found " + b);
            }
        }
    }

    /** Requires the boxes to have the dimensions {@code dims}. */
    public TrainedRanges requireDimensions(Dimensions dims) {
        if (theta.dim() != dims.thetaDim() || phi.dim() != dims.phiDim() || x.dim() != dims.xDim()) {
            throw new DimensionMismatchException("trained ranges: expected (theta, phi, x) boxes of dimensions ("
                    + dims.thetaDim() + ", " + dims.phiDim() + ", " + dims.xDim() + ") but found (" + theta.dim()
                    + ", " + phi.dim() + ", " + x.dim() + ")");
        }
        return this;
    }

    /**
     * Applies {@code policy} to row-aligned arguments of matching shapes: with {@link RangePolicy#FAIL}
     * the first value outside its box throws {@link org.robotphysicist.data.OutOfSupportException}; with
     * {@link RangePolicy#WARN} one warning per argument says how many rows lie outside.
     *
     * @param model a name for messages, e.g. the model kind
     */
    public void enforce(RangePolicy policy, String model, Matrix xs, Matrix thetas, Matrix phis) {
        enforce(policy, model, "theta", theta, thetas);
        enforce(policy, model, "phi", phi, phis);
        enforce(policy, model, "x", x, xs);
    }

    /**
     * As {@link #enforce(RangePolicy, String, Matrix, Matrix, Matrix)} for the grid form of a call:
     * N events (N, D<sub>x</sub>) at one φ (D<sub>φ</sub>) against a θ grid (M, D<sub>θ</sub>).
     */
    public void enforceGrid(RangePolicy policy, String model, Matrix events, Matrix thetaGrid, double[] phi) {
        enforce(policy, model, "theta grid", theta, thetaGrid);
        enforce(policy, model, "phi", this.phi, Matrix.ofRows(phi));
        enforce(policy, model, "events", x, events);
    }

    /** Applies {@code policy} to the rows of one argument against {@code box}. */
    public static void enforce(RangePolicy policy, String model, String name, Box box, Matrix rows) {
        if (policy == RangePolicy.FAIL) {
            try {
                box.requireRows(name, rows);
            } catch (org.robotphysicist.data.OutOfSupportException e) {
                throw new org.robotphysicist.data.OutOfSupportException(e.getMessage() + " (outside the " + name
                        + " range " + box + " that the " + model + " was trained on; load it with RangePolicy.WARN"
                        + " to extrapolate anyway)");
            }
            return;
        }
        int outside = 0;
        double[] row = new double[box.dim()];
        for (int r = 0; r < rows.rows(); r++) {
            rows.copyRow(r, row);
            if (!box.contains(row)) {
                outside++;
            }
        }
        if (outside > 0) {
            LOG.warn("{}: {} of {} {} rows lie outside the trained range {}; evaluating anyway (RangePolicy.WARN)",
                    model, outside, rows.rows(), name, box);
        }
    }
}

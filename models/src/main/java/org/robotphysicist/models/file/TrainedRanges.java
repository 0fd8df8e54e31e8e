package org.robotphysicist.models.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.BoxUnion;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.RangePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boxes a surrogate was trained on: θ and φ are the supports of the distributions the
 * training parameters were drawn from, x the simulator's support where it is bounded and the
 * range of the training events, widened by 10% of its width on each side, where it is not (so an
 * observed event a little beyond what training saw is evaluated, and one far beyond is refused).
 *
 * <p>φ may be a union of several boxes ({@link BoxUnion}, e.g. two beam-energy windows): then
 * {@code phi} is their bounding box and {@code phiBoxes} lists them, and a φ in none of them is
 * outside the trained range even where it lies inside the bounding box. Written only when there is
 * more than one box, so files trained on one box (and files older than the field) read as before.
 *
 * @param theta    (D<sub>θ</sub>) box, bounded
 * @param phi      (D<sub>φ</sub>) box, bounded (a point when trained at one setting; the bounding box of
 *                 {@code phiBoxes}; of dimension 0 when experiments have no setting)
 * @param x        (D<sub>x</sub>) box, bounded
 * @param phiBoxes the φ boxes trained across when there are several, disjoint and inside {@code phi}
 *                 (null: the one box {@code phi})
 */
public record TrainedRanges(Box theta, Box phi, Box x,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Box> phiBoxes) {
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
        if (phiBoxes != null && phiBoxes.size() <= 1) {
            phiBoxes = null;
        }
        if (phiBoxes != null) {
            BoxUnion union = new BoxUnion(phiBoxes);
            if (!union.bounds().equals(phi)) {
                throw new InvalidInputException("trained ranges: expected phi " + phi + " to be the bounding box of the"
                        + " phi boxes " + union + " but it is not");
            }
            phiBoxes = union.boxes();
        }
    }

    /** Ranges trained on one φ box. */
    public TrainedRanges(Box theta, Box phi, Box x) {
        this(theta, phi, x, null);
    }

    /** Ranges trained across the union {@code phi} of φ boxes. */
    public static TrainedRanges of(Box theta, BoxUnion phi, Box x) {
        return new TrainedRanges(theta, phi.bounds(), x, phi.isSingle() ? null : phi.boxes());
    }

    /** The φ boxes trained across: {@code phiBoxes}, or the one box {@code phi}. */
    public BoxUnion phiUnion() {
        return phiBoxes == null ? BoxUnion.of(phi) : new BoxUnion(phiBoxes);
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
        enforcePhi(policy, model, "phi", phis);
        enforce(policy, model, "x", x, xs);
    }

    /**
     * As {@link #enforce(RangePolicy, String, Matrix, Matrix, Matrix)} for the grid form of a call:
     * N events (N, D<sub>x</sub>) at one φ (D<sub>φ</sub>) against a θ grid (M, D<sub>θ</sub>).
     */
    public void enforceGrid(RangePolicy policy, String model, Matrix events, Matrix thetaGrid, double[] phi) {
        enforce(policy, model, "theta grid", theta, thetaGrid);
        enforcePhi(policy, model, "phi", Matrix.ofRows(phi));
        enforce(policy, model, "events", x, events);
    }

    /**
     * Applies {@code policy} to rows of φ against the trained φ: the bounding box, then, where there
     * are several boxes, the union (a row between boxes is outside, naming the boxes).
     */
    public void enforcePhi(RangePolicy policy, String model, String name, Matrix rows) {
        enforce(policy, model, name, phi, rows);
        if (phiBoxes == null) {
            return;
        }
        BoxUnion union = phiUnion();
        int outside = 0;
        for (int r = 0; r < rows.rows(); r++) {
            double[] row = rows.row(r);
            if (!union.contains(row)) {
                if (policy == RangePolicy.FAIL) {
                    throw new org.robotphysicist.data.OutOfSupportException(name + " row " + r + " = "
                            + java.util.Arrays.toString(row) + ": expected a value inside one of the phi boxes " + union
                            + " that the " + model + " was trained on (it lies between them); load it with"
                            + " RangePolicy.WARN to extrapolate anyway");
                }
                outside++;
            }
        }
        if (outside > 0) {
            LOG.warn("{}: {} of {} {} rows lie between the trained phi boxes {}; evaluating anyway (RangePolicy.WARN)",
                    model, outside, rows.rows(), name, union);
        }
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

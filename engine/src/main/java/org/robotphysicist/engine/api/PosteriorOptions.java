package org.robotphysicist.engine.api;

import java.util.Arrays;
import org.robotphysicist.data.InvalidInputException;

/**
 * How {@link RobotPhysicist#posterior} realizes a posterior: a regular grid of {@code gridPoints}
 * per θ dimension over the prior's support (edges included; at most 2<sup>22</sup> points in all),
 * summarized with central and HPD intervals at {@code levels}.
 *
 * @param gridPoints points per θ dimension, ≥ 2
 * @param levels     credibility levels in (0, 1), at least one
 */
public record PosteriorOptions(int gridPoints, double[] levels) {
    /** The largest grid, in points. */
    public static final int MAX_GRID_POINTS = 1 << 22;

    public PosteriorOptions {
        if (gridPoints < 2) {
            throw new InvalidInputException("grid points: expected at least 2 per theta dimension but found "
                    + gridPoints);
        }
        if (levels == null || levels.length == 0) {
            throw new InvalidInputException("credibility levels: expected at least one level in (0, 1) but found none");
        }
        levels = levels.clone();
        for (double l : levels) {
            if (!(l > 0 && l < 1)) {
                throw new InvalidInputException("credibility level: expected a value in (0, 1) but found " + l);
            }
        }
    }

    /** 401 points per dimension, 68% and 95% intervals. */
    public static PosteriorOptions defaults() {
        return new PosteriorOptions(401, new double[] {0.68, 0.95});
    }

    public PosteriorOptions withGridPoints(int points) {
        return new PosteriorOptions(points, levels);
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PosteriorOptions p && p.gridPoints == gridPoints && Arrays.equals(p.levels, levels);
    }

    @Override
    public int hashCode() {
        return 31 * gridPoints + Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "PosteriorOptions[gridPoints=" + gridPoints + ", levels=" + Arrays.toString(levels) + "]";
    }
}

package org.robotphysicist.training.data;

import java.util.SplittableRandom;
import org.robotphysicist.data.BoundingBox;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.data.simulator.Simulator;

/**
 * Training tables drawn from a simulator with its batched {@link Simulator#simulateBatch}: K
 * parameter pairs (θ<sub>k</sub>, φ<sub>k</sub>) from the samplers, n events at each, so every row
 * (x, θ, φ) is a draw from p(θ) p(φ) p(x | θ, φ). Reproducible: the samplers and the simulator
 * each get their own split of the stream passed in.
 */
public final class SimulatedTrainingSet {
    private SimulatedTrainingSet() {
    }

    /**
     * {@code rows} joint draws (x, θ, φ), {@code eventsPerParameter} events per parameter draw
     * (the last draw's events are cut to length).
     */
    public static EventDataset joint(Simulator simulator, ParameterSampler theta, ParameterSampler phi, int rows,
            int eventsPerParameter, SplittableRandom rng) {
        Draws draws = Draws.of(simulator, theta, phi, rows, eventsPerParameter, rng);
        EventDataset all = simulator.simulateBatch(draws.thetas(), draws.phis(), draws.perDraw(), rng.split());
        return all.size() == rows ? all : all.rows(0, rows);
    }

    /**
     * As {@link #joint} (the same rows for the same stream) with every event's joint score
     * ∇<sub>θ</sub> log p(x, z | θ, φ) from a simulator that returns it.
     */
    public static JointScoreSimulator.ScoredEvents jointWithScores(JointScoreSimulator simulator,
            ParameterSampler theta, ParameterSampler phi, int rows, int eventsPerParameter, SplittableRandom rng) {
        Draws draws = Draws.of(simulator, theta, phi, rows, eventsPerParameter, rng);
        JointScoreSimulator.ScoredEvents all = simulator.simulateBatchWithScores(draws.thetas(), draws.phis(),
                draws.perDraw(), rng.split());
        return all.events().size() == rows ? all : all.rows(0, rows);
    }

    /**
     * {@code rows} events simulated at a fixed θ₁, with φ drawn from {@code phi} (the reference
     * class of CARL's reference form); the θ column holds θ₁.
     */
    public static EventDataset atTheta(Simulator simulator, double[] theta1, ParameterSampler phi, int rows,
            int eventsPerParameter, SplittableRandom rng) {
        return joint(simulator, ParameterSampler.fixed(theta1), phi, rows, eventsPerParameter, rng);
    }

    /**
     * Share of the training events' range w<sub>d</sub> = max − min by which the trained x range of a
     * dimension with an unbounded support extends beyond the events' min and max: an observed event
     * up to 0.1 w<sub>d</sub> outside what training saw is evaluated (a smooth network extrapolates that
     * little; for Gaussian-like x from 10⁴–10⁶ training events, from about ±4 to ±5 sd, so 10³ observed
     * events leave it with probability below 1%); farther out the surrogate refuses it
     * ({@link org.robotphysicist.models.RangePolicy#FAIL}) or warns ({@code WARN}).
     */
    public static final double X_MARGIN = 0.1;

    /**
     * The x box a surrogate trained on {@code data} covers: the simulator's support along
     * dimensions where it is bounded; elsewhere the range of the data widened by
     * {@link #X_MARGIN} of its width on each unbounded side.
     */
    public static Box xRange(Simulator simulator, EventDataset... data) {
        return xRange(simulator.xSupport(), data);
    }

    /** As {@link #xRange(Simulator, EventDataset...)} for a given x {@code support}. */
    public static Box xRange(Box support, EventDataset... data) {
        BoundingBox rows = new BoundingBox(support.dim());
        for (EventDataset ds : data) {
            rows.add(ds.x());
        }
        return widen(support, rows.lower(), rows.upper());
    }

    /**
     * As {@link #xRange(Box, EventDataset...)} from the bounding box {@code rows} of the events' x
     * (found by a pass over data read in blocks).
     */
    public static Box xRange(Box support, Box rows) {
        return widen(support, rows.lower(), rows.upper());
    }

    /** The support where bounded, else [lo, hi] widened by {@link #X_MARGIN} of its width, per dimension. */
    private static Box widen(Box support, double[] lo, double[] hi) {
        for (int j = 0; j < support.dim(); j++) {
            double margin = X_MARGIN * (hi[j] - lo[j]);
            lo[j] = Double.isFinite(support.lower(j)) ? support.lower(j) : lo[j] - margin;
            hi[j] = Double.isFinite(support.upper(j)) ? support.upper(j) : hi[j] + margin;
        }
        return new Box(lo, hi);
    }

    /** The parameter draws of a table of {@code rows} rows, {@code perDraw} events at each (θ, φ) row. */
    private record Draws(Matrix thetas, Matrix phis, int perDraw) {
        /** Validates the request and draws θ and φ from the first two splits of {@code rng}. */
        static Draws of(Simulator simulator, ParameterSampler theta, ParameterSampler phi, int rows,
                int eventsPerParameter, SplittableRandom rng) {
            requireDims(simulator.dimensions(), theta, phi);
            Require.positive("training rows", rows);
            Require.positive("events per parameter draw", eventsPerParameter);
            int per = Math.min(eventsPerParameter, rows);
            int draws = (rows + per - 1) / per;
            Matrix thetas = theta.sample(draws, rng.split());
            Matrix phis = phi.sample(draws, rng.split());
            return new Draws(thetas, phis, per);
        }
    }

    private static void requireDims(Dimensions dims, ParameterSampler theta, ParameterSampler phi) {
        if (theta.dim() != dims.thetaDim() || phi.dim() != dims.phiDim()) {
            throw new DimensionMismatchException("training parameter samplers: expected theta and phi of dimensions "
                    + dims.thetaDim() + " and " + dims.phiDim() + " but found " + theta.dim() + " and " + phi.dim());
        }
    }
}

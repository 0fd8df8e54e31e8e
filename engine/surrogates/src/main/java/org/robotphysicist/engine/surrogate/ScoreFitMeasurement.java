package org.robotphysicist.engine.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.data.RowSample;

/**
 * Measures a surrogate's {@link ScoreFit}, on fresh simulations ({@link #measure}) or on the rows it
 * was trained from where those carry joint scores ({@link #onTrainingRows}): M events (x<sub>i</sub>,
 * θ<sub>i</sub>, φ<sub>i</sub>) with their joint scores t<sub>i</sub>, θ from a sampler (kept
 * h<sub>k</sub> inside the surrogate's θ range), φ from another, and the surrogate's score the
 * central difference of its log-likelihood,
 * <pre>
 *   ŝ_k(x, θ, φ) = (log q(x | θ + h_k e_k, φ) − log q(x | θ − h_k e_k, φ)) / (2 h_k),   h_k = 10⁻³ · (width of θ_k's range)
 *   R² = 1 − Σ_i Σ_k (ŝ_k,i − t_k,i)² / Σ_i Σ_k (t_k,i − t̄_k)²
 * </pre>
 * and the same R² within each of {@value #SLICES} equal-width slices of every φ component's range
 * (the surrogate's φ range), for the slices that hold at least {@value #MIN_SLICE_EVENTS} events:
 * with M = 20 000 events drawn uniformly over a one-dimensional φ range, about 1700 per slice.
 * Costs 2·D<sub>θ</sub> log-likelihood evaluations of M events (about a second for M = 20 000 on a
 * two-core CPU) and allocates no native memory of its own.
 */
public final class ScoreFitMeasurement {
    /** M, the events the registry measures on. */
    public static final int DEFAULT_EVENTS = 20_000;
    /** The slices each φ component's range is cut into for the fit by setting ({@link ScoreFit#slices()}). */
    public static final int SLICES = 12;
    /** The fewest events a slice is measured on; a slice with fewer is left out. */
    public static final int MIN_SLICE_EVENTS = 500;
    /** h<sub>k</sub> as a share of θ<sub>k</sub>'s range. */
    static final double RELATIVE_STEP = 1e-3;

    private ScoreFitMeasurement() {
    }

    /**
     * Measures {@code surrogate}'s score fit on {@code events} events simulated from {@code simulator} at θ from
     * {@code thetas} and φ from {@code phis}, with stream {@code rng}.
     *
     * @throws InvalidInputException for fewer than 2 events, a θ range too narrow for the step, or joint scores
     *                               without spread (nothing to explain)
     */
    public static ScoreFit measure(SurrogateLikelihood surrogate, JointScoreSimulator simulator,
            ParameterSampler thetas, ParameterSampler phis, int events, SplittableRandom rng) {
        requireEvents(events);
        double[] step = steps(surrogate.thetaRange());
        Matrix theta = inside(thetas.sample(events, rng), surrogate.thetaRange(), step);
        Matrix phi = phis.sample(events, rng);
        JointScoreSimulator.ScoredEvents drawn = simulator.simulateBatchWithScores(theta, phi, 1, rng);
        return fit(surrogate, drawn.events().x(), theta, phi, drawn.scores(), step, true);
    }

    /**
     * Measures {@code surrogate}'s score fit on at most {@code events} rows drawn without replacement, with
     * stream {@code rng}, from the labelled events it was trained on and their joint scores (event files that
     * carry them): not fresh events, so a figure for telling a diverged training from a working one rather
     * than a test of generalization. A row's θ closer than h<sub>k</sub> to the edge of the surrogate's θ range
     * is moved inside it, which changes its joint score by O(h) of its θ-derivative, far below the scores'
     * spread.
     *
     * @param rows   the training rows (x, θ, φ), N ≥ 2
     * @param scores (N, D<sub>θ</sub>) their joint scores, in original θ units
     * @throws InvalidInputException for fewer than 2 rows or events, mismatched scores, a θ range too narrow for
     *                               the step, or joint scores without spread
     */
    public static ScoreFit onTrainingRows(SurrogateLikelihood surrogate, EventDataset rows, Matrix scores, int events,
            SplittableRandom rng) {
        requireEvents(events);
        scores.requireShape("joint scores of the training rows", rows.size(), surrogate.thetaRange().dim());
        int m = Math.min(events, rows.size());
        requireEvents(m);
        long[] picked = RowSample.indices(rows.size(), m, rng);
        int[] at = new int[m];
        for (int i = 0; i < m; i++) {
            at[i] = Math.toIntExact(picked[i]);
        }
        double[] step = steps(surrogate.thetaRange());
        return fit(surrogate, picked(rows.x(), at), inside(picked(rows.theta(), at), surrogate.thetaRange(), step),
                picked(rows.phi(), at), picked(scores, at), step, false);
    }

    private static void requireEvents(int events) {
        if (events < 2) {
            throw new InvalidInputException("score fit: expected at least 2 events but found " + events);
        }
    }

    /** h<sub>k</sub> = {@value #RELATIVE_STEP} of each θ component's range. */
    private static double[] steps(Box range) {
        double[] step = new double[range.dim()];
        for (int k = 0; k < step.length; k++) {
            step[k] = RELATIVE_STEP * (range.upper(k) - range.lower(k));
            if (!(step[k] > 0) || !Double.isFinite(step[k])) {
                throw new InvalidInputException("score fit: expected a bounded theta range of positive width but found "
                        + range);
            }
        }
        return step;
    }

    /**
     * The fit of the surrogate's central-difference θ-score against {@code scores} (M, D<sub>θ</sub>) at the M
     * rows: R² over all of them, and within each slice of the φ range that holds at least
     * {@value #MIN_SLICE_EVENTS} rows.
     */
    private static ScoreFit fit(SurrogateLikelihood surrogate, Matrix x, Matrix theta, Matrix phi, Matrix scores,
            double[] step, boolean fresh) {
        int events = x.rows();
        double[][] estimated = new double[step.length][];
        for (int k = 0; k < step.length; k++) {
            double[] up = surrogate.logLikelihood(x, shifted(theta, k, step[k]), phi);
            double[] down = surrogate.logLikelihood(x, shifted(theta, k, -step[k]), phi);
            estimated[k] = new double[events];
            for (int i = 0; i < events; i++) {
                estimated[k][i] = (up[i] - down[i]) / (2 * step[k]);
            }
        }
        int[] all = new int[events];
        for (int i = 0; i < events; i++) {
            all[i] = i;
        }
        double pooled = explained(estimated, scores, all);
        if (Double.isNaN(pooled)) {
            throw new InvalidInputException("score fit: expected joint scores that vary across events but found all"
                    + " equal over " + events + " events");
        }
        return new ScoreFit(pooled, events, fresh, informationRatio(estimated, scores, all),
                slices(surrogate, phi, estimated, scores));
    }

    /**
     * The fit within each of {@value #SLICES} equal slices of every φ component's range (the surrogate's), for
     * the slices that hold at least {@value #MIN_SLICE_EVENTS} of the rows, component by component.
     */
    private static List<ScoreFit.Slice> slices(SurrogateLikelihood surrogate, Matrix phi, double[][] estimated,
            Matrix scores) {
        int events = phi.rows();
        List<ScoreFit.Slice> slices = new ArrayList<>();
        Box range = surrogate.phiRange();
        List<String> names = surrogate.dimensions().phiNames();
        for (int d = 0; d < phi.cols(); d++) {
            double lower = range.lower(d);
            double width = (range.upper(d) - lower) / SLICES;
            if (!(width > 0) || !Double.isFinite(width)) {
                continue; // a point setting has nothing to slice
            }
            List<List<Integer>> members = new ArrayList<>();
            for (int b = 0; b < SLICES; b++) {
                members.add(new ArrayList<>());
            }
            for (int i = 0; i < events; i++) {
                int b = (int) Math.floor((phi.get(i, d) - lower) / width);
                members.get(Math.max(0, Math.min(SLICES - 1, b))).add(i);
            }
            for (int b = 0; b < SLICES; b++) {
                int[] rows = members.get(b).stream().mapToInt(Integer::intValue).toArray();
                double r2 = rows.length >= MIN_SLICE_EVENTS ? explained(estimated, scores, rows) : Double.NaN;
                if (!Double.isNaN(r2)) {
                    slices.add(new ScoreFit.Slice(names.get(d), lower + b * width,
                            b == SLICES - 1 ? range.upper(d) : lower + (b + 1) * width, rows.length, r2,
                            informationRatio(estimated, scores, rows)));
                }
            }
        }
        return slices;
    }

    /**
     * R² = 1 − Σ Σ<sub>k</sub> (ŝ<sub>k</sub> − t<sub>k</sub>)² / Σ Σ<sub>k</sub> (t<sub>k</sub> − t̄<sub>k</sub>)²
     * over {@code rows}, t̄ their own mean; −∞ where an estimate is not finite, NaN where the scores do not vary.
     */
    private static double explained(double[][] estimated, Matrix scores, int[] rows) {
        double squaredError = 0;
        double spread = 0;
        for (int k = 0; k < estimated.length; k++) {
            double mean = 0;
            for (int i : rows) {
                mean += scores.get(i, k) / rows.length;
            }
            for (int i : rows) {
                double t = scores.get(i, k);
                double residual = estimated[k][i] - t;
                squaredError += residual * residual;
                spread += (t - mean) * (t - mean);
            }
        }
        if (!(spread > 0)) {
            return Double.NaN;
        }
        return Double.isFinite(squaredError) ? 1 - squaredError / spread : Double.NEGATIVE_INFINITY;
    }

    /**
     * Σ Σ<sub>k</sub> ŝ<sub>k</sub>² / Σ Σ<sub>k</sub> t<sub>k</sub>² over {@code rows}: the surrogate's θ-information
     * at those events as a share of the joint scores'; +∞ where an estimate is not finite.
     */
    private static double informationRatio(double[][] estimated, Matrix scores, int[] rows) {
        double surrogate = 0;
        double joint = 0;
        for (int k = 0; k < estimated.length; k++) {
            for (int i : rows) {
                surrogate += estimated[k][i] * estimated[k][i];
                joint += scores.get(i, k) * scores.get(i, k);
            }
        }
        return Double.isFinite(surrogate) ? surrogate / joint : Double.POSITIVE_INFINITY;
    }

    /** The rows {@code at} of {@code m}, in that order. */
    private static Matrix picked(Matrix m, int[] at) {
        double[] out = new double[at.length * m.cols()];
        double[] row = new double[m.cols()];
        for (int i = 0; i < at.length; i++) {
            m.copyRow(at[i], row);
            System.arraycopy(row, 0, out, i * row.length, row.length);
        }
        return Matrix.of(at.length, m.cols(), out);
    }

    /** {@code theta} with each component k moved inside [lower + h_k, upper − h_k]. */
    private static Matrix inside(Matrix theta, Box range, double[] step) {
        double[] v = theta.toArray();
        int d = step.length;
        for (int i = 0; i < v.length; i++) {
            int k = i % d;
            v[i] = Math.min(range.upper(k) - step[k], Math.max(range.lower(k) + step[k], v[i]));
        }
        return Matrix.of(theta.rows(), d, v);
    }

    /** {@code theta} with component k moved by {@code by} in every row. */
    private static Matrix shifted(Matrix theta, int k, double by) {
        double[] v = theta.toArray();
        int d = theta.cols();
        for (int i = k; i < v.length; i += d) {
            v[i] += by;
        }
        return Matrix.of(theta.rows(), d, v);
    }
}

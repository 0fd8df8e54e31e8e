package org.robotphysicist.engine.surrogate;

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
 * Costs 2·D<sub>θ</sub> log-likelihood evaluations of M events (about a second for M = 20 000 on a
 * two-core CPU) and allocates no native memory of its own.
 */
public final class ScoreFitMeasurement {
    /** M, the events the registry measures on. */
    public static final int DEFAULT_EVENTS = 20_000;
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
        return new ScoreFit(explained(surrogate, drawn.events().x(), theta, phi, drawn.scores(), step), events, true);
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
        return new ScoreFit(explained(surrogate, picked(rows.x(), at), inside(picked(rows.theta(), at),
                surrogate.thetaRange(), step), picked(rows.phi(), at), picked(scores, at), step), m, false);
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

    /** R² of the surrogate's central-difference θ-score against {@code scores} (M, D<sub>θ</sub>) at the M rows. */
    private static double explained(SurrogateLikelihood surrogate, Matrix x, Matrix theta, Matrix phi, Matrix scores,
            double[] step) {
        int events = x.rows();
        double squaredError = 0;
        double spread = 0;
        for (int k = 0; k < step.length; k++) {
            double[] up = surrogate.logLikelihood(x, shifted(theta, k, step[k]), phi);
            double[] down = surrogate.logLikelihood(x, shifted(theta, k, -step[k]), phi);
            double mean = 0;
            for (int i = 0; i < events; i++) {
                mean += scores.get(i, k) / events;
            }
            for (int i = 0; i < events; i++) {
                double t = scores.get(i, k);
                double residual = (up[i] - down[i]) / (2 * step[k]) - t;
                squaredError += residual * residual;
                spread += (t - mean) * (t - mean);
            }
        }
        if (!(spread > 0)) {
            throw new InvalidInputException("score fit: expected joint scores that vary across events but found all"
                    + " equal over " + events + " events");
        }
        return Double.isFinite(squaredError) ? 1 - squaredError / spread : Double.NEGATIVE_INFINITY;
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

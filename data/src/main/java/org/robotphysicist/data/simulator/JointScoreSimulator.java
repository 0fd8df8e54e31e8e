package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventDataset;

/**
 * A simulator that returns, with every event it draws, the event's <em>joint score</em>
 * <pre>
 *   t(x, z | θ, φ) = ∇_θ log p(x, z | θ, φ)      (D_θ numbers per event)
 * </pre>
 * where z is the simulator's latent path to x (the parton-level state of a generator, say), along
 * which the density is known even where p(x | θ, φ) = ∫ p(x, z | θ, φ) dz is not. Its conditional
 * mean is the score of the likelihood itself, E[t | x, θ, φ] = ∇<sub>θ</sub> log p(x | θ, φ), so a
 * surrogate whose own score is regressed on t learns how p(x | θ, φ) changes with θ from every event
 * and not only through the likelihood of x (Brehmer, Louppe, Pavez and Cranmer, "Mining gold from
 * implicit models to improve likelihood-free inference", PNAS 2020). A simulator without latent
 * variables returns the score of its likelihood.
 *
 * <p>Contract: for the same random stream, {@link #drawWithScore} draws the same x as
 * {@link #draw}, so training with and without scores sees the same events.
 */
public interface JointScoreSimulator extends Simulator {

    /**
     * n events at (θ, φ) and their joint scores. Arguments are assumed validated.
     *
     * @param x     (n, D<sub>x</sub>) row-major, written
     * @param score (n, D<sub>θ</sub>) row-major, written: ∇<sub>θ</sub> log p(x<sub>i</sub>, z<sub>i</sub> | θ, φ)
     */
    void drawWithScore(double[] theta, double[] phi, int n, SplittableRandom rng, double[] x, double[] score);

    /**
     * As {@link #simulateBatch} (the same events for the same stream) with the joint score of every
     * event.
     *
     * @param thetas (K, D<sub>θ</sub>)
     * @param phis   (K, D<sub>φ</sub>)
     * @return K·n labelled events and their (K·n, D<sub>θ</sub>) scores, in the same row order
     */
    default ScoredEvents simulateBatchWithScores(Matrix thetas, Matrix phis, int nEventsEach, SplittableRandom rng) {
        SplittableRandom[] streams = BatchStreams.split(this, thetas, phis, nEventsEach, rng);
        int k = thetas.rows();
        int dx = dimensions().xDim();
        int dt = dimensions().thetaDim();
        double[][] blocks = new double[k][];
        double[] scores = new double[k * nEventsEach * dt];
        IntStream.range(0, k).parallel().forEach(i -> {
            double[] out = new double[nEventsEach * dx];
            double[] t = new double[nEventsEach * dt];
            drawWithScore(thetas.row(i), phis.row(i), nEventsEach, streams[i], out, t);
            blocks[i] = out;
            System.arraycopy(t, 0, scores, i * nEventsEach * dt, t.length);
        });
        return new ScoredEvents(EventDataset.fromBlocks(dimensions(), blocks, thetas, phis, nEventsEach),
                Matrix.of(k * nEventsEach, dt, scores));
    }

    /**
     * Labelled events and the joint score of each.
     *
     * @param events (N rows) the events, with their θ and φ
     * @param scores (N, D<sub>θ</sub>) row i the joint score of event i
     */
    record ScoredEvents(EventDataset events, Matrix scores) {
        public ScoredEvents {
            if (scores.rows() != events.size() || scores.cols() != events.schema().thetaNames().size()) {
                throw new org.robotphysicist.data.DimensionMismatchException("joint scores: expected ("
                        + events.size() + ", " + events.schema().thetaNames().size() + ") but found (" + scores.rows()
                        + ", " + scores.cols() + ")");
            }
        }

        /** SHA-256 (hex) of the scores' shape and values, in row order, for provenance. */
        public String scoresSha256() {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * (2 + scores.rows() * scores.cols()));
            buf.putLong(scores.rows()).putLong(scores.cols());
            for (double v : scores.toArray()) {
                buf.putDouble(v);
            }
            return org.robotphysicist.data.io.Sha256.of(buf.array());
        }

        /** Rows [from, to) of both. */
        public ScoredEvents rows(int from, int to) {
            return new ScoredEvents(events.rows(from, to), scores.rowRange(from, to));
        }
    }
}

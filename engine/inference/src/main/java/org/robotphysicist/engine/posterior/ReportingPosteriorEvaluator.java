package org.robotphysicist.engine.posterior;

import java.util.Objects;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * A {@link PosteriorEvaluator} that reports its work: a call over N events and M θ points of more
 * than {@value #REPORTED_PAIRS} event–θ pairs is split into {@value #CHUNKS} chunks of θ rows, each
 * summed by the wrapped evaluator, and a progress report (task "posterior", unit "event-theta
 * pairs") advances by N × rows after each chunk, so a long posterior shows its rate and ETA. The
 * sum at each θ<sub>j</sub> is over the same events either way; only the wrapped evaluator's tiling
 * of the smaller chunks may differ, which can change the sums in their last bits. Smaller calls go
 * straight through, unreported.
 */
public final class ReportingPosteriorEvaluator implements PosteriorEvaluator {
    /**
     * Event–θ pairs above which a call is reported: from a fraction of a second (the exact likelihood,
     * a histogram) to tens of seconds (a spline flow on a CPU core).
     */
    public static final long REPORTED_PAIRS = 1_000_000L;
    /** Chunks of θ rows a reported call is split into. */
    public static final int CHUNKS = 20;

    private final PosteriorEvaluator inner;
    private final ProgressReporter reporter;

    /**
     * @param inner    the evaluator that computes the sums
     * @param reporter starts the report of a large call
     */
    public ReportingPosteriorEvaluator(PosteriorEvaluator inner, ProgressReporter reporter) {
        this.inner = Objects.requireNonNull(inner, "evaluator");
        this.reporter = Objects.requireNonNull(reporter, "progress reporter");
    }

    /**
     * {@code inner} reporting to {@code reporter}, or {@code inner} itself for an ensemble (whose
     * members are evaluated one by one, {@link SurrogatePosterior#memberPosteriors}) or a silent reporter.
     *
     * @param inner    the evaluator that computes the sums
     * @param reporter where the progress of a large call goes
     * @return the evaluator to use
     */
    public static PosteriorEvaluator wrap(PosteriorEvaluator inner, ProgressReporter reporter) {
        return !inner.members().isEmpty() || reporter == ProgressReporter.silent() ? inner
                : new ReportingPosteriorEvaluator(inner, reporter);
    }

    @Override
    public SurrogateLikelihood surrogate() {
        return inner.surrogate();
    }

    @Override
    public String device() {
        return inner.device();
    }

    @Override
    public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
        return reported(inner::logLikelihoodSums, events, thetas, phi, reporter);
    }

    /**
     * {@link SurrogateLikelihood#summedLogLikelihood} of {@code surrogate} over a θ grid, reported
     * as a call of this evaluator is.
     *
     * @param surrogate the likelihood surrogate
     * @param events    (N, D<sub>x</sub>) observed events
     * @param thetas    (M, D<sub>θ</sub>) θ points
     * @param phi       the events' setting, D<sub>φ</sub> values
     * @param reporter  where the progress of a large call goes
     * @return Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ) for every θ point, length M
     */
    public static double[] summed(SurrogateLikelihood surrogate, Matrix events, Matrix thetas, double[] phi,
            ProgressReporter reporter) {
        return reported(surrogate::summedLogLikelihood, events, thetas, phi, reporter);
    }

    /** Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ) for each row θ<sub>j</sub> of {@code thetas}. */
    private interface Sums {
        double[] of(Matrix events, Matrix thetas, double[] phi);
    }

    private static double[] reported(Sums sums, Matrix events, Matrix thetas, double[] phi, ProgressReporter reporter) {
        long n = events.rows();
        int m = thetas.rows();
        if (n * m <= REPORTED_PAIRS || m < 2) {
            return sums.of(events, thetas, phi);
        }
        int rows = (m + CHUNKS - 1) / CHUNKS;
        double[] out = new double[m];
        try (Progress progress = reporter.start("posterior", n * m, "event-theta pairs")) {
            for (int j0 = 0; j0 < m; j0 += rows) {
                int j1 = Math.min(m, j0 + rows);
                double[] part = sums.of(events, thetas.rowRange(j0, j1), phi);
                System.arraycopy(part, 0, out, j0, part.length);
                progress.advance(n * (j1 - j0));
            }
        }
        return out;
    }
}

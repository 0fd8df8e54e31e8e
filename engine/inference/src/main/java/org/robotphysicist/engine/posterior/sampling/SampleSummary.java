package org.robotphysicist.engine.posterior.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * A {@link PosteriorSummary} from draws (N, D): per component the sample mean, the sd (divisor
 * N − 1), the central interval at level l between the empirical (1 − l)/2 and (1 + l)/2 quantiles,
 * and the HPD interval as the shortest interval holding ⌈l·N⌉ sorted draws (unimodal marginals).
 * MAP is the draw with the highest log-density, or one given.
 */
final class SampleSummary {
    private SampleSummary() {
    }

    static PosteriorSummary of(List<String> names, Matrix draws, double[] logDensity, double... levels) {
        if (logDensity.length != draws.rows()) {
            throw new DimensionMismatchException("log-densities of the draws: expected " + draws.rows()
                    + " but found " + logDensity.length);
        }
        return withMap(names, draws, draws.row(argMax(logDensity)), levels);
    }

    /** The index of the largest value (the first of equals). */
    static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The summary of {@code draws} with {@code map} given as the MAP. */
    static PosteriorSummary withMap(List<String> names, Matrix draws, double[] map, double... levels) {
        int dim = draws.cols();
        Moments moments = Moments.of(draws);
        List<CredibleInterval> central = new ArrayList<>();
        List<CredibleInterval> hpd = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            double[] v = draws.column(d);
            Arrays.sort(v);
            for (double level : levels) {
                central.add(new CredibleInterval(names.get(d), level, quantile(v, (1 - level) / 2),
                        quantile(v, (1 + level) / 2)));
                hpd.add(shortest(names.get(d), v, level));
            }
        }
        return new PosteriorSummary(names, map, moments.mean(), moments.sd(), central, hpd);
    }

    /**
     * Per component of draws (N, D), the sample mean and the sd with divisor N − 1 (0 for one draw).
     *
     * @param mean length D
     * @param sd   length D
     */
    record Moments(double[] mean, double[] sd) {
        static Moments of(Matrix draws) {
            int n = draws.rows();
            double[] mean = new double[draws.cols()];
            double[] sd = new double[draws.cols()];
            for (int d = 0; d < draws.cols(); d++) {
                double[] v = draws.column(d);
                double m = Arrays.stream(v).average().orElse(Double.NaN);
                double ss = 0;
                for (double x : v) {
                    ss += (x - m) * (x - m);
                }
                mean[d] = m;
                sd[d] = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
            }
            return new Moments(mean, sd);
        }
    }

    /** Linear interpolation between order statistics of {@code sorted}. */
    private static double quantile(double[] sorted, double p) {
        double h = p * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static CredibleInterval shortest(String name, double[] sorted, double level) {
        int n = sorted.length;
        int span = Math.min(n - 1, Math.max(0, (int) Math.ceil(level * n) - 1));
        int start = 0;
        for (int i = 1; i + span < n; i++) {
            if (sorted[i + span] - sorted[i] < sorted[start + span] - sorted[start]) {
                start = i;
            }
        }
        return new CredibleInterval(name, level, sorted[start], sorted[start + span]);
    }
}

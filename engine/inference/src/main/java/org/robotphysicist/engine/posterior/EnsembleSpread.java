package org.robotphysicist.engine.posterior;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;

/**
 * How much the K members of a surrogate ensemble disagree about a posterior: per θ component d,
 * each member posterior's mean μ<sub>k,d</sub> and standard deviation σ<sub>k,d</sub>, and their
 * between-member standard deviations
 * <pre>
 *   spread of the mean  s_μ,d = sqrt( Σ_k (μ_{k,d} − μ̄_d)² / (K − 1) ),
 *   spread of the sd    s_σ,d = sqrt( Σ_k (σ_{k,d} − σ̄_d)² / (K − 1) ),
 * </pre>
 * both 0 for K = 1. The ensemble's posterior (the equal-weight mixture) has variance
 * mean<sub>k</sub> σ<sub>k,d</sub>² + (K − 1)/K · s<sub>μ,d</sub>², so s<sub>μ</sub> is the part of
 * its width that comes from the surrogate's own uncertainty. Immutable; round-trips to JSON.
 *
 * @param parameters  θ component names, length D
 * @param memberMeans K rows of D posterior means
 * @param memberSds   K rows of D posterior standard deviations
 * @param meanSpread  s_μ per component, length D
 * @param sdSpread    s_σ per component, length D
 */
public record EnsembleSpread(List<String> parameters, double[][] memberMeans, double[][] memberSds,
        double[] meanSpread, double[] sdSpread) {

    public EnsembleSpread {
        parameters = List.copyOf(parameters);
        if (memberMeans.length == 0 || memberMeans.length != memberSds.length) {
            throw new InvalidInputException("ensemble spread: expected means and sds of the same K >= 1 members but"
                    + " found " + memberMeans.length + " and " + memberSds.length);
        }
        memberMeans = copy(memberMeans);
        memberSds = copy(memberSds);
        meanSpread = meanSpread.clone();
        sdSpread = sdSpread.clone();
    }

    /** The spread of {@code members}' posteriors (at least one, all over the same parameters). */
    public static EnsembleSpread of(List<GridPosterior> members) {
        if (members.isEmpty()) {
            throw new InvalidInputException("ensemble spread: expected at least one member posterior but found none");
        }
        int k = members.size();
        double[][] means = new double[k][];
        double[][] sds = new double[k][];
        for (int i = 0; i < k; i++) {
            means[i] = members.get(i).mean();
            sds[i] = members.get(i).standardDeviation();
        }
        return ofMoments(members.get(0).parameterNames(), means, sds);
    }

    /**
     * The spread of K member posteriors given by their means and standard deviations (from a grid or
     * from each member's draws).
     *
     * @param parameters θ component names, length D
     * @param means      K ≥ 1 rows of D member posterior means
     * @param sds        K rows of D member posterior standard deviations
     */
    public static EnsembleSpread ofMoments(List<String> parameters, double[][] means, double[][] sds) {
        if (means.length == 0) {
            throw new InvalidInputException("ensemble spread: expected at least one member posterior but found none");
        }
        return new EnsembleSpread(parameters, means, sds, spread(means), spread(sds));
    }

    /** The sample standard deviation (K − 1 in the denominator) of each column; 0 for one row. */
    static double[] spread(double[][] rows) {
        int k = rows.length;
        double[] out = new double[rows[0].length];
        if (k < 2) {
            return out;
        }
        for (int d = 0; d < out.length; d++) {
            double mean = 0;
            for (double[] r : rows) {
                mean += r[d];
            }
            mean /= k;
            double ss = 0;
            for (double[] r : rows) {
                ss += (r[d] - mean) * (r[d] - mean);
            }
            out[d] = Math.sqrt(ss / (k - 1));
        }
        return out;
    }

    /** K, the number of members. */
    public int members() {
        return memberMeans.length;
    }

    @Override
    public double[][] memberMeans() {
        return copy(memberMeans);
    }

    @Override
    public double[][] memberSds() {
        return copy(memberSds);
    }

    @Override
    public double[] meanSpread() {
        return meanSpread.clone();
    }

    @Override
    public double[] sdSpread() {
        return sdSpread.clone();
    }

    /** One line per component: {@code ensemble of K: NAME member means ± s_μ, member sds ± s_σ}. */
    public String describe(int d) {
        return String.format(java.util.Locale.ROOT, "ensemble of %d: %s spread of the member means %.3g, of the"
                + " member sds %.3g", members(), parameters.get(d), meanSpread[d], sdSpread[d]);
    }

    /** A copy of every row of {@code a} (a deep copy of a table of doubles). */
    public static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}

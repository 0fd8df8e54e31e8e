package org.robotphysicist.models;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.models.certificate.LikelihoodTempering;

/**
 * A surrogate's own way to sum its log-likelihood over an experiment's events on a θ grid: for N
 * events and M θ points,
 * <pre>
 *   S_j = Σ_{i&lt;N} log p̂(x_i | θ_j, φ),   j &lt; M,
 * </pre>
 * up to the surrogate's θ-independent constant. Every surrogate supplies one through
 * {@link SurrogateLikelihood#gridEvaluator}: the generic {@link TiledGridEvaluator} by default, a
 * faster path where the surrogate has one (the ratio classifier's split first layer, a flow's
 * device reduction), and a wrapper's evaluator built from the wrapped surrogates' (a tempered
 * surrogate's divides by τ, an ensemble's carries one evaluator per member). Implementations cut
 * the N × M pairs into tiles of bounded memory and accumulate across tiles in float64 with
 * {@link CompensatedSums}, so the result does not depend on the tiling beyond round-off.
 *
 * <p>Contract for implementations: validate with
 * {@link org.robotphysicist.models.SurrogateArguments#requireGridCall}; return a new array of
 * length M whose entries are finite or −∞ (a zero likelihood); never NaN or +∞ (throw instead,
 * naming the grid point, {@link #requireValidSums}); be safe to call from several threads.
 */
public interface GridEvaluator {

    /** The surrogate whose log-likelihood is summed; its dimensions and ranges define valid input. */
    SurrogateLikelihood surrogate();

    /**
     * S<sub>j</sub> = Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ) for every θ point.
     *
     * @param events (N, D<sub>x</sub>), N ≥ 1
     * @param thetas (M, D<sub>θ</sub>), M ≥ 1, inside the surrogate's θ range
     * @param phi    length D<sub>φ</sub>, inside the surrogate's φ range
     * @return length M, float64, finite or −∞
     */
    double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi);

    /**
     * The sums for K datasets observed at the same setting, S<sub>k,j</sub> =
     * Σ<sub>i</sub> log p̂(x<sub>k,i</sub> | θ<sub>j</sub>, φ): what an expected-information-gain
     * estimate needs for its simulated datasets. The default evaluates the datasets in parallel,
     * one {@link #logLikelihoodSums(Matrix, Matrix, double[])} call each; a device implementation
     * may override it to put all K·N events through one tiled pass.
     *
     * @param datasets K ≥ 1 event matrices (N<sub>k</sub> ≥ 1, D<sub>x</sub>)
     * @param thetas   (M, D<sub>θ</sub>)
     * @param phi      length D<sub>φ</sub>
     * @return K arrays of length M
     */
    default double[][] logLikelihoodSums(List<Matrix> datasets, Matrix thetas, double[] phi) {
        if (datasets == null || datasets.isEmpty()) {
            throw new InvalidInputException("datasets: expected at least one event matrix but"
                    + " found none");
        }
        double[][] out = new double[datasets.size()][];
        IntStream.range(0, out.length).parallel()
                .forEach(k -> out[k] = logLikelihoodSums(datasets.get(k), thetas, phi));
        return out;
    }

    /**
     * Where the sums are computed, for logs, reports and provenance (for example "cpu" or
     * "gpu(0)"); an implementation that fell back from a requested accelerator says so here.
     */
    default String device() {
        return "cpu";
    }

    /**
     * The evaluators of a surrogate ensemble's members, in member order, from which a posterior
     * is built as the equal-weight mixture of the member posteriors and the members' spread is
     * reported; empty for a single surrogate.
     */
    default List<? extends GridEvaluator> members() {
        return List.of();
    }

    /**
     * This evaluator with its sums divided by τ(φ, N) of {@code tempering}
     * ({@link TemperedGridEvaluator}); an ensemble's evaluator tempers each member instead.
     *
     * @param tempering the tempering to apply (none returns an equivalent evaluator)
     * @param reported  the surrogate the tempered evaluator reports (the tempered surrogate)
     */
    default GridEvaluator tempered(LikelihoodTempering tempering, SurrogateLikelihood reported) {
        return new TemperedGridEvaluator(this, reported, tempering);
    }

    /**
     * {@code sums}, after checking the evaluator contract: every entry finite or −∞, never NaN or +∞.
     *
     * @param sums      the sums of {@code surrogate} on {@code thetas}
     * @param thetas    (M, D<sub>θ</sub>), to name the failing grid point
     * @param surrogate the surrogate, to name it
     * @return {@code sums}
     */
    static double[] requireValidSums(double[] sums, Matrix thetas, SurrogateLikelihood surrogate) {
        for (int j = 0; j < sums.length; j++) {
            if (Double.isNaN(sums[j]) || sums[j] == Double.POSITIVE_INFINITY) {
                throw new NonFiniteValueException("summed log-likelihood at theta point " + j + " "
                        + Arrays.toString(thetas.row(j)) + ": expected a finite value or -Infinity from " + surrogate
                        + " but found " + sums[j]);
            }
        }
        return sums;
    }
}

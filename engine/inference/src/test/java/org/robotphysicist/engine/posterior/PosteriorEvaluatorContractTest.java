package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.models.CompensatedSums;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * The contract every {@link PosteriorEvaluator} passes, shared through this module's test-jar. A
 * subclass supplies the evaluator (with automatic or fixed tiles), events and a θ grid inside the
 * surrogate's ranges, and the tolerance of its arithmetic. With ℓ<sub>ij</sub> = log p̂(x<sub>i</sub>
 * | θ<sub>j</sub>, φ) from the surrogate's row-aligned {@link SurrogateLikelihood#logLikelihood}
 * and the scale s<sub>j</sub> = Σ<sub>i</sub> (1 + |ℓ<sub>ij</sub>|):
 * <ul>
 *   <li>the sums S<sub>j</sub> equal Σ<sub>i</sub> ℓ<sub>ij</sub> (divided by the tempering τ where
 *       {@link #expectedSums} says so) to |S<sub>j</sub> − Σ<sub>i</sub> ℓ<sub>ij</sub>| ≤ tol · s<sub>j</sub>,
 *       tol = {@link #tolerance()}: 10⁻⁹ for float64 paths, stated by each float32 path;</li>
 *   <li>they do not depend on the tile size beyond the same tolerance;</li>
 *   <li>every entry is finite or −∞, never NaN or +∞;</li>
 *   <li>the K-datasets overload equals K single calls;</li>
 *   <li>NaN, wrong dimensions, no events, θ or φ outside the surrogate's ranges are refused with a
 *       message naming what was expected and what was found (NaN events cannot be put into a
 *       {@link Matrix}, so the NaN case is φ);</li>
 *   <li>concurrent calls from several threads give the single-threaded result (to the tolerance).</li>
 * </ul>
 * Small sizes (N = 40 events, M = 13 θ points) keep a subclass well under a second on a CPU.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PosteriorEvaluatorContractTest {
    /** The relative tolerance of float64 paths. */
    protected static final double FLOAT64_TOLERANCE = 1e-9;
    /** Events per dataset. */
    protected static final int EVENTS = 40;
    /** θ points of the grid. */
    protected static final int THETAS = 13;

    /**
     * The evaluator under test.
     *
     * @param tileRows pairs per tile, or 0 for the automatic choice ({@link PosteriorEvaluator#forSurrogate})
     */
    protected abstract PosteriorEvaluator evaluator(int tileRows);

    /** N events at {@link #phi()} inside the surrogate's x range, drawn from {@code seed}. */
    protected abstract Matrix events(int n, long seed);

    /** The setting φ of the events, inside the surrogate's φ range. */
    protected abstract double[] phi();

    /** The relative tolerance tol of the sums (see the class comment). */
    protected double tolerance() {
        return FLOAT64_TOLERANCE;
    }

    /** Tile sizes, in pairs, whose sums must agree with the automatic tiles'. */
    protected int[] tileSizes() {
        return new int[] {5, 17, 1000};
    }

    /**
     * {Σ<sub>i</sub> ℓ<sub>ij</sub>, s<sub>j</sub>}: the sums the evaluator must give and their
     * scale, from the row-aligned log-likelihood. A tempered evaluator's subclass divides the sums by τ.
     */
    protected double[][] expectedSums(SurrogateLikelihood surrogate, Matrix events, Matrix thetas, double[] phi) {
        int n = events.rows();
        CompensatedSums sums = new CompensatedSums(thetas.rows());
        double[] scale = new double[thetas.rows()];
        Matrix phis = Matrix.repeatRow(phi, n);
        for (int j = 0; j < thetas.rows(); j++) {
            double[] l = surrogate.logLikelihood(events, Matrix.repeatRow(thetas.row(j), n), phis);
            for (double v : l) {
                sums.add(j, v);
                scale[j] += 1 + Math.abs(v);
            }
        }
        return new double[][] {sums.values(), scale};
    }

    /** M points spread over the surrogate's θ range (a diagonal through the box, ends included). */
    protected Matrix thetas(SurrogateLikelihood surrogate, int m) {
        Box range = surrogate.thetaRange();
        double[] values = new double[m * range.dim()];
        for (int j = 0; j < m; j++) {
            for (int d = 0; d < range.dim(); d++) {
                double u = (double) j / (m - 1);
                values[j * range.dim() + d] = range.lower(d) + u * (range.upper(d) - range.lower(d));
            }
        }
        return Matrix.of(m, range.dim(), values);
    }

    /** Asserts |actual − expected| ≤ tol · scale entry by entry, naming the worst relative error. */
    protected void assertSums(String what, double[] expected, double[] scale, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": number of sums");
        double worst = 0;
        for (int j = 0; j < expected.length; j++) {
            if (expected[j] == Double.NEGATIVE_INFINITY || actual[j] == Double.NEGATIVE_INFINITY) {
                assertEquals(expected[j], actual[j], what + ": -Infinity at theta point " + j);
                continue;
            }
            worst = Math.max(worst, Math.abs(actual[j] - expected[j]) / scale[j]);
        }
        double measured = worst;
        assertTrue(measured <= tolerance(), () -> what + ": max |S - expected| / scale = " + measured + " > "
                + tolerance());
    }

    @Test
    void sumsEqualThePerEventSumOfTheLogLikelihood() {
        PosteriorEvaluator e = evaluator(0);
        Matrix x = events(EVENTS, 1);
        Matrix thetas = thetas(e.surrogate(), THETAS);
        double[][] expected = expectedSums(e.surrogate(), x, thetas, phi());
        assertSums("sums vs the row-aligned log-likelihood", expected[0], expected[1],
                e.logLikelihoodSums(x, thetas, phi()));
    }

    @Test
    void sumsDoNotDependOnTheTileSize() {
        Matrix x = events(EVENTS, 2);
        PosteriorEvaluator automatic = evaluator(0);
        Matrix thetas = thetas(automatic.surrogate(), THETAS);
        double[] reference = automatic.logLikelihoodSums(x, thetas, phi());
        double[] scale = expectedSums(automatic.surrogate(), x, thetas, phi())[1];
        for (int rows : tileSizes()) {
            assertSums("tiles of " + rows + " pairs vs automatic tiles", reference, scale,
                    evaluator(rows).logLikelihoodSums(x, thetas, phi()));
        }
    }

    @Test
    void entriesAreFiniteOrMinusInfinityNeverNaN() {
        PosteriorEvaluator e = evaluator(0);
        double[] sums = e.logLikelihoodSums(events(EVENTS, 3), thetas(e.surrogate(), THETAS), phi());
        for (int j = 0; j < sums.length; j++) {
            assertFalse(Double.isNaN(sums[j]) || sums[j] == Double.POSITIVE_INFINITY,
                    "sum at theta point " + j + ": " + sums[j]);
        }
    }

    @Test
    void manyDatasetsEqualOneCallEach() {
        PosteriorEvaluator e = evaluator(0);
        Matrix thetas = thetas(e.surrogate(), THETAS);
        List<Matrix> datasets = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            datasets.add(events(EVENTS / 2 + 7 * k, 10 + k));
        }
        double[][] batch = e.logLikelihoodSums(datasets, thetas, phi());
        assertEquals(datasets.size(), batch.length, "one array of sums per dataset");
        for (int k = 0; k < datasets.size(); k++) {
            double[] single = e.logLikelihoodSums(datasets.get(k), thetas, phi());
            double[] scale = expectedSums(e.surrogate(), datasets.get(k), thetas, phi())[1];
            assertSums("dataset " + k + " of the batch vs its own call", single, scale, batch[k]);
        }
    }

    @Test
    void badInputIsRefusedNamingWhatWasExpectedAndFound() {
        PosteriorEvaluator e = evaluator(0);
        SurrogateLikelihood s = e.surrogate();
        Dimensions d = s.dimensions();
        Matrix x = events(5, 4);
        Matrix thetas = thetas(s, 3);
        double[] phi = phi();
        assertRefused(NonFiniteValueException.class, "NaN event", () -> Matrix.ofColumn(0.1, Double.NaN));
        double[] nanPhi = phi.clone();
        nanPhi[0] = Double.NaN;
        assertRefused(NonFiniteValueException.class, "NaN phi", () -> e.logLikelihoodSums(x, thetas, nanPhi));
        assertRefused(DimensionMismatchException.class, "events with one column too many",
                () -> e.logLikelihoodSums(Matrix.of(2, d.xDim() + 1, new double[2 * (d.xDim() + 1)]), thetas, phi));
        assertRefused(DimensionMismatchException.class, "theta points with one column too many",
                () -> e.logLikelihoodSums(x, Matrix.of(1, d.thetaDim() + 1, new double[d.thetaDim() + 1]), phi));
        assertRefused(DimensionMismatchException.class, "phi with one value too many",
                () -> e.logLikelihoodSums(x, thetas, new double[d.phiDim() + 1]));
        assertRefused(InvalidInputException.class, "no events",
                () -> e.logLikelihoodSums(Matrix.of(0, d.xDim(), new double[0]), thetas, phi));
        double[] outsideTheta = thetas.row(0);
        outsideTheta[0] = s.thetaRange().upper(0) + 1 + Math.abs(s.thetaRange().upper(0));
        assertRefused(OutOfSupportException.class, "theta outside the surrogate's range",
                () -> e.logLikelihoodSums(x, Matrix.ofRows(outsideTheta), phi));
        double[] outsidePhi = phi.clone();
        outsidePhi[0] = s.phiRange().upper(0) + 1 + Math.abs(s.phiRange().upper(0));
        assertRefused(OutOfSupportException.class, "phi outside the surrogate's range",
                () -> e.logLikelihoodSums(x, thetas, outsidePhi));
    }

    private static void assertRefused(Class<? extends RuntimeException> type, String what, Executable call) {
        RuntimeException error = assertThrows(type, call, what);
        String message = String.valueOf(error.getMessage());
        assertTrue(message.contains("expected") && message.contains("found"), what + ": " + message);
    }

    @Test
    void concurrentCallsGiveTheSingleThreadedResult() throws Exception {
        PosteriorEvaluator e = evaluator(0);
        Matrix x = events(EVENTS, 5);
        Matrix thetas = thetas(e.surrogate(), THETAS);
        double[] reference = e.logLikelihoodSums(x, thetas, phi());
        double[] scale = expectedSums(e.surrogate(), x, thetas, phi())[1];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                calls.add(pool.submit(() -> e.logLikelihoodSums(x, thetas, phi())));
            }
            for (int t = 0; t < calls.size(); t++) {
                assertSums("concurrent call " + t + " vs single-threaded", reference, scale, calls.get(t).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Events x = center + width·z, z standard normal from {@code seed}, clipped into [lo, hi]; one column. */
    protected static Matrix gaussianEvents(int n, long seed, double center, double width, double lo, double hi) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(lo, Math.min(hi, center + width * rng.nextGaussian()));
        }
        return Matrix.ofColumn(v);
    }
}

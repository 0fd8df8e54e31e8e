package org.robotphysicist.models.ratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertRelativelyClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.StandardNormal;

class EvidenceNormalizationTest {

    /** K draws of x ~ N(0, 1). */
    private static Matrix reference(int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = StandardNormal.sample(rng);
        }
        return Matrix.ofColumn(x);
    }

    /**
     * For x ~ N(0, 1) the ratio r = N(x; θ, 1)/N(x; 0, 1) = exp(θx − θ²/2) has E[r] = 1, so a
     * log-ratio θx − θ²/2 + c(θ) with a spurious offset c(θ) = 0.05 sin(3θ) must come out with
     * log Ẑ(θ) = c(θ): within 4 Monte Carlo standard errors (√((e^{θ²} − 1)/K) in log terms) at
     * every node, and the normalized value log r − log Ẑ has no offset left between nodes
     * (interpolation error below 2·10⁻³ at θ = 0.31).
     */
    @Test
    void tabulatedLogZRemovesAThetaOnlyOffset() {
        int k = 200_000;
        RegularGrid nodes = EvidenceNormalization.nodes(Box.interval(-1, 1), Box.interval(1, 1), 33, 5);
        EvidenceNormalization n = EvidenceNormalization.fit(nodes, 1, phi -> reference(k, 3), (x, t, p) -> {
            double[] out = new double[x.rows()];
            for (int i = 0; i < out.length; i++) {
                double th = t.get(i, 0);
                out[i] = th * x.get(i, 0) - 0.5 * th * th + 0.05 * Math.sin(3 * th);
            }
            return out;
        }, 1 << 14);
        assertEquals(33, nodes.size(), "a fixed phi gets a single node");
        assertEquals(k, n.samples());
        double[] z = n.logZ();
        for (int j = 0; j < z.length; j++) {
            double th = nodes.coordinate(0, j);
            double se = Math.sqrt((Math.exp(th * th) - 1) / k);
            assertClose("log Z at theta = " + th, 0.05 * Math.sin(3 * th), z[j], 4 * se + 1e-12);
        }
        double th = 0.31;
        assertClose("interpolated log Z at 0.31", 0.05 * Math.sin(3 * th), n.logZ(new double[] {th}, new double[] {1}),
                2e-3);
        assertEquals(n, Json.read(Json.write(n), EvidenceNormalization.class, "normalization"));
        assertEquals(n.logZ(new double[] {1}, new double[] {1}), n.logZ(new double[] {1.5}, new double[] {1}),
                "clamped to the grid outside it");
    }

    /**
     * The node count follows the θ dimension under the point cap: 65 for one θ, an equal share for
     * several (2-D θ with a φ range: ⌊√(16384/9)⌋ = 42 each), the corners for ten (1024 points, where
     * a full 65-node grid would be 65¹⁰ ≈ 1.3·10¹⁸), and a clear refusal when even the corners exceed
     * the cap.
     */
    @Test
    void nodeCountsStayWithinTheCapForAnyThetaDimension() {
        Box fixedPhi = Box.interval(1, 1);
        assertEquals(65, EvidenceNormalization.nodes(Box.interval(-1, 1), fixedPhi, 65, 9).size());
        Box square = new Box(new double[] {0, 0}, new double[] {1, 1});
        RegularGrid two = EvidenceNormalization.nodes(square, Box.interval(1, 2), 65, 9);
        assertEquals(List.of(42, 42, 9), Arrays.stream(two.counts()).boxed().toList());
        double[] lo = new double[10];
        double[] hi = new double[10];
        Arrays.fill(lo, -1);
        Arrays.fill(hi, 1);
        RegularGrid ten = EvidenceNormalization.nodes(new Box(lo, hi), fixedPhi, 65, 9);
        assertEquals(1024, ten.size(), "ten theta dimensions get their corners");
        assertEquals(59_049, EvidenceNormalization.nodes(new Box(lo, hi), fixedPhi, 65, 9,
                60_000).size(), "a larger cap gives 3 per dimension");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EvidenceNormalization.nodes(new Box(lo, hi), fixedPhi, 65, 9, 1000));
        assertTrue(e.getMessage().contains("at most 1000 points") && e.getMessage().contains("1024"), e.getMessage());
    }

    /**
     * The law the size warning states: the table's Monte Carlo error moves a posterior from N events
     * by a normal deviate of about √(N/K) posterior sd. With the exact ratio of x ~ N(θ, 1) to
     * p(x | φ) = N(0, 1) (so log Z = 0 exactly) and data whose exact posterior is N(0, 1/N), each of
     * 200 tables of K = 2000 reference events (independent seeds) gives a normalized posterior
     * whose mean, in exact posterior sd, is that table's shift; their sd must be √(N/K) within 15%
     * (the sd of an sd estimated from 200 draws is 5%) at N = 200 and N = 800 (posterior sd 0.07 and
     * 0.035, well inside the table's θ box), and their mean within 3 standard errors of 0.
     */
    @Test
    void theMonteCarloShiftIsSqrtOfNOverKPosteriorSd() {
        int k = 2000;
        int tables = 200;
        RegularGrid nodes = EvidenceNormalization.nodes(Box.interval(-0.5, 0.5), Box.interval(1, 1), 65, 5);
        double[] grid = new double[2001];
        for (int j = 0; j < grid.length; j++) {
            grid[j] = -0.5 + j / 2000.0;
        }
        List<EvidenceNormalization> fitted = new java.util.ArrayList<>();
        for (int t = 0; t < tables; t++) {
            long seed = 1000L + t;
            fitted.add(EvidenceNormalization.fit(nodes, 1, phi -> reference(k, seed),
                    EvidenceNormalizationTest::exactLogRatio, 1 << 14));
        }
        for (int events : new int[] {200, 800}) {
            double[] shifts = fitted.stream().mapToDouble(n -> posteriorMean(n, events, grid) * Math.sqrt(events))
                    .toArray();
            double mean = Arrays.stream(shifts).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(shifts).map(v -> (v - mean) * (v - mean)).sum() / (tables - 1));
            assertRelativelyClose("sd over " + tables + " tables of the posterior shift (in posterior sd) at N = "
                    + events + ", K = " + k + ", against sqrt(N/K)", Math.sqrt((double) events / k), sd,
                    0.15);
            assertWithinSigmas("mean shift at N = " + events, 0, mean, sd / Math.sqrt(tables), 3);
        }
    }

    /** The warning names K, the events it is sized for (K/100), the events found and the shift they see. */
    @Test
    void aTableWarnsBeyondTheEventsItIsSizedFor() {
        RegularGrid g = RegularGrid.of(0, 1, 3);
        EvidenceNormalization n = new EvidenceNormalization(g, new double[3], 100_000);
        assertEquals(1000, n.eventsSizedFor());
        assertTrue(n.sizeWarning(1000).isEmpty(), "sized for 1000: " + n.sizeWarning(1000));
        String w = n.sizeWarning(5000).orElseThrow();
        assertTrue(w.contains("100000 reference events") && w.contains("enough for 1000 events")
                && w.contains("found 5000") && w.contains("about 0.22 sd"), w);
        assertTrue(n.sizeWarning(1001).isPresent(), "one event beyond the size");
        assertClose("sqrt(N/K) at N = 5000", Math.sqrt(0.05), n.monteCarloShiftInSd(5000), 1e-12);
        assertThrows(InvalidInputException.class, () -> n.monteCarloShiftInSd(0));
        var none = assertThrows(InvalidInputException.class, () -> n.sizeWarning(0));
        assertTrue(none.getMessage().contains("events") && none.getMessage().contains("0"), none.getMessage());
        assertEquals(n, Json.read(Json.write(n), EvidenceNormalization.class, "normalization"),
                "the size is derived, not stored");
    }

    /** log N(x; θ, 1) − log N(x; 0, 1) = θx − θ²/2, row-aligned. */
    private static double[] exactLogRatio(Matrix x, Matrix theta, Matrix phi) {
        double[] out = new double[x.rows()];
        for (int i = 0; i < out.length; i++) {
            double th = theta.get(i, 0);
            out[i] = th * x.get(i, 0) - 0.5 * th * th;
        }
        return out;
    }

    /**
     * The mean on {@code grid} of the posterior ∝ exp(−Nθ²/2 − N log Ẑ(θ)): N events with sample
     * mean 0 under the exact ratio, normalized by the table, flat prior.
     */
    private static double posteriorMean(EvidenceNormalization n, int events, double[] grid) {
        double[] logp = new double[grid.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < grid.length; j++) {
            logp[j] = -0.5 * events * grid[j] * grid[j] - events * n.logZ(new double[] {grid[j]}, new double[] {1});
            max = Math.max(max, logp[j]);
        }
        double mass = 0;
        double first = 0;
        for (int j = 0; j < grid.length; j++) {
            double w = Math.exp(logp[j] - max);
            mass += w;
            first += w * grid[j];
        }
        return first / mass;
    }

    @Test
    void inconsistentTablesAreRejected() {
        RegularGrid g = RegularGrid.of(0, 1, 3);
        assertThrows(DimensionMismatchException.class, () -> new EvidenceNormalization(g, new double[2], 10));
        assertThrows(InvalidInputException.class, () -> new EvidenceNormalization(g, new double[3], 0));
        assertThrows(InvalidInputException.class,
                () -> EvidenceNormalization.nodes(Box.interval(0, 1), Box.interval(0, 1), 1, 3));
    }
}

package org.robotphysicist.models.ratio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.GridSums;

/**
 * The per-(θ, φ) normalization of a ratio classifier. A ratio r̂ = p̂(x | θ, φ) / p(x | φ) implies
 * the likelihood p̂(x | θ, φ) = r̂ · p(x | φ), which is normalized only if
 * <pre>
 *   Z(θ, φ) = E_{x ~ p(x | φ)}[ r̂(x, θ, φ) ] = 1   for every θ.
 * </pre>
 * A trained classifier misses this by a small θ-dependent amount (its loss barely penalizes a
 * logit offset that depends on θ alone), and a posterior from N events multiplies the error by N:
 * at N in the thousands even 10⁻³ nats shift and narrow the posterior. Dividing by Ẑ restores the
 * normalization:
 * <pre>
 *   log r̃(x, θ, φ) = log r̂(x, θ, φ) − log Ẑ(θ, φ),   Ẑ(θ, φ) = (1/K) Σ_k r̂(x_k, θ, φ),
 * </pre>
 * with K reference events x<sub>k</sub> simulated from p(x | φ) (θ from the training prior), the
 * same events for every θ so the Monte Carlo error is smooth in θ. log Ẑ is tabulated on a regular
 * grid over the trained (θ, φ) box and interpolated multilinearly.
 *
 * <p><b>Error and cost.</b> The Monte Carlo error of log Ẑ moves a posterior from N events by about
 * √(N/K) of its width (for a weak per-event signal, where r̂ ≈ 1), whatever the θ dimension, so K
 * should be a hundred times N or more for a shift below 0.1 sd. The grid's interpolation error is
 * that of multilinear interpolation, about h²/8 · |∂²log Z| per dimension for node spacing h,
 * multiplied by N in the log posterior. The table is fitted with K network evaluations per node,
 * so the number of nodes is capped ({@link #nodes(Box, Box, int, int, int)}): with a cap of P points
 * a D<sub>θ</sub>-dimensional θ gets ⌊(P / φ nodes)<sup>1/D<sub>θ</sub></sup>⌋ nodes per dimension
 * — 65 for one θ, 2 (the corners: log Ẑ linear along each axis) for ten under the default cap
 * of {@value #DEFAULT_MAX_POINTS}. A coarse table removes the offset's trend across the box but not
 * its curvature between nodes; where that matters, train on a narrower θ box.
 */
public final class EvidenceNormalization {
    /** The default cap on the number of (θ, φ) nodes of a table. */
    public static final int DEFAULT_MAX_POINTS = 1 << 14;
    /** The Monte Carlo shift, in posterior sd, a table is sized to stay within: K = N/0.1² = 100·N. */
    public static final double SIZED_SHIFT_SD = 0.1;

    private final RegularGrid grid;
    private final double[] logZ;
    private final int samples;

    /**
     * @param grid    nodes over the (θ, φ) box, θ coordinates first
     * @param logZ    log Ẑ at the grid's points, in the grid's order
     * @param samples K, the reference events per φ node
     */
    @JsonCreator
    public EvidenceNormalization(@JsonProperty("grid") RegularGrid grid, @JsonProperty("logZ") double[] logZ,
            @JsonProperty("samples") int samples) {
        if (grid == null || logZ == null || logZ.length != grid.size()) {
            throw new DimensionMismatchException("evidence normalization: expected one log Z per grid point ("
                    + (grid == null ? "no grid" : grid.size()) + ") but found " + (logZ == null ? "none" : logZ.length));
        }
        Require.finite("log Z", logZ.clone());
        Require.positive("reference events", samples);
        this.grid = grid;
        this.logZ = logZ.clone();
        this.samples = samples;
    }

    /**
     * The grid of nodes for a trained (θ, φ) box: {@code thetaNodes} per θ dimension, {@code phiNodes} per φ one
     * (a dimension whose range is a point gets one), under the {@link #DEFAULT_MAX_POINTS} cap.
     */
    public static RegularGrid nodes(Box theta, Box phi, int thetaNodes, int phiNodes) {
        return nodes(theta, phi, thetaNodes, phiNodes, DEFAULT_MAX_POINTS);
    }

    /**
     * The grid of nodes for a trained (θ, φ) box with at most {@code maxPoints} points: φ dimensions get
     * {@code phiNodes} each, then θ dimensions get {@code thetaNodes} each, or the most an equal share of
     * the cap allows (at least 2); if even 2 per φ and θ dimension exceed the cap, φ gets 2 and the grid
     * is refused.
     *
     * @throws InvalidInputException when 2 nodes per varying dimension are more than {@code maxPoints}
     */
    public static RegularGrid nodes(Box theta, Box phi, int thetaNodes, int phiNodes, int maxPoints) {
        if (thetaNodes < 2 || phiNodes < 2) {
            throw new InvalidInputException("normalization nodes: expected at least 2 per dimension but found "
                    + thetaNodes + " and " + phiNodes);
        }
        int varyingTheta = varying(theta);
        int varyingPhi = varying(phi);
        double corners = Math.pow(2, varyingTheta + varyingPhi);
        if (corners > maxPoints) {
            throw new InvalidInputException(String.format("normalization nodes: expected at most %d points, but even"
                    + " 2 nodes per varying dimension (%d theta, %d phi) make %.0f; switch the normalization off or"
                    + " raise its point cap", maxPoints, varyingTheta, varyingPhi, corners));
        }
        double phiPoints = Math.pow(phiNodes, varyingPhi);
        if (phiPoints * Math.pow(2, varyingTheta) > maxPoints) {
            phiNodes = Math.max(2, (int) Math.floor(Math.pow(maxPoints / Math.pow(2, varyingTheta), 1.0 / varyingPhi)
                    + 1e-9));
            phiPoints = Math.pow(phiNodes, varyingPhi);
        }
        if (varyingTheta > 0) {
            int share = (int) Math.floor(Math.pow(maxPoints / phiPoints, 1.0 / varyingTheta) + 1e-9);
            thetaNodes = Math.max(2, Math.min(thetaNodes, share));
        }
        return grid(theta, phi, thetaNodes, phiNodes);
    }

    private static int varying(Box b) {
        int n = 0;
        for (int i = 0; i < b.dim(); i++) {
            if (b.lower(i) != b.upper(i)) {
                n++;
            }
        }
        return n;
    }

    private static RegularGrid grid(Box theta, Box phi, int thetaNodes, int phiNodes) {
        int d = theta.dim() + phi.dim();
        double[] lo = new double[d];
        double[] hi = new double[d];
        int[] counts = new int[d];
        for (int i = 0; i < d; i++) {
            Box b = i < theta.dim() ? theta : phi;
            int k = i < theta.dim() ? i : i - theta.dim();
            lo[i] = b.lower(k);
            hi[i] = b.upper(k);
            counts[i] = lo[i] == hi[i] ? 1 : (i < theta.dim() ? thetaNodes : phiNodes);
        }
        return new RegularGrid(lo, hi, counts);
    }

    /** log Ẑ(θ, φ), multilinear between nodes; (θ, φ) is clamped into the grid's box. */
    public double logZ(double[] theta, double[] phi) {
        int dt = theta.length;
        double[] v = new double[dt + phi.length];
        for (int i = 0; i < v.length; i++) {
            double c = i < dt ? theta[i] : phi[i - dt];
            v[i] = Math.min(grid.upper()[i], Math.max(grid.lower()[i], c));
        }
        RegularGrid.Stencil s = grid.stencil(v);
        double out = 0;
        for (int k = 0; k < s.indices().length; k++) {
            out += s.weights()[k] * logZ[s.indices()[k]];
        }
        return out;
    }

    /**
     * Tabulates log Ẑ at every node of {@code grid}.
     *
     * @param grid            nodes over (θ, φ), θ coordinates first (see {@link #nodes})
     * @param thetaDim        D<sub>θ</sub>
     * @param referenceEvents for a φ node, K events from p(x | φ) (K ≥ 1)
     * @param logRatio        the un-normalized log-ratio, evaluated row-aligned
     * @param tileRows        rows per evaluation tile
     */
    public static EvidenceNormalization fit(RegularGrid grid, int thetaDim,
            java.util.function.Function<double[], Matrix> referenceEvents, GridSums.RowEvaluator logRatio, int tileRows) {
        Matrix points = grid.points();
        int d = grid.dim();
        java.util.Map<java.util.List<Double>, java.util.List<Integer>> byPhi = new java.util.LinkedHashMap<>();
        for (int j = 0; j < points.rows(); j++) {
            java.util.List<Double> key = new java.util.ArrayList<>();
            for (int i = thetaDim; i < d; i++) {
                key.add(points.get(j, i));
            }
            byPhi.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(j);
        }
        double[] logZ = new double[points.rows()];
        int samples = 0;
        for (var e : byPhi.entrySet()) {
            double[] phi = e.getKey().stream().mapToDouble(Double::doubleValue).toArray();
            Matrix events = referenceEvents.apply(phi);
            samples = events.rows();
            java.util.List<Integer> rows = e.getValue();
            double[] thetas = new double[rows.size() * thetaDim];
            for (int r = 0; r < rows.size(); r++) {
                for (int t = 0; t < thetaDim; t++) {
                    thetas[r * thetaDim + t] = points.get(rows.get(r), t);
                }
            }
            double[] z = GridSums.logMeanExp(events, Matrix.of(rows.size(), thetaDim, thetas), phi, tileRows, logRatio);
            for (int r = 0; r < rows.size(); r++) {
                logZ[rows.get(r)] = z[r];
            }
        }
        return new EvidenceNormalization(grid, logZ, samples);
    }

    @JsonProperty("grid")
    public RegularGrid grid() {
        return grid;
    }

    @JsonProperty("logZ")
    public double[] logZ() {
        return logZ.clone();
    }

    @JsonProperty("samples")
    public int samples() {
        return samples;
    }

    /**
     * √(N/K): about how far, in posterior standard deviations, the table's Monte Carlo error moves
     * a posterior from N = {@code events} events at one setting (see the class comment), K the
     * reference events per φ node.
     */
    public double monteCarloShiftInSd(long events) {
        Require.positive("events", events);
        return Math.sqrt((double) events / samples);
    }

    /**
     * The most events at one setting for which {@link #monteCarloShiftInSd} stays within
     * {@value #SIZED_SHIFT_SD} sd: K/100.
     */
    @JsonIgnore
    public long eventsSizedFor() {
        return (long) Math.floor(samples * SIZED_SHIFT_SD * SIZED_SHIFT_SD + 1e-9);
    }

    /**
     * A warning when {@code events} events at one setting exceed {@link #eventsSizedFor()}: the
     * shift they would see and how to size the table for them; empty otherwise.
     */
    public java.util.Optional<String> sizeWarning(long events) {
        Require.positive("events", events);
        if (events <= eventsSizedFor()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the classifier's normalization table was"
                + " fitted with %d reference events per phi node, enough for %d events at one setting (a Monte Carlo"
                + " shift of at most %.1f posterior sd) but found %d: its error may move this posterior by about %.2f"
                + " sd (sqrt(N/K)); train the classifier for %d events per experiment to size it", samples,
                eventsSizedFor(), SIZED_SHIFT_SD, events, monteCarloShiftInSd(events), events));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvidenceNormalization e && e.grid.equals(grid) && Arrays.equals(e.logZ, logZ)
                && e.samples == samples;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(logZ);
    }

    @Override
    public String toString() {
        return "EvidenceNormalization(" + grid.size() + " nodes, K = " + samples + ")";
    }
}

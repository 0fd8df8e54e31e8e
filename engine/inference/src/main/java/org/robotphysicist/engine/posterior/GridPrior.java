package org.robotphysicist.engine.posterior;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.prior.Prior;

/**
 * A grid posterior used as the next round's prior: the density is the multilinear interpolation
 * of the posterior density values f<sub>j</sub> at the grid points, normalized exactly over the
 * grid's box,
 * <pre>
 *   q(θ) = Σ_c w_c(θ) f_c / I,   I = ∫_box interp(f) dθ = Σ_j f_j Π_d t_d(k_d),
 * </pre>
 * with w<sub>c</sub> the multilinear weights of the 2<sup>D</sup> surrounding points and
 * t<sub>d</sub> the trapezoid weights along axis d (h/2 at the ends, h inside). The support is the
 * grid's box; q is −∞ outside it and where the posterior underflowed to zero.
 *
 * <p>At the grid points q is proportional to the posterior density, so a later posterior on the
 * same grid equals the joint update exactly (up to round-off); between points it is the
 * interpolant. Draws come exactly from q: a hypercell with probability ∝ the mean of its corners,
 * then one coordinate at a time from the linear conditional density.
 *
 * <p>Needs a regular grid with at least two points along every axis.
 */
public final class GridPrior implements Prior {
    private final RegularGrid grid;
    private final double[] nodes;
    private final double logScale;
    private volatile double[] hypercellCumulative;

    GridPrior(GridPosterior posterior) {
        RegularGrid g = posterior.grid().regular().orElseThrow(() -> new InvalidInputException(
                "posterior as prior: expected a posterior on a regular grid but found " + posterior.grid()));
        for (int d = 0; d < g.dim(); d++) {
            if (g.count(d) < 2) {
                throw new InvalidInputException("posterior as prior: expected at least 2 grid points along every axis"
                        + " but found " + g.count(d) + " along axis " + d + " (" + posterior.parameterNames().get(d)
                        + ")");
            }
        }
        double[] logDensity = posterior.logDensity();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logDensity) {
            max = Math.max(max, v);
        }
        this.grid = g;
        this.nodes = new double[logDensity.length];
        double integral = 0;
        for (int j = 0; j < nodes.length; j++) {
            nodes[j] = Math.exp(logDensity[j] - max);
            int[] idx = g.multiIndex(j);
            double w = nodes[j];
            for (int d = 0; d < idx.length; d++) {
                boolean end = idx[d] == 0 || idx[d] == g.count(d) - 1;
                w *= end ? g.spacing(d) / 2 : g.spacing(d);
            }
            integral += w;
        }
        this.logScale = -Math.log(integral);
    }

    /** The grid the prior interpolates on. */
    public RegularGrid grid() {
        return grid;
    }

    @Override
    public int dim() {
        return grid.dim();
    }

    @Override
    public Box support() {
        return grid.bounds();
    }

    @Override
    public double logProb(double[] theta) {
        Require.finiteVector("theta", theta, dim());
        if (!grid.bounds().contains(theta)) {
            return Double.NEGATIVE_INFINITY;
        }
        RegularGrid.Stencil s = grid.stencil(theta);
        double v = 0;
        for (int c = 0; c < s.indices().length; c++) {
            v += s.weights()[c] * nodes[s.indices()[c]];
        }
        return v > 0 ? Math.log(v) + logScale : Double.NEGATIVE_INFINITY;
    }

    @Override
    public Matrix sample(int n, SplittableRandom rng) {
        Require.positive("number of prior draws", n);
        double[] cumulative = cumulative();
        int dim = dim();
        int corners = 1 << dim;
        double[] out = new double[n * dim];
        int[] base = new int[dim];
        int[] idx = new int[dim];
        double[] values = new double[corners];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() * cumulative[cumulative.length - 1];
            int c = Arrays.binarySearch(cumulative, u);
            c = Math.min(c >= 0 ? c + 1 : -c - 1, cumulative.length - 1);
            hypercellBase(c, base);
            for (int mask = 0; mask < corners; mask++) {
                for (int d = 0; d < dim; d++) {
                    idx[d] = base[d] + ((mask >> d) & 1);
                }
                values[mask] = nodes[grid.flatIndex(idx)];
            }
            int remaining = corners;
            for (int d = 0; d < dim; d++) {
                double f0 = 0;
                double f1 = 0;
                for (int m = 0; m < remaining; m += 2) {
                    f0 += values[m];
                    f1 += values[m + 1];
                }
                double t = linearDraw(f0, f1, rng.nextDouble());
                for (int m = 0; m < remaining / 2; m++) {
                    values[m] = values[2 * m] * (1 - t) + values[2 * m + 1] * t;
                }
                remaining /= 2;
                double h = grid.spacing(d);
                out[i * dim + d] = Math.min(grid.coordinate(d, base[d]) + t * h, grid.coordinate(d, base[d] + 1));
            }
        }
        return Matrix.of(n, dim, out);
    }

    /** A draw t ∈ [0, 1] from the density ∝ a·(1 − t) + b·t, by inverting its quadratic CDF. */
    static double linearDraw(double a, double b, double r) {
        double total = a + b;
        double s = Math.sqrt(a * a * (1 - r) + b * b * r);
        return s + a > 0 ? Math.min(1, r * total / (a + s)) : r;
    }

    private void hypercellBase(int c, int[] base) {
        for (int d = grid.dim() - 1; d >= 0; d--) {
            int cells = grid.count(d) - 1;
            base[d] = c % cells;
            c /= cells;
        }
    }

    private double[] cumulative() {
        double[] cumulative = hypercellCumulative;
        if (cumulative != null) {
            return cumulative;
        }
        int dim = dim();
        long count = 1;
        for (int d = 0; d < dim; d++) {
            count *= grid.count(d) - 1;
        }
        cumulative = new double[(int) count];
        int[] base = new int[dim];
        int[] idx = new int[dim];
        double total = 0;
        for (int c = 0; c < cumulative.length; c++) {
            hypercellBase(c, base);
            double sum = 0;
            for (int mask = 0; mask < (1 << dim); mask++) {
                for (int d = 0; d < dim; d++) {
                    idx[d] = base[d] + ((mask >> d) & 1);
                }
                sum += nodes[grid.flatIndex(idx)];
            }
            total += sum;
            cumulative[c] = total;
        }
        hypercellCumulative = cumulative;
        return cumulative;
    }

    @Override
    public String toString() {
        return "GridPrior(" + grid + ")";
    }
}

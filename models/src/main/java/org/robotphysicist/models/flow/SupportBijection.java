package org.robotphysicist.models.flow;

import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;

/**
 * The fixed elementwise bijection g from the declared support of x (a {@link Box}, bounds possibly
 * infinite) onto ℝ<sup>D<sub>x</sub></sup>, through which a {@link ConditionalFlow} models a
 * bounded x: the flow's density q lives on y = g(x) ∈ ℝ<sup>D</sup>, so
 * <pre>
 *   log p(x) = log q(g(x)) + Σ_d log|g_d′(x_d)|   inside the support,   p(x) = 0 outside,
 * </pre>
 * which integrates to 1 over the support and puts no probability outside it. Per dimension d:
 * <ul>
 *   <li>[a, b], both finite: u = (x − a)/(b − a), y = logit(u) = log(u/(1 − u)),
 *       log|dy/dx| = −log(u(1 − u)) − log(b − a); inverse x = a + (b − a)·σ(y);</li>
 *   <li>[a, ∞): y = log(x − a), log|dy/dx| = −log(x − a); inverse x = a + e<sup>y</sup>;</li>
 *   <li>(−∞, b]: y = −log(b − x), log|dy/dx| = −log(b − x); inverse x = b − e<sup>−y</sup>;</li>
 *   <li>(−∞, ∞): the identity, log|dy/dx| = 0.</li>
 * </ul>
 * <b>Clamp at the edges.</b> The maps diverge at a finite edge, where a simulator may still
 * put an event (cos θ = ±1 exactly). u is clamped to [ε, 1 − ε] with ε = {@value #EDGE_CLAMP},
 * and x − a, b − x to at least {@value #EDGE_CLAMP} (absolute): an x that close to an edge is
 * evaluated as if it were at that distance. The flow never sees an infinite y, and the
 * probability moved this way is at most the density at the edge times ε·(b − a) — negligible.
 *
 * <p><b>Outside the support</b> the density is 0: {@link #toReal} gives log|dy/dx| = −∞ for such
 * a row (and a placeholder y = 0 so the flow still sees finite numbers), so log p = −∞, as for
 * {@link org.robotphysicist.data.simulator.TractableSimulator#logDensity}.
 */
public final class SupportBijection {
    /** The edge clamp ε described above. */
    public static final double EDGE_CLAMP = 1e-9;

    private final Box support;
    private final boolean identity;

    private SupportBijection(Box support) {
        this.support = support;
        boolean allUnbounded = true;
        for (int d = 0; d < support.dim(); d++) {
            allUnbounded &= support.lower(d) == Double.NEGATIVE_INFINITY && support.upper(d) == Double.POSITIVE_INFINITY;
        }
        this.identity = allUnbounded;
    }

    /** The bijection of {@code support}; its bounds may be infinite. */
    public static SupportBijection of(Box support) {
        return new SupportBijection(support);
    }

    public Box support() {
        return support;
    }

    /** True when every dimension is unbounded, so g is the identity. */
    public boolean isIdentity() {
        return identity;
    }

    /**
     * x mapped to ℝ and the log-Jacobian of each row.
     *
     * @param y           (B, D), the images g(x) (0 in rows outside the support)
     * @param logJacobian length B: Σ<sub>d</sub> log|g<sub>d</sub>′(x<sub>d</sub>)|, −∞ outside the support
     */
    public record Mapped(Matrix y, double[] logJacobian) {
        /** Σ<sub>b</sub> logJacobian[b]: the term every grid point shares in a summed log-likelihood. */
        public double totalLogJacobian() {
            double s = 0;
            for (double v : logJacobian) {
                s += v;
            }
            return s;
        }
    }

    /**
     * g(x) row by row, with log|det ∂g/∂x| per row.
     *
     * @param x (B, D)
     */
    public Mapped toReal(Matrix x) {
        requireColumns(x);
        int rows = x.rows();
        int dim = support.dim();
        double[] in = x.toArray();
        double[] logJacobian = new double[rows];
        if (identity) {
            return new Mapped(x, logJacobian);
        }
        double[] y = new double[in.length];
        for (int r = 0; r < rows; r++) {
            double lj = 0;
            boolean inside = true;
            for (int d = 0; d < dim; d++) {
                double v = in[r * dim + d];
                double a = support.lower(d);
                double b = support.upper(d);
                if (!(v >= a && v <= b)) {
                    inside = false;
                    break;
                }
                boolean finiteLower = a != Double.NEGATIVE_INFINITY;
                boolean finiteUpper = b != Double.POSITIVE_INFINITY;
                if (finiteLower && finiteUpper) {
                    double width = b - a;
                    double u = Math.min(Math.max((v - a) / width, EDGE_CLAMP), 1 - EDGE_CLAMP);
                    double rest = Math.min(Math.max((b - v) / width, EDGE_CLAMP), 1 - EDGE_CLAMP);
                    y[r * dim + d] = Math.log(u) - Math.log(rest);
                    lj -= Math.log(u) + Math.log(rest) + Math.log(width);
                } else if (finiteLower) {
                    double gap = Math.max(v - a, EDGE_CLAMP);
                    y[r * dim + d] = Math.log(gap);
                    lj -= Math.log(gap);
                } else if (finiteUpper) {
                    double gap = Math.max(b - v, EDGE_CLAMP);
                    y[r * dim + d] = -Math.log(gap);
                    lj -= Math.log(gap);
                } else {
                    y[r * dim + d] = v;
                }
            }
            if (inside) {
                logJacobian[r] = lj;
            } else {
                logJacobian[r] = Double.NEGATIVE_INFINITY;
                java.util.Arrays.fill(y, r * dim, (r + 1) * dim, 0.0);
            }
        }
        return new Mapped(Matrix.of(rows, dim, y), logJacobian);
    }

    /**
     * g<sup>−1</sup>(y) row by row: a point of the support for every finite y (an edge itself
     * where σ(y) or e<sup>±y</sup> rounds to it).
     *
     * @param y (B, D)
     * @return (B, D)
     */
    public Matrix toSupport(Matrix y) {
        requireColumns(y);
        if (identity) {
            return y;
        }
        int dim = support.dim();
        double[] v = y.toArray();
        double[] x = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int d = i % dim;
            double a = support.lower(d);
            double b = support.upper(d);
            boolean finiteLower = a != Double.NEGATIVE_INFINITY;
            boolean finiteUpper = b != Double.POSITIVE_INFINITY;
            if (finiteLower && finiteUpper) {
                // a + (b − a)·σ(y), measured from the nearer edge so that neither edge loses precision.
                double value = v[i] >= 0 ? b - (b - a) / (1 + Math.exp(v[i]))
                        : a + (b - a) * Math.exp(v[i]) / (1 + Math.exp(v[i]));
                x[i] = Math.min(Math.max(value, a), b);
            } else if (finiteLower) {
                x[i] = a + Math.exp(v[i]);
            } else if (finiteUpper) {
                x[i] = b - Math.exp(-v[i]);
            } else {
                x[i] = v[i];
            }
        }
        return Matrix.of(y.rows(), dim, x);
    }

    private void requireColumns(Matrix m) {
        if (m.cols() != support.dim()) {
            throw new DimensionMismatchException("x columns for the support bijection", support.dim(), m.cols());
        }
    }

    @Override
    public String toString() {
        return "SupportBijection(" + support + ")";
    }
}

package org.robotphysicist.engine.design.optim;

import java.util.Arrays;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * Minimizes a smooth function with an analytic gradient over a box l ≤ x ≤ u by projected
 * limited-memory BFGS: the L-BFGS two-loop recursion (Nocedal &amp; Wright, <i>Numerical
 * Optimization</i>, alg. 7.4) restricted to the free variables — those not held at a bound by a
 * gradient pointing outward; the correction pairs are dropped whenever that set changes — and a
 * backtracking Armijo search along the projected path x(t) = P(x + t·d) with safeguarded
 * quadratic interpolation (Bertsekas 1982; Kim, Sra &amp; Dhillon 2010; Nocedal &amp; Wright §3.5).
 * It stops when the projected gradient ‖P(x − ∇f) − x‖<sub>∞</sub> falls below
 * {@code gradientTolerance}, when one step reduces f by less than
 * {@code relativeTolerance}·max(|f|, |f<sub>new</sub>|, 1), when the line search fails, or after
 * {@code maxIterations}.
 *
 * <p>An objective may return NaN or ±∞ where it is undefined (for example a kernel matrix that
 * cannot be factored); the line search treats that as "too far" and backtracks. Not thread-safe
 * per call; the class itself is stateless.
 */
public final class BoundedLbfgs {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 30;

    private BoundedLbfgs() {
    }

    /** A function and its gradient. */
    @FunctionalInterface
    public interface Objective {
        /**
         * Returns f(x) and writes ∇f(x) into {@code gradient} (of length dim) unless it is null;
         * may return NaN or ±∞ where f is undefined.
         */
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * @param memory            correction pairs kept (m ≥ 1)
     * @param maxIterations     iteration limit (≥ 1)
     * @param gradientTolerance projected-gradient tolerance (≥ 0)
     * @param relativeTolerance relative reduction tolerance (≥ 0)
     */
    public record Settings(int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
        public Settings {
            Require.positive("L-BFGS memory", memory);
            Require.positive("L-BFGS maxIterations", maxIterations);
            Require.nonNegative("L-BFGS gradientTolerance", gradientTolerance);
            Require.nonNegative("L-BFGS relativeTolerance", relativeTolerance);
        }

        /** m = 10, the given iteration limit, projected gradient 10⁻⁵, relative reduction 2.2·10⁻⁹ (SciPy's L-BFGS-B defaults). */
        public static Settings of(int maxIterations) {
            return new Settings(10, maxIterations, 1e-5, 2.220446049250313e-09);
        }
    }

    /** Why the minimization stopped. */
    public enum Termination {
        /** The projected gradient is below tolerance. */
        GRADIENT,
        /** The last step reduced f by less than the relative tolerance. */
        RELATIVE_REDUCTION,
        /** No step along the projected path satisfied the Armijo condition. */
        LINE_SEARCH,
        /** The iteration limit was reached. */
        MAX_ITERATIONS,
        /** f was not finite at the starting point. */
        NON_FINITE_START
    }

    /**
     * @param x           the best point found (inside the box)
     * @param value       f(x) (+∞ when the start was not finite)
     * @param iterations  iterations taken
     * @param evaluations objective evaluations
     * @param termination why it stopped
     */
    public record Result(double[] x, double value, int iterations, int evaluations, Termination termination) {
        public Result {
            x = x.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }
    }

    /**
     * Minimizes {@code f} from {@code start} (projected into the box) over [lower, upper].
     *
     * @throws DimensionMismatchException when the lengths differ
     * @throws InvalidInputException      when a bound is NaN or lower &gt; upper
     */
    public static Result minimize(Objective f, double[] start, double[] lower, double[] upper, Settings settings) {
        int n = start.length;
        if (lower.length != n || upper.length != n) {
            throw new DimensionMismatchException("L-BFGS bounds: expected two arrays of length " + n + " but found "
                    + lower.length + " and " + upper.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(lower[i] <= upper[i])) {
                throw new InvalidInputException("L-BFGS bound " + i + ": expected lower <= upper but found ["
                        + lower[i] + ", " + upper[i] + "]");
            }
        }
        Require.finite("L-BFGS start", start);
        return new Run(f, lower, upper, settings).minimize(project(start.clone(), lower, upper));
    }

    private static double[] project(double[] x, double[] lower, double[] upper) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
        }
        return x;
    }

    /** The state of one minimization. */
    private static final class Run {
        private final Objective f;
        private final double[] lower;
        private final double[] upper;
        private final Settings settings;
        private final int n;
        private final double[][] s;
        private final double[][] y;
        private final double[] rho;
        private final double[] a;
        private int stored;
        private int newest = -1;
        private int evaluations;

        Run(Objective f, double[] lower, double[] upper, Settings settings) {
            this.f = f;
            this.lower = lower;
            this.upper = upper;
            this.settings = settings;
            this.n = lower.length;
            this.s = new double[settings.memory()][n];
            this.y = new double[settings.memory()][n];
            this.rho = new double[settings.memory()];
            this.a = new double[settings.memory()];
        }

        Result minimize(double[] x) {
            double[] g = new double[n];
            double fx = eval(x, g);
            if (!Double.isFinite(fx)) {
                return new Result(x, Double.POSITIVE_INFINITY, 0, evaluations, Termination.NON_FINITE_START);
            }
            boolean[] free = new boolean[n];
            Arrays.fill(free, true);
            double[] d = new double[n];
            double[] xNew = new double[n];
            double[] gNew = new double[n];
            for (int iter = 0; iter < settings.maxIterations(); iter++) {
                if (projectedGradientNorm(x, g) <= settings.gradientTolerance()) {
                    return new Result(x, fx, iter, evaluations, Termination.GRADIENT);
                }
                if (freeSet(x, g, free)) {
                    stored = 0;
                }
                direction(g, free, d);
                double slope = dot(g, d);
                if (!(slope < 0)) {
                    stored = 0;
                    direction(g, free, d);
                    slope = dot(g, d);
                    if (!(slope < 0)) {
                        return new Result(x, fx, iter, evaluations, Termination.GRADIENT);
                    }
                }
                double step = stored == 0 ? Math.min(1.0, 1.0 / Math.max(norm(d), 1e-300)) : 1.0;
                double fNew = Double.NaN;
                boolean accepted = false;
                for (int back = 0; back < MAX_BACKTRACKS; back++) {
                    double decrease = 0;
                    boolean moved = false;
                    for (int i = 0; i < n; i++) {
                        xNew[i] = Math.min(upper[i], Math.max(lower[i], x[i] + step * d[i]));
                        decrease += g[i] * (xNew[i] - x[i]);
                        moved |= xNew[i] != x[i];
                    }
                    if (!moved) {
                        break;
                    }
                    fNew = eval(xNew, gNew);
                    if (Double.isFinite(fNew) && fNew <= fx + ARMIJO * decrease) {
                        accepted = true;
                        break;
                    }
                    step = nextStep(step, fx, slope, fNew);
                }
                if (!accepted) {
                    if (stored > 0) {
                        stored = 0;
                        iter--;
                        continue;
                    }
                    return new Result(x, fx, iter, evaluations, Termination.LINE_SEARCH);
                }
                remember(x, xNew, g, gNew);
                double reduction = fx - fNew;
                System.arraycopy(xNew, 0, x, 0, n);
                System.arraycopy(gNew, 0, g, 0, n);
                double previous = fx;
                fx = fNew;
                if (reduction <= settings.relativeTolerance() * Math.max(Math.max(Math.abs(previous), Math.abs(fx)), 1)) {
                    return new Result(x, fx, iter + 1, evaluations, Termination.RELATIVE_REDUCTION);
                }
            }
            return new Result(x, fx, settings.maxIterations(), evaluations, Termination.MAX_ITERATIONS);
        }

        /**
         * Backtracking step: the minimizer of the quadratic through f(0), f'(0) = slope and
         * f(step), kept within [0.1, 0.5]·step; half the step where f was not finite.
         */
        private static double nextStep(double step, double f0, double slope, double fStep) {
            if (!Double.isFinite(fStep)) {
                return 0.5 * step;
            }
            double curvature = fStep - f0 - slope * step;
            double t = curvature > 0 ? -slope * step * step / (2 * curvature) : 0.5 * step;
            return Math.min(0.5 * step, Math.max(0.1 * step, t));
        }

        private double eval(double[] x, double[] g) {
            evaluations++;
            double v = f.evaluate(x, g);
            if (Double.isFinite(v)) {
                for (double gi : g) {
                    if (!Double.isFinite(gi)) {
                        return Double.NaN;
                    }
                }
            }
            return v;
        }

        private double projectedGradientNorm(double[] x, double[] g) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                double p = Math.min(upper[i], Math.max(lower[i], x[i] - g[i])) - x[i];
                m = Math.max(m, Math.abs(p));
            }
            return m;
        }

        /**
         * A variable is fixed when it sits on a bound and the gradient pushes it outward. Returns
         * whether the free set changed: the stored curvature pairs then mix in the moves of
         * variables that are now fixed, so the caller drops them.
         */
        private boolean freeSet(double[] x, double[] g, boolean[] free) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                boolean f = !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0));
                changed |= f != free[i];
                free[i] = f;
            }
            return changed;
        }

        /** d = −H·g on the free variables (two-loop recursion), 0 on the fixed ones. */
        private void direction(double[] g, boolean[] free, double[] d) {
            for (int i = 0; i < n; i++) {
                d[i] = free[i] ? -g[i] : 0.0;
            }
            int m = settings.memory();
            for (int k = 0; k < stored; k++) {
                int idx = Math.floorMod(newest - k, m);
                a[idx] = rho[idx] * freeDot(s[idx], d, free);
                axpyFree(-a[idx], y[idx], d, free);
            }
            if (stored > 0) {
                double yy = freeDot(y[newest], y[newest], free);
                double sy = freeDot(s[newest], y[newest], free);
                double gamma = yy > 0 && sy > 0 ? sy / yy : 1.0;
                for (int i = 0; i < n; i++) {
                    d[i] *= gamma;
                }
            }
            for (int k = stored - 1; k >= 0; k--) {
                int idx = Math.floorMod(newest - k, m);
                double b = rho[idx] * freeDot(y[idx], d, free);
                axpyFree(a[idx] - b, s[idx], d, free);
            }
        }

        private void remember(double[] x, double[] xNew, double[] g, double[] gNew) {
            int m = settings.memory();
            int idx = (newest + 1) % m;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[idx][i] = xNew[i] - x[i];
                y[idx][i] = gNew[i] - g[i];
                sy += s[idx][i] * y[idx][i];
                yy += y[idx][i] * y[idx][i];
            }
            if (sy > 1e-10 * yy && sy > 0) {
                rho[idx] = 1.0 / sy;
                newest = idx;
                stored = Math.min(stored + 1, m);
            }
        }

        private double freeDot(double[] u, double[] v, boolean[] free) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if (free[i]) {
                    sum += u[i] * v[i];
                }
            }
            return sum;
        }

        private void axpyFree(double alpha, double[] u, double[] v, boolean[] free) {
            for (int i = 0; i < n; i++) {
                if (free[i]) {
                    v[i] += alpha * u[i];
                }
            }
        }

        private static double dot(double[] u, double[] v) {
            double sum = 0;
            for (int i = 0; i < u.length; i++) {
                sum += u[i] * v[i];
            }
            return sum;
        }

        private static double norm(double[] u) {
            return Math.sqrt(dot(u, u));
        }
    }
}

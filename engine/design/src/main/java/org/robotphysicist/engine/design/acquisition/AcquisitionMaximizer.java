package org.robotphysicist.engine.design.acquisition;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.design.optim.BoundedLbfgs;

/**
 * Maximizes an {@link Acquisition} over the unit box in two stages: evaluate it on M randomly
 * shifted Sobol candidates in one batch, then refine the best {@code localStarts} candidates by
 * {@link BoundedLbfgs} on −α with the analytic gradient. Returns the best point seen. Cost:
 * one batched GP prediction of M points plus localStarts × (≤ localMaxIterations line-search
 * steps) single-point predictions with gradients.
 *
 * <p>An {@link Exclusion} keeps the result at least a given distance (Euclidean, in the unit box)
 * from given points — for an objective whose repeated evaluation at (nearly) the same point adds
 * nothing, such as an EIG estimate with common random numbers: candidates inside the radius are
 * not considered and local refinements that end inside it are discarded. When every candidate is
 * excluded the exclusion is ignored.
 */
public final class AcquisitionMaximizer {
    private AcquisitionMaximizer() {
    }

    /**
     * @param candidates         Sobol candidates M (a power of two keeps the points balanced)
     * @param localStarts        candidates refined by local optimization (0 for none)
     * @param localMaxIterations iteration limit of each local optimization
     */
    public record Settings(int candidates, int localStarts, int localMaxIterations) {
        public Settings {
            Require.positive("acquisition candidates", candidates);
            if (localStarts < 0 || localStarts > candidates) {
                throw new InvalidInputException("acquisition local starts: expected 0.."
                        + candidates + " but found " + localStarts);
            }
            Require.positive("acquisition local iterations", localMaxIterations);
        }
    }

    /**
     * @param unitPoint   the maximizer found, in the unit box
     * @param value       α there
     * @param evaluations single-point evaluations spent in local refinement
     */
    public record Result(double[] unitPoint, double value, int evaluations) {
        public Result {
            unitPoint = unitPoint.clone();
        }

        @Override
        public double[] unitPoint() {
            return unitPoint.clone();
        }
    }

    /**
     * Points (unit box, row-major count·D values) the maximizer must stay at least {@code radius}
     * away from. {@link #NONE} excludes nothing.
     */
    public record Exclusion(double[] points, int count, double radius) {
        public static final Exclusion NONE = new Exclusion(new double[0], 0, 0.0);

        public Exclusion {
            points = points.clone();
            if (count < 0) {
                throw new InvalidInputException("excluded points: expected a count >= 0 but found " + count);
            }
            Require.nonNegative("exclusion radius", radius);
        }

        @Override
        public double[] points() {
            return points.clone();
        }

        /** Whether {@code u} (D values at offset {@code off}) lies strictly inside the radius of an excluded point. */
        boolean excludes(double[] u, int off, int d) {
            double r2 = radius * radius;
            for (int i = 0; i < count; i++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = u[off + c] - points[i * d + c];
                    s += diff * diff;
                }
                if (s < r2) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Maximizes {@code acquisition}; {@code rng} shifts the Sobol candidates. */
    public static Result maximize(Acquisition acquisition, Settings settings, SplittableRandom rng) {
        return maximize(acquisition, settings, rng, Exclusion.NONE);
    }

    /** Maximizes {@code acquisition} away from the excluded points; {@code rng} shifts the Sobol candidates. */
    public static Result maximize(Acquisition acquisition, Settings settings, SplittableRandom rng,
            Exclusion exclusion) {
        int d = acquisition.dim();
        int m = settings.candidates();
        double[] candidates = SobolPoints.shifted(d, m, rng);
        double[] values = acquisition.values(candidates, m);
        boolean excluding = exclusion.count() > 0 && exclusion.radius() > 0;
        if (excluding) {
            double[] allowed = values.clone();
            boolean any = false;
            for (int i = 0; i < m; i++) {
                if (exclusion.excludes(candidates, i * d, d)) {
                    allowed[i] = Double.NEGATIVE_INFINITY;
                } else {
                    any = any || !Double.isNaN(allowed[i]);
                }
            }
            if (any) {
                System.arraycopy(allowed, 0, values, 0, m);
            } else {
                excluding = false;
            }
        }
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -nanToMinusInfinity(values[i])));
        double[] best = Arrays.copyOfRange(candidates, order[0] * d, order[0] * d + d);
        double bestValue = values[order[0]];
        double[] lower = new double[d];
        double[] upper = new double[d];
        Arrays.fill(upper, 1.0);
        BoundedLbfgs.Objective negative = (u, g) -> {
            double v = acquisition.valueAndGradient(u, g);
            for (int c = 0; c < g.length; c++) {
                g[c] = -g[c];
            }
            return -v;
        };
        BoundedLbfgs.Settings local = BoundedLbfgs.Settings.of(settings.localMaxIterations());
        int evaluations = 0;
        for (int s = 0; s < settings.localStarts(); s++) {
            double[] start = Arrays.copyOfRange(candidates, order[s] * d, order[s] * d + d);
            BoundedLbfgs.Result r = BoundedLbfgs.minimize(negative, start, lower, upper, local);
            evaluations += r.evaluations();
            if (-r.value() > bestValue && !(excluding && exclusion.excludes(r.x(), 0, d))) {
                bestValue = -r.value();
                best = r.x();
            }
        }
        return new Result(best, bestValue, evaluations);
    }

    private static double nanToMinusInfinity(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
}

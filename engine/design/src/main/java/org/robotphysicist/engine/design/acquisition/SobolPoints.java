package org.robotphysicist.engine.design.acquisition;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.robotphysicist.data.InvalidInputException;

/**
 * Randomly shifted Sobol points in [0, 1)<sup>D</sup>: the first M points of the Sobol sequence
 * (Commons Math {@link SobolSequenceGenerator}, Joe–Kuo direction numbers, D ≤ 1000) with a
 * Cranley–Patterson rotation u = frac(s + Δ), Δ ~ U[0, 1)<sup>D</sup> drawn from the given stream, so
 * every call covers the box evenly but differently. The unshifted points are computed once per
 * (D, M) and cached.
 */
public final class SobolPoints {
    private static final Map<Long, double[]> CACHE = new ConcurrentHashMap<>();

    private SobolPoints() {
    }

    /** M shifted Sobol points in D dimensions, row-major (M·D values). */
    public static double[] shifted(int dim, int count, SplittableRandom rng) {
        if (dim < 1 || dim > 1000 || count < 1) {
            throw new InvalidInputException("Sobol points: expected 1 <= dim <= 1000 and count >= 1 but found dim "
                    + dim + ", count " + count);
        }
        double[] base = CACHE.computeIfAbsent(((long) dim << 32) | count, k -> sequence(dim, count));
        double[] shift = new double[dim];
        for (int c = 0; c < dim; c++) {
            shift[c] = rng.nextDouble();
        }
        double[] out = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            double v = base[i] + shift[i % dim];
            out[i] = v >= 1 ? v - 1 : v;
        }
        return out;
    }

    private static double[] sequence(int dim, int count) {
        SobolSequenceGenerator gen = new SobolSequenceGenerator(dim);
        double[] out = new double[dim * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(gen.nextVector(), 0, out, i * dim, dim);
        }
        return out;
    }
}

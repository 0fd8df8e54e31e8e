package org.robotphysicist.engine.design.gp;

import java.util.Arrays;
import java.util.Objects;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;

/**
 * Observations a {@link GaussianProcess} is conditioned on: N points of a bounded domain, their
 * observed values, and the known noise variance of each value (0 for exact or unknown; a learned
 * homoscedastic noise can be added through {@link GpConfig#learnNoise()}).
 *
 * @param domain         the bounded box (D dimensions, positive widths) the points lie in
 * @param points         (N, D), N ≥ 1, every row inside {@code domain}
 * @param values         N finite observed values
 * @param noiseVariances N finite known noise variances ≥ 0, in the units of {@code values}²
 */
public record GpTrainingData(Box domain, Matrix points, double[] values, double[] noiseVariances) {

    public GpTrainingData {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(points, "points");
        UnitBoxScaling.of(domain);
        if (points.rows() == 0) {
            throw new InvalidInputException("GP training points: expected at least one observation but found none");
        }
        points.requireShape("GP training points", -1, domain.dim());
        domain.requireRows("GP training point", points);
        values = Require.finiteVector("GP training values", values, points.rows()).clone();
        if (noiseVariances == null) {
            throw new InvalidInputException("GP noise variances: expected " + points.rows() + " values but found null");
        }
        if (noiseVariances.length != points.rows()) {
            throw new DimensionMismatchException("GP noise variances length", points.rows(), noiseVariances.length);
        }
        noiseVariances = noiseVariances.clone();
        for (int i = 0; i < noiseVariances.length; i++) {
            Require.nonNegative("GP noise variance[" + i + "]", noiseVariances[i]);
        }
    }

    /** Exact observations (no known noise). */
    public static GpTrainingData exact(Box domain, Matrix points, double[] values) {
        return new GpTrainingData(domain, points, values, new double[points.rows()]);
    }

    public int size() {
        return points.rows();
    }

    public int dim() {
        return domain.dim();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] noiseVariances() {
        return noiseVariances.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GpTrainingData t && t.domain.equals(domain) && t.points.equals(points)
                && Arrays.equals(t.values, values) && Arrays.equals(t.noiseVariances, noiseVariances);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, points, Arrays.hashCode(values), Arrays.hashCode(noiseVariances));
    }
}

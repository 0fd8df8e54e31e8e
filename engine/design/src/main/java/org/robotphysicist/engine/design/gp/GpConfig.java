package org.robotphysicist.engine.design.gp;

import java.util.Objects;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * How a {@link GaussianProcess} is specified and fitted. Inputs are scaled to the unit box and
 * outputs standardized to mean 0 and variance 1 before fitting, so the bounds below are in those
 * units: a length-scale of 0.1 is a tenth of the domain's width, a signal variance of 1 is the
 * sample variance of the observed values.
 *
 * @param kernel         kernel family (ARD: one length-scale per input dimension)
 * @param lengthScale    bounds on every length-scale ℓ<sub>d</sub> (unit-box units)
 * @param signalVariance bounds on σ<sub>f</sub>² (standardized units)
 * @param learnNoise     whether a homoscedastic noise variance σ<sub>n</sub>² is learned; known per-point
 *                       noise variances given with the data are always added
 * @param noiseVariance  bounds on σ<sub>n</sub>² (standardized units); ignored when {@code learnNoise} is false
 * @param restarts       random restarts of the marginal-likelihood maximization besides the default start
 *                       (so {@code restarts + 1} local optimizations)
 * @param maxIterations  iteration limit of each local optimization
 */
public record GpConfig(KernelFamily kernel, Bounds lengthScale, Bounds signalVariance, boolean learnNoise,
        Bounds noiseVariance, int restarts, int maxIterations) {

    public GpConfig {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(lengthScale, "lengthScale bounds");
        Objects.requireNonNull(signalVariance, "signalVariance bounds");
        Objects.requireNonNull(noiseVariance, "noiseVariance bounds");
        if (restarts < 0) {
            throw new InvalidInputException("GP restarts: expected a count >= 0 but found " + restarts);
        }
        Require.positive("GP maxIterations", maxIterations);
    }

    /**
     * Matérn 5/2; ℓ ∈ [0.01, 100]; σ<sub>f</sub>² ∈ [0.01, 100]; learned noise σ<sub>n</sub>² ∈ [10⁻⁶, 1];
     * 4 random restarts; 200 iterations per start.
     */
    public static GpConfig defaults() {
        return new GpConfig(KernelFamily.MATERN52, new Bounds(1e-2, 1e2), new Bounds(1e-2, 1e2), true,
                new Bounds(1e-6, 1.0), 4, 200);
    }

    public GpConfig withKernel(KernelFamily k) {
        return new GpConfig(k, lengthScale, signalVariance, learnNoise, noiseVariance, restarts, maxIterations);
    }

    public GpConfig withRestarts(int r) {
        return new GpConfig(kernel, lengthScale, signalVariance, learnNoise, noiseVariance, r, maxIterations);
    }

    /** Learned noise switched on (with bounds) or off. */
    public GpConfig withLearnedNoise(boolean learn, Bounds bounds) {
        return new GpConfig(kernel, lengthScale, signalVariance, learn, bounds, restarts, maxIterations);
    }

    public GpConfig withLengthScale(Bounds b) {
        return new GpConfig(kernel, b, signalVariance, learnNoise, noiseVariance, restarts, maxIterations);
    }

    public GpConfig withSignalVariance(Bounds b) {
        return new GpConfig(kernel, lengthScale, b, learnNoise, noiseVariance, restarts, maxIterations);
    }

    /** Number of optimized hyperparameters for {@code dim} inputs: D length-scales, σ<sub>f</sub>², σ<sub>n</sub>² if learned. */
    public int parameterCount(int dim) {
        return dim + 1 + (learnNoise ? 1 : 0);
    }
}

package org.robotphysicist.models.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Weight initialization drawn from an explicitly seeded {@link SplittableRandom} instead of the
 * engine's global generator, so that a network's initial parameters depend only on the seed
 * handed to it (and on the order in which DJL initializes parameters, which is the order they
 * were added). Values are uniform on (−a, a):
 * <ul>
 *   <li>{@link Scheme#GLOROT}: a = sqrt(6 / (fan_in + fan_out)) (Glorot &amp; Bengio 2010);</li>
 *   <li>{@link Scheme#HE}: a = sqrt(6 / fan_in) (He et al. 2015), for ReLU networks.</li>
 * </ul>
 * For a weight of shape (out, in, …) fan_in = in·Π rest, fan_out = out·Π rest; a 1-D shape uses
 * fan_in = fan_out = its length. Not thread-safe (it advances the shared stream).
 */
public final class SeededInitializer implements Initializer {
    /** How the uniform bound a depends on the fans. */
    public enum Scheme { GLOROT, HE }

    private final SplittableRandom rng;
    private final Scheme scheme;
    private final double gain;

    public SeededInitializer(SplittableRandom rng, Scheme scheme) {
        this(rng, scheme, 1.0);
    }

    /** @param gain multiplies the bound a (e.g. a small gain to start a flow near the identity) */
    public SeededInitializer(SplittableRandom rng, Scheme scheme, double gain) {
        this.rng = rng;
        this.scheme = scheme;
        this.gain = gain;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long size = shape.size();
        long fanIn;
        long fanOut;
        if (shape.dimension() >= 2) {
            long receptive = size / (shape.get(0) * shape.get(1));
            fanIn = shape.get(1) * receptive;
            fanOut = shape.get(0) * receptive;
        } else {
            fanIn = size;
            fanOut = size;
        }
        double bound = gain * (scheme == Scheme.HE ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut)));
        float[] values = new float[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return AlignedArrays.of(manager, values, shape, dataType);
    }
}

package org.robotphysicist.data;

import java.util.SplittableRandom;
import org.apache.commons.math3.random.AbstractRandomGenerator;

/**
 * Lets Commons Math distributions draw from a {@link SplittableRandom}, so every random number
 * in the project comes from an explicitly passed, split stream (never a global seed).
 */
public final class SplittableRandomAdapter extends AbstractRandomGenerator {
    private final SplittableRandom rng;

    public SplittableRandomAdapter(SplittableRandom rng) {
        this.rng = rng;
    }

    @Override
    public void setSeed(long seed) {
        throw new UnsupportedOperationException("seed the SplittableRandom passed to the constructor instead");
    }

    @Override
    public double nextDouble() {
        return rng.nextDouble();
    }

    @Override
    public int nextInt() {
        return rng.nextInt();
    }

    @Override
    public long nextLong() {
        return rng.nextLong();
    }
}

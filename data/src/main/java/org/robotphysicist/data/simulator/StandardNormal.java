package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;

/** Standard-normal draws from a {@link SplittableRandom} (Marsaglia's polar method). */
public final class StandardNormal {
    private StandardNormal() {
    }

    /** One N(0, 1) draw; consumes a variable number of uniforms from {@code rng}. */
    public static double sample(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}

package org.robotphysicist.data.simulator;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The streams {@code rp simulate} derives from its master seed: the first split of
 * {@code new SplittableRandom(master)} draws the (θ, φ) pairs, the second is the event stream that
 * {@link BlockedSimulation} splits per pair and block. Each call returns a fresh stream, so a
 * worker holding only the seed rebuilds exactly the streams of the single-machine run.
 *
 * @param master the master seed
 */
public record SimulationSeed(long master) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The stream the (θ, φ) pairs are drawn from. */
    public SplittableRandom drawStream() {
        return new SplittableRandom(master).split();
    }

    /** The event stream: pair k takes its k-th split ({@link BlockedSimulation#pairStreams}). */
    public SplittableRandom eventStream() {
        SplittableRandom root = new SplittableRandom(master);
        root.split();
        return root.split();
    }
}

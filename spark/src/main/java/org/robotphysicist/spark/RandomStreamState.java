package org.robotphysicist.spark;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.SplittableRandom;

/**
 * The state (seed, γ) of a {@link SplittableRandom}, to send a random stream to an executor and
 * continue it there exactly where the driver left it: an EIG estimate's experiment k draws
 * θ<sub>k</sub> on the driver and its events on an executor from the same stream, so the events
 * are the single-machine ones. {@code SplittableRandom} is not serializable and has no public
 * constructor taking γ, so its two fields are read and a copy is made reflectively; this needs
 * {@code --add-opens java.base/java.util=ALL-UNNAMED}, which Spark's JVM options on JDK 17 include
 * (spark/jvm-options.sh; Spark adds them to its executors).
 *
 * @param seed  the stream's current seed
 * @param gamma its increment
 */
record RandomStreamState(long seed, long gamma) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The state of {@code rng} now. */
    static RandomStreamState of(SplittableRandom rng) {
        try {
            return new RandomStreamState(field("seed").getLong(rng), field("gamma").getLong(rng));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** A stream that continues exactly as the captured one would have. */
    SplittableRandom restore() {
        try {
            Constructor<SplittableRandom> c = SplittableRandom.class.getDeclaredConstructor(long.class, long.class);
            c.setAccessible(true);
            return c.newInstance(seed, gamma);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field f = SplittableRandom.class.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static IllegalStateException unavailable(Exception e) {
        return new IllegalStateException("random streams for the executors: expected the JVM option --add-opens"
                + " java.base/java.util=ALL-UNNAMED (spark/jvm-options.sh; ./rp adds it with --spark) but could not"
                + " read or make a java.util.SplittableRandom (" + e + ")", e);
    }
}

package org.robotphysicist.data.simulator;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;

/**
 * The experiment setting of a simulator whose experiments have none (the benchmark tasks
 * {@code slcp}, {@code crescent}, {@code student-t} and {@code nonlinear-6d}). {@link Dimensions}
 * requires at least one φ, so these simulators declare a single φ named {@value #NAME} whose
 * domain is the point {1}: it takes no other value and changes nothing in the model.
 */
public final class PlaceholderSetting {
    /** The placeholder φ's name. */
    public static final String NAME = "setting";

    private PlaceholderSetting() {
    }

    /** The only value the placeholder takes, as a φ vector: {1}. */
    public static double[] value() {
        return new double[] {1};
    }

    /** The domain {1}. */
    public static Box domain() {
        return Box.interval(1, 1);
    }

    /** θ names, the placeholder φ and x names. */
    public static Dimensions dimensions(List<String> thetaNames, List<String> xNames) {
        return new Dimensions(thetaNames, List.of(NAME), xNames);
    }

    /** {@code prefix + 1}, …, {@code prefix + n}. */
    static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(prefix + i);
        }
        return out;
    }
}

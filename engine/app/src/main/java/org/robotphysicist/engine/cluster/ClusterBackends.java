package org.robotphysicist.engine.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.robotphysicist.data.InvalidInputException;

/** Finds the {@link ClusterBackend} services on the class path. */
public final class ClusterBackends {
    private ClusterBackends() {
    }

    /** Every registered backend's name. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (ClusterBackend b : ServiceLoader.load(ClusterBackend.class)) {
            out.add(b.name());
        }
        return out;
    }

    /**
     * The backend named {@code name}.
     *
     * @param option the option that asked for it, for the message ({@code --spark})
     * @throws InvalidInputException naming the module and jars that are missing when none is registered
     */
    public static ClusterBackend require(String name, String option) {
        List<String> found = new ArrayList<>();
        for (ClusterBackend b : ServiceLoader.load(ClusterBackend.class)) {
            if (b.name().equals(name)) {
                return b;
            }
            found.add(b.name());
        }
        throw new InvalidInputException(option + ": expected the " + name + " module (rp-" + name + ".jar and its"
                + " libraries, built into " + name + "/target by mvn -B package; ./rp puts them on the class path when --" + name
                + " or a .parquet path is on its command line, or RP_" + name.toUpperCase(java.util.Locale.ROOT) + "=1) to"
                + " register a " + ClusterBackend.class.getName() + " service but found "
                + (found.isEmpty() ? "no backend on the class path" : "only " + found));
    }
}

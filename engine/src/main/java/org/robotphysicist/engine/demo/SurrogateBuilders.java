package org.robotphysicist.engine.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.robotphysicist.data.InvalidInputException;

/** The registered {@link SurrogateBuilder}s, by name. */
public final class SurrogateBuilders {
    private SurrogateBuilders() {
    }

    /** Every registered builder, in registration order. */
    public static Map<String, SurrogateBuilder> all() {
        Map<String, SurrogateBuilder> out = new LinkedHashMap<>();
        for (SurrogateBuilder b : ServiceLoader.load(SurrogateBuilder.class)) {
            out.put(b.name(), b);
        }
        return out;
    }

    /** The builder called {@code name}; a clear error listing the known names otherwise. */
    public static SurrogateBuilder named(String name) {
        Map<String, SurrogateBuilder> all = all();
        SurrogateBuilder b = all.get(name);
        if (b == null) {
            throw new InvalidInputException("surrogate: expected one of " + all.keySet() + " but found '" + name + "'");
        }
        return b;
    }
}

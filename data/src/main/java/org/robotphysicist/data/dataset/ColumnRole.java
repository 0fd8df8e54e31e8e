package org.robotphysicist.data.dataset;

/** What a dataset column holds: an event coordinate x, a parameter θ, or a setting φ. */
public enum ColumnRole {
    X("x"), THETA("theta"), PHI("phi");

    private final String prefix;

    ColumnRole(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix used in CSV headers, e.g. {@code theta} in {@code theta:sin2_theta_w}. */
    public String prefix() {
        return prefix;
    }

    /** The role for a CSV prefix, or {@code null} if there is none. */
    public static ColumnRole ofPrefix(String prefix) {
        for (ColumnRole r : values()) {
            if (r.prefix.equals(prefix)) {
                return r;
            }
        }
        return null;
    }
}

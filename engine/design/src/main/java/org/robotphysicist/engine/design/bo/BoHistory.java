package org.robotphysicist.engine.design.bo;

import java.util.List;
import java.util.Objects;
import org.robotphysicist.data.io.Provenance;

/**
 * The complete, resumable state of a {@link BayesianOptimizer} as written to JSON (schema
 * {@value #SCHEMA}). Suggestions depend only on these fields, so an optimizer resumed from a
 * history proposes exactly what the original would have.
 *
 * @param schema       the schema identifier
 * @param provenance   producer, creation time, configuration, seed and versions
 * @param config       the optimizer settings
 * @param lower        lower bounds of the φ domain, length D
 * @param upper        upper bounds of the φ domain, length D
 * @param seed         the master seed of every random stream
 * @param suggestCalls number of {@code suggest} calls made so far (selects the next random stream)
 * @param evaluations  every evaluation observed, in the order made
 */
public record BoHistory(String schema, Provenance provenance, BoConfig config, double[] lower, double[] upper,
        long seed, long suggestCalls, List<Evaluation> evaluations) {

    public static final String SCHEMA = "robot-physicist/bo-history/v1";

    public BoHistory {
        Objects.requireNonNull(config, "config");
        lower = lower == null ? null : lower.clone();
        upper = upper == null ? null : upper.clone();
        evaluations = List.copyOf(evaluations);
    }

    @Override
    public double[] lower() {
        return lower == null ? null : lower.clone();
    }

    @Override
    public double[] upper() {
        return upper == null ? null : upper.clone();
    }
}

package org.robotphysicist.engine.design.loop;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;

/**
 * Everything an {@link ExperimentDesigner} run did, as written to {@code history.json} after every
 * round (schema {@value #SCHEMA}); {@link ExperimentDesigner#resume} continues from it.
 *
 * @param schema          the schema identifier
 * @param provenance      producer, time, configuration, seed, the events' hashes per round, versions
 * @param config          the run's settings
 * @param simulator       the simulator's name
 * @param surrogate       the surrogate's class, for the record
 * @param dimensions      names of θ, φ and x
 * @param hiddenTheta     the true θ when the experiments were simulated, else {@code null}
 * @param runner          how the experiments were run
 * @param rounds          the completed rounds, in order
 * @param surrogates      with refinement ({@link DesignConfig#refineRows()}), the surrogate of every round so far, in
 *                        order (one per completed round, or one more when the next round's was trained); else empty,
 *                        also in histories written before refinement existed
 */
public record DesignHistory(String schema, Provenance provenance, DesignConfig config, String simulator,
        String surrogate, Dimensions dimensions, double[] hiddenTheta, String runner, List<DesignRound> rounds,
        List<RoundSurrogate> surrogates) {

    public static final String SCHEMA = "robot-physicist/design-history/v1";

    public DesignHistory {
        Objects.requireNonNull(config, "config");
        hiddenTheta = hiddenTheta == null ? null : hiddenTheta.clone();
        rounds = List.copyOf(rounds);
        surrogates = surrogates == null ? List.of() : List.copyOf(surrogates);
    }

    /** A history without refined surrogates. */
    public DesignHistory(String schema, Provenance provenance, DesignConfig config, String simulator,
            String surrogate, Dimensions dimensions, double[] hiddenTheta, String runner, List<DesignRound> rounds) {
        this(schema, provenance, config, simulator, surrogate, dimensions, hiddenTheta, runner, rounds, List.of());
    }

    @Override
    public double[] hiddenTheta() {
        return hiddenTheta == null ? null : hiddenTheta.clone();
    }

    /** Reads a history written by the designer. */
    public static DesignHistory read(Path file) {
        return Json.readFile(file, DesignHistory.class);
    }
}

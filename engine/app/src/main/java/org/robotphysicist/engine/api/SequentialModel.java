package org.robotphysicist.engine.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.robotphysicist.engine.surrogate.SequentialTraining;

/**
 * A surrogate trained sequentially for one set of observations ({@link RobotPhysicist#trainSequential}):
 * the last round's model, what every round did, and the files of each round's simulations. The
 * model is accurate near those observations' posterior, not over the whole prior; its provenance
 * says so. Close it when done (it holds native memory).
 *
 * @param model  the last round's surrogate
 * @param rounds rounds 1..R: rows, where their θ came from (mean and sd), epochs, seconds
 * @param files  the rows each round simulated, {@code training-round-NN.csv}, in round order
 */
public record SequentialModel(TrainedModel model, List<SequentialTraining.Round> rounds, List<Path> files)
        implements AutoCloseable {

    /**
     * Requires the model; copies the lists.
     *
     * @param model  the last round's surrogate
     * @param rounds rounds 1..R
     * @param files  the round files, in round order
     */
    public SequentialModel {
        Objects.requireNonNull(model, "model");
        rounds = List.copyOf(rounds);
        files = List.copyOf(files);
    }

    /** Closes the model (frees its native memory). */
    @Override
    public void close() {
        model.close();
    }
}

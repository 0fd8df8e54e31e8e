package org.robotphysicist.engine.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.file.SigningKey;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;

/**
 * A surrogate built by {@link RobotPhysicist#train} or read by {@link RobotPhysicist#load}, with what
 * was built. A neural surrogate holds native memory: close the model when done (closing a
 * tabulated one does nothing).
 *
 * @param surrogate   the likelihood surrogate
 * @param kind        the kind it was asked for by ({@code histogram}, {@code classifier}, ...)
 * @param description one line saying what was built
 * @param gpuFellBack true when a GPU was requested for training and the CPU was used
 */
public record TrainedModel(SurrogateLikelihood surrogate, String kind, String description, boolean gpuFellBack)
        implements AutoCloseable {

    public TrainedModel {
        Objects.requireNonNull(surrogate, "surrogate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    /** The model of what a registry kind built. */
    public static TrainedModel of(org.robotphysicist.engine.surrogate.BuiltSurrogate built) {
        return new TrainedModel(built.surrogate(), built.kind(), built.description(), built.gpuFellBack());
    }

    /** Whether it can be written to a model file ({@link #save}). */
    public boolean savable() {
        return surrogate instanceof TrainedSurrogate;
    }

    /** The training history of a trained (neural) surrogate; empty for tabulated ones. */
    public Optional<TrainingCurve> trainingCurve() {
        return surrogate instanceof TrainedSurrogate t && !t.trainingCurve().epochs().isEmpty()
                ? Optional.of(t.trainingCurve()) : Optional.empty();
    }

    /**
     * Writes the surrogate to a model file, atomically (read it back with {@link RobotPhysicist#load}).
     *
     * @throws InvalidInputException for a kind that has no model file (the histogram, the exact likelihood)
     */
    public void save(Path path) {
        save(path, null);
    }

    /**
     * Writes the surrogate to a model file signed by {@code key}, atomically, so that loaders
     * requiring a signature ({@code LoadOptions.requireSignature}) accept it; unsigned when the
     * key is null.
     *
     * @throws InvalidInputException for a kind that has no model file (the histogram, the exact likelihood)
     */
    public void save(Path path, SigningKey key) {
        if (!(surrogate instanceof TrainedSurrogate t)) {
            throw new InvalidInputException("model file: expected a trained surrogate (such as classifier) but '"
                    + kind + "' is tabulated from simulations and has no model file; rebuild it instead");
        }
        t.save(path, key);
    }

    @Override
    public void close() {
        if (surrogate instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing surrogate '" + kind + "': " + e.getMessage(), e);
            }
        }
    }
}

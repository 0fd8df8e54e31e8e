package org.robotphysicist.models.file;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * A surrogate learned by training, which can be saved to and loaded from a {@link ModelFile}.
 * It holds native memory: close it when done.
 */
public interface TrainedSurrogate extends SurrogateLikelihood, AutoCloseable {

    /** The model-file kind, e.g. {@code carl-classifier}. */
    String kind();

    /** Its names, trained ranges, range policy, provenance and training curve, which the accessors below read. */
    TrainedParts parts();

    /** Dimensions of θ, φ and x: its {@link #parts()}. */
    @Override
    default Dimensions dimensions() {
        return parts().dimensions();
    }

    /** The θ, φ and x ranges it was trained on: its {@link #parts()}. */
    default TrainedRanges trainedRanges() {
        return parts().ranges();
    }

    /** The θ box it was trained on: its {@link #trainedRanges()}. */
    @Override
    default Box thetaRange() {
        return trainedRanges().theta();
    }

    /** The φ box it was trained on: its {@link #trainedRanges()}. */
    @Override
    default Box phiRange() {
        return trainedRanges().phi();
    }

    /** The φ boxes it was trained across: its {@link #trainedRanges()}. */
    @Override
    default org.robotphysicist.data.BoxUnion phiUnion() {
        return trainedRanges().phiUnion();
    }

    /** What it does outside those ranges: its {@link #parts()}. */
    default RangePolicy rangePolicy() {
        return parts().policy();
    }

    /**
     * A copy of this surrogate with another range policy. The copy owns new native memory (its
     * parameters, copied), apart from this one's: close both.
     */
    TrainedSurrogate copyWithRangePolicy(RangePolicy rangePolicy);

    /** How it was made: configuration, seeds, simulator, data hash, versions, device, date; its {@link #parts()}. */
    default Provenance provenance() {
        return parts().provenance();
    }

    /** Its training history: its {@link #parts()}. */
    default TrainingCurve trainingCurve() {
        return parts().curve();
    }

    /** Writes it to an unsigned model file, atomically. */
    default void save(Path path) {
        save(path, null);
    }

    /**
     * What its model file holds: the manifest ({@link ModelFile#write} fills in the parameter list
     * and hash) and a copy of the parameter values.
     */
    ModelFile.Contents contents();

    /** Writes it to a model file, atomically, signed by {@code key} (unsigned when null). */
    default void save(Path path, SigningKey key) {
        save(path, key, UnaryOperator.identity());
    }

    /**
     * Writes it to a model file, atomically, signed by {@code key} (unsigned when null), with its manifest
     * changed by {@code annotate} first (a calibration certificate or a score fit added), so that the file is
     * written once and a signature covers what was added.
     */
    default void save(Path path, SigningKey key, UnaryOperator<ModelManifest> annotate) {
        ModelFile.Contents c = contents();
        ModelFile.write(path, annotate.apply(c.manifest()), c.parameters(), key);
    }

    /** Frees its native memory; later calls fail. */
    @Override
    void close();
}

package org.robotphysicist.engine.surrogate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.training.data.SimulatedTrainingSet;

/**
 * What the neural kinds share when they train from an {@link EventFileSource}: the training rows
 * (every row of the files, not {@link SurrogateTrainingConfig#rows()}), the trained ranges and the
 * provenance entries naming the files.
 */
final class EventFileTraining {
    private EventFileTraining() {
    }

    /** The training rows of {@code r}: the files' row count, or the controls' simulated rows. */
    static int rows(SurrogateBuildRequest r) {
        return r.source() instanceof EventFileSource files ? files.data().size() : r.training().rows();
    }

    /** "N simulated rows" or "N rows from event files", for descriptions. */
    static String rowsText(SurrogateBuildRequest r) {
        return String.format(Locale.ROOT, r.fromEventFiles() ? "%d rows from event files" : "%d simulated rows",
                rows(r));
    }

    /**
     * θ and φ: the files' bounding boxes; x: the support where it is bounded, the rows' range widened
     * by {@link SimulatedTrainingSet#X_MARGIN} elsewhere.
     */
    static TrainedRanges ranges(SurrogateBuildRequest r, EventFileSource files) {
        return new TrainedRanges(files.thetaRange(), files.phiRange(),
                SimulatedTrainingSet.xRange(files.xSupport(), files.data()));
    }

    /** Provenance configuration entries naming the source: the files, their rows, the simulator if there is one. */
    static Map<String, Object> provenance(EventFileSource files) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trainingSource", "event-files");
        out.put("eventFiles", files.files().stream().map(Object::toString).toList());
        out.put("eventFileRows", files.data().size());
        // Without a simulator none is recorded, so that any simulator with the same names may use the model.
        files.simulatorIfAny().ifPresent(s -> out.put("simulator", s.name()));
        return out;
    }
}

package org.robotphysicist.engine.surrogate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.robotphysicist.data.Box;
import org.robotphysicist.models.file.TrainedRanges;

/**
 * What the neural kinds share when they train from an {@link EventFileSource}: the training rows
 * (every row of the files, not {@link TrainingControls#rows()}), the trained ranges and the
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
     * θ: the files' bounding box; φ: the request's φ box (inside the files' φ range); x: the support
     * where it is bounded, the rows' range elsewhere.
     */
    static TrainedRanges ranges(SurrogateBuildRequest r, EventFileSource files) {
        Box x = files.xSupport();
        Box seen = EventFileSource.boundingBox(files.data().x());
        double[] lo = new double[x.dim()];
        double[] hi = new double[x.dim()];
        for (int d = 0; d < lo.length; d++) {
            lo[d] = Double.isFinite(x.lower(d)) ? x.lower(d) : seen.lower(d);
            hi[d] = Double.isFinite(x.upper(d)) ? x.upper(d) : seen.upper(d);
        }
        return new TrainedRanges(files.thetaRange(), files.phiRange(), new Box(lo, hi));
    }

    /** Provenance configuration entries naming the source: the files, their rows, the simulator if any. */
    static Map<String, Object> provenance(EventFileSource files) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trainingSource", "event-files");
        out.put("eventFiles", files.files().stream().map(Object::toString).toList());
        out.put("eventFileRows", files.data().size());
        out.put("simulator", files.simulatorIfAny().map(s -> s.name()).orElse("none (names from the files' header)"));
        return out;
    }
}

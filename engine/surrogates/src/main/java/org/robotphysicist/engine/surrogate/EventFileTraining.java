package org.robotphysicist.engine.surrogate;

import java.util.Locale;

/**
 * What the neural kinds share when they train from {@link GivenEvents}: the training rows (every
 * given row, not {@link SurrogateTrainingConfig#rows()}) for descriptions and sizes.
 */
final class EventFileTraining {
    private EventFileTraining() {
    }

    /** The training rows of {@code r}: the given rows, or the controls' simulated rows. */
    static long rows(SurrogateBuildRequest r) {
        return r.source() instanceof GivenEvents given ? given.rows() : r.training().rows();
    }

    /** {@link #rows} as a trainer configuration records it (at most {@link Integer#MAX_VALUE}). */
    static int configRows(SurrogateBuildRequest r) {
        return (int) Math.min(Integer.MAX_VALUE, rows(r));
    }

    /** "N simulated rows", "N rows from event files" or "N rows streamed from event files", for descriptions. */
    static String rowsText(SurrogateBuildRequest r) {
        String from = r.source() instanceof StreamedEventSource ? "%d rows streamed from event files"
                : r.fromEventFiles() ? "%d rows from event files" : "%d simulated rows";
        return String.format(Locale.ROOT, from, rows(r));
    }
}

package org.robotphysicist.training;

import java.util.function.Consumer;
import org.slf4j.Logger;

/** Receives a {@link TrainingLoop}'s progress: start (device), periodic in-epoch rates, epoch ends, finish. */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(TrainingProgress progress);

    /** Ignores everything. */
    static ProgressListener none() {
        return p -> { };
    }

    /** Writes each report's message as one line. */
    static ProgressListener lines(Consumer<String> out) {
        return p -> out.accept(p.message());
    }

    /** Logs epoch ends and the start and finish at INFO, in-epoch reports at DEBUG. */
    static ProgressListener logging(Logger log) {
        return p -> {
            if (p.stage() == TrainingProgress.Stage.BATCHES) {
                log.debug(p.message());
            } else {
                log.info(p.message());
            }
        };
    }
}

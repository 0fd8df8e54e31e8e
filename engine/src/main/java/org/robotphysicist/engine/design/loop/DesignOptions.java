package org.robotphysicist.engine.design.loop;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.robotphysicist.data.progress.ProgressReporter;

/**
 * Where an {@link ExperimentDesigner} reports and writes.
 *
 * @param log             receives one or more lines per round (and a few at the start)
 * @param progress        reports the surrogate build and each round's EIG estimates
 * @param outputDirectory where {@code history.json}, the events per round and the plots go; {@code null} for none
 * @param plots           whether PNG plots are drawn into the output directory
 */
public record DesignOptions(Consumer<String> log, ProgressReporter progress, Path outputDirectory, boolean plots) {

    public DesignOptions {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(progress, "progress");
    }

    /** No logs, no progress, no files. */
    public static DesignOptions silent() {
        return new DesignOptions(line -> { }, ProgressReporter.silent(), null, false);
    }

    /** The same, writing into {@code directory} (with or without plots). */
    public DesignOptions withOutput(Path directory, boolean drawPlots) {
        return new DesignOptions(log, progress, directory, drawPlots);
    }

    /** The same, logging to {@code sink}. */
    public DesignOptions withLog(Consumer<String> sink) {
        return new DesignOptions(sink, progress, outputDirectory, plots);
    }
}

package org.robotphysicist.engine.design.loop;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Where an {@link ExperimentDesigner} reports, writes and trains.
 *
 * @param log             receives one or more lines per round (and a few at the start)
 * @param progress        reports the surrogate build and each round's EIG estimates
 * @param outputDirectory where {@code history.json}, the events per round and the plots go; {@code null} for none
 * @param plots           whether PNG plots are drawn into the output directory
 * @param device          where a neural surrogate trains ({@code auto}, {@code cpu}, {@code gpu[:N]})
 * @param evaluators      makes the evaluator that sums a surrogate's log-likelihood for the EIG's simulated
 *                        datasets and the posterior updates: {@link PosteriorEvaluator#forSurrogate} here, or one
 *                        that sends the datasets to a cluster
 *                        ({@link org.robotphysicist.engine.cluster.ClusterBackend#evaluator})
 */
public record DesignOptions(Consumer<String> log, ProgressReporter progress, Path outputDirectory, boolean plots,
        DeviceRequest device, Function<SurrogateLikelihood, PosteriorEvaluator> evaluators) {

    public DesignOptions {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(evaluators, "evaluators");
    }

    /** Evaluating on this machine. */
    public DesignOptions(Consumer<String> log, ProgressReporter progress, Path outputDirectory, boolean plots,
            DeviceRequest device) {
        this(log, progress, outputDirectory, plots, device, PosteriorEvaluator::forSurrogate);
    }

    /** Training on the automatically chosen device. */
    public DesignOptions(Consumer<String> log, ProgressReporter progress, Path outputDirectory, boolean plots) {
        this(log, progress, outputDirectory, plots, DeviceRequest.AUTO);
    }

    /** No logs, no progress, no files. */
    public static DesignOptions silent() {
        return new DesignOptions(line -> { }, ProgressReporter.silent(), null, false);
    }

    /** The same, writing into {@code directory} (with or without plots). */
    public DesignOptions withOutput(Path directory, boolean drawPlots) {
        return new DesignOptions(log, progress, directory, drawPlots, device, evaluators);
    }

    /** The same, logging to {@code sink}. */
    public DesignOptions withLog(Consumer<String> sink) {
        return new DesignOptions(sink, progress, outputDirectory, plots, device, evaluators);
    }

    /** The same, training a neural surrogate on {@code d}. */
    public DesignOptions withDevice(DeviceRequest d) {
        return new DesignOptions(log, progress, outputDirectory, plots, d, evaluators);
    }

    /** The same, summing log-likelihoods with the evaluators {@code factory} makes. */
    public DesignOptions withEvaluators(Function<SurrogateLikelihood, PosteriorEvaluator> factory) {
        return new DesignOptions(log, progress, outputDirectory, plots, device, factory);
    }
}

package org.robotphysicist.engine.design.loop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * @param outputDirectory the run's directory, {@code null} for none: a refining run
 *                        ({@link DesignConfig#refineRows()}) trains its surrogates into it and needs the files
 *                        {@link #withOutput} installs there; the designer itself writes nothing into it
 * @param device          where a neural surrogate trains ({@code auto}, {@code cpu}, {@code gpu[:N]})
 * @param evaluators      makes the evaluator that sums a surrogate's log-likelihood for the EIG's simulated
 *                        datasets and the posterior updates: {@link PosteriorEvaluator#forSurrogate} here, or one
 *                        that sends the datasets to a cluster
 *                        ({@code ClusterBackend.evaluator} of the application module's {@code engine.cluster})
 * @param listeners       told of every round in this order ({@link RoundListener}), after the designer's own log
 *                        line: what the run writes or draws
 */
public record DesignOptions(Consumer<String> log, ProgressReporter progress, Path outputDirectory,
        DeviceRequest device, Function<SurrogateLikelihood, PosteriorEvaluator> evaluators,
        List<RoundListener> listeners) {

    public DesignOptions {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(evaluators, "evaluators");
        listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
    }

    /** No output directory and no listeners, training on the automatically chosen device, evaluating on this machine. */
    public DesignOptions(Consumer<String> log, ProgressReporter progress) {
        this(log, progress, null, DeviceRequest.AUTO, PosteriorEvaluator::forSurrogate, List.of());
    }

    /** No logs, no progress, no files. */
    public static DesignOptions silent() {
        return new DesignOptions(line -> { }, ProgressReporter.silent());
    }

    /**
     * The same, with {@code directory} as the output directory and the listeners that write the run
     * into it added: with {@code drawPlots} the plots ({@link DesignPlots}), then the events per round and
     * the history ({@link DesignFiles}), written last.
     */
    public DesignOptions withOutput(Path directory, boolean drawPlots) {
        Objects.requireNonNull(directory, "output directory");
        List<RoundListener> added = new ArrayList<>(listeners);
        if (drawPlots) {
            added.add(new DesignPlots(directory));
        }
        added.add(new DesignFiles(directory, drawPlots));
        return new DesignOptions(log, progress, directory, device, evaluators, added);
    }

    /** The same, with {@code listener} told of every round after the listeners so far. */
    public DesignOptions withListener(RoundListener listener) {
        List<RoundListener> added = new ArrayList<>(listeners);
        added.add(Objects.requireNonNull(listener, "listener"));
        return new DesignOptions(log, progress, outputDirectory, device, evaluators, added);
    }

    /** The same, logging to {@code sink}. */
    public DesignOptions withLog(Consumer<String> sink) {
        return new DesignOptions(sink, progress, outputDirectory, device, evaluators, listeners);
    }

    /** The same, training a neural surrogate on {@code d}. */
    public DesignOptions withDevice(DeviceRequest d) {
        return new DesignOptions(log, progress, outputDirectory, d, evaluators, listeners);
    }

    /** The same, summing log-likelihoods with the evaluators {@code factory} makes. */
    public DesignOptions withEvaluators(Function<SurrogateLikelihood, PosteriorEvaluator> factory) {
        return new DesignOptions(log, progress, outputDirectory, device, factory, listeners);
    }
}

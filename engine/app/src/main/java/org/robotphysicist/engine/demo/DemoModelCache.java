package org.robotphysicist.engine.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.io.Sha256;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.surrogate.BuiltSurrogate;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateBuildRequest;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.engine.surrogate.TrainingSource;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * The demo's trained surrogate, kept in a directory as {@code model-<hash>.rpm}, the hash being the
 * first 16 hex digits of the SHA-256 of the training settings ({@link LoopDemoConfig#trainingSettings()}).
 * A later run with the same settings reuses the file after checking its provenance (simulator,
 * project version) and trained ranges against the settings; a mismatch, an unreadable file or
 * {@code retrain} trains it again and overwrites the file.
 */
public final class DemoModelCache {
    private final Path directory;

    /** @param directory where model files are kept (created when needed) */
    public DemoModelCache(Path directory) {
        this.directory = directory;
    }

    /** Where the model for {@code config}'s training settings is kept. */
    public Path fileFor(LoopDemoConfig config) {
        return directory.resolve("model-" + hash(config) + ".rpm");
    }

    /** The model file and whether it was reused rather than trained now. */
    public record Entry(Path file, boolean reused, double trainingSeconds) {
    }

    /**
     * The model file for {@code config}: the cached one if it is there, belongs to these settings and
     * {@code retrain} is false; else one trained now (with {@code log} and {@code progress}) and saved.
     */
    public Entry obtain(LoopDemoConfig config, Simulator simulator, boolean retrain, Consumer<String> log,
            ProgressReporter progress) {
        Path file = fileFor(config);
        if (!retrain && Files.isRegularFile(file)) {
            Optional<String> mismatch = mismatch(file, config, simulator);
            if (mismatch.isEmpty()) {
                log.accept("surrogate: reusing " + file + " (trained earlier with the same settings; --retrain trains"
                        + " it again)");
                return new Entry(file, true, 0);
            }
            log.accept("surrogate: not reusing " + file + ": " + mismatch.get() + "; training again");
        }
        long t0 = System.nanoTime();
        train(config, simulator, file, log, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(Locale.ROOT, "surrogate: trained in %.1f s, saved to %s", seconds, file));
        return new Entry(file, false, seconds);
    }

    private static void train(LoopDemoConfig config, Simulator simulator, Path file, Consumer<String> log,
            ProgressReporter progress) {
        SurrogateRegistry registry = SurrogateRegistry.discover();
        if (!registry.named(config.surrogate()).writesModelFile()) {
            throw new InvalidInputException("surrogate: expected a trained kind (classifier, maf, nsf) for the design"
                    + " demo but '" + config.surrogate() + "' makes no model file; use --surrogate histogram for the"
                    + " single-experiment demo");
        }
        long trainingSeed = new SplittableRandom(config.seed()).split().nextLong();
        SurrogateBuildRequest request = new SurrogateBuildRequest(TrainingSource.of(simulator),
                new UniformBoxPrior(config.thetaRange()), config.sqrtSRange(), config.training(trainingSeed),
                HistogramGridConfig.defaults(), config.eventsPerRound(), config.device(), log, progress);
        BuiltSurrogate built = registry.build(config.surrogate(), request);
        try (TrainedSurrogate s = (TrainedSurrogate) built.surrogate()) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (java.io.IOException e) {
                throw new InvalidInputException("model cache: cannot create " + file.getParent() + ": " + e.getMessage());
            }
            s.save(file);
        }
    }

    /** Why the file does not belong to {@code config}'s settings, or empty when it does. */
    static Optional<String> mismatch(Path file, LoopDemoConfig config, Simulator simulator) {
        try (TrainedSurrogate s = SurrogateFiles.load(file, LoadOptions.defaults())) {
            Provenance p = s.provenance();
            Object sim = p.config().get("simulator");
            if (!simulator.name().equals(sim)) {
                return Optional.of("expected a model of the simulator " + simulator.name() + " but found " + sim);
            }
            String version = p.versions().get("robot-physicist");
            if (!Provenance.projectVersion().equals(version)) {
                return Optional.of("expected a model made by version " + Provenance.projectVersion() + " but found "
                        + version);
            }
            if (!s.thetaRange().equals(config.thetaRange()) || !s.phiRange().equals(config.sqrtSRange())) {
                return Optional.of("expected a model trained on " + config.thetaRange() + " x " + config.sqrtSRange()
                        + " but found " + s.thetaRange() + " x " + s.phiRange());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("unreadable (" + e.getMessage() + ")");
        }
    }

    /** The first 16 hex digits of the SHA-256 of the settings as JSON. */
    static String hash(LoopDemoConfig config) {
        return Sha256.of(Json.write(config.trainingSettings()).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}

package org.robotphysicist.engine.design.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.surrogate.BuiltSurrogate;
import org.robotphysicist.engine.surrogate.EventFileSource;
import org.robotphysicist.engine.surrogate.FineTunableKind;
import org.robotphysicist.engine.surrogate.SurrogateBuildRequest;
import org.robotphysicist.engine.surrogate.SurrogateKindProvider;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.engine.surrogate.TrainingSource;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.data.SimulatedTrainingSet;
import org.robotphysicist.training.device.Devices;

/**
 * Sequential refinement of a neural likelihood surrogate across the rounds of a design run, in the
 * manner of sequential neural likelihood (SNL; Papamakarios, Sterratt &amp; Murray 2019).
 *
 * <p>Round 1's surrogate trains on n<sub>1</sub> simulations (x, θ, φ), the training controls' rows
 * ({@link org.robotphysicist.engine.surrogate.SurrogateTrainingConfig#rows()}), with θ ~ U(prior range)
 * and φ ~ U(φ range). Before round r ≥ 2 it is retrained from scratch on every simulation so far
 * plus n = {@link DesignConfig#refineRows()} new ones with θ ~ p(θ | data of rounds 1..r−1), the
 * current posterior ({@link org.robotphysicist.engine.posterior.GridPrior}: exact draws from the
 * grid posterior's interpolated density), and φ still ~ U(φ range), since the
 * next round may choose any setting. Training rows therefore come from the mixture
 * q(θ) = Σ<sub>k</sub> n<sub>k</sub> π<sub>k</sub>(θ) / Σ n<sub>k</sub> of the proposals so far.
 *
 * <p>Why θ may come from the posterior: a likelihood surrogate learns the conditional
 * p̂(x | θ, φ), which does not depend on how θ was drawn — a flow maximizes
 * E<sub>q(θ) p(φ) p(x|θ,φ)</sub> log p̂(x | θ, φ), whose optimum is p(x | θ, φ) wherever q covers, and a
 * ratio classifier learns p(x | θ, φ) / p<sub>q</sub>(x | φ), whose denominator does not depend on θ
 * and cancels in the posterior. The proposal only moves the network's capacity and the training
 * rows to where the posterior is, which is where the next round's EIG (θ drawn from that posterior)
 * and its likelihood evaluations need accuracy.
 *
 * <p>Why accumulate rather than fine-tune: retraining on all rounds' rows keeps the round-1 rows from
 * the whole prior range, so the surrogate stays valid (if coarser) on all of the θ grid — the grid
 * posterior evaluates every grid point, and a network fine-tuned on posterior draws alone forgets
 * the tails, where it could put spurious mass. Retraining from scratch with its own seed is also
 * reproducible from the files alone: a resumed run retrains exactly what the uninterrupted run would.
 * The cost grows linearly with the rounds (n<sub>1</sub> + (r − 1) n rows in round r).
 *
 * <p>Fine-tuning, with a given model file ({@link DesignConfig#modelFile()}): round 1 uses the file
 * (copied into the run directory as {@code surrogate-round-01.rpm}; no rows, {@code trainingFile}
 * empty in its record) and round r ≥ 2 trains round r − 1's network further on round r's n new rows
 * alone, starting from its weights and standardization with the same controls
 * ({@link org.robotphysicist.engine.surrogate.SurrogateRegistry#fineTune}). One short training per
 * round, at the risk of the drift described above; the record's {@code trainingRows} is then n.
 *
 * <p>As in SNL, the newest surrogate scores all the data: once round r's surrogate is trained, the
 * earlier rounds' events are re-scored with it, so the round's prior and, after its experiment, its
 * posterior are p(θ) ∏<sub>i ≤ r</sub> p̂<sub>r</sub>(X<sub>i</sub> | θ, φ<sub>i</sub>) — a poor
 * round-1 surrogate's error does not stay in the posterior. The history keeps, per round, the change
 * of the total log-likelihood on the grid ({@link DesignRound#logLikelihood()}), so that a replay
 * adds the rounds back up exactly.
 *
 * <p>Files, inside the run's output directory (which refinement therefore needs):
 * {@code training-round-NN.csv}, the rows added for round NN (as {@code rp simulate} writes them;
 * with a score weight above 0 and a simulator that returns joint scores, with their {@code score:}
 * columns, which the kind regresses on as it would on the simulator's),
 * and {@code surrogate-round-NN.rpm}, the model trained on rounds 1..NN's rows, with its provenance
 * (the training files and their SHA-256, seeds, versions). The history records both with their
 * hashes ({@link RoundSurrogate}); a resumed run checks them and reloads the last round's model.
 *
 * <p>Why not {@link org.robotphysicist.engine.surrogate.SequentialTraining}: that class runs all of its
 * rounds in one call, for one observation fixed in advance, and keeps its rows in memory. Here the
 * rounds interleave with experiments, the observation grows by one experiment per round, θ comes from
 * the grid posterior those experiments left, and every round's rows and network are files that a
 * resumed run re-reads and checks by hash.
 *
 * <p>Randomness: round r's stream is split r of the stream that builds round 1's surrogate (the
 * master seed's first split), after its first draw; from it come the training seed, then the
 * simulation stream.
 */
final class SurrogateRefinement {
    static final String TRAINING_STEM = "training";
    static final String MODEL_STEM = "surrogate";

    private final DesignConfig config;
    private final Simulator simulator;
    private final DesignOptions options;
    private final Path directory;

    /**
     * @throws InvalidInputException when the configuration does not refine, the kind is not a trained
     *                               one, or there is no output directory with the run's files
     */
    SurrogateRefinement(DesignConfig config, Simulator simulator, DesignOptions options) {
        requireRefinable(config);
        if (options.outputDirectory() == null) {
            throw new InvalidInputException("refinement: expected an output directory for each round's simulations"
                    + " and model file but found none");
        }
        if (options.listeners().stream().noneMatch(l -> l instanceof DesignFiles f
                && f.directory().equals(options.outputDirectory()))) {
            throw new InvalidInputException("refinement: expected the run's events and history written into the"
                    + " output directory " + options.outputDirectory() + " (DesignOptions.withOutput), from which a"
                    + " resumed run re-scores the events, but found no such listener");
        }
        this.config = config;
        this.simulator = simulator;
        this.options = options;
        this.directory = options.outputDirectory();
    }

    /**
     * Checks that a refining configuration names a kind that trains (one that writes a model file).
     *
     * @throws InvalidInputException for {@code exact}, {@code histogram} and other untrained kinds
     */
    static void requireRefinable(DesignConfig config) {
        if (!config.refines()) {
            throw new InvalidInputException("refinement: expected a configuration with refinement rows but found none");
        }
        if (config.modelFile() != null) {
            return; // the file is fine-tuned: whether its kind can be is checked when round 1 reads it
        }
        SurrogateKindProvider kind = SurrogateRegistry.discover().named(config.surrogate());
        if (!kind.writesModelFile()) {
            throw new InvalidInputException("refinement: expected a trained surrogate kind (classifier, maf, nsf) that"
                    + " can be retrained on posterior draws but found '" + config.surrogate() + "', which is not"
                    + " trained; drop the refinement or choose a trained kind");
        }
    }

    /** A trained round surrogate and its record; the caller owns (closes) the surrogate. */
    record Trained(TrainedSurrogate surrogate, RoundSurrogate record) {
    }

    /**
     * Trains the surrogate of {@code round}: simulates its rows with θ from {@code proposal} (the
     * uniform prior for round 1, else the current posterior as a prior), writes them, and trains the
     * kind on them together with the rows of {@code earlier} (rounds 1..round−1, in order).
     */
    Trained train(int round, List<RoundSurrogate> earlier, Prior proposal, String proposalName) {
        if (earlier.size() != round - 1) {
            throw new InvalidInputException("refinement round " + round + ": expected the " + (round - 1)
                    + " earlier rounds' surrogates but found " + earlier.size());
        }
        long t0 = System.nanoTime();
        if (fineTunes() && round == 1) {
            return adopted(t0);
        }
        SplittableRandom stream = stream(round);
        long seed = stream.nextLong();
        int rows = round == 1 ? config.training().rows() : config.refineRows();
        SurrogateBuildRequest onPrior = request(TrainingSource.of(simulator), seed);
        // With a score weight the rows carry their joint scores, which the kind then regresses on.
        EventDataset added;
        Matrix scores = null;
        if (config.training().scoreWeightOr(0) > 0 && simulator instanceof JointScoreSimulator scoring) {
            JointScoreSimulator.ScoredEvents scored = SimulatedTrainingSet.jointWithScores(scoring,
                    ParameterSampler.of(proposal), onPrior.phiSampler(), rows, 1, stream.split());
            added = scored.events();
            scores = scored.scores();
        } else {
            added = SimulatedTrainingSet.joint(simulator, ParameterSampler.of(proposal), onPrior.phiSampler(), rows,
                    1, stream.split());
        }
        Path trainingFile = directory.resolve(DesignFiles.roundFile(TRAINING_STEM, round, "csv"));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("producer", ExperimentDesigner.PRODUCER);
        meta.put("simulator", simulator.name());
        meta.put("round", Integer.toString(round));
        meta.put("theta_proposal", proposalName);
        meta.put("phi", "uniform" + config.phiRange());
        meta.put("data_sha256", added.sha256());
        EventCsv.write(added, scores, meta, trainingFile);

        List<Path> files = new ArrayList<>();
        if (!fineTunes()) {
            for (RoundSurrogate r : earlier) {
                files.add(checked(r.trainingFile(), r.trainingSha256()));
            }
        }
        files.add(trainingFile);
        EventFileSource source = EventFileSource.read(files, simulator).drawnOver(config.thetaRange(),
                config.phiRange());
        BuiltSurrogate built;
        if (fineTunes()) {
            RoundSurrogate previous = earlier.get(earlier.size() - 1);
            options.log().accept(String.format(Locale.ROOT, "surrogate for round %d: fine-tuning round %d's %s on %d"
                    + " new rows (theta from the %s)", round, previous.round(), previous.kind(), rows, proposalName));
            try (TrainedSurrogate start = load(previous)) {
                built = ExperimentDesigner.extrapolating(SurrogateRegistry.discover().fineTune(start,
                        request(source, seed)));
            }
        } else {
            options.log().accept(String.format(Locale.ROOT, "surrogate for round %d: training %s on %d rows (%d new,"
                    + " theta from the %s)", round, config.surrogate(), source.data().size(), rows, proposalName));
            built = ExperimentDesigner.extrapolating(SurrogateRegistry.discover().build(config.surrogate(),
                    request(source, seed)));
        }
        if (!(built.surrogate() instanceof TrainedSurrogate warned)) {
            ExperimentDesigner.closeSurrogate(built.surrogate());
            throw new InvalidInputException("refinement: the kind '" + config.surrogate() + "' built a surrogate that"
                    + " cannot be saved; expected a trained kind");
        }
        try {
            Path modelFile = directory.resolve(DesignFiles.roundFile(MODEL_STEM, round, "rpm"));
            warned.save(modelFile, null, m -> built.scoreFit().map(m::withScoreFit).orElse(m));
            int thetaFrom = simulator.dimensions().xDim();
            int thetaTo = thetaFrom + simulator.dimensions().thetaDim();
            TrainingCurve curve = warned.trainingCurve();
            TrainingCurve.Epoch best = curve.best();
            RoundSurrogate record = new RoundSurrogate(round, built.kind(), built.description(), rows,
                    source.data().size(), proposalName,
                    Arrays.copyOfRange(added.columnMeans(), thetaFrom, thetaTo),
                    Arrays.copyOfRange(added.columnStandardDeviations(), thetaFrom, thetaTo),
                    best == null ? null : best.validationLoss(), curve.epochs().size(), seed,
                    trainingFile.getFileName().toString(), EventFileSource.sha256(trainingFile),
                    modelFile.getFileName().toString(), EventFileSource.sha256(modelFile),
                    (System.nanoTime() - t0) / 1e9);
            options.log().accept(String.format(Locale.ROOT, "surrogate for round %d: %s, validation loss %s (%.1f s),"
                    + " saved to %s", round, built.description(), best == null ? "none" : String.format(Locale.ROOT,
                    "%.5g", best.validationLoss()), record.seconds(), modelFile));
            return new Trained(warned, record);
        } catch (RuntimeException e) {
            warned.close();
            throw e;
        }
    }

    /** Whether the run fine-tunes a given model file's network rather than training its own from scratch. */
    private boolean fineTunes() {
        return config.modelFile() != null;
    }

    /**
     * Round 1 of a run that fine-tunes: the given model file, copied into the run directory as
     * {@code surrogate-round-01.rpm} (so that the run's files alone reproduce it and a resume finds
     * it) after checking that a kind can fine-tune it. No rows are simulated for it.
     */
    private Trained adopted(long t0) {
        Path given = Path.of(config.modelFile());
        Path modelFile = directory.resolve(DesignFiles.roundFile(MODEL_STEM, 1, "rpm"));
        TrainedSurrogate s = SurrogateFiles.load(given, LoadOptions.defaults()
                .withDevice(Devices.choose(options.device()).device()).withRangePolicy(RangePolicy.WARN));
        try {
            String kind = SurrogateRegistry.discover().kinds().stream()
                    .filter(k -> k instanceof FineTunableKind f && f.canFineTune(s)).map(SurrogateKindProvider::name)
                    .findFirst().orElseThrow(() -> new InvalidInputException("refinement with the model file " + given
                            + ": expected a single trained network (classifier, maf, nsf) that can be fine-tuned but"
                            + " found a model of kind '" + s.kind() + "'"));
            Files.createDirectories(directory);
            Files.copy(given, modelFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            TrainingCurve.Epoch best = s.trainingCurve().best();
            RoundSurrogate record = new RoundSurrogate(1, kind, kind + " from " + given, 0, 0, "model file "
                    + given.getFileName(), new double[0], new double[0], best == null ? null : best.validationLoss(),
                    0, 0, "", null, modelFile.getFileName().toString(), EventFileSource.sha256(modelFile),
                    (System.nanoTime() - t0) / 1e9);
            options.log().accept("surrogate for round 1: " + s.kind() + " from " + given + ", copied to " + modelFile
                    + "; each later round fine-tunes the previous round's network on its new rows");
            return new Trained(s, record);
        } catch (java.io.IOException e) {
            s.close();
            throw new InvalidInputException("refinement: cannot copy the model file " + given + " into " + directory
                    + ": " + e.getMessage());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Reads the model file of {@code record} back, checking its hash (for a resumed run). */
    TrainedSurrogate load(RoundSurrogate record) {
        Path file = checked(record.modelFile(), record.modelSha256());
        TrainedSurrogate s = SurrogateFiles.load(file, LoadOptions.defaults()
                .withDevice(Devices.choose(options.device()).device()).withRangePolicy(RangePolicy.WARN));
        options.log().accept("surrogate for round " + record.round() + ": " + s.kind() + " reloaded from " + file);
        return s;
    }

    /**
     * The events {@code round} recorded, read back from {@code events-round-NN.csv} in the run
     * directory and checked against the recorded hash (none when it recorded none), for the next
     * surrogate to re-score on resume.
     */
    Matrix recordedEvents(DesignRound round, Dimensions dims) {
        if (round.events() == 0) {
            return Matrix.of(0, dims.xDim(), new double[0]);
        }
        Path file = directory.resolve(DesignFiles.roundFile("events", round.round(), "csv"));
        if (!Files.isRegularFile(file)) {
            throw new MalformedDataException("design history: expected the events of round " + round.round() + " at "
                    + file + ", which the next surrogate re-scores, but found none");
        }
        EventDataset events = EventDataset.ofEvents(dims, EventCsv.read(file).dataset().x());
        if (!events.sha256().equals(round.eventsSha256())) {
            throw new MalformedDataException("design history: expected the events in " + file + " with SHA-256 "
                    + round.eventsSha256() + " as recorded but found " + events.sha256());
        }
        return events.x();
    }

    /** The file {@code name} in the run directory, which must exist with the recorded SHA-256. */
    private Path checked(String name, String sha256) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new MalformedDataException("design history: expected the refinement file " + file + " it records but"
                    + " found none");
        }
        String found = EventFileSource.sha256(file);
        if (!found.equals(sha256)) {
            throw new MalformedDataException("design history: expected " + file + " with SHA-256 " + sha256
                    + " as recorded but found " + found + "; the file was changed after the run wrote it");
        }
        return file;
    }

    /** Round r's stream: split r of the surrogate stream, after its first draw (see the class comment). */
    private SplittableRandom stream(int round) {
        SplittableRandom surrogateStream = new SplittableRandom(config.seed()).split();
        surrogateStream.nextLong();
        for (int i = 1; i < round; i++) {
            surrogateStream.split();
        }
        return surrogateStream.split();
    }

    private SurrogateBuildRequest request(TrainingSource source, long seed) {
        return new SurrogateBuildRequest(source, new UniformBoxPrior(config.thetaRange()), config.phiRange(),
                config.training().withSeed(seed), config.histogram(), ExperimentDesigner.eventsPerExperiment(config),
                options.device(), options.log(), options.progress());
    }
}

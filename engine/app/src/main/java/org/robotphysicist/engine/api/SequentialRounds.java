package org.robotphysicist.engine.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Sha256;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.design.loop.DesignFiles;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.mcmc.ResampledChains;
import org.robotphysicist.engine.surrogate.BuiltSurrogate;
import org.robotphysicist.engine.surrogate.EventFileSource;
import org.robotphysicist.engine.surrogate.FineTunableKind;
import org.robotphysicist.engine.surrogate.SequentialTraining;
import org.robotphysicist.engine.surrogate.SequentialTrainingConfig;
import org.robotphysicist.engine.surrogate.SurrogateBuildRequest;
import org.robotphysicist.engine.surrogate.SurrogateKindProvider;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * The rounds of {@link RobotPhysicist#trainSequential} as the registry trains them: each round's new
 * rows are written to {@code training-round-NN.csv} in the run's directory (as {@code rp simulate}
 * writes events, with the round and the θ proposal in the header, and with the rows' joint scores
 * where the controls give a score weight), and the kind is trained on the
 * files of rounds 1..r read back ({@link EventFileSource}, so the model's provenance names every file
 * with its SHA-256), from round r − 1's network where the configuration continues it
 * ({@link SurrogateRegistry#fineTune}). Each round's request is the one-round request of
 * {@link RobotPhysicist#buildRequest} with those files as its source, so the surrogate covers the θ
 * range and settings that {@code rp train} would; round r trains with the controls' seed plus r.
 */
final class SequentialRounds implements SequentialTraining.RoundTrainer {
    static final String PRODUCER = "org.robotphysicist.engine.api.RobotPhysicist#trainSequential";
    /**
     * The proposal's sampler beyond a grid: 1 000 chains started from 1 000 prior candidates each,
     * 500 warm-up iterations, a draw every 5 — the surrogate sampler of the accuracy benchmark's
     * sequential figures.
     */
    static final ResampledChains PROPOSAL_SAMPLER = new ResampledChains(1000, 500, 5, 1000);

    private final String kind;
    private final SurrogateBuildRequest base;
    private final Simulator simulator;
    private final Path directory;
    private final List<Path> files = new ArrayList<>();
    private int rowsWritten;
    private BuiltSurrogate last;

    /**
     * @param kind         the kind's name
     * @param base         the request of a one-round training from the simulator: prior, settings, controls,
     *                     device and reporting; each round's request is it with the round's files as source
     * @param continuation whether round r ≥ 2 continues round r − 1's network
     * @param directory    where the round files go (created if missing)
     * @throws InvalidInputException when the kind does not train a single network (an untrained kind, an ensemble),
     *                               cannot continue a network where the configuration asks it to, or the directory
     *                               cannot be created
     */
    SequentialRounds(String kind, SurrogateBuildRequest base, SequentialTrainingConfig.Continuation continuation,
            Path directory) {
        SurrogateKindProvider provider = SurrogateRegistry.discover().named(kind);
        SurrogateTrainingConfig training = base.training();
        if (!provider.writesModelFile() || training.trainsEnsemble()) {
            throw new InvalidInputException("sequential training: expected a trained kind with a single network"
                    + " (classifier, maf, nsf) but found '" + kind + "'" + (training.trainsEnsemble()
                    ? " as an ensemble of " + training.ensembleMembers() + " members" : ", which is not trained"));
        }
        if (continuation == SequentialTrainingConfig.Continuation.FINE_TUNE
                && !(provider instanceof FineTunableKind)) {
            throw new InvalidInputException("sequential training: expected a kind that can continue a trained network"
                    + " for the continuation 'fine-tune' but '" + kind + "' cannot; use 'retrain'");
        }
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new InvalidInputException("sequential training: cannot create the directory " + directory
                    + " for each round's simulations: " + e.getMessage());
        }
        this.kind = kind;
        this.base = base;
        this.simulator = base.simulator();
        this.directory = directory;
    }

    @Override
    public TrainedSurrogate train(SequentialTraining.RoundData data, TrainedSurrogate previous) {
        EventDataset added = data.rows().rows(rowsWritten, data.rows().size());
        Matrix addedScores = data.scores() == null ? null : data.scores().rowRange(rowsWritten, data.rows().size());
        Path file = directory.resolve(DesignFiles.roundFile("training", data.round(), "csv"));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("producer", PRODUCER);
        meta.put("simulator", simulator.name());
        meta.put("round", Integer.toString(data.round()));
        meta.put("theta_proposal", String.valueOf(data.source().get("thetaSampler")));
        meta.put("target", String.valueOf(data.source().get("sequentialTarget")));
        meta.put("data_sha256", added.sha256());
        EventCsv.write(added, addedScores, meta, file);
        files.add(file);
        rowsWritten = data.rows().size();
        EventFileSource source = EventFileSource.read(files, simulator).drawnOver(base.thetaRange(),
                base.phiUnion().bounds())
                .withNotes(List.of("sequential round " + data.source().get("sequentialRound") + " ("
                        + data.source().get("sequentialContinuation") + ", "
                        + data.source().get("sequentialSimulations")
                        + " simulations in all, seed " + data.source().get("sequentialSeed") + ") for "
                        + data.source().get("sequentialTarget") + "; theta: " + data.source().get("thetaSampler")));
        SurrogateBuildRequest request = base.withSource(source).withTraining(base.training()
                .withSeed(base.training().seed() + data.round()));
        SurrogateRegistry registry = SurrogateRegistry.discover();
        BuiltSurrogate built = previous == null ? registry.build(kind, request)
                : registry.fineTune(previous, request);
        if (!(built.surrogate() instanceof TrainedSurrogate trained)) {
            SurrogateRegistry.closeQuietly(built); // the refusal below is what matters
            throw new InvalidInputException("sequential training: the kind '" + kind + "' built a"
                    + " surrogate without a model file; expected a trained kind");
        }
        last = built;
        return trained;
    }

    /**
     * The controls' score weight: above 0 each round's rows carry their joint scores, written into
     * its file as {@code score:} columns, which the kind regresses on as it does on a simulator's.
     */
    @Override
    public double scoreWeight() {
        return base.training().scoreWeightOr(0);
    }

    /**
     * What the surrogate is trained for, for its provenance and description: "E experiment(s) of
     * N events, SHA-256 H", H the SHA-256 of the experiments' events and settings in order.
     */
    static String describe(List<Observation> observations, Dimensions dims) {
        StringBuilder hashed = new StringBuilder();
        long events = 0;
        for (Observation o : observations) {
            hashed.append(EventDataset.ofEvents(dims, o.events()).sha256()).append(java.util.Arrays.toString(o.phi()));
            events += o.size();
        }
        return String.format(java.util.Locale.ROOT, "%d experiment(s) of %d events, SHA-256 %s", observations.size(),
                events, Sha256.of(hashed.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The last round's build: its kind, description and device outcome. */
    BuiltSurrogate last() {
        return last;
    }

    /** The round files written so far, in order. */
    List<Path> files() {
        return List.copyOf(files);
    }
}

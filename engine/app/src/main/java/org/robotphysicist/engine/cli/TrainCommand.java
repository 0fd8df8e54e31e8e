package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.io.OutputTargets;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.progress.TextProgressReporter;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.SequentialModel;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.cluster.ClusterBackend;
import org.robotphysicist.engine.cluster.ClusterBackends;
import org.robotphysicist.engine.plot.PlotSize;
import org.robotphysicist.engine.plot.TrainingCurvePlot;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.engine.surrogate.EventFileSource;
import org.robotphysicist.engine.surrogate.GivenEvents;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.LesHouchesLabels;
import org.robotphysicist.engine.surrogate.SequentialTrainingConfig;
import org.robotphysicist.engine.surrogate.StreamedEventSource;
import org.robotphysicist.engine.surrogate.SurrogateKindProvider;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.models.file.KeyFiles;
import org.robotphysicist.models.file.SigningKey;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.training.device.DeviceRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code rp train}: trains a surrogate of a simulator's likelihood over a prior range of θ (a box,
 * a normal prior's μ ± 5σ, or a named proposal) and a value or range of φ
 * ({@link RobotPhysicist#train}), or on labelled event files ({@code --events-from},
 * {@link RobotPhysicist#trainFromEvents}), writes it as a model file and draws its training curve
 * beside it. After training from a simulator it measures the model's calibration certificate
 * ({@link RobotPhysicist#certify}) at {@code --events} events per experiment, stores it in the model
 * file and prints it; a surrogate outside the tolerance is reported on stderr, and with
 * {@code --require-calibrated} the command exits with {@value #EXIT_NOT_CALIBRATED}. Exit code 4
 * when a GPU was requested and training ran on the CPU.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a likelihood surrogate from simulations and save it as a model file.",
            "theta is drawn uniformly from --prior (default: the simulator's theta domain), from the normal"
                    + " --prior-normal (within its mean +- 5 sd), or uniformly from a wider --proposal; phi is fixed"
                    + " (--phi) or drawn uniformly from --phi-range. Or train on labelled events already on disk"
                    + " (--events-from: CSV as rp simulate writes it, or Les Houches files *.lhe). Writes --output"
                    + " (a model file for rp posterior,"
                    + " rp serve and the Java API) and, beside it, NAME-training.png (the loss per epoch). With"
                    + " --sequential R --observed CSV, train for those events in R rounds, each simulating where the"
                    + " previous round's posterior is."})
final class TrainCommand implements Callable<Integer> {
    private static final TrainOptions D = TrainOptions.defaults("classifier");
    /** Exit code of a model outside its calibration tolerance under {@code --require-calibrated}. */
    static final int EXIT_NOT_CALIBRATED = CertificationOptions.EXIT_NOT_CALIBRATED;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    SimulatorChoice simulator;

    @Option(names = "--prior", split = ",", paramLabel = "LO,HI",
            description = "Uniform prior range of theta, LO,HI per component (default: the simulator's theta domain).")
    double[] prior;

    @Option(names = "--prior-normal", split = ",", paramLabel = "MEAN,SD",
            description = "Normal prior on theta, MEAN,SD per component; training theta come from it within mean +- 5"
                    + " sd (or from --proposal).")
    double[] priorNormal;

    @Option(names = "--proposal", split = ",", paramLabel = "LO,HI",
            description = "Draw training theta uniformly from this box instead of the prior, LO,HI per component:"
                    + " the surrogate is valid wherever the proposal covers; posteriors still use the actual prior.")
    double[] proposal;

    @Option(names = "--events-from", arity = "1..*", paramLabel = "FILE",
            description = "Train on these labelled event files (CSV with x, theta and phi columns, as rp simulate"
                    + " writes it) instead of simulating; every row is used. Column names are checked against"
                    + " --simulator when given, else taken from the header. Files named *.lhe are Les Houches event"
                    + " files: --simulator turns their particle records into x, theta and phi come from each file's"
                    + " header (or --theta, --phi), and <rwgt> weights add resampled rows at the other theta they"
                    + " declare. A directory or file named *.parquet (as rp simulate --spark writes it) is read block"
                    + " by block, never whole, through the spark module. Not with --external, --prior,"
                    + " --prior-normal, --proposal, --phi-range or --training-rows.")
    List<Path> eventsFrom;

    @Option(names = "--theta", split = ",", paramLabel = "V",
            description = "With --events-from FILE.lhe: the theta every Les Houches file was generated at (default:"
                    + " each file's header).")
    double[] theta;

    @Option(names = "--phi", split = ",", paramLabel = "V", description = "Train at this one phi (with --events-from"
            + " FILE.lhe: the phi of every Les Houches file; default: each file's header or beams).")
    double[] phi;

    @Option(names = "--phi-range", split = ",", paramLabel = "LO,HI",
            description = "Train across this phi range (phi drawn uniformly), LO,HI per component. Repeat it to"
                    + " train across a union of disjoint ranges (phi drawn over the union, each range in proportion to"
                    + " its volume; the model refuses phi outside all of them). No --phi or --phi-range for a"
                    + " simulator whose experiments have no setting.")
    double[] phiRange;

    @Option(names = "--sequential", paramLabel = "R", description = "Train for the --observed events in R rounds"
            + " (sequential neural likelihood): --training-rows simulations split over the rounds, round 1's theta"
            + " from the prior, each later round's from the posterior of the observed events under the previous"
            + " round's surrogate, each round training on every row so far. The model is then accurate near that"
            + " posterior, for those events, and is not certified.")
    Integer sequential;

    @Option(names = "--observed", arity = "1..*", paramLabel = "CSV", description = "With --sequential: the observed"
            + " events the surrogate is trained for (rp simulate CSV; several files are several experiments).")
    List<Path> observed;

    @Option(names = "--observed-phi", split = ",", paramLabel = "V", description = "With --sequential: the setting"
            + " of each --observed file, one value list per file (default: each file's phi column).")
    double[] observedPhi;

    @Option(names = "--continuation", paramLabel = "HOW", description = "With --sequential: retrain (a fresh network"
            + " every round; default) or fine-tune (each round continues the previous round's network).")
    String continuation = SequentialTrainingConfig.DEFAULT_CONTINUATION.label();

    @Option(names = "--rounds-dir", paramLabel = "DIR", description = "With --sequential: where each round's"
            + " simulations are written, training-round-NN.csv (default: beside --output, NAME-rounds).")
    Path roundsDir;

    @Option(names = "--surrogate", paramLabel = "KIND", description = "The trained kind: classifier, maf, nsf, or any"
            + " registered kind with a model file (rp train --list; default ${DEFAULT-VALUE}).")
    String surrogate = D.surrogate();

    @Option(names = "--list", description = "List the surrogate kinds, one line each, and exit.")
    boolean list;

    @CommandLine.Mixin
    SurrogateTrainingOptions training;

    @Option(names = "--device", paramLabel = "DEV", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
    String device = "auto";

    @Option(names = "--events", paramLabel = "N", description = "Events per observed experiment the model will be used"
            + " on (sets the classifier's per-theta normalization; default ${DEFAULT-VALUE}).")
    int events = D.eventsPerExperiment();

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Model file (default ${DEFAULT-VALUE}).")
    Path output = Path.of("runs", "train", "model.rpm");

    @Option(names = "--plot", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Draw the training curve (--no-plot skips it; default: on).")
    boolean plot;

    @Option(names = {"-q", "--quiet"}, description = "No progress; print only the model file's path.")
    boolean quiet;

    @Option(names = "--certify", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Measure the calibration certificate after training (expected coverage, SBC, and the exact"
                    + " likelihood comparison where the simulator has one) and store it in the model file;"
                    + " --no-certify skips it. Needs a simulator (skipped for --events-from without one).")
    boolean certify;

    @CommandLine.Mixin
    CertificationOptions calibration;

    @Option(names = "--sign-key", paramLabel = "KEY", description = "Sign the model file with this key (rp keygen):"
            + " an Ed25519 private key or an HMAC key file.")
    Path signKey;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        SurrogateRegistry registry = SurrogateRegistry.discover();
        if (list) {
            for (SurrogateKindProvider k : registry.kinds()) {
                o.printf("%-12s %s%s%n", k.name(), k.description(), k.writesModelFile() ? ""
                        : " [tabulated when used: rp posterior --surrogate " + k.name() + "]");
            }
            return 0;
        }
        if (!registry.names().contains(surrogate)) {
            throw new InvalidInputException("--surrogate: expected one of " + registry.names()
                    + " (rp train --list) but found '" + surrogate + "'");
        }
        if (!registry.named(surrogate).writesModelFile()) {
            throw new InvalidInputException("--surrogate: expected a trained kind that has a model file (such as"
                    + " classifier) but found '" + surrogate + "', which is tabulated when used; give it to rp"
                    + " posterior --surrogate instead");
        }
        requireSequentialOptions();
        if (calibration.requireCalibrated && sequential != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --require-calibrated with a"
                    + " certificate to check but found it with --sequential, whose model is not certified (it is"
                    + " trained for the --observed events, not over the prior)");
        }
        if (calibration.requireCalibrated && (!certify || eventsFrom != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --require-calibrated with a"
                    + " certificate to check but found it with " + (certify ? "--events-from, which has no simulator"
                    + " to certify with" : "--no-certify"));
        }
        SigningKey key = signKey == null ? null : KeyFiles.readSigningKey(signKey);
        Path png = plotPath(output, "-training.png");
        OutputTargets.requireWritableFile("--output", output);
        if (plot) {
            OutputTargets.requireWritableFile("--output (its training curve)", png);
        }
        if (eventsFrom != null) {
            return trainFromEvents(o, key, png);
        }
        if (theta != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --theta only with --events-from"
                    + " FILE.lhe (it labels Les Houches files; training theta otherwise come from --prior or"
                    + " --proposal) but found it without --events-from");
        }
        Simulator sim = simulator.open(spec.commandLine(), SimulatorChoice.DEFAULT);
        try {
            return train(sim, o, key, png);
        } finally {
            SimulatorChoice.close(sim);
        }
    }

    private int train(Simulator sim, PrintWriter o, SigningKey key, Path png) {
        Prior thetaPrior = PriorOptions.parse(spec.commandLine(), "--prior", prior, "--prior-normal", priorNormal,
                sim.thetaDomain());
        List<Box> phiBoxes = BoxOptions.valueOrRanges("--phi", phi, "--phi-range", phiRanges(), sim.phiDomain());
        Box phis = phiBoxes.get(0);
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(thetaPrior).settings(phiBoxes)
                .proposal(proposal == null ? null : BoxOptions.parse("--proposal", proposal, sim.thetaDomain()))
                .reporting(progressLine(o), TextProgressReporter.forTerminal(spec.commandLine().getErr(), quiet));
        if (sequential != null) {
            return trainSequential(rp, sim, o, key, png);
        }
        double[] at = calibration.at(phis, phis.middle());
        CertificationConfig certification = calibration.config(events, seed);
        long t0 = System.nanoTime();
        TrainedModel trained = rp.train(trainOptions());
        if (certify) {
            if (!quiet) {
                o.println(calibration.announcement(events, at, calibration.phi != null ? " (--certify-phi)"
                        : phi != null ? " (--phi)" : " (the middle of the phi range; --certify-phi to choose)",
                        calibration.tempering && trained.savable(), trained.surrogate(), certification));
                o.flush();
            }
            try {
                trained = rp.certify(trained, at, certification);
            } catch (RuntimeException e) {
                trained.close();
                throw e;
            }
        }
        return finish(trained, o, key, png, t0);
    }

    /** The sequential options only together, and not with event files. */
    private void requireSequentialOptions() {
        if (sequential == null) {
            for (String option : List.of("--observed", "--observed-phi", "--continuation", "--rounds-dir")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "expected " + option + " only with"
                            + " --sequential R but found it without");
                }
            }
            return;
        }
        if (observed == null || observed.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --observed CSV (the events the"
                    + " surrogate is trained for) with --sequential but found none");
        }
        if (eventsFrom != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --sequential with a simulator to"
                    + " run each round but found it with --events-from, whose rows are given");
        }
        SequentialTrainingConfig.Continuation.named(continuation);
    }

    /** {@code --sequential R}: trains for the {@code --observed} events in R rounds, writes the last round's model. */
    private int trainSequential(RobotPhysicist rp, Simulator sim, PrintWriter o, SigningKey key, Path png) {
        List<Observation> experiments = ObservedExperiments.of(observed, observed.stream().map(EventCsv::read)
                .toList(), observedPhi, sim, "--observed", "--observed-phi");
        TrainOptions options = trainOptions();
        SequentialTrainingConfig config = new SequentialTrainingConfig(sequential, options.trainingRows(),
                SequentialTrainingConfig.Continuation.named(continuation), seed);
        Path directory = roundsDir != null ? roundsDir : plotPath(output, "-rounds");
        if (!quiet) {
            o.printf("training %s sequentially for %d experiment(s) in %d rounds of %d simulations; each round's"
                    + " simulations go to %s%n", surrogate, experiments.size(), config.rounds(),
                    config.rowsInRound(config.rounds()), directory);
            if (certify) {
                o.println("not certifying: a sequentially trained surrogate is accurate near the observed events'"
                        + " posterior, not over the prior that a certificate's datasets are drawn from");
            }
        }
        long t0 = System.nanoTime();
        SequentialModel model = rp.trainSequential(experiments, options, config, directory);
        return finish(model.model(), o, key, png, t0);
    }

    /** {@code --phi-range} as given: one LO,HI list per occurrence (null: not given). */
    private List<double[]> phiRanges() {
        var matched = spec.commandLine().getParseResult().matchedOption("--phi-range");
        if (phiRange == null || matched == null || matched.originalStringValues().size() <= 1) {
            return phiRange == null ? null : List.of(phiRange);
        }
        return matched.originalStringValues().stream().map(v -> java.util.Arrays.stream(v.split(","))
                .mapToDouble(d -> Double.parseDouble(d.strip())).toArray()).toList();
    }

    /** {@code --events-from}: the files' rows as they are, names from --simulator or the header. */
    private int trainFromEvents(PrintWriter o, SigningKey key, Path png) {
        List<String> clashing = new java.util.ArrayList<>();
        boolean lhe = eventsFrom.stream().anyMatch(EventFileSource::isLesHouches);
        List<String> options = new java.util.ArrayList<>(List.of("--external", "--prior", "--prior-normal",
                "--proposal", "--phi-range", "--training-rows"));
        if (!lhe) {
            options.addAll(List.of("--theta", "--phi"));
        }
        for (String option : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                clashing.add(option);
            }
        }
        if (!clashing.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --events-from without "
                    + String.join(", ", clashing) + " (theta, phi and the rows come from the files; --simulator NAME"
                    + " only names and bounds them" + (lhe ? "" : "; --theta and --phi label Les Houches files only")
                    + ") but found them together");
        }
        Simulator sim = simulator.name == null ? null : simulator.open(spec.commandLine(), SimulatorChoice.DEFAULT);
        try {
            List<Path> parquet = eventsFrom.stream().filter(TrainCommand::isParquet).toList();
            if (parquet.isEmpty()) {
                EventFileSource events = EventFileSource.read(eventsFrom, sim, new LesHouchesLabels(theta, phi, seed));
                if (!quiet) {
                    events.notes().forEach(o::println);
                }
                return trainOnGivenEvents(events, o, key, png);
            }
            if (parquet.size() != eventsFrom.size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "expected --events-from to name Parquet"
                        + " datasets only, or CSV and Les Houches files only, but found " + parquet + " beside "
                        + eventsFrom.stream().filter(f -> !isParquet(f)).toList());
            }
            try (ClusterBackend backend = ClusterBackends.require("spark", "--events-from " + parquet.get(0));
                    EventBlocks blocks = backend.readEventBlocks(parquet.stream().map(Path::toString).toList())) {
                return trainOnGivenEvents(StreamedEventSource.scan(blocks, sim), o, key, png);
            }
        } finally {
            if (sim != null) {
                SimulatorChoice.close(sim);
            }
        }
    }

    /** A Parquet dataset: a file or directory whose name ends in {@code .parquet}. */
    static boolean isParquet(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
    }

    private int trainOnGivenEvents(GivenEvents events, PrintWriter o, SigningKey key, Path png) {
        if (!quiet) {
            o.printf("training on %s: theta in %s, phi in %s%n", events.describe(), events.thetaRange(),
                    events.phiRange());
        }
        if (certify && !quiet) {
            o.println("not certifying: training from event files has no simulator to draw fresh datasets from"
                    + " (certify later with rp certify --model FILE and the simulator)");
        }
        long t0 = System.nanoTime();
        return finish(RobotPhysicist.trainFromEvents(events, trainOptions(), progressLine(o),
                TextProgressReporter.forTerminal(spec.commandLine().getErr(), quiet)), o, key, png, t0);
    }

    private TrainOptions trainOptions() {
        return new TrainOptions(surrogate, training.toControls(seed), DeviceRequest.parse(device),
                HistogramGridConfig.defaults(), events);
    }

    private java.util.function.Consumer<String> progressLine(PrintWriter o) {
        return line -> {
            if (!quiet) {
                o.println(line);
                o.flush();
            }
        };
    }

    private int finish(TrainedModel trained, PrintWriter o, SigningKey key, Path png, long t0) {
        try (TrainedModel model = trained) {
            model.save(output, key);
            boolean drawn = plot && model.trainingCurve().isPresent();
            if (drawn) {
                plot(model.trainingCurve().get(), model.kind()).writePng(png, PlotSize.DEFAULT);
            }
            if (quiet) {
                o.println(output);
            } else {
                o.printf("trained %s in %.1f s%nmodel written to %s%s%n", model.description(),
                        (System.nanoTime() - t0) / 1e9, output, drawn ? ", training curve to " + png : "");
            }
            model.timeBudgetStop().ifPresent(reason -> o.println("stopped on the time budget: " + reason));
            int exit = calibration.report(model, spec.commandLine(), o, quiet);
            if (model.gpuFellBack()) {
                spec.commandLine().getErr().println("rp: warning: a GPU was requested but training ran on the CPU");
                return exit != 0 ? exit : 4;
            }
            return exit;
        }
    }

    /** The loss per epoch (training, and validation where the run kept a validation split). */
    static TrainingCurvePlot plot(TrainingCurve curve, String kind) {
        List<TrainingCurve.Epoch> epochs = curve.epochs();
        double[] train = epochs.stream().mapToDouble(TrainingCurve.Epoch::trainLoss).toArray();
        double[] validation = epochs.stream().mapToDouble(TrainingCurve.Epoch::validationLoss).toArray();
        boolean hasValidation = java.util.Arrays.stream(validation).allMatch(Double::isFinite);
        return new TrainingCurvePlot("Training of the " + kind + " surrogate", "loss", train,
                hasValidation ? validation : null, false, curve.bestEpoch());
    }

    /** {@code dir/name.ext} → {@code dir/name + suffix}. */
    static Path plotPath(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + suffix);
    }
}

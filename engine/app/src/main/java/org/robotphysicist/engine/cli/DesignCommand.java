package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.OutputTargets;
import org.robotphysicist.data.progress.TextProgressReporter;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorRegistry;
import org.robotphysicist.engine.cluster.ClusterBackend;
import org.robotphysicist.engine.cluster.ClusterBackends;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.design.loop.DesignConfig;
import org.robotphysicist.engine.design.loop.DesignFiles;
import org.robotphysicist.engine.design.loop.DesignHistory;
import org.robotphysicist.engine.design.loop.DesignOptions;
import org.robotphysicist.engine.design.loop.DesignRound;
import org.robotphysicist.engine.design.loop.ExperimentDesigner;
import org.robotphysicist.engine.design.loop.ExperimentSpec;
import org.robotphysicist.engine.design.loop.RoundSurrogate;
import org.robotphysicist.engine.design.loop.SimulatedExperimentRunner;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.HpdComparison;
import org.robotphysicist.engine.surrogate.ExactSurrogateKind;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelManifest;
import org.robotphysicist.training.device.DeviceRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code rp design}: the robot-physicist loop for any simulator — built-in or discovered
 * ({@code --simulator}) or an external program ({@code --external}) — and any surrogate kind of the
 * registry ({@code --surrogate}, built or trained once across the φ range before round 1) or a
 * saved model ({@code --model}, reused every round). Each round chooses φ by Bayesian optimization
 * of the expected information gain about θ, simulates the experiment at a hidden θ, and updates
 * the posterior, which is the next round's prior ({@link ExperimentDesigner}). Names, units and
 * ranges come from the simulator. Writes {@code history.json}, the events and the plots into
 * {@code --out}; {@code --resume} continues a run from its history.
 */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = {"Design a sequence of experiments: each round chooses the setting phi by Bayesian optimization"
                + " of the expected information gain (EIG) about theta, runs the experiment (simulated at a hidden"
                + " theta), and updates the posterior, which is the next round's prior. The simulator is built in or"
                + " discovered (--simulator, default weinberg-lo: e+e- -> mu+mu-, theta = sin^2(theta_W), phi ="
                + " sqrt(s)) or an external program (--external); the likelihood is any surrogate kind (--surrogate,"
                + " see rp train --list; built or trained once across the phi range before round 1) or a model file"
                + " from rp train (--model, reused every round).",
            "Writes history.json (every round: chosen phi, EIG estimates, GP hyperparameters, posterior"
                    + " summary, events hash), events-round-NN.csv, eig-round-NN.png, posterior-round-NN.png and"
                    + " posteriors.png into --out. --resume continues the run in --out from its history.",
            "Experiments record a fixed number of events (--events, the default) or a fixed integrated luminosity"
                    + " (--luminosity), where the count is Poisson(L sigma) and, with --rate, informs the posterior"
                    + " too."})
final class DesignCommand implements Callable<Integer> {
    private static final DesignConfig D = DesignConfig.defaults(Box.interval(0.15, 0.35), Box.interval(40, 100))
            .withExperiment(ExperimentSpec.events(500));
    private static final HistogramGridConfig H = D.histogram();
    /** The Weinberg example's ranges and hidden value, the defaults for that simulator only. */
    private static final Box WEINBERG_PHI = D.phiRange();
    private static final Box WEINBERG_PRIOR = D.thetaRange();
    private static final double WEINBERG_HIDDEN = 0.2312;
    /** Options that may accompany --resume (the others come from the history). */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--out", "--rounds", "--plot", "--no-plot",
            "--quiet", "-q", "--config", "--external", "--device");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    SimulatorChoice simulator;

    @Option(names = "--events", paramLabel = "N",
            description = "Events per experiment (the default mode, 500 events unless --luminosity is given).")
    Integer events;

    @Option(names = "--luminosity", paramLabel = "L",
            description = "Integrated luminosity per experiment in pb^-1 instead of a fixed event count.")
    Double luminosity;

    @Option(names = "--rate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --luminosity, use the extended likelihood: the Poisson event count informs the"
                    + " posterior and the EIG (--no-rate: angular shape only; default: on).")
    boolean rate;

    @Option(names = "--rounds", paramLabel = "R", description = "Experiments to design and run (default ${DEFAULT-VALUE}).")
    int rounds = D.rounds();

    @Option(names = "--phi-range", split = ",", paramLabel = "LO,HI",
            description = "Range of phi to choose from, LO,HI per component (default: the model's range with --model;"
                    + " 40,100 GeV for weinberg-lo; else the simulator's phi domain, which must then be bounded).")
    double[] phiRange;

    @Option(names = "--prior", split = ",", paramLabel = "LO,HI",
            description = "Uniform initial prior range of theta, LO,HI per component, also the posterior grid's"
                    + " range (default: the model's range with --model; 0.15,0.35 for weinberg-lo; else the"
                    + " simulator's theta domain, which must then be bounded).")
    double[] prior;

    @Option(names = "--hidden-theta", split = ",", paramLabel = "V",
            description = "True theta the experiments are simulated at, one value per component (default: 0.2312 for"
                    + " weinberg-lo, else the middle of the prior range).")
    double[] hidden;

    @Option(names = "--grid", paramLabel = "M", description = "Posterior grid points (default ${DEFAULT-VALUE}).")
    int grid = D.gridPoints();

    @Option(names = "--eig-datasets", paramLabel = "K",
            description = "Simulated experiments per EIG estimate (default ${DEFAULT-VALUE}).")
    int eigDatasets = D.eigDatasets();

    @Option(names = "--evaluations", paramLabel = "B",
            description = "EIG estimates the Bayesian optimizer spends per round (default ${DEFAULT-VALUE}).")
    int evaluations = D.evaluationsPerRound();

    @Option(names = "--initial-points", paramLabel = "B0",
            description = "Of which from a space-filling design (default ${DEFAULT-VALUE}).")
    int initialPoints = D.initialPoints();

    @Option(names = "--verify", paramLabel = "V",
            description = "Before each round's choice, re-estimate V settings (those of highest GP mean and of"
                    + " highest estimate, in turn) with an independent random stream and choose the best re-estimate:"
                    + " V more estimates per round (one more with --verify-rival), 0 for none (default ${DEFAULT-VALUE}).")
    int verifications = D.verifications();

    @Option(names = "--verify-datasets", paramLabel = "KV",
            description = "Simulated experiments per re-estimate before the choice (default "
                    + DesignConfig.VERIFICATION_DATASETS_FACTOR + " x --eig-datasets, a re-estimate half as noisy as a"
                    + " search estimate).")
    Integer verificationDatasets;

    @Option(names = "--verify-rival", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Re-estimate the best setting of a second maximum of EIG as well, at least a tenth of the"
                    + " range from the others, so that a choice is not confined to the one maximum the search"
                    + " crowded around (default: on; --no-verify-rival to leave it out).")
    boolean verifyRival;

    @Option(names = "--surrogate", paramLabel = "KIND",
            description = "Likelihood surrogate kind (rp train --list): histogram (tabulated over the prior range x"
                    + " the phi range), exact (the true likelihood, tractable simulators only), classifier, maf, nsf"
                    + " (trained once across the phi range before round 1), or a registered kind (default"
                    + " ${DEFAULT-VALUE}).")
    String surrogate = D.surrogate();

    @Option(names = "--model", paramLabel = "FILE",
            description = "Use this model file from rp train (covering the prior and phi ranges) every round instead"
                    + " of building a surrogate.")
    Path model;

    @CommandLine.Mixin
    SurrogateTrainingOptions training;

    @Option(names = "--refine", description = "Sequential refinement of a trained surrogate (classifier, maf, nsf):"
            + " before every round after the first, retrain it on all simulations so far plus --refine-rows new ones"
            + " whose theta are drawn from the current posterior (phi still across its range). Writes"
            + " training-round-NN.csv and surrogate-round-NN.rpm per round into --out and lists every round's"
            + " surrogate in the history. With --model FILE: round 1 uses the file, and each later round fine-tunes"
            + " the previous round's network on its --refine-rows new simulations alone, starting from its weights"
            + " (the same training controls; the network's shape is the file's).")
    boolean refine;

    @Option(names = "--refine-rows", paramLabel = "N", description = "With --refine, simulations added per round"
            + " (at least 1000; default: --training-rows).")
    Integer refineRows;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Evaluate the simulated datasets of every EIG estimate on Apache Spark (local[*],"
                    + " spark://HOST:PORT, yarn, k8s://...); the GP and the loop stay here. Needs --model FILE or"
                    + " --surrogate exact, and the spark module.")
    String spark;

    @Option(names = "--device", paramLabel = "DEV", description = "Where a neural surrogate trains and runs: auto, cpu,"
            + " gpu or gpu:N (default ${DEFAULT-VALUE}).")
    String device = "auto";

    @Option(names = "--histogram-events", paramLabel = "N",
            description = "Simulated events per histogram cell (default ${DEFAULT-VALUE}).")
    int histogramEvents = H.eventsPerCell();

    @Option(names = "--histogram-theta-cells", paramLabel = "K",
            description = "Histogram cells along each theta component (default ${DEFAULT-VALUE}).")
    int histogramThetaCells = H.thetaCells();

    @Option(names = "--histogram-phi-cells", paramLabel = "K",
            description = "Histogram cells along each phi component (default ${DEFAULT-VALUE}).")
    int histogramPhiCells = H.phiCells();

    @Option(names = "--bins", paramLabel = "B", description = "Histogram bins per x component (default ${DEFAULT-VALUE}).")
    int bins = H.bins();

    @Option(names = "--histogram-smoothing", paramLabel = "H",
            description = "Smooth every histogram bin along theta by a local quadratic fit over 2H+1 theta cells;"
                    + " 0 for none (default ${DEFAULT-VALUE}).")
    int histogramSmoothing = H.thetaSmoothing();

    @Option(names = "--target", split = ",", paramLabel = "NAME",
            description = "Choose settings by the information about these theta components only (e.g. Gamma_Z), the"
                    + " others marginalized as nuisances: EIG = E[H(p(theta_t)) - H(p(theta_t | X))] (default: all of"
                    + " theta).")
    String[] target;

    @Option(names = "--seed", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "design");

    @Option(names = "--resume", description = "Continue the run recorded in DIR/history.json (up to --rounds rounds"
            + " if given); its settings come from the history (give --external again for an external simulator).")
    boolean resume;

    @Option(names = "--plot", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Draw the PNG plots (--no-plot skips them; default: on).")
    boolean plot;

    @Option(names = {"-q", "--quiet"}, description = "No progress or round log; print only the history's path.")
    boolean quiet;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        PrintWriter o = spec.commandLine().getOut();
        OutputTargets.requireWritableDirectory("--out", out);
        OutputTargets.requireWritableFile("--out (its history)", out.resolve("history.json"));
        Simulator sim = simulator.open(spec.commandLine(), resume ? resumedSimulatorName() : SimulatorChoice.DEFAULT);
        DesignHistory history;
        try (ClusterBackend backend = spark == null ? null : ClusterBackends.require("spark", "--spark");
                ExperimentDesigner designer = resume ? resumed(sim) : started(sim, onCluster(options(plot), backend,
                        sim))) {
            history = designer.run();
        } finally {
            SimulatorChoice.close(sim);
        }
        Path file = out.resolve("history.json");
        if (quiet) {
            o.println(file);
            return 0;
        }
        o.println();
        printSummary(o, history);
        o.printf("history written to %s%s (%.1f s)%n", file, plot ? ", plots beside it" : "",
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /**
     * With --spark, the options whose evaluators simulate and sum each EIG estimate's datasets on the
     * cluster, the simulator going there as its recipe (a name, or the external program's command
     * line) and the likelihood as the model file's bytes or as the exact likelihood's recipe.
     */
    private DesignOptions onCluster(DesignOptions options, ClusterBackend backend, Simulator sim) {
        if (backend == null) {
            return options;
        }
        if (refine) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spark: expected a surrogate fixed for the"
                    + " whole run (--model FILE or --surrogate exact) but found --refine, which retrains it every round");
        }
        if (model == null && !ExactSurrogateKind.NAME.equals(surrogate)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spark: expected --model FILE (its bytes go"
                    + " to every executor) or --surrogate exact but found --surrogate " + surrogate);
        }
        return options.withEvaluators(s -> {
            if (s instanceof org.robotphysicist.models.ensemble.SurrogateEnsemble) {
                throw new InvalidInputException("--spark: expected a single surrogate but found an ensemble in "
                        + model + " (its members' posteriors are mixed on this machine)");
            }
            LikelihoodSource source = model != null ? LikelihoodSource.modelFile(model)
                    : LikelihoodSource.exact(sim.name(), s.thetaRange(), s.phiRange());
            return backend.evaluator(spark, source, s, simulator.spec(sim));
        });
    }

    private DesignOptions options(boolean drawPlots) {
        PrintWriter o = spec.commandLine().getOut();
        return new DesignOptions(line -> {
            if (!quiet) {
                o.println(line);
                o.flush();
            }
        }, TextProgressReporter.forTerminal(spec.commandLine().getErr(), quiet))
                .withDevice(DeviceRequest.parse(device)).withOutput(out, drawPlots);
    }

    private ExperimentDesigner started(Simulator sim, DesignOptions options) {
        if (!sim.dimensions().hasPhi()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected a simulator with experiment"
                    + " settings (phi) to choose between but " + sim.name() + " has none: every experiment is the"
                    + " same, so there is nothing to design (use rp train and rp posterior)");
        }
        if (events != null && luminosity != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected either --events N or --luminosity L"
                    + " but found both");
        }
        if (model != null && spec.commandLine().getParseResult().hasMatchedOption("--surrogate")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected either --surrogate KIND or --model"
                    + " FILE but found both");
        }
        if (refineRows != null && !refine) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --refine-rows N only with --refine"
                    + " but found it without");
        }
        ExperimentSpec experiment = luminosity != null ? ExperimentSpec.luminosity(luminosity)
                : ExperimentSpec.events(events != null ? events : (int) D.experiment().amount());
        boolean weinberg = !simulator.isExternal() && SimulatorChoice.DEFAULT.equals(sim.name());
        String kind = surrogate;
        Box modelTheta = null;
        Box modelPhi = null;
        if (model != null) {
            // The manifest alone gives the kind and ranges; the designer loads the network itself.
            ModelManifest manifest = ModelFile.read(model).manifest();
            sim.dimensions().requireCompatible("model file " + model, manifest.dimensions());
            kind = manifest.kind();
            modelTheta = manifest.ranges().theta();
            modelPhi = manifest.ranges().phi();
        }
        Box phis = range("--phi-range", phiRange, sim.phiDomain(), modelPhi, weinberg ? WEINBERG_PHI : null);
        Box thetas = range("--prior", prior, sim.thetaDomain(), modelTheta, weinberg ? WEINBERG_PRIOR : null);
        double[] truth = hidden != null ? hidden.clone() : weinberg ? new double[] {WEINBERG_HIDDEN} : thetas.middle();
        HistogramGridConfig histogram = new HistogramGridConfig(histogramThetaCells, histogramPhiCells, histogramEvents,
                bins, histogramSmoothing);
        SurrogateTrainingConfig controls = training.toControls(0);
        String modelPath = model == null ? null : model.toAbsolutePath().normalize().toString();
        DesignConfig c = DesignConfig.defaults(thetas, phis).withRounds(rounds).withGridPoints(grid)
                .withExperiment(experiment).withExtendedLikelihood(rate)
                .withEig(eigDatasets, evaluations, initialPoints).withSurrogate(kind, histogram)
                .withTraining(controls).withModelFile(kind, modelPath)
                .withSeed(seed).withTarget(target == null ? null : List.of(target))
                .withRefinement(refine ? (refineRows != null ? refineRows : training.rows) : null);
        // withEig set the re-estimates' default datasets (4 x the search's); an explicit count replaces it.
        c = c.withVerification(verifications, verificationDatasets != null ? verificationDatasets
                : c.verificationDatasets(), verifyRival);
        SimulatedExperimentRunner runner = new SimulatedExperimentRunner(sim, experiment.toExperiment(), truth);
        return ExperimentDesigner.start(c, sim, runner, options);
    }

    /**
     * The box an option spells (LO,HI per component, inside {@code domain}); else the model's range,
     * the simulator's example default, or the domain itself, the first that exists.
     */
    private static Box range(String option, double[] values, Box domain, Box fromModel, Box example) {
        if (values != null) {
            return BoxOptions.parse(option, values, domain);
        }
        if (fromModel != null) {
            return fromModel;
        }
        return example != null ? example : BoxOptions.parse(option, null, domain);
    }

    /** The simulator a history was made with, by name; an external one must be given again. */
    private String resumedSimulatorName() {
        String name = readHistory().simulator();
        if (!simulator.isExternal() && !SimulatorRegistry.discover().contains(name)) {
            throw new InvalidInputException("--resume: the history was made with the simulator '" + name + "', which"
                    + " is neither built in nor discovered; expected --external COMMAND to start it again");
        }
        return name;
    }

    private DesignHistory readHistory() {
        Path file = out.resolve("history.json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--resume: expected a design history at " + file + " but found none");
        }
        return DesignHistory.read(file);
    }

    /**
     * Continues the run in --out. Plots are drawn as the run recorded (so a run started with
     * --no-plot stays without PNGs) unless --plot or --no-plot is given now.
     */
    private ExperimentDesigner resumed(Simulator simulator) {
        List<String> extra = new ArrayList<>();
        for (CommandLine.Model.OptionSpec opt : spec.commandLine().getParseResult().matchedOptions()) {
            if (!RESUME_OPTIONS.contains(opt.longestName())) {
                extra.add(opt.longestName());
            }
        }
        if (!extra.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume continues the run in " + out
                    + " with the settings of its history; expected only --out, --rounds, --plot, --quiet, --device"
                    + " and --external beside it but found " + String.join(", ", extra));
        }
        DesignHistory history = readHistory();
        boolean roundsGiven = spec.commandLine().getParseResult().hasMatchedOption("--rounds");
        double[] truth = history.hiddenTheta();
        if (truth == null) {
            throw new InvalidInputException("--resume: expected a history of simulated experiments (with a hidden"
                    + " theta) but " + out.resolve("history.json") + " records experiments run by " + history.runner());
        }
        SimulatedExperimentRunner runner = new SimulatedExperimentRunner(simulator,
                history.config().experiment().toExperiment(), truth);
        boolean plotGiven = spec.commandLine().getParseResult().hasMatchedOption("--plot");
        plot = plotGiven ? plot : DesignFiles.recordedPlots(history).orElse(plot);
        DesignOptions options = options(plot);
        return ExperimentDesigner.resume(history, roundsGiven ? rounds : history.config().rounds(), simulator, runner,
                options);
    }

    private static void printSummary(PrintWriter o, DesignHistory h) {
        String theta = h.dimensions().thetaNames().get(0);
        String phi = h.dimensions().phiNames().get(0);
        o.printf("%5s %9s %14s %7s %10s %10s %21s %10s%n", "round", phi, "EIG (nats)", "events", "mean", "sd",
                "68% interval", "gain");
        for (DesignRound r : h.rounds()) {
            CredibleInterval c = r.posterior().interval(theta, 0.68);
            o.printf("%5d %9.4g %7.4f+-%.3f %7d %10.5f %10.5f  [%8.5f, %8.5f] %10.3f%n", r.round(), r.phi()[0],
                    r.chosen().value(), r.chosen().standardError(), r.events(), r.posterior().mean()[0],
                    r.posterior().standardDeviation()[0], c.lower(), c.upper(), r.realizedGain());
            CredibleInterval hpd = r.posterior().hpdInterval(theta, 0.68);
            if (HpdComparison.differsMaterially(c, List.of(hpd))) {
                o.printf("%62s[%8.5f, %8.5f] 68%% HPD%n", "", hpd.lower(), hpd.upper());
            }
        }
        for (RoundSurrogate s : h.surrogates()) {
            o.printf("surrogate of round %d: %s on %d rows (%d with theta from the %s), validation loss %s, %s%n",
                    s.round(), s.kind(), s.trainingRows(), s.addedRows(), s.proposal(),
                    s.validationLoss() == null ? "none" : String.format(java.util.Locale.ROOT, "%.5g",
                            s.validationLoss()), s.modelFile());
        }
        DesignRound last = h.rounds().get(h.rounds().size() - 1);
        if (h.hiddenTheta() != null) {
            double t = h.hiddenTheta()[0];
            o.printf("hidden %s = %.5f: inside the 68%% interval: %s, inside the 95%% interval: %s%n", theta, t,
                    last.posterior().interval(theta, 0.68).contains(t) ? "yes" : "no",
                    last.posterior().interval(theta, 0.95).contains(t) ? "yes" : "no");
        }
    }
}

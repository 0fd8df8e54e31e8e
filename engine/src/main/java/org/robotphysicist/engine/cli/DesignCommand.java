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
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.design.loop.DesignConfig;
import org.robotphysicist.engine.design.loop.DesignHistory;
import org.robotphysicist.engine.design.loop.DesignOptions;
import org.robotphysicist.engine.design.loop.DesignRound;
import org.robotphysicist.engine.design.loop.ExperimentDesigner;
import org.robotphysicist.engine.design.loop.ExperimentSpec;
import org.robotphysicist.engine.design.loop.SimulatedExperimentRunner;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.surrogate.HistogramSettings;
import org.robotphysicist.engine.surrogate.SurrogateKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rp design}: the robot-physicist loop for e⁺e⁻ → μ⁺μ⁻ at leading order. Each round
 * chooses √s by Bayesian optimization of the expected information gain about sin²θ<sub>W</sub>,
 * simulates the experiment at a hidden sin²θ<sub>W</sub>, and updates the posterior, which is the
 * next round's prior ({@link ExperimentDesigner}). Writes {@code history.json}, the events and
 * the plots into {@code --out}; {@code --resume} continues a run from its history.
 */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = {"Design a sequence of e+e- -> mu+mu- experiments: each round chooses sqrt(s) by Bayesian"
                + " optimization of the expected information gain (EIG) about sin^2(theta_W), runs the experiment"
                + " (simulated at a hidden sin^2(theta_W)), and updates the posterior, which is the next round's"
                + " prior.",
            "Writes history.json (every round: chosen sqrt(s), EIG estimates, GP hyperparameters, posterior"
                    + " summary, events hash), events-round-NN.csv, eig-round-NN.png, posterior-round-NN.png and"
                    + " posteriors.png into --out. --resume continues the run in --out from its history.",
            "Experiments record a fixed number of events (--events, the default) or a fixed integrated luminosity"
                    + " (--luminosity), where the count is Poisson(L sigma) and, with --rate, informs the posterior"
                    + " too."})
final class DesignCommand implements Callable<Integer> {
    private static final DesignConfig D = DesignConfig.defaults(Box.interval(0.15, 0.35), Box.interval(40, 100))
            .withExperiment(ExperimentSpec.events(500));
    private static final HistogramSettings H = D.histogram();
    /** Options that may accompany --resume (the others come from the history). */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--out", "--rounds", "--plot", "--no-plot",
            "--quiet", "-q", "--config");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ConfigFileOption config;

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
            description = "Range of sqrt(s) in GeV to choose from (default 40,100).")
    double[] phiRange = {D.phiLower()[0], D.phiUpper()[0]};

    @Option(names = "--prior", split = ",", paramLabel = "LO,HI",
            description = "Uniform initial prior range of sin^2(theta_W), also the posterior grid's range"
                    + " (default 0.15,0.35).")
    double[] prior = {D.thetaLower()[0], D.thetaUpper()[0]};

    @Option(names = "--hidden-theta", paramLabel = "S2W",
            description = "True sin^2(theta_W) the experiments are simulated at (default ${DEFAULT-VALUE}).")
    double hidden = 0.2312;

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

    @Option(names = "--surrogate", paramLabel = "KIND",
            description = "Likelihood surrogate: histogram (tabulated from simulations over the prior range x the"
                    + " sqrt(s) range) or exact (the true likelihood, as reference) (default ${DEFAULT-VALUE}).")
    String surrogate = D.surrogate().cliName();

    @Option(names = "--histogram-events", paramLabel = "N",
            description = "Simulated events per histogram cell (default ${DEFAULT-VALUE}).")
    int histogramEvents = H.eventsPerCell();

    @Option(names = "--histogram-theta-cells", paramLabel = "K",
            description = "Histogram cells along sin^2(theta_W) (default ${DEFAULT-VALUE}).")
    int histogramThetaCells = H.thetaCells();

    @Option(names = "--histogram-phi-cells", paramLabel = "K",
            description = "Histogram cells along sqrt(s) (default ${DEFAULT-VALUE}).")
    int histogramPhiCells = H.phiCells();

    @Option(names = "--bins", paramLabel = "B", description = "Histogram bins in cos(theta) (default ${DEFAULT-VALUE}).")
    int bins = H.bins();

    @Option(names = "--seed", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "design");

    @Option(names = "--resume", description = "Continue the run recorded in DIR/history.json (up to --rounds rounds"
            + " if given); its settings come from the history.")
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
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        ExperimentDesigner designer = resume ? resumed(simulator) : started(simulator, options(plot));
        DesignHistory history = designer.run();
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

    private DesignOptions options(boolean drawPlots) {
        PrintWriter o = spec.commandLine().getOut();
        return new DesignOptions(line -> {
            if (!quiet) {
                o.println(line);
                o.flush();
            }
        }, TextProgressReporter.forTerminal(spec.commandLine().getErr(), quiet), out, drawPlots);
    }

    private ExperimentDesigner started(WeinbergLoSimulator simulator, DesignOptions options) {
        if (events != null && luminosity != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected either --events N or --luminosity L"
                    + " but found both");
        }
        ExperimentSpec experiment = luminosity != null ? ExperimentSpec.luminosity(luminosity)
                : ExperimentSpec.events(events != null ? events : (int) D.experiment().amount());
        DesignConfig c = new DesignConfig(rounds, pair("--phi-range", phiRange, 0), pair("--phi-range", phiRange, 1),
                pair("--prior", prior, 0), pair("--prior", prior, 1), grid, experiment, rate, eigDatasets, evaluations,
                initialPoints, D.commonRandomNumbers(), SurrogateKind.fromName(surrogate),
                new HistogramSettings(histogramThetaCells, histogramPhiCells, histogramEvents, bins), seed);
        SimulatedExperimentRunner runner = new SimulatedExperimentRunner(simulator, experiment.toExperiment(),
                new double[] {hidden});
        return ExperimentDesigner.start(c, simulator, runner, options);
    }

    /**
     * Continues the run in --out. Plots are drawn as the run recorded (so a run started with
     * --no-plot stays without PNGs) unless --plot or --no-plot is given now.
     */
    private ExperimentDesigner resumed(WeinbergLoSimulator simulator) {
        List<String> extra = new ArrayList<>();
        for (CommandLine.Model.OptionSpec opt : spec.commandLine().getParseResult().matchedOptions()) {
            if (!RESUME_OPTIONS.contains(opt.longestName())) {
                extra.add(opt.longestName());
            }
        }
        if (!extra.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume continues the run in " + out
                    + " with the settings of its history; expected only --out, --rounds, --plot and --quiet beside it"
                    + " but found " + String.join(", ", extra));
        }
        Path file = out.resolve("history.json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--resume: expected a design history at " + file + " but found none");
        }
        DesignHistory history = DesignHistory.read(file);
        boolean roundsGiven = spec.commandLine().getParseResult().hasMatchedOption("--rounds");
        double[] truth = history.hiddenTheta();
        if (truth == null) {
            throw new InvalidInputException("--resume: expected a history of simulated experiments (with a hidden"
                    + " theta) but " + file + " records experiments run by " + history.runner());
        }
        SimulatedExperimentRunner runner = new SimulatedExperimentRunner(simulator,
                history.config().experiment().toExperiment(), truth);
        boolean plotGiven = spec.commandLine().getParseResult().hasMatchedOption("--plot");
        plot = plotGiven ? plot : ExperimentDesigner.recordedPlots(history).orElse(plot);
        DesignOptions options = options(plot);
        return ExperimentDesigner.resume(history, roundsGiven ? rounds : history.config().rounds(), simulator, runner,
                options);
    }

    private static double[] pair(String option, double[] values, int index) {
        if (values == null || values.length != 2) {
            throw new InvalidInputException(option + ": expected two values LO,HI but found "
                    + (values == null ? "none" : values.length));
        }
        return new double[] {values[index]};
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

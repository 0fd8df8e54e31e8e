package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.OutputTargets;
import org.robotphysicist.data.progress.TextProgressReporter;
import org.robotphysicist.engine.demo.DemoConfig;
import org.robotphysicist.engine.demo.DemoModelCache;
import org.robotphysicist.engine.demo.DemoPlot;
import org.robotphysicist.engine.demo.DemoResult;
import org.robotphysicist.engine.demo.LoopDemo;
import org.robotphysicist.engine.demo.LoopDemoConfig;
import org.robotphysicist.engine.demo.LoopDemoResult;
import org.robotphysicist.engine.demo.WeinbergDemo;
import org.robotphysicist.engine.design.loop.DesignOptions;
import org.robotphysicist.engine.plot.PlotSize;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.PosteriorSummary;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.training.device.DeviceRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code rp demo}: the end-to-end Weinberg-angle demo on the CPU. By default the robot-physicist loop
 * ({@link LoopDemo}): a neural surrogate trained across the sqrt(s) range (cached under the output's
 * directory), then a few designed experiments, each posterior beside the exact-likelihood one of the
 * same events. With {@code --surrogate histogram} (or an option only a single experiment has:
 * {@code --sqrt-s}, {@code --load-model}, {@code --save-model}) the single-experiment demo
 * ({@link WeinbergDemo}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The robot physicist on e+e- -> mu+mu- with a hidden sin^2(theta_W): train a neural surrogate"
                + " likelihood across the sqrt(s) range (cached in the output's directory as model-<hash>.rpm and"
                + " reused by the next run; --retrain trains again), then run a short design loop: each round"
                + " chooses sqrt(s) by the expected information gain, simulates the experiment and updates the"
                + " posterior, printed beside the posterior of the same events under the exact likelihood.",
            "With --surrogate histogram (or --sqrt-s, --load-model, --save-model): one experiment at a fixed sqrt(s)"
                    + " and its posterior from a histogram or neural surrogate beside the exact one."})
final class DemoCommand implements Callable<Integer> {
    private static final DemoConfig D = DemoConfig.defaults();
    private static final LoopDemoConfig L = LoopDemoConfig.defaults();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--hidden-theta", paramLabel = "S2W", description = "True sin^2(theta_W) (default ${DEFAULT-VALUE}).")
    double hidden = D.hiddenSin2ThetaW();

    @Option(names = "--sqrt-s", paramLabel = "GEV", description = "Single experiment: beam energy sqrt(s) in GeV"
            + " (default ${DEFAULT-VALUE}).")
    double sqrtS = D.sqrtS();

    @Option(names = "--events", paramLabel = "N", description = "Events per experiment (default: 200 per round of"
            + " the loop, 5000 for a single experiment).")
    Integer events;

    @Option(names = "--rounds", paramLabel = "R", description = "Loop: experiments designed and run (default"
            + " ${DEFAULT-VALUE}).")
    int rounds = L.rounds();

    @Option(names = "--sqrt-s-range", split = ",", paramLabel = "LO,HI",
            description = "Loop: the sqrt(s) range in GeV the surrogate covers and the rounds choose from (default"
                    + " 40,100).")
    double[] sqrtSRange = {L.sqrtSLower(), L.sqrtSUpper()};

    @Option(names = "--eig-datasets", paramLabel = "K",
            description = "Loop: simulated experiments per EIG estimate (default ${DEFAULT-VALUE}).")
    int eigDatasets = L.eigDatasets();

    @Option(names = "--evaluations", paramLabel = "B",
            description = "Loop: EIG estimates per round (default ${DEFAULT-VALUE}).")
    int evaluations = L.evaluationsPerRound();

    @Option(names = "--retrain", description = "Loop: train the surrogate even if the cache holds one for these"
            + " settings.")
    boolean retrain;

    @Option(names = "--prior", split = ",", paramLabel = "LO,HI",
            description = "Uniform prior range of sin^2(theta_W) (default 0.15,0.35).")
    double[] prior = {D.thetaLower(), D.thetaUpper()};

    @Option(names = "--surrogate", paramLabel = "NAME", description = "Surrogate likelihood: ${COMPLETION-CANDIDATES}"
            + " (default ${DEFAULT-VALUE}; histogram: the single-experiment demo).",
            completionCandidates = SurrogateNames.class)
    String surrogate = L.surrogate();

    @Option(names = "--training-rows", paramLabel = "N",
            description = "Simulated rows a neural surrogate is trained on (default: 100000 in the loop, 2000000 for"
                    + " a single experiment).")
    Integer trainingRows;

    @Option(names = "--epochs", paramLabel = "E", description = "Training epochs of a neural surrogate (default: 3"
            + " in the loop, 6 for a single experiment).")
    Integer epochs;

    @CommandLine.Mixin
    EvidenceNormalizationOption evidenceNormalization;

    @Option(names = "--device", paramLabel = "DEV", description = "Where a neural surrogate trains: auto, cpu, gpu,"
            + " gpu:N (default ${DEFAULT-VALUE}).")
    String device = "auto";

    @Option(names = "--save-model", paramLabel = "FILE", description = "Save the trained surrogate to this model file.")
    Path saveModel;

    @Option(names = "--load-model", paramLabel = "FILE",
            description = "Use a saved surrogate (any kind) instead of building one.")
    Path loadModel;

    @Option(names = "--histogram-events", paramLabel = "N",
            description = "Simulated events per histogram cell (default ${DEFAULT-VALUE}).")
    int histogramEvents = D.histogramEventsPerCell();

    @Option(names = "--histogram-cells", paramLabel = "K",
            description = "Histogram cells along sin^2(theta_W) (default ${DEFAULT-VALUE}).")
    int histogramCells = D.histogramThetaPoints();

    @Option(names = "--bins", paramLabel = "B", description = "Histogram bins in cos(theta) (default ${DEFAULT-VALUE}).")
    int bins = D.histogramBins();

    @Option(names = "--grid", paramLabel = "M", description = "Posterior grid points (default: 201 in the loop, 801"
            + " for a single experiment).")
    Integer gridPoints;

    @Option(names = "--seed", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--out", paramLabel = "FILE", description = "JSON output (default: runs/demo/demo.json for the loop,"
            + " whose history, events, plots and cached model go into the same directory; runs/demo/posterior.json"
            + " for a single experiment).")
    Path out;

    @Option(names = "--plot", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also draw the posterior as a PNG beside the JSON output (same name, .png); --no-plot skips"
                    + " it (default: on).")
    boolean plot;

    @Option(names = {"-q", "--quiet"}, description = "No progress; print only the output path.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (prior.length != 2) {
            throw new org.robotphysicist.data.InvalidInputException("--prior: expected two values LO,HI but found "
                    + prior.length);
        }
        boolean single = "histogram".equals(surrogate) || loadModel != null || saveModel != null
                || spec.commandLine().getParseResult().hasMatchedOption("--sqrt-s");
        if (out == null) {
            out = Path.of("runs", "demo", single ? "posterior.json" : "demo.json");
        }
        OutputTargets.requireWritableFile("--out", out);
        if (!single) {
            return loop(o);
        }
        if (plot) {
            OutputTargets.requireWritableFile("--out (its plot)", plotPath(out));
        }
        if (saveModel != null) {
            OutputTargets.requireWritableFile("--save-model", saveModel);
        }
        DemoConfig config = D.toBuilder().hiddenSin2ThetaW(hidden).sqrtS(sqrtS)
                .events(events != null ? events : D.events()).thetaLower(prior[0]).thetaUpper(prior[1])
                .surrogate(surrogate).histogramThetaPoints(histogramCells).histogramEventsPerCell(histogramEvents)
                .histogramBins(bins).trainingRows(trainingRows != null ? trainingRows : D.trainingRows())
                .trainingEpochs(epochs != null ? epochs : D.trainingEpochs()).device(DeviceRequest.parse(device))
                .posteriorGridPoints(gridPoints != null ? gridPoints : D.posteriorGridPoints()).seed(seed)
                .evidenceNormalization(evidenceNormalization.value()).build();
        WeinbergDemo demo = new WeinbergDemo(config, lines(o), TextProgressReporter.forTerminal(
                spec.commandLine().getErr(), quiet), loadModel, saveModel);
        DemoResult r = demo.run();
        int exit = demo.gpuFellBack() ? 4 : 0;
        Json.writeFile(out, r);
        Path png = plotPath(out);
        if (plot) {
            DemoPlot.of(r, config).writePng(png, PlotSize.DEFAULT);
        }
        if (quiet) {
            o.println(out);
            return exit;
        }
        o.println();
        String label = (loadModel != null ? "loaded model" : surrogate + " surrogate");
        int width = Math.max(label.length(), "exact likelihood".length());
        print(o, String.format("%-" + width + "s", label), r.posterior());
        print(o, String.format("%-" + width + "s", "exact likelihood"), r.exactPosterior());
        o.printf("hidden sin^2(theta_W) = %.5f: inside the 68%% interval: %s, inside the 95%% interval: %s%n",
                r.hiddenTheta(), r.covered68() ? "yes" : "no", r.covered95() ? "yes" : "no");
        double total = r.seconds().stream().mapToDouble(DemoResult.Timing::seconds).sum();
        o.printf("posterior written to %s%s (%.1f s)%n", out, plot ? ", plot to " + png : "", total);
        return exit;
    }

    /** The robot-physicist loop: train or reuse the surrogate, design the rounds, print them beside the exact ones. */
    private Integer loop(PrintWriter o) {
        if (sqrtSRange.length != 2) {
            throw new org.robotphysicist.data.InvalidInputException("--sqrt-s-range: expected two values LO,HI but"
                    + " found " + sqrtSRange.length);
        }
        Path png = plotPath(out);
        if (plot) {
            OutputTargets.requireWritableFile("--out (its plot)", png);
        }
        LoopDemoConfig config = L.toBuilder().hiddenSin2ThetaW(hidden).thetaLower(prior[0]).thetaUpper(prior[1])
                .sqrtSLower(sqrtSRange[0]).sqrtSUpper(sqrtSRange[1]).rounds(rounds)
                .eventsPerRound(events != null ? events : L.eventsPerRound()).surrogate(surrogate)
                .trainingRows(trainingRows != null ? trainingRows : L.trainingRows())
                .trainingEpochs(epochs != null ? epochs : L.trainingEpochs()).eigDatasets(eigDatasets)
                .evaluationsPerRound(evaluations).verifications(L.verifications())
                .gridPoints(gridPoints != null ? gridPoints : L.gridPoints()).device(DeviceRequest.parse(device))
                .seed(seed).evidenceNormalization(evidenceNormalization.value()).build();
        Path directory = out.toAbsolutePath().getParent();
        DesignOptions options = new DesignOptions(lines(o), TextProgressReporter.forTerminal(spec.commandLine().getErr(),
                quiet)).withOutput(directory, plot);
        LoopDemoResult r = new LoopDemo(config, new DemoModelCache(directory), retrain, options).run();
        Json.writeFile(out, r);
        if (plot) {
            DemoPlot.of(r).writePng(png, PlotSize.DEFAULT);
        }
        if (quiet) {
            o.println(out);
            return 0;
        }
        o.println();
        o.printf("%5s %9s %10s %7s  %-36s %-36s%n", "round", "sqrt(s)", "EIG", "events",
                r.surrogate() + " surrogate: mean +- sd", "exact likelihood: mean +- sd");
        for (LoopDemoResult.Round round : r.rounds()) {
            o.printf("%5d %5.1f GeV %6.3f nat %7d  %-36s %-36s%n", round.round(), round.sqrtS(), round.expectedGain(),
                    round.events(), meanAndInterval(round.posterior()), meanAndInterval(round.exactPosterior()));
        }
        LoopDemoResult.Round last = r.last();
        String label = r.surrogate() + " surrogate";
        int width = Math.max(label.length(), "exact likelihood".length());
        print(o, String.format("%-" + width + "s", label), last.posterior());
        print(o, String.format("%-" + width + "s", "exact likelihood"), last.exactPosterior());
        String name = last.posterior().parameters().get(0);
        o.printf("hidden sin^2(theta_W) = %.5f: inside the 68%% interval: %s, inside the 95%% interval: %s%n",
                r.hiddenTheta(), last.posterior().interval(name, 0.68).contains(r.hiddenTheta()) ? "yes" : "no",
                last.posterior().interval(name, 0.95).contains(r.hiddenTheta()) ? "yes" : "no");
        double total = r.seconds().stream().mapToDouble(DemoResult.Timing::seconds).sum();
        o.printf("written to %s%s, the rounds' history and plots to %s (%.1f s)%n", out, plot ? " and " + png : "",
                out.getParent() != null ? out.getParent() : directory, total);
        return 0;
    }

    private static String meanAndInterval(PosteriorSummary s) {
        String name = s.parameters().get(0);
        CredibleInterval c68 = s.interval(name, 0.68);
        return String.format("%.4f +- %.4f [%.4f, %.4f]", s.mean()[0], s.standardDeviation()[0], c68.lower(),
                c68.upper());
    }

    /** Log lines on {@code o}, unless quiet. */
    private java.util.function.Consumer<String> lines(PrintWriter o) {
        return line -> {
            if (!quiet) {
                o.println(line);
                o.flush();
            }
        };
    }

    /** The registered surrogate names, for --help. */
    static final class SurrogateNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SurrogateRegistry.discover().names().iterator();
        }
    }

    /** The plot's path: the output's name with its extension replaced by .png. */
    static Path plotPath(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".png");
    }

    private static void print(PrintWriter o, String label, PosteriorSummary s) {
        String name = s.parameters().get(0);
        CredibleInterval c68 = s.interval(name, 0.68);
        CredibleInterval c95 = s.interval(name, 0.95);
        o.printf("%s: %s = %.5f +- %.5f (MAP %.5f); 68%% [%.5f, %.5f]; 95%% [%.5f, %.5f]%n", label, name, s.mean()[0],
                s.standardDeviation()[0], s.map()[0], c68.lower(), c68.upper(), c95.lower(), c95.upper());
    }
}

package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.OutputTargets;
import org.robotphysicist.data.progress.TextProgressReporter;
import org.robotphysicist.engine.demo.DemoConfig;
import org.robotphysicist.engine.demo.DemoPlot;
import org.robotphysicist.engine.demo.DemoResult;
import org.robotphysicist.engine.demo.WeinbergDemo;
import org.robotphysicist.engine.plot.PlotSize;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.PosteriorSummary;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.training.device.DeviceRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rp demo}: the end-to-end Weinberg-angle demo on the CPU. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Simulate an e+e- -> mu+mu- experiment at a hidden sin^2(theta_W), build a surrogate likelihood"
                + " from simulations (a histogram, or a neural surrogate trained with DJL), and print and save the"
                + " posterior beside the exact-likelihood one."})
final class DemoCommand implements Callable<Integer> {
    private static final DemoConfig D = DemoConfig.defaults();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ConfigFileOption config;

    @Option(names = "--hidden-theta", paramLabel = "S2W", description = "True sin^2(theta_W) (default ${DEFAULT-VALUE}).")
    double hidden = D.hiddenSin2ThetaW();

    @Option(names = "--sqrt-s", paramLabel = "GEV", description = "Beam energy sqrt(s) in GeV (default ${DEFAULT-VALUE}).")
    double sqrtS = D.sqrtS();

    @Option(names = "--events", paramLabel = "N", description = "Observed events (default ${DEFAULT-VALUE}).")
    int events = D.events();

    @Option(names = "--prior", split = ",", paramLabel = "LO,HI",
            description = "Uniform prior range of sin^2(theta_W) (default 0.15,0.35).")
    double[] prior = {D.thetaLower(), D.thetaUpper()};

    @Option(names = "--surrogate", paramLabel = "NAME", description = "Surrogate likelihood: ${COMPLETION-CANDIDATES}"
            + " (default ${DEFAULT-VALUE}).", completionCandidates = SurrogateNames.class)
    String surrogate = D.surrogate();

    @Option(names = "--training-rows", paramLabel = "N",
            description = "Simulated rows a neural surrogate is trained on (default ${DEFAULT-VALUE}).")
    int trainingRows = D.trainingRows();

    @Option(names = "--epochs", paramLabel = "E", description = "Training epochs of a neural surrogate (default"
            + " ${DEFAULT-VALUE}).")
    int epochs = D.trainingEpochs();

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

    @Option(names = "--grid", paramLabel = "M", description = "Posterior grid points (default ${DEFAULT-VALUE}).")
    int gridPoints = D.posteriorGridPoints();

    @Option(names = "--seed", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--out", paramLabel = "FILE", description = "Posterior JSON output (default ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "demo", "posterior.json");

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
        OutputTargets.requireWritableFile("--out", out);
        if (plot) {
            OutputTargets.requireWritableFile("--out (its plot)", plotPath(out));
        }
        if (saveModel != null) {
            OutputTargets.requireWritableFile("--save-model", saveModel);
        }
        DemoConfig config = new DemoConfig(hidden, sqrtS, events, prior[0], prior[1], surrogate, histogramCells,
                histogramEvents, bins, trainingRows, epochs, DeviceRequest.parse(device), gridPoints, seed);
        WeinbergDemo demo = new WeinbergDemo(config, line -> {
            if (!quiet) {
                o.println(line);
                o.flush();
            }
        }, TextProgressReporter.forTerminal(spec.commandLine().getErr(), quiet), loadModel, saveModel);
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

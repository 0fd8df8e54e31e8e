package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.OutputTargets;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.progress.TextProgressReporter;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorRegistry;
import org.robotphysicist.engine.api.PosteriorDocument;
import org.robotphysicist.engine.api.PosteriorOptions;
import org.robotphysicist.engine.api.PosteriorResult;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.plot.CornerPlot;
import org.robotphysicist.engine.plot.Curve;
import org.robotphysicist.engine.plot.PlotSize;
import org.robotphysicist.engine.plot.PosteriorPlot1D;
import org.robotphysicist.engine.plot.PosteriorPlot2D;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.surrogate.HistogramSettings;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.TrainedSurrogate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rp posterior}: the grid posterior of observed events (an {@link EventCsv} file) at one
 * setting φ, under a saved model or a surrogate tabulated on the spot
 * ({@link RobotPhysicist#posterior}). Prints the summary, writes the JSON document
 * ({@link PosteriorDocument}, {@code docs/posterior-json.md}) and a PNG beside it.
 */
@Command(name = "posterior", mixinStandardHelpOptions = true,
        description = {"Compute the posterior of theta from observed events at one setting phi.",
            "The likelihood comes from a model file (--model, from rp train) or a surrogate built now (--surrogate"
                    + " histogram|exact). Events are an rp simulate style CSV (--events); phi is --phi, or the CSV's"
                    + " phi column when it holds one value. Writes --out (JSON, schema robot-physicist/posterior/v1,"
                    + " docs/posterior-json.md) and the plot beside it (.png)."})
final class PosteriorCommand implements Callable<Integer> {
    private static final PosteriorOptions P = PosteriorOptions.defaults();
    private static final HistogramSettings H = new HistogramSettings(41, 2, 200_000, 20);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ConfigFileOption config;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file from rp train.")
    Path model;

    @Option(names = "--surrogate", paramLabel = "KIND",
            description = "Build this surrogate now instead of loading one: histogram or exact (any kind of rp train"
                    + " --list; trained kinds are better trained once with rp train).")
    String surrogate;

    @Option(names = "--simulator", paramLabel = "NAME", description = "The simulator (default: the one the model was"
            + " trained on, else weinberg-lo).")
    String simulator;

    @Option(names = "--events", paramLabel = "CSV", required = true, description = "Observed events (rp simulate CSV).")
    Path events;

    @Option(names = "--phi", split = ",", paramLabel = "V", description = "The setting the events were recorded at.")
    double[] phi;

    @Option(names = "--prior", split = ",", paramLabel = "LO,HI", description = "Uniform prior range of theta, also the"
            + " grid's range (default: the model's theta range, else the simulator's domain).")
    double[] prior;

    @Option(names = "--grid", paramLabel = "M", description = "Grid points per theta dimension (default ${DEFAULT-VALUE}).")
    int grid = P.gridPoints();

    @Option(names = "--levels", split = ",", paramLabel = "L", description = "Credibility levels (default 0.68,0.95).")
    double[] levels = P.levels();

    @Option(names = "--histogram-events", paramLabel = "N",
            description = "--surrogate histogram: simulated events per cell (default ${DEFAULT-VALUE}).")
    int histogramEvents = H.eventsPerCell();

    @Option(names = "--histogram-theta-cells", paramLabel = "K",
            description = "--surrogate histogram: cells along each theta dimension (default ${DEFAULT-VALUE}).")
    int histogramThetaCells = H.thetaCells();

    @Option(names = "--bins", paramLabel = "B", description = "--surrogate histogram: bins per x dimension (default"
            + " ${DEFAULT-VALUE}).")
    int bins = H.bins();

    @Option(names = "--seed", description = "Seed of a surrogate built now (default ${DEFAULT-VALUE}).")
    long seed = 20261122L;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON output (default ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "posterior", "posterior.json");

    @Option(names = "--plot", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Draw the posterior (--no-plot skips it; default: on).")
    boolean plot;

    @Option(names = {"-q", "--quiet"}, description = "No progress or summary; print only the JSON's path.")
    boolean quiet;

    @CommandLine.Mixin
    SignatureOptions signatures;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if ((model == null) == (surrogate == null)) {
            throw new InvalidInputException("likelihood: expected exactly one of --model FILE or --surrogate KIND but"
                    + " found " + (model == null ? "neither" : "both"));
        }
        PosteriorOptions options = new PosteriorOptions(grid, levels);
        OutputTargets.requireWritableFile("--out", out);
        if (plot) {
            OutputTargets.requireWritableFile("--out (its plot)", TrainCommand.plotPath(out, ".png"));
        }
        EventCsv.Contents csv = EventCsv.read(events);
        try (TrainedModel likelihood = model != null ? loaded() : null) {
            Simulator sim = SimulatorRegistry.discover().create(simulatorName(likelihood));
            if (likelihood != null) {
                requireModelSimulator(likelihood, sim);
            }
            double[] setting = setting(csv.dataset(), sim);
            Box thetaDomain = likelihood != null ? likelihood.surrogate().thetaRange() : sim.thetaDomain();
            Box thetaPrior = BoxOptions.parse("--prior", prior, thetaDomain, likelihood != null
                    ? "the model's trained theta range" : "the simulator's domain");
            RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(thetaPrior)
                    .settings(setting).reporting(line -> { },
                            TextProgressReporter.forTerminal(spec.commandLine().getErr(), quiet));
            try (TrainedModel used = likelihood != null ? null : rp.train(TrainOptions.defaults(surrogate).withSeed(seed)
                    .withHistogram(new HistogramSettings(histogramThetaCells, 2, histogramEvents, bins)))) {
                TrainedModel m = likelihood != null ? likelihood : used;
                Matrix x = csv.dataset().x();
                if (x.cols() != sim.dimensions().xDim()) {
                    throw new org.robotphysicist.data.DimensionMismatchException("events " + events + ": expected "
                            + sim.dimensions().xDim() + " x column(s) " + sim.dimensions().xNames() + " but found "
                            + csv.dataset().schema().xNames());
                }
                PosteriorResult r = rp.posterior(m.surrogate(), new Observation(x, setting), options);
                String what = model != null ? "model " + model : m.description();
                Json.writeFile(out, PosteriorDocument.of(r, what, provenance(csv, sim, setting)));
                Path png = TrainCommand.plotPath(out, r.posterior().dim() <= 2 ? ".png" : "-corner.png");
                Path corner = TrainCommand.plotPath(out, "-corner.png");
                if (plot) {
                    writePlot(r, png);
                    if (r.posterior().dim() >= 2) {
                        writeCornerPlot(r, sim, trueTheta(csv.dataset()), corner);
                    }
                }
                if (quiet) {
                    o.println(out);
                    return 0;
                }
                o.printf("%d events at %s = %s, likelihood: %s%n", r.events(),
                        String.join(",", sim.dimensions().phiNames()), format(setting), what);
                for (String name : r.summary().parameters()) {
                    int d = r.summary().parameters().indexOf(name);
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s = %.5f +- %.5f (MAP %.5f)",
                            name, r.summary().mean()[d], r.summary().standardDeviation()[d], r.summary().map()[d]));
                    for (double level : options.levels()) {
                        CredibleInterval c = r.summary().interval(name, level);
                        line.append(String.format(Locale.ROOT, "; %.0f%% [%.5f, %.5f]", 100 * level, c.lower(),
                                c.upper()));
                    }
                    o.println(line);
                }
                o.printf("posterior written to %s%s%s%n", out, plot && r.posterior().dim() <= 2 ? ", plot to " + png : "",
                        plot && r.posterior().dim() >= 2 ? ", corner plot to " + corner : "");
                return 0;
            }
        }
    }

    /** The model file; its dimensions are checked against the simulator when the posterior is computed. */
    private TrainedModel loaded() {
        TrainedSurrogate s = org.robotphysicist.models.file.SurrogateFiles.load(model,
                LoadOptions.defaults().withSignatures(signatures.policy()));
        return new TrainedModel(s, s.kind(), s.kind() + " from " + model, false);
    }

    /**
     * Refuses a --simulator other than the one the model was trained on: its name where the model
     * file records it, and always its theta, phi and x names, so a posterior is never labelled with
     * another simulator's parameters.
     */
    private static void requireModelSimulator(TrainedModel m, Simulator sim) {
        String recorded = recordedSimulator(m);
        if (recorded != null && !recorded.equals(sim.name())) {
            throw new InvalidInputException("--simulator: expected '" + recorded + "', the simulator the model was"
                    + " trained on, but found '" + sim.name() + "'");
        }
        var expected = m.surrogate().dimensions();
        if (!expected.equals(sim.dimensions())) {
            throw new org.robotphysicist.data.DimensionMismatchException("--simulator: expected a simulator with the"
                    + " model's theta " + expected.thetaNames() + ", phi " + expected.phiNames() + " and x "
                    + expected.xNames() + " but '" + sim.name() + "' has theta " + sim.dimensions().thetaNames()
                    + ", phi " + sim.dimensions().phiNames() + " and x " + sim.dimensions().xNames());
        }
    }

    private static String recordedSimulator(TrainedModel m) {
        return m.surrogate() instanceof TrainedSurrogate t && t.provenance().config().get("simulator")
                instanceof String name ? name : null;
    }

    private String simulatorName(TrainedModel m) {
        if (simulator != null) {
            return simulator;
        }
        String recorded = m == null ? null : recordedSimulator(m);
        if (recorded != null) {
            return recorded;
        }
        return "weinberg-lo";
    }

    /** --phi, or the CSV's phi column when every row holds the same value. */
    private double[] setting(EventDataset data, Simulator sim) {
        if (phi != null) {
            return sim.phiDomain().require("--phi", phi.clone());
        }
        if (!data.hasPhi()) {
            throw new InvalidInputException("--phi: expected a value (the events file " + events + " has no phi"
                    + " column) but found none");
        }
        Matrix p = data.phi();
        double[] first = p.row(0);
        for (int i = 1; i < p.rows(); i++) {
            if (!Arrays.equals(first, p.row(i))) {
                throw new InvalidInputException("--phi: expected events recorded at one phi but " + events
                        + " holds " + Arrays.toString(first) + " and " + Arrays.toString(p.row(i)) + "; give --phi"
                        + " and one experiment's events");
            }
        }
        return sim.phiDomain().require("phi column of " + events, first);
    }

    private Provenance provenance(EventCsv.Contents csv, Simulator sim, double[] setting) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("simulator", sim.name());
        cfg.put("model", model == null ? null : model.toString());
        cfg.put("surrogate", surrogate);
        cfg.put("phi", Arrays.stream(setting).boxed().toList());
        cfg.put("prior", prior == null ? null : Arrays.stream(prior).boxed().toList());
        cfg.put("grid", grid);
        cfg.put("levels", Arrays.stream(levels).boxed().toList());
        cfg.values().removeIf(v -> v == null);
        return Provenance.capture("rp posterior", cfg, surrogate == null ? Map.of() : Map.of("surrogate", seed),
                Map.of("events", csv.dataset().sha256()));
    }

    private static void writePlot(PosteriorResult r, Path png) {
        var p = r.posterior();
        String title = String.format(Locale.ROOT, "Posterior from %d events at phi = %s", r.events(), format(r.phi()));
        if (p.dim() == 2) {
            PosteriorPlot2D.of(p, title, null, 0.68, 0.95).writePng(png, PlotSize.DEFAULT);
        } else if (p.dim() == 1) {
            String name = p.parameterNames().get(0);
            double[] x = p.grid().points().column(0);
            CredibleInterval c = p.centralInterval(0, 0.68);
            new PosteriorPlot1D(title, name, List.of(new Curve("posterior", x, r.density())),
                    new PosteriorPlot1D.CredibleBand(0.68, c.lower(), c.upper()), null).writePng(png, PlotSize.DEFAULT);
        }
    }

    /**
     * The corner plot (1-D and 2-D marginals, 68% and 95% HPD regions), with the events' θ marked
     * as the true value when the CSV holds one θ for all events (simulated data).
     */
    private static void writeCornerPlot(PosteriorResult r, Simulator sim, double[] truth, Path png) {
        var p = r.posterior();
        String title = String.format(Locale.ROOT, "Posterior from %d events at %s = %s", r.events(),
                String.join(",", sim.dimensions().phiNames()), format(r.phi()));
        CornerPlot.of(p, CornerPlot.labels(p.parameterNames(), sim.thetaUnits()), title, truth, 0.68, 0.95)
                .writePng(png);
    }

    /** The θ every event was simulated at, or {@code null} when the CSV has no θ or several. */
    private static double[] trueTheta(EventDataset data) {
        if (!data.hasTheta()) {
            return null;
        }
        Matrix t = data.theta();
        double[] first = t.row(0);
        for (int i = 1; i < t.rows(); i++) {
            if (!Arrays.equals(first, t.row(i))) {
                return null;
            }
        }
        return first;
    }

    private static String format(double[] v) {
        return Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%.6g", d))
                .reduce((a, b) -> a + "," + b).orElse("");
    }
}

package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
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
import org.robotphysicist.engine.cluster.ClusterBackend;
import org.robotphysicist.engine.cluster.ClusterBackends;
import org.robotphysicist.engine.cluster.ExperimentSums;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.plot.CornerPlot;
import org.robotphysicist.engine.plot.CredibleRegion;
import org.robotphysicist.engine.plot.Curve;
import org.robotphysicist.engine.plot.PlotSize;
import org.robotphysicist.engine.plot.PlotText;
import org.robotphysicist.engine.plot.PosteriorPlot1D;
import org.robotphysicist.engine.plot.PosteriorPlot2D;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.EnsembleSpread;
import org.robotphysicist.engine.posterior.HpdComparison;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.sampling.McmcPosterior;
import org.robotphysicist.engine.posterior.sampling.PosteriorSampler;
import org.robotphysicist.engine.posterior.sampling.PosteriorSamplesCsv;
import org.robotphysicist.engine.posterior.sampling.SamplerChoice;
import org.robotphysicist.engine.surrogate.ExactSurrogateKind;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.models.CompensatedSums;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.TrainedSurrogate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code rp posterior}: the posterior of observed events ({@link EventCsv} files, one or several
 * experiments at their settings φ, {@link ObservedExperiments}), under a saved model or a surrogate
 * tabulated on the spot ({@link RobotPhysicist#posterior}): on a grid up to 3-D θ, by many-chain
 * MCMC beyond ({@code --sampler}). Prints the summary, writes the JSON document
 * ({@link PosteriorDocument}, {@code docs/posterior-json.md}), a PNG beside it (grid posteriors of
 * 1-D and 2-D θ) and, with {@code --samples N --samples-out FILE}, the draws as CSV. Each level's
 * HPD region is printed beside the central interval when it differs materially ({@link HpdComparison}).
 */
@Command(name = "posterior", mixinStandardHelpOptions = true,
        description = {"Compute the posterior of theta from observed events of one or more experiments.",
            "The likelihood comes from a model file (--model, from rp train) or a surrogate built now (--surrogate"
                    + " histogram|exact). Events are rp simulate style CSVs (--events, repeatable); each file's phi"
                    + " is its --phi (one per file), or its phi column (several values: one experiment per value)."
                    + " Up to 3 theta dimensions on a grid, beyond that by MCMC (--sampler). Writes --out (JSON,"
                    + " schema robot-physicist/posterior/v1, docs/posterior-json.md), the plot beside it (.png)"
                    + " and, with --samples N, N posterior draws (in the JSON, and as CSV with --samples-out)."})
final class PosteriorCommand implements Callable<Integer> {
    private static final PosteriorOptions P = PosteriorOptions.defaults();
    private static final HistogramGridConfig H = new HistogramGridConfig(41, 2, 200_000, 20);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file from rp train.")
    Path model;

    @Option(names = "--surrogate", paramLabel = "KIND",
            description = "Build this surrogate now instead of loading one: histogram or exact (any kind of rp train"
                    + " --list; trained kinds are better trained once with rp train).")
    String surrogate;

    @Option(names = "--simulator", paramLabel = "NAME", description = "The simulator (default: the one the model was"
            + " trained on, else weinberg-lo).")
    String simulator;

    @Option(names = "--events", paramLabel = "CSV", required = true, description = "Observed events (rp simulate CSV);"
            + " repeat for several experiments.")
    List<Path> events;

    @Option(names = "--phi", split = ",", paramLabel = "V", description = "The setting the events were recorded at;"
            + " repeat once per --events file, in order (default: each file's phi column).")
    double[] phi;

    @Option(names = "--samples", paramLabel = "N", description = "Also draw N posterior samples (into the JSON, and"
            + " --samples-out).")
    Integer samples;

    @Option(names = "--samples-out", paramLabel = "FILE.csv", description = "Write the --samples draws as CSV (theta"
            + " names as header).")
    Path samplesOut;

    @Option(names = "--sampler", paramLabel = "KIND", description = "auto (grid up to 3 theta dimensions, MCMC beyond),"
            + " grid or mcmc (default ${DEFAULT-VALUE}).")
    String sampler = "auto";

    @Option(names = "--chains", paramLabel = "K", description = "MCMC chains (4 to " + McmcPosterior.MAX_CHAINS
            + ", default " + McmcPosterior.CHAINS + "); more share a multimodal posterior's draws between its modes"
            + " more exactly (each mode's share is uncertain by about sqrt(p(1-p)/K)), at K/16 times the cost.")
    int chains = McmcPosterior.CHAINS;

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

    @Option(names = "--seed", description = "Seed of a surrogate built now, of the samples and of MCMC (default"
            + " ${DEFAULT-VALUE}).")
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

    @CommandLine.Mixin
    RangePolicyOption rangePolicy;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Sum the likelihood on Apache Spark (local[*], spark://HOST:PORT, yarn, k8s://...) where the"
                    + " events are: --events are Parquet datasets from rp simulate --spark, never collected here;"
                    + " --model FILE or --surrogate exact; grid posteriors only (needs the spark module).")
    String spark;

    @Override
    public Integer call() {
        if ((model == null) == (surrogate == null)) {
            throw new InvalidInputException("likelihood: expected exactly one of --model FILE or --surrogate KIND but"
                    + " found " + (model == null ? "neither" : "both"));
        }
        if (samplesOut != null && samples == null) {
            throw new InvalidInputException("--samples-out: expected --samples N beside it but found none");
        }
        if (samples != null) {
            PosteriorSampler.requireSampleCount("--samples", samples);
        }
        PosteriorOptions options = new PosteriorOptions(grid, levels, samples == null ? 0 : samples,
                SamplerChoice.parse(sampler), chains, seed);
        OutputTargets.requireWritableFile("--out", out);
        if (plot) {
            OutputTargets.requireWritableFile("--out (its plot)", TrainCommand.plotPath(out, ".png"));
        }
        if (samplesOut != null) {
            OutputTargets.requireWritableFile("--samples-out", samplesOut);
        }
        if (spark != null) {
            return posteriorOnCluster(options);
        }
        for (Path e : events) {
            if (TrainCommand.isParquet(e)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--events " + e + ": expected --spark"
                        + " MASTER (e.g. --spark 'local[*]') to sum a Parquet dataset where its events are, or a CSV"
                        + " file, but found a Parquet dataset without --spark");
            }
        }
        List<EventCsv.Contents> csvs = events.stream().map(EventCsv::read).toList();
        try (TrainedModel likelihood = model != null ? loaded() : null) {
            Simulator sim = SimulatorRegistry.discover().create(simulatorName(likelihood));
            if (likelihood != null) {
                requireModelSimulator(likelihood, sim);
            }
            List<Observation> observed = ObservedExperiments.of(events, csvs, phi, sim);
            Box thetaPrior = thetaPrior(likelihood, sim);
            PrintWriter err = spec.commandLine().getErr();
            RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(thetaPrior)
                    .settings(phiRange(observed)).reporting(line -> { },
                            TextProgressReporter.forTerminal(err, quiet));
            try (TrainedModel used = likelihood != null ? null : rp.train(TrainOptions.defaults(surrogate).withSeed(seed)
                    .withHistogram(new HistogramGridConfig(histogramThetaCells, 2, histogramEvents, bins)))) {
                TrainedModel m = likelihood != null ? likelihood : used;
                PosteriorResult r = rp.posterior(m.surrogate(), observed, options, Cancellation.none());
                return report(r, m, sim, options, provenance(eventHashes(csvs), observed.stream()
                        .map(Observation::phi).toList(), sim, options), csvs.size() == 1
                        ? trueTheta(csvs.get(0).dataset()) : null);
            }
        }
    }

    /**
     * {@code --spark}: each --events dataset (Parquet, from {@code rp simulate --spark}) is summed on
     * the cluster where it lies ({@link ClusterBackend#logLikelihoodSums}: one experiment per φ, or
     * at its --phi), with the model file's bytes or the exact likelihood loaded once per executor;
     * the grid posterior of the summed experiments is made here ({@link RobotPhysicist#posteriorFromSums}).
     */
    private int posteriorOnCluster(PosteriorOptions options) {
        if (model == null && !ExactSurrogateKind.NAME.equals(surrogate)) {
            throw new InvalidInputException("--spark: expected --model FILE (its bytes go to every executor) or"
                    + " --surrogate exact but found --surrogate " + surrogate);
        }
        try (TrainedModel likelihood = model != null ? loaded() : null;
                ClusterBackend backend = ClusterBackends.require("spark", "--spark")) {
            Simulator sim = SimulatorRegistry.discover().create(simulatorName(likelihood));
            if (likelihood != null) {
                requireModelSimulator(likelihood, sim);
            }
            int dPhi = sim.dimensions().phiDim();
            List<String> files = clusterEvents();
            BoxOptions.requireNone(sim.phiDomain(), "--phi", phi);
            if (phi != null && phi.length != dPhi * files.size()) {
                throw new InvalidInputException("--phi: expected one value per --events dataset (" + files.size()
                        + " x " + dPhi + " number(s)) or none (read the datasets' phi columns) but found " + phi.length
                        + " number(s)");
            }
            Box thetaPrior = thetaPrior(likelihood, sim);
            LikelihoodSource source = likelihood != null ? LikelihoodSource.modelFile(model, policy())
                    : LikelihoodSource.exact(sim.name(), thetaPrior, sim.phiDomain());
            RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(thetaPrior);
            Matrix grid = rp.posteriorGrid(options).points();
            List<ExperimentSums> sums = new ArrayList<>();
            for (int f = 0; f < files.size(); f++) {
                sums.addAll(backend.logLikelihoodSums(spark, files.get(f), source, sim.dimensions(), grid,
                        phi == null ? null : Arrays.copyOfRange(phi, f * dPhi, (f + 1) * dPhi)));
            }
            List<PosteriorResult.Experiment> experiments = new ArrayList<>();
            CompensatedSums combined = new CompensatedSums(grid.rows());
            for (ExperimentSums e : sums) {
                if (e.events() > Integer.MAX_VALUE) {
                    throw new InvalidInputException("experiment at phi " + Arrays.toString(e.phi()) + ": expected at"
                            + " most " + Integer.MAX_VALUE + " events per experiment but found " + e.events());
                }
                combined.addAll(0, e.logLikelihood());
                experiments.add(new PosteriorResult.Experiment((int) e.events(), e.phi()));
            }
            double[] total = combined.values();
            List<double[]> phis = experiments.stream().map(PosteriorResult.Experiment::phi).toList();
            rp = rp.settings(phiBox(phis));
            try (TrainedModel used = likelihood != null ? null : rp.train(TrainOptions.defaults(surrogate))) {
                TrainedModel m = likelihood != null ? likelihood : used;
                PosteriorResult r = rp.posteriorFromSums(m.surrogate(), experiments, total, options);
                return report(r, m, sim, options, provenance(Map.of(), phis, sim, options), null);
            }
        }
    }

    /** The --events values as typed (cluster URIs such as hdfs://host/dir keep their double slash). */
    private List<String> clusterEvents() {
        return spec.commandLine().getParseResult().matchedOption("--events").stringValues();
    }

    /**
     * Writes the JSON, the plots and the samples of {@code r} and prints its summary.
     *
     * @param truth the θ the events were simulated at, marked in the corner plot, or null
     */
    private int report(PosteriorResult r, TrainedModel m, Simulator sim, PosteriorOptions options,
            Provenance provenance, double[] truth) {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String what = model != null ? "model " + model : m.description();
        Json.writeFile(out, PosteriorDocument.of(r, what, provenance)
                .withCalibration(m.calibration().orElse(null)));
        if (samplesOut != null) {
            PosteriorSamplesCsv.write(samplesOut, r.samples());
        }
        Path png = TrainCommand.plotPath(out, ".png");
        Path corner = TrainCommand.plotPath(out, "-corner.png");
        boolean plotted = plot && r.onGrid() && r.posterior().dim() <= 2;
        boolean cornered = plot && r.onGrid() && r.posterior().dim() >= 2;
        if (plotted) {
            writePlot(r, sim, m.kind(), png);
        }
        if (cornered) {
            writeCornerPlot(r, sim, m.kind(), truth, corner);
        }
        r.warnings().forEach(w -> err.println("warning: " + w));
        if (quiet) {
            o.println(out);
            return 0;
        }
        for (PosteriorResult.Experiment e : r.experiments()) {
            o.printf("%d events%s%n", e.events(), at(sim, e.phi()));
        }
        o.printf("likelihood: %s; %s%n", what, r.onGrid() ? "grid posterior" : String.format(Locale.ROOT,
                "MCMC, %d chains x %d draws, max R-hat %.4f, min ESS %.0f", r.mcmc().chains(),
                r.mcmc().drawsPerChain(), r.mcmc().maxRhat(), Math.min(r.mcmc().minEssBulk(),
                        r.mcmc().minEssTail())));
        if (model != null) {
            o.println(m.calibration().map(CalibrationCertificate::summaryLine)
                    .orElse("calibration: the model file has no certificate"));
            m.scoreFit().ifPresent(fit -> o.println(fit.failed() ? fit.warning(m.kind())
                    : "score fit: " + fit.describe()));
        }
        for (String name : r.summary().parameters()) {
            int d = r.summary().parameters().indexOf(name);
            int k = sim.dimensions().thetaNames().indexOf(name);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s = %.5f +- %.5f%s (MAP %.5f)",
                    name, r.summary().mean()[d], r.summary().standardDeviation()[d],
                    k < 0 ? "" : PlotText.units(List.of(sim.displayNames().theta().get(k))),
                    r.summary().map()[d]));
            for (double level : options.levels()) {
                CredibleInterval c = r.summary().interval(name, level);
                line.append(String.format(Locale.ROOT, "; %.0f%% [%.5f, %.5f]", 100 * level, c.lower(),
                        c.upper()));
                List<CredibleInterval> hpd = r.onGrid() ? r.posterior().hpdRegion(d, level)
                        : List.of(r.summary().hpdInterval(name, level));
                if (HpdComparison.differsMaterially(c, hpd)) {
                    line.append(" (HPD ").append(HpdComparison.format(hpd, 5)).append(')');
                }
            }
            o.println(line);
        }
        r.ensembleSpread().ifPresent(spread -> printSpread(o, spread));
        o.printf("posterior written to %s%s%s%s%n", out, plotted ? ", plot to " + png : "",
                cornered ? ", corner plot to " + corner : "",
                samplesOut != null ? ", " + r.samples().size() + " samples to " + samplesOut : "");
        return 0;
    }

    /**
     * The member posteriors of a surrogate ensemble: per θ component the spread of their means and
     * sds, then each member's mean ± sd.
     */
    static void printSpread(PrintWriter o, EnsembleSpread spread) {
        double[][] means = spread.memberMeans();
        double[][] sds = spread.memberSds();
        for (int d = 0; d < spread.parameters().size(); d++) {
            StringBuilder members = new StringBuilder();
            for (int k = 0; k < means.length; k++) {
                members.append(String.format(Locale.ROOT, "%s%.5f +- %.5f", k == 0 ? "" : ", ", means[k][d],
                        sds[k][d]));
            }
            o.printf(Locale.ROOT, "%s (the posterior above is their mixture); members: %s%n", spread.describe(d),
                    members);
        }
    }

    /** The smallest box holding every experiment's φ. */
    private static Box phiRange(List<Observation> observed) {
        return phiBox(observed.stream().map(Observation::phi).toList());
    }

    /** The smallest box holding every φ of {@code phis} (at least one). */
    private static Box phiBox(List<double[]> phis) {
        double[] lo = phis.get(0).clone();
        double[] hi = phis.get(0).clone();
        for (double[] p : phis) {
            for (int d = 0; d < p.length; d++) {
                lo[d] = Math.min(lo[d], p[d]);
                hi[d] = Math.max(hi[d], p[d]);
            }
        }
        return new Box(lo, hi);
    }

    /**
     * The --prior box (default: the model's trained θ range, else the simulator's domain). With a
     * model and --range-policy fail it must lie inside the trained range; with warn it may reach
     * beyond it, inside the simulator's domain, and the posterior reports the extrapolation.
     */
    private Box thetaPrior(TrainedModel likelihood, Simulator sim) {
        if (likelihood == null) {
            return BoxOptions.parse("--prior", prior, sim.thetaDomain(), "the simulator's domain");
        }
        Box trained = likelihood.surrogate().thetaRange();
        Box box = prior == null ? trained : BoxOptions.parse("--prior", prior, sim.thetaDomain());
        if (policy() == RangePolicy.FAIL && !box.within(trained)) {
            throw new InvalidInputException("--prior: expected a box inside the model's trained theta range " + trained
                    + " but found " + box + "; --range-policy warn evaluates the model beyond it, with a warning");
        }
        return box;
    }

    private RangePolicy policy() {
        return rangePolicy.policy();
    }

    /** The model file; its dimensions are checked against the simulator when the posterior is computed. */
    private TrainedModel loaded() {
        return TrainedModel.loaded(org.robotphysicist.models.file.SurrogateFiles.read(model,
                LoadOptions.defaults().withSignatures(signatures.policy()).withRangePolicy(policy())), model);
    }

    /**
     * Refuses a --simulator other than the one the model was trained on: its name where the model
     * file records it, and always its theta, phi and x names, so a posterior is never labelled with
     * another simulator's parameters.
     */
    static void requireModelSimulator(TrainedModel m, Simulator sim) {
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

    static String recordedSimulator(TrainedModel m) {
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

    /** The hashes of the event files, as the provenance records them. */
    private static Map<String, String> eventHashes(List<EventCsv.Contents> csvs) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int f = 0; f < csvs.size(); f++) {
            hashes.put(csvs.size() == 1 ? "events" : "events[" + f + "]", csvs.get(f).dataset().sha256());
        }
        return hashes;
    }

    /**
     * @param hashes the event files' hashes (none for a cluster's datasets, which are never in one place)
     * @param phis   every experiment's setting
     */
    private Provenance provenance(Map<String, String> hashes, List<double[]> phis, Simulator sim,
            PosteriorOptions options) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("simulator", sim.name());
        cfg.put("model", model == null ? null : model.toString());
        cfg.put("surrogate", surrogate);
        cfg.put("spark", spark);
        cfg.put("events", spark == null ? null : clusterEvents());
        cfg.put("phi", phis.stream().map(p -> Arrays.stream(p).boxed().toList()).toList());
        cfg.put("prior", prior == null ? null : Arrays.stream(prior).boxed().toList());
        cfg.put("grid", grid);
        cfg.put("levels", Arrays.stream(levels).boxed().toList());
        cfg.put("sampler", options.sampler().label());
        cfg.put("samples", samples);
        cfg.values().removeIf(v -> v == null);
        Map<String, Long> seeds = new LinkedHashMap<>();
        if (surrogate != null) {
            seeds.put("surrogate", seed);
        }
        seeds.put("sampling", seed);
        return Provenance.capture("rp posterior", cfg, seeds, hashes);
    }

    private static void writePlot(PosteriorResult r, Simulator sim, String kind, Path png) {
        var p = r.posterior();
        String title = title(r, sim, kind);
        List<String> labels = PlotText.thetaLabels(sim.displayNames(), sim.dimensions(), p.parameterNames());
        if (p.dim() == 2) {
            PosteriorPlot2D.of(p, labels, title, null, 0.68, 0.95).writePng(png, PlotSize.DEFAULT);
        } else if (p.dim() == 1) {
            double[] x = p.grid().points().column(0);
            new PosteriorPlot1D(title, labels.get(0), List.of(new Curve("posterior, " + PlotText.likelihood(kind), x,
                    r.density())), CredibleRegion.preferred(p.marginalDistribution(0), 0.68).clippedTo(x[0],
                    x[x.length - 1]), null)
                    .writePng(png, PlotSize.DEFAULT);
        }
    }

    /** "Posterior (KIND surrogate) from N events at √s = 91.2 GeV", or "... in K experiments". */
    private static String title(PosteriorResult r, Simulator sim, String kind) {
        return r.experiments().size() == 1
                ? String.format(Locale.ROOT, "Posterior (%s) from %d events%s", PlotText.likelihood(kind),
                        r.events(), r.phi().length == 0 ? "" : " at " + PlotText.setting(sim.displayNames().phi(),
                        r.phi()))
                : String.format(Locale.ROOT, "Posterior (%s) from %d events in %d experiments",
                        PlotText.likelihood(kind), r.events(), r.experiments().size());
    }

    /**
     * The corner plot (1-D and 2-D marginals, 68% and 95% HPD regions), with the events' θ marked
     * as the true value when the CSV holds one θ for all events (simulated data).
     */
    private static void writeCornerPlot(PosteriorResult r, Simulator sim, String kind, double[] truth, Path png) {
        var p = r.posterior();
        CornerPlot.of(p, PlotText.thetaLabels(sim.displayNames(), sim.dimensions(), p.parameterNames()),
                title(r, sim, kind), truth, 0.68, 0.95).writePng(png);
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

    /** " at NAMES = VALUES UNITS", or nothing where the simulator's experiments have no setting. */
    private static String at(Simulator sim, double[] phi) {
        return phi.length == 0 ? "" : " at " + String.join(",", sim.dimensions().phiNames()) + " = " + format(phi)
                + PlotText.units(sim.displayNames().phi());
    }

    private static String format(double[] v) {
        return Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%.6g", d))
                .reduce((a, b) -> a + "," + b).orElse("");
    }
}

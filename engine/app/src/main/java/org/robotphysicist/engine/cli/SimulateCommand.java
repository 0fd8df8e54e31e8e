package org.robotphysicist.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.OutputTargets;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.lhe.LesHouchesFile;
import org.robotphysicist.data.lhe.LesHouchesWriter;
import org.robotphysicist.data.lhe.ZLineshapeEventFile;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.progress.TextProgressReporter;
import org.robotphysicist.data.simulator.BlockedSimulation;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.data.simulator.SimulationSeed;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorRegistry;
import org.robotphysicist.data.simulator.external.ExternalSimulator;
import org.robotphysicist.data.simulator.external.ExternalSimulatorConfig;
import org.robotphysicist.data.simulator.lineshape.ZLineshapeSimulator;
import org.robotphysicist.engine.cluster.ClusterBackend;
import org.robotphysicist.engine.cluster.ClusterBackends;
import org.robotphysicist.engine.cluster.ClusterSimulation;
import org.robotphysicist.engine.cluster.SimulatorSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code rp simulate}: events from a built-in, discovered ({@link java.util.ServiceLoader}) or
 * external simulator at fixed or randomly drawn (θ, φ), written as CSV ({@link EventCsv}) whose
 * comment lines carry the provenance, or — for {@code z-lineshape} with {@code --format lhe} — as a
 * Les Houches Event File of generator-level events ({@link ZLineshapeEventFile}: beams, ISR photon,
 * muons; no detector), which {@link org.robotphysicist.data.lhe.DimuonEventRecords} turns back into x.
 *
 * <p>Randomness: the master seed is split into a stream for drawing (θ, φ) and one for the
 * events, which {@link BlockedSimulation} splits further per pair and block.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate events at given or randomly drawn (theta, phi) and write them as CSV.",
            "theta comes from --theta, or is drawn uniformly from --prior (default: the simulator's theta domain);"
                    + " phi from --phi, or drawn uniformly from --phi-range. Each of the --pairs (theta, phi) pairs"
                    + " gets --events events. The simulator is a built-in or discovered one (--simulator, see --list)"
                    + " or an external program speaking docs/simulator-protocol.md (--external)."})
final class SimulateCommand implements Callable<Integer> {
    /** Options that only configure an external program. */
    private static final List<String> EXTERNAL_ONLY = List.of("--timeout", "--startup-timeout", "--processes");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--simulator", paramLabel = "NAME", description = "A built-in or discovered simulator (see --list).")
    String simulator;

    @Option(names = "--external", paramLabel = "COMMAND",
            description = "An external simulator program and its arguments, as one shell-quoted string.")
    String external;

    @Option(names = "--list", description = "List the simulators available by name and exit.")
    boolean list;

    @Option(names = "--theta", split = ",", paramLabel = "V", description = "Fixed theta, one value per component.")
    double[] theta;

    @Option(names = "--prior", split = ",", paramLabel = "LO,HI",
            description = "Uniform prior box for drawn theta: LO,HI per component (default: the simulator's theta"
                    + " domain, which must then be bounded).")
    double[] prior;

    @Option(names = "--phi", split = ",", paramLabel = "V", description = "Fixed phi, one value per component.")
    double[] phi;

    @Option(names = "--phi-range", split = ",", paramLabel = "LO,HI",
            description = "Box from which phi is drawn uniformly: LO,HI per component.")
    double[] phiRange;

    @Option(names = "--pairs", paramLabel = "K", description = "Number of (theta, phi) pairs (default ${DEFAULT-VALUE}).")
    int pairs = 1;

    @Option(names = "--events", paramLabel = "N", description = "Events per pair (default ${DEFAULT-VALUE}).")
    int events = 1000;

    @Option(names = "--seed", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed = 20261122L;

    @Option(names = "--out", paramLabel = "FILE", description = "CSV output (default ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "simulate", "events.csv");

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: csv (x, theta, phi per event, after the detector; the default) or lhe"
                    + " (a Les Houches Event File of generator-level particle records; z-lineshape only, one"
                    + " (theta, phi) pair).")
    OutputFormat format = OutputFormat.csv;

    @Option(names = "--reweight", paramLabel = "ID=V,V,V", mapFallbackValue = "",
            description = "With --format lhe: also give each event a <rwgt> weight for this other theta (repeatable;"
                    + " the header declares it, and rp train --events-from uses it as an importance weight).")
    Map<String, String> reweight = new java.util.LinkedHashMap<>();

    @Option(names = "--joint-scores", description = "Also write every event's joint score grad_theta log p(x, z |"
            + " theta, phi) as score:THETA columns (simulators that return them, such as weinberg-lo), for training"
            + " from the file with --score-weight.")
    boolean jointScores;

    /** The file formats {@code rp simulate} writes. */
    enum OutputFormat { csv, lhe }

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "External simulator: longest wait for each reply line (default ${DEFAULT-VALUE}).")
    double timeoutSeconds = ExternalSimulatorConfig.DEFAULT_READ_TIMEOUT_MILLIS / 1000.0;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS",
            description = "External simulator: longest wait for each handshake line (default ${DEFAULT-VALUE}).")
    double startupTimeoutSeconds = ExternalSimulatorConfig.DEFAULT_STARTUP_TIMEOUT_MILLIS / 1000.0;

    @Option(names = "--processes", paramLabel = "P",
            description = "External simulator: copies of the program run at once (default ${DEFAULT-VALUE}).")
    int processes = 1;

    @Option(names = {"-q", "--quiet"}, description = "No progress; print only the output path.")
    boolean quiet;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Simulate on Apache Spark (local[*], local[N], spark://HOST:PORT, yarn, k8s://...) and write"
                    + " Parquet to --out, a directory (needs the spark module). The events are those of the same"
                    + " seed without --spark, however many partitions or executors.")
    String spark;

    @Option(names = "--partitions", paramLabel = "P",
            description = "With --spark: partitions the pairs' event blocks are cut into (default: the cluster's"
                    + " default parallelism); the events do not depend on it.")
    Integer partitions;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        SimulatorRegistry registry = SimulatorRegistry.discover();
        if (list) {
            for (SimulatorRegistry.Entry e : registry.entries()) {
                o.printf("%-22s %s%n%-22s (%s)%n", e.name(), e.description(), "", e.origin());
            }
            return 0;
        }
        if ((simulator == null) == (external == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected exactly one of --simulator NAME or"
                    + " --external COMMAND but found " + (simulator == null ? "neither" : "both"));
        }
        requireExternalOptionsOnlyWithExternal();
        ExternalSimulatorConfig externalConfig = externalConfig();
        org.robotphysicist.data.Require.positive("--pairs", pairs);
        org.robotphysicist.data.Require.positive("--events", events);
        if (partitions != null && spark == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --partitions only with --spark MASTER"
                    + " but found it without");
        }
        if (jointScores && (spark != null || format == OutputFormat.lhe)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--joint-scores: expected a CSV file written"
                    + " here but found " + (spark != null ? "--spark (Parquet on a cluster)" : "--format lhe"));
        }
        if (spark != null) {
            return simulateOnCluster(registry, externalConfig, o);
        }
        OutputTargets.requireWritableFile("--out", out);
        if (format == OutputFormat.lhe) {
            return writeLesHouches(registry, o);
        }
        if (!reweight.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --reweight only with --format lhe"
                    + " (a CSV has no event weights) but found it with --format " + format);
        }
        Simulator sim = simulator != null ? registry.create(simulator) : ExternalSimulator.start(externalConfig);
        Simulated result;
        try {
            result = simulate(sim);
        } catch (RuntimeException e) {
            closeAfterFailure(sim, e);
            throw e;
        }
        close(sim); // before writing: a program that misbehaves at 'quit' leaves no file
        EventCsv.write(result.data(), result.jointScores(), metadata(sim, result.data()), out);
        if (quiet) {
            o.println(out);
        } else {
            o.printf("wrote %d events (%d pair%s x %d) from %s to %s in %.1f s%n", result.data().size(), pairs,
                    pairs == 1 ? "" : "s", events, sim.name(), out, result.seconds());
        }
        return 0;
    }

    /**
     * {@code --format lhe}: generator-level {@code z-lineshape} events at one (θ, φ) pair, written
     * through {@link LesHouchesWriter}; the header records θ, √s, the seed and the producer. The
     * events use the same event stream of the master seed as the CSV output, but generator-level
     * records, not detector-level x.
     */
    private int writeLesHouches(SimulatorRegistry registry, PrintWriter o) {
        if (external != null || !(registry.create(simulator) instanceof ZLineshapeSimulator sim)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format lhe: expected --simulator"
                    + " z-lineshape (the only simulator with particle records) but found "
                    + (external != null ? "--external" : "--simulator " + simulator));
        }
        if (pairs != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format lhe: expected --pairs 1 (a Les"
                    + " Houches file has one beam energy and one generating theta) but found --pairs " + pairs);
        }
        SplittableRandom master = new SplittableRandom(seed);
        SplittableRandom drawRng = master.split();
        SplittableRandom eventRng = master.split();
        double[] t = values("--theta", theta, "--prior", prior, sim.thetaDomain(), 3, drawRng).row(0);
        double[] p = values("--phi", phi, "--phi-range", phiRange, sim.phiDomain(), 1, drawRng).row(0);
        long t0 = System.nanoTime();
        LesHouchesFile generated = ZLineshapeEventFile.generate(t, p[0], events, eventRng, reweightPoints(sim),
                sim.detector());
        String header = "<!-- producer: rp simulate --simulator z-lineshape --format lhe; seed: " + seed
                + "; generator-level records (no detector) -->\n" + generated.header();
        LesHouchesFile file = new LesHouchesFile(generated.version(), header, generated.init(), generated.events());
        org.robotphysicist.data.io.AtomicFiles.write(out, stream -> {
            java.io.Writer w = new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8);
            LesHouchesWriter.write(w, file);
            w.flush();
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (quiet) {
            o.println(out);
        } else {
            o.printf("wrote %d events (Les Houches, generator level) from %s to %s in %.1f s%n", events, sim.name(),
                    out, seconds);
        }
        return 0;
    }

    /** {@code --reweight}: id → θ′, each inside the simulator's θ domain. */
    private Map<String, double[]> reweightPoints(Simulator sim) {
        Map<String, double[]> points = new java.util.LinkedHashMap<>();
        int d = sim.dimensions().thetaDim();
        for (Map.Entry<String, String> e : reweight.entrySet()) {
            String what = "--reweight " + e.getKey();
            if (!e.getKey().matches("[A-Za-z0-9_.+-]+")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--reweight: expected an id of letters,"
                        + " digits and _.+- but found '" + e.getKey() + "'");
            }
            double[] values;
            try {
                values = java.util.Arrays.stream(e.getValue().split(",", -1)).map(String::strip)
                        .mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException bad) {
                throw new CommandLine.ParameterException(spec.commandLine(), what + ": expected comma-separated"
                        + " numbers but found '" + e.getValue() + "'");
            }
            if (values.length != d) {
                throw new CommandLine.ParameterException(spec.commandLine(), what + ": expected " + d + " values "
                        + sim.dimensions().thetaNames() + " but found '" + e.getValue() + "'");
            }
            sim.thetaDomain().require(what, values);
            points.put(e.getKey(), values);
        }
        return points;
    }

    /** The events, their joint scores (null unless {@code --joint-scores}) and how long simulating them took. */
    private record Simulated(EventDataset data, Matrix jointScores, double seconds) {
    }

    /**
     * --timeout, --startup-timeout and --processes configure an external program; typed beside
     * --simulator they would be silently ignored, so they are a usage error there.
     */
    private void requireExternalOptionsOnlyWithExternal() {
        if (external != null) {
            return;
        }
        List<String> given = new java.util.ArrayList<>();
        for (String name : EXTERNAL_ONLY) {
            if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                given.add(name);
            }
        }
        if (!given.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected " + String.join(", ", given)
                    + " only with --external COMMAND (they configure an external program) but found them with"
                    + " --simulator " + simulator);
        }
    }

    /** The external program's settings; validated even for a built-in simulator (a config file may set them). */
    private ExternalSimulatorConfig externalConfig() {
        long startup = Seconds.toMillis("--startup-timeout", startupTimeoutSeconds);
        long read = Seconds.toMillis("--timeout", timeoutSeconds);
        if (processes < 1) {
            throw new InvalidInputException("--processes: expected at least 1 copy of the program but found "
                    + processes);
        }
        return external == null ? null
                : ExternalSimulatorConfig.parse(external).withTimeouts(startup, read).withProcesses(processes);
    }

    private Simulated simulate(Simulator sim) {
        BlockedSimulation.requireFits(pairs, events, sim.dimensions().xDim() + sim.dimensions().thetaDim()
                + sim.dimensions().phiDim());
        Matrix[] drawn = pairs(sim);
        long total = (long) pairs * events;
        EventDataset data;
        long t0 = System.nanoTime();
        try (Progress progress = TextProgressReporter.forTerminal(spec.commandLine().getErr(), quiet)
                .start("simulate", total, "events")) {
            if (jointScores) {
                if (!(sim instanceof JointScoreSimulator scoring)) {
                    throw new InvalidInputException("--joint-scores: expected a simulator that returns joint scores"
                            + " (such as weinberg-lo) but found '" + sim.name() + "', which does not");
                }
                JointScoreSimulator.ScoredEvents scored = BlockedSimulation.runWithScores(scoring, drawn[0], drawn[1],
                        events, new SimulationSeed(seed).eventStream(), progress);
                return new Simulated(scored.events(), scored.scores(), (System.nanoTime() - t0) / 1e9);
            }
            data = BlockedSimulation.run(sim, drawn[0], drawn[1], events, new SimulationSeed(seed).eventStream(),
                    progress);
        }
        return new Simulated(data, null, (System.nanoTime() - t0) / 1e9);
    }

    /** The K (θ, φ) pairs, fixed or drawn from the seed's draw stream: (K, D<sub>θ</sub>) and (K, D<sub>φ</sub>). */
    private Matrix[] pairs(Simulator sim) {
        SplittableRandom drawRng = new SimulationSeed(seed).drawStream();
        Matrix thetas = values("--theta", theta, "--prior", prior, sim.thetaDomain(), sim.dimensions().thetaDim(),
                drawRng);
        Matrix phis = values("--phi", phi, "--phi-range", phiRange, sim.phiDomain(), sim.dimensions().phiDim(),
                drawRng);
        return new Matrix[] {thetas, phis};
    }

    /**
     * {@code --spark}: the same pairs and event streams, simulated on the cluster ({@link ClusterBackend})
     * and written as a Parquet directory whose files carry this command's provenance.
     */
    private int simulateOnCluster(SimulatorRegistry registry, ExternalSimulatorConfig externalConfig, PrintWriter o) {
        if (format != OutputFormat.csv) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spark: expected --format csv (written as"
                    + " Parquet with the same columns) but found --format " + format);
        }
        if (partitions != null && partitions < 1) {
            throw new InvalidInputException("--partitions: expected at least 1 but found " + partitions);
        }
        try (ClusterBackend backend = ClusterBackends.require("spark", "--spark")) {
            Simulator sim = simulator != null ? registry.create(simulator) : ExternalSimulator.start(externalConfig);
            ClusterSimulation job;
            try {
                Matrix[] drawn = pairs(sim);
                SimulatorSpec where = simulator != null ? SimulatorSpec.named(simulator)
                        : SimulatorSpec.external(sim.name(), external, externalConfig.startupTimeoutMillis(),
                                externalConfig.readTimeoutMillis());
                job = ClusterSimulation.of(where, drawn[0], drawn[1], events, new SimulationSeed(seed),
                        metadata(sim, null));
            } finally {
                close(sim);
            }
            long t0 = System.nanoTime();
            long written = backend.simulate(spark, job, partitions == null ? 0 : partitions, out.toString());
            if (quiet) {
                o.println(out);
            } else {
                o.printf("wrote %d events (%d pair%s x %d) from %s to %s (Parquet) on Spark %s in %.1f s%n", written,
                        pairs, pairs == 1 ? "" : "s", events, sim.name(), out, spark, (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        }
    }

    /** K rows: the fixed vector repeated, or uniform draws from the range (default: the domain). */
    private Matrix values(String fixedOption, double[] fixed, String rangeOption, double[] range, Box domain, int dim,
            SplittableRandom rng) {
        if (dim == 0) { // a simulator without settings: the empty phi, K times
            BoxOptions.requireNone(domain, fixedOption, fixed, rangeOption, range);
            return Matrix.of(pairs, 0, new double[0]);
        }
        if (fixed != null && range != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected either " + fixedOption + " or "
                    + rangeOption + " but found both");
        }
        if (fixed != null) {
            domain.require(fixedOption, fixed);
            return Matrix.repeatRow(fixed, pairs);
        }
        if (range == null && !domain.isBounded()) {
            throw new InvalidInputException(rangeOption + ": the simulator's domain " + domain + " is unbounded;"
                    + " expected " + fixedOption + " or a bounded " + rangeOption);
        }
        Box box = BoxOptions.parse(rangeOption, range, domain);
        return new UniformBoxPrior(box).sample(pairs, rng);
    }

    private Map<String, String> metadata(Simulator sim, EventDataset data) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("simulator", sim.name());
        if (external != null) {
            cfg.put("external", external);
        }
        cfg.put("theta", theta == null ? null : java.util.Arrays.stream(theta).boxed().toList());
        cfg.put("prior", prior == null ? null : java.util.Arrays.stream(prior).boxed().toList());
        cfg.put("phi", phi == null ? null : java.util.Arrays.stream(phi).boxed().toList());
        cfg.put("phi-range", phiRange == null ? null : java.util.Arrays.stream(phiRange).boxed().toList());
        cfg.put("pairs", pairs);
        cfg.put("events", events);
        cfg.put("seed", seed);
        cfg.put("block-events", BlockedSimulation.BLOCK_EVENTS);
        cfg.put("spark", spark);
        cfg.values().removeIf(v -> v == null);
        Provenance provenance = Provenance.capture("rp simulate", cfg, Map.of("master", seed), Map.of());
        Map<String, String> m = new LinkedHashMap<>();
        m.put("producer", "rp simulate");
        m.put("simulator", sim.name());
        if (external != null) {
            m.put("external", external.replace('\n', ' '));
        }
        m.put("seed", Long.toString(seed));
        m.put("pairs", Integer.toString(pairs));
        m.put("events_per_pair", Integer.toString(events));
        if (data != null) { // a cluster's events are never in one place to hash
            m.put("data_sha256", data.sha256());
        }
        try {
            m.put("provenance", Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(provenance));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance is plain data and always serializes", e);
        }
        return m;
    }

    /** Stops a simulator that holds resources (an external program); its failure to stop is the command's. */
    private static void close(Simulator sim) {
        if (sim instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the simulator " + sim.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Stops an external program after a failure; a second failure while stopping is attached, not thrown. */
    private static void closeAfterFailure(Simulator sim, RuntimeException failure) {
        if (sim instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}

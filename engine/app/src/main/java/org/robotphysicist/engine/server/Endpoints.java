package org.robotphysicist.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorRegistry;
import org.robotphysicist.engine.api.EigOptions;
import org.robotphysicist.engine.api.PosteriorDocument;
import org.robotphysicist.engine.api.PosteriorOptions;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.posterior.sampling.McmcPosterior;
import org.robotphysicist.engine.posterior.sampling.PosteriorSampler;
import org.robotphysicist.engine.posterior.sampling.SamplerChoice;

/**
 * The JSON endpoints: each parses and validates its request on the connection's thread (errors are
 * 400s), checks its cost ({@link RequestCost}) and returns the computation, which runs on a worker
 * with that worker's own model copy and stops when its {@link org.robotphysicist.data.compute.Cancellation}
 * says so. Request and answer fields are documented in {@code docs/http-api.md}.
 */
final class Endpoints {
    /** Schema of the {@code POST /eig} answer. */
    static final String EIG_SCHEMA = "robot-physicist/eig/v1";
    static final int MAX_EVENTS = 1_000_000;
    /** The most experiments one posterior request may combine. */
    static final int MAX_EXPERIMENTS = 64;
    static final int MAX_CANDIDATES = 256;

    private final ModelPool models;
    private final String simulatorOverride;
    private final long maxCost;
    private final SimulatorRegistry simulators = SimulatorRegistry.discover();

    Endpoints(ModelPool models, String simulatorOverride, long maxCost) {
        this.models = models;
        this.simulatorOverride = simulatorOverride;
        this.maxCost = maxCost;
    }

    /** {@code GET /health}: {@code busy} is the number of workers computing right now. */
    Map<String, Object> health(int workers, int busy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("models", models.infos().size());
        out.put("workers", workers);
        out.put("busy", busy);
        out.put("version", org.robotphysicist.data.io.Provenance.projectVersion());
        return out;
    }

    /** {@code GET /models}. */
    Map<String, Object> models() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ModelPool.Info i : models.infos().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", i.name());
            m.put("kind", i.kind());
            m.put("simulator", simulatorName(i));
            m.put("theta", i.dimensions().thetaNames());
            m.put("phi", i.dimensions().phiNames());
            m.put("x", i.dimensions().xNames());
            m.put("thetaRange", Map.of("lower", i.thetaRange().lower(), "upper", i.thetaRange().upper()));
            m.put("phiRange", Map.of("lower", i.phiRange().lower(), "upper", i.phiRange().upper()));
            m.put("phiBoxes", i.phiBoxes().stream().map(b -> Map.of("lower", b.lower(), "upper", b.upper())).toList());
            m.put("ensembleMembers", i.members());
            m.put("calibration", i.calibration());
            m.put("scoreFit", i.scoreFit());
            list.add(m);
        }
        return Map.of("models", list);
    }

    /**
     * {@code POST /posterior}: the posterior of the events at φ (or of several {@code experiments},
     * each {@code {phi, events}}), on a grid or by MCMC ({@code sampler}: auto, grid or mcmc), with
     * {@code samples} posterior draws when asked (seeded by {@code seed}).
     */
    Computation posterior(JsonNode body) {
        RequestJson r = RequestJson.of(body, "posterior request", Set.of("model", "phi", "events", "experiments",
                "grid", "levels", "prior", "samples", "sampler", "chains", "seed"));
        String name = r.string("model");
        ModelPool.Info info = models.info(name);
        List<Observation> observed = observations(r, info);
        long eventCount = observed.stream().mapToLong(Observation::size).sum();
        if (eventCount > MAX_EVENTS) {
            throw new InvalidInputException("posterior request: expected at most " + MAX_EVENTS + " events in all"
                    + " experiments but found " + eventCount);
        }
        int grid = r.intOr("grid", 201, 2, 1 << 16);
        if (r.has("levels")) {
            RequestCost.requireLevels(r.doubles("levels", -1).length);
        }
        int samples = r.intOr("samples", 0, 1, PosteriorSampler.MAX_SAMPLES);
        SamplerChoice choice = SamplerChoice.parse(r.has("sampler") ? r.string("sampler") : "auto");
        int chains = r.intOr("chains", McmcPosterior.CHAINS, 4, McmcPosterior.MAX_CHAINS);
        PosteriorOptions options = new PosteriorOptions(grid, r.doublesOr("levels", new double[] {0.68, 0.95}),
                samples, choice, chains, r.longOr("seed", 1L));
        Box thetaRange = r.has("prior") ? r.box("prior", info.dimensions().thetaDim()) : info.thetaRange();
        int thetaDim = info.dimensions().thetaDim();
        SamplerChoice resolved = choice.resolve(thetaDim, options.gridFits(thetaDim));
        options.requireChainsFor(resolved);
        if (resolved == SamplerChoice.GRID) {
            RequestCost.posterior(eventCount, gridPoints(grid, info), samples, info.members()).requireAtMost(maxCost);
        } else {
            RequestCost.mcmcPosterior(eventCount, McmcPosterior.evaluations(Math.max(1, samples), chains), samples,
                    info.members()).requireAtMost(maxCost);
        }
        Simulator sim = simulator(info);
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(thetaRange);
        return cancellation -> {
            var result = rp.posterior(models.forThisWorker(name), observed, options, cancellation);
            return PosteriorDocument.of(result, name, null).withCalibration(info.calibration());
        };
    }

    /** {@code phi} and {@code events}, or {@code experiments}: exactly one of the two forms. */
    private static List<Observation> observations(RequestJson r, ModelPool.Info info) {
        boolean single = r.has("phi") || r.has("events");
        if (single == r.has("experiments")) {
            throw new InvalidInputException("posterior request: expected either 'phi' and 'events' or 'experiments'"
                    + " but found " + (single ? "both" : "neither"));
        }
        int dPhi = info.dimensions().phiDim();
        int dX = info.dimensions().xDim();
        if (single) {
            return List.of(new Observation(r.matrix("events", dX, MAX_EVENTS), phi(r, dPhi)));
        }
        List<Observation> out = new ArrayList<>();
        for (RequestJson e : r.objects("experiments", Set.of("phi", "events"), MAX_EXPERIMENTS)) {
            out.add(new Observation(e.matrix("events", dX, MAX_EVENTS), phi(e, dPhi)));
        }
        return out;
    }

    /**
     * The experiment's {@code phi}, of {@code dPhi} numbers; for a model whose experiments have no
     * setting ({@code dPhi} = 0) it may be left out or given as {@code []}.
     */
    private static double[] phi(RequestJson r, int dPhi) {
        if (dPhi == 0) {
            if (r.has("phi") && r.doubles("phi", -1).length > 0) {
                throw new InvalidInputException("phi: the model's experiments have no setting; expected no 'phi' (or"
                        + " []) but found " + r.doubles("phi", -1).length + " number(s)");
            }
            return new double[0];
        }
        return r.doubles("phi", dPhi);
    }

    /** {@code POST /eig}: EIG estimates with standard errors at candidate settings. */
    Computation eig(JsonNode body) {
        RequestJson r = RequestJson.of(body, "eig request", Set.of("model", "prior", "candidates", "range",
                "datasets", "events", "grid", "seed"));
        String name = r.string("model");
        ModelPool.Info info = models.info(name);
        int dPhi = info.dimensions().phiDim();
        if (dPhi == 0) {
            throw new InvalidInputException("eig request: expected a model with experiment settings (phi) to choose"
                    + " between but '" + name + "' has none; every experiment is the same");
        }
        List<double[]> candidates;
        if (r.has("candidates") == r.has("range")) {
            throw new InvalidInputException("eig request: expected exactly one of 'candidates' (a list of phi) or"
                    + " 'range' ({lower, upper, count}) but found " + (r.has("range") ? "both" : "neither"));
        }
        if (r.has("candidates")) {
            candidates = r.rows("candidates", dPhi, MAX_CANDIDATES);
        } else {
            candidates = range(r.object("range", Set.of("lower", "upper", "count")), dPhi);
        }
        EigOptions options = new EigOptions(r.intOr("datasets", 32, 2, 4096), r.intOr("events", 500, 1, MAX_EVENTS),
                r.intOr("grid", 101, 2, 1 << 16), 2, 1, r.longOr("seed", 1L));
        Prior prior = r.has("prior") ? prior(r.object("prior", Set.of("lower", "upper", "density")), info)
                : new UniformBoxPrior(info.thetaRange());
        RequestCost.eig(candidates.size(), options.datasets(), options.eventsPerExperiment(),
                gridPoints(options.gridPoints(), info), info.members()).requireAtMost(maxCost);
        RobotPhysicist rp = RobotPhysicist.forSimulator(simulator(info)).prior(prior);
        return cancellation -> {
            List<EigEstimate> estimates = rp.eig(models.forThisWorker(name), candidates, options, cancellation);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("schema", EIG_SCHEMA);
            out.put("model", name);
            out.put("estimates", estimates);
            return out;
        };
    }

    /** θ grid points in all: {@code perDimension}^Dθ (saturating). */
    private static long gridPoints(int perDimension, ModelPool.Info info) {
        double total = Math.pow(perDimension, info.dimensions().thetaDim());
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /** {@code count} settings evenly spaced from lower to upper (count per dimension, a regular grid). */
    private static List<double[]> range(RequestJson r, int dPhi) {
        double[] lo = r.doubles("lower", dPhi);
        double[] hi = r.doubles("upper", dPhi);
        int count = r.intOr("count", 0, 1, MAX_CANDIDATES);
        if (count == 0) {
            throw new InvalidInputException("eig request field 'range': expected a 'count' in [1, " + MAX_CANDIDATES
                    + "] but found none");
        }
        int[] counts = new int[dPhi];
        java.util.Arrays.fill(counts, count);
        for (int d = 0; d < dPhi; d++) {
            if (!(lo[d] <= hi[d])) {
                throw new InvalidInputException("eig request field 'range': expected lower <= upper but found "
                        + lo[d] + " > " + hi[d]);
            }
            if (lo[d] == hi[d]) {
                counts[d] = 1;
            }
        }
        RegularGrid g = new RegularGrid(lo, hi, counts);
        if (g.size() > MAX_CANDIDATES) {
            throw new InvalidInputException("eig request field 'range': expected at most " + MAX_CANDIDATES
                    + " settings but found " + g.size());
        }
        List<double[]> out = new ArrayList<>();
        Matrix pts = g.points();
        for (int i = 0; i < pts.rows(); i++) {
            out.add(pts.row(i));
        }
        return out;
    }

    /**
     * A uniform prior on {lower, upper}, or with {@code density} (a posterior from an earlier round on
     * the regular grid of K points per dimension spanning the box, K<sup>D</sup> values, the last
     * dimension fastest) the interpolated grid density.
     */
    private static Prior prior(RequestJson p, ModelPool.Info info) {
        int d = info.dimensions().thetaDim();
        Box box = new Box(p.doubles("lower", d), p.doubles("upper", d));
        UniformBoxPrior uniform = new UniformBoxPrior(box);
        if (!p.has("density")) {
            return uniform;
        }
        double[] density = p.doubles("density", -1);
        int k = (int) Math.round(Math.pow(density.length, 1.0 / d));
        if (k < 2 || Math.pow(k, d) != density.length) {
            throw new InvalidInputException("eig request field 'prior.density': expected K^" + d + " values (K >= 2"
                    + " points per theta dimension) but found " + density.length);
        }
        double[] log = new double[density.length];
        for (int j = 0; j < log.length; j++) {
            if (density[j] < 0) {
                throw new InvalidInputException("eig request field 'prior.density'[" + j + "]: expected a density >= 0"
                        + " but found " + density[j]);
            }
            log[j] = Math.log(density[j]);
        }
        int[] counts = new int[d];
        java.util.Arrays.fill(counts, k);
        RegularGrid grid = new RegularGrid(box.lower(), box.upper(), counts);
        return GridPosterior.fromLogLikelihood(uniform, ThetaGrid.of(grid), info.dimensions().thetaNames(), log)
                .asPrior();
    }

    private Simulator simulator(ModelPool.Info info) {
        return simulators.create(simulatorName(info));
    }

    private String simulatorName(ModelPool.Info info) {
        if (simulatorOverride != null) {
            return simulatorOverride;
        }
        if (info.simulator() == null) {
            throw new InvalidInputException("simulator: model '" + info.name() + "' does not record its simulator;"
                    + " expected rp serve --simulator NAME");
        }
        return info.simulator();
    }
}

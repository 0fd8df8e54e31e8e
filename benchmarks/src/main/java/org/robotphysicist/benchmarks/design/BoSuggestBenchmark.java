package org.robotphysicist.benchmarks.design;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.benchmarks.PythonPeer;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.engine.design.acquisition.AcquisitionMaximizer;
import org.robotphysicist.engine.design.bo.BayesianOptimizer;
import org.robotphysicist.engine.design.bo.BoConfig;
import org.robotphysicist.engine.design.bo.SuggestionReport;
import org.robotphysicist.engine.design.gp.GpConfig;

/**
 * Latency of one Bayesian-optimization suggestion — GP hyperparameter fit plus log-EI
 * maximization — for N observations in D dimensions, beside scikit-learn's
 * GaussianProcessRegressor with SciPy's L-BFGS-B doing the same work
 * ({@code benchmarks/peers/bo_suggest_sklearn.py}, Debian's /usr/bin/python3), measured in the
 * same run on the same data. Prints each median latency and the ratio peer/ours (&gt; 1: we are
 * faster), with the marginal-likelihood evaluations each side spent.
 *
 * <p>Usage: {@code BoSuggestBenchmark [--sizes 20,50,200] [--dims 1,2,4] [--reps 5] [--warmup 2]
 * [--restarts 4] [--candidates 1024] [--local-starts 5] [--python /usr/bin/python3]
 * [--peer benchmarks/peers/bo_suggest_sklearn.py]}
 */
public final class BoSuggestBenchmark {
    private BoSuggestBenchmark() {
    }

    private record Case(int n, int d, double[] x, double[] y) {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        int[] sizes = opt.integers("sizes", "20,50,200");
        int[] dims = opt.integers("dims", "1,2,4");
        int reps = opt.integer("reps", 5);
        int warmup = opt.integer("warmup", 2);
        GpConfig gp = GpConfig.defaults().withRestarts(opt.integer("restarts", 4));
        AcquisitionMaximizer.Settings search = new AcquisitionMaximizer.Settings(opt.integer("candidates", 1024),
                opt.integer("local-starts", 5), 50);
        BoConfig config = BoConfig.defaults().withGp(gp).withSearch(search).withInitialPoints(1);

        List<Case> cases = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(20261122L);
        for (int d : dims) {
            for (int n : sizes) {
                cases.add(makeCase(n, d, rng.split()));
            }
        }

        Path input = Files.createTempFile("bo-suggest-peer", ".json");
        try {
            Json.writeFile(input, peerSpec(cases, config, reps, warmup));
            System.out.printf("BO suggest latency (GP fit with %d restarts + log EI over %d Sobol candidates, %d local"
                    + " refinements), median of %d after %d warm-up%n", gp.restarts(), search.candidates(),
                    search.localStarts(), reps, warmup);
            System.out.println("running the Java side ...");
            for (Case c : cases) {
                for (int w = 0; w < warmup; w++) {
                    time(c, config, w);
                }
            }
            double[] ours = new double[cases.size()];
            double[] ourFits = new double[cases.size()];
            int[] ourEvaluations = new int[cases.size()];
            for (int i = 0; i < cases.size(); i++) {
                double[] t = new double[reps];
                double[] f = new double[reps];
                for (int r = 0; r < reps; r++) {
                    Timing res = time(cases.get(i), config, 1000 + r);
                    t[r] = res.suggestSeconds;
                    f[r] = res.fitSeconds;
                    ourEvaluations[i] = res.evaluations;
                }
                ours[i] = BenchmarkArguments.median(t);
                ourFits[i] = BenchmarkArguments.median(f);
            }
            System.out.println("running the scikit-learn peer ...");
            JsonNode peer = new PythonPeer(opt.string("python", PythonPeer.DEBIAN_PYTHON),
                    opt.string("peer", "benchmarks/peers/bo_suggest_sklearn.py"))
                    .json(List.of(input.toString()), Map.of());
            System.out.println("peer versions: " + peer.get("versions"));
            System.out.printf("%5s %3s %11s %13s %7s | %9s %12s %7s | %8s %8s%n", "N", "D", "suggest ms",
                    "sklearn ms", "ratio", "fit ms", "sklearn fit", "ratio", "our LML", "peer LML");
            for (int i = 0; i < cases.size(); i++) {
                JsonNode p = peer.get("results").get(i);
                double theirs = p.get("medianSeconds").asDouble();
                double theirFit = p.get("medianFitSeconds").asDouble();
                System.out.printf("%5d %3d %11.2f %13.2f %6.1fx | %9.2f %12.2f %6.1fx | %8d %8d%n", cases.get(i).n,
                        cases.get(i).d, ours[i] * 1e3, theirs * 1e3, theirs / ours[i], ourFits[i] * 1e3,
                        theirFit * 1e3, theirFit / ourFits[i], ourEvaluations[i], p.get("lmlEvaluations").asInt());
            }
            System.out.println("suggest = GP fit + log-EI maximization; ratio = sklearn latency / ours (> 1: ours is"
                    + " faster); LML = marginal-likelihood evaluations (with gradient) in the fit");
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /** Uniform points in [0, 1]^D and a smooth multimodal objective. */
    private static Case makeCase(int n, int d, SplittableRandom rng) {
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                double v = rng.nextDouble();
                x[i * d + c] = v;
                s += Math.sin(3 * v + c) + 0.5 * (v - 0.4) * (v - 0.4);
            }
            y[i] = s;
        }
        return new Case(n, d, x, y);
    }

    /** Seconds of one suggest, of the GP fit alone, and the LML evaluations of the fit. */
    private record Timing(double suggestSeconds, double fitSeconds, int evaluations) {
    }

    /** Times one suggest on the case; the fit's share comes from the optimizer's report. */
    private static Timing time(Case c, BoConfig config, long seed) {
        double[] lo = new double[c.d];
        double[] hi = new double[c.d];
        Arrays.fill(hi, 1);
        BayesianOptimizer bo = BayesianOptimizer.start(new Box(lo, hi), config, seed);
        for (int i = 0; i < c.n; i++) {
            bo.observe(Arrays.copyOfRange(c.x, i * c.d, (i + 1) * c.d), c.y[i]);
        }
        long t0 = System.nanoTime();
        bo.suggest(1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        SuggestionReport report = bo.lastReport().orElseThrow();
        return new Timing(seconds, report.fitSeconds(), report.likelihoodEvaluations());
    }

    private static Map<String, Object> peerSpec(List<Case> cases, BoConfig config, int reps, int warmup) {
        GpConfig gp = config.gp();
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("reps", reps);
        cfg.put("warmup", warmup);
        cfg.put("restarts", gp.restarts());
        cfg.put("gpMaxIterations", gp.maxIterations());
        cfg.put("lengthLower", gp.lengthScale().lower());
        cfg.put("lengthUpper", gp.lengthScale().upper());
        cfg.put("signalLower", gp.signalVariance().lower());
        cfg.put("signalUpper", gp.signalVariance().upper());
        cfg.put("noiseLower", gp.noiseVariance().lower());
        cfg.put("noiseUpper", gp.noiseVariance().upper());
        cfg.put("candidates", config.search().candidates());
        cfg.put("localStarts", config.search().localStarts());
        cfg.put("localMaxIterations", config.search().localMaxIterations());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Case c : cases) {
            list.add(Map.of("n", c.n, "d", c.d, "x", c.x, "y", c.y));
        }
        return Map.of("config", cfg, "cases", list);
    }
}

package org.robotphysicist.engine.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.demo.ClassifierSurrogateBuilder;
import org.robotphysicist.engine.demo.DemoConfig;
import org.robotphysicist.engine.demo.SurrogateBuilder;
import org.robotphysicist.engine.demo.SurrogateBuilders;
import org.robotphysicist.engine.surrogate.SurrogateKind;
import org.robotphysicist.engine.surrogate.SurrogateRequest;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.training.TrainingProgress;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.ratio.RatioClassifierTrainer;

/**
 * The surrogate kinds {@link RobotPhysicist#train} knows, by name, and how each is built:
 * <ul>
 * <li>the engine's {@link SurrogateKind}s ({@code histogram}, {@code exact}), tabulated over the
 *     whole θ range × φ range;</li>
 * <li>every {@link SurrogateBuilder} service ({@code classifier}, and whatever else registers one,
 *     such as normalizing flows), trained at one φ. The {@code classifier} also trains across a φ
 *     range: θ and φ are then both drawn uniformly and the per-θ normalization is fitted on a
 *     (θ, φ) grid.</li>
 * </ul>
 * New builder services appear here without code changes.
 */
public final class SurrogateCatalog {
    /** The builder name that also trains over a φ range. */
    static final String CLASSIFIER = "classifier";

    private SurrogateCatalog() {
    }

    /** Every kind by name with a one-line description, the engine's kinds first. */
    public static Map<String, String> kinds() {
        Map<String, String> out = new LinkedHashMap<>();
        for (SurrogateKind k : SurrogateKind.values()) {
            out.put(k.cliName(), k.description() + " (over a phi range)");
        }
        for (SurrogateBuilder b : SurrogateBuilders.all().values()) {
            out.putIfAbsent(b.name(), b.description() + (CLASSIFIER.equals(b.name()) ? " (at one phi or over a phi range)"
                    : " (at one phi)"));
        }
        return out;
    }

    /** Builds the surrogate {@code options.surrogate()} names over θ ∈ {@code thetaRange}, φ ∈ {@code phiRange}. */
    static TrainedModel build(Simulator simulator, Box thetaRange, Box phiRange, TrainOptions options,
            SplittableRandom rng, Consumer<String> log, ProgressReporter progress) {
        String name = options.surrogate();
        for (SurrogateKind k : SurrogateKind.values()) {
            if (k.cliName().equals(name)) {
                var surrogate = k.build(new SurrogateRequest(simulator, thetaRange, phiRange, options.histogram(), rng,
                        progress));
                return new TrainedModel(surrogate, name, describe(k, options), false);
            }
        }
        SurrogateBuilder builder = SurrogateBuilders.named(name);
        boolean flat = isPoint(phiRange);
        if (!flat && CLASSIFIER.equals(name)) {
            return classifierOverRange(simulator, thetaRange, phiRange, options, rng, log);
        }
        if (!flat) {
            throw new InvalidInputException("surrogate '" + name + "': expected one phi value (it is trained at one"
                    + " setting) but found the range " + phiRange + "; give a value, or choose one of "
                    + rangeKinds());
        }
        SurrogateBuilder.Built built = builder.build(new SurrogateBuilder.Request(simulator, thetaRange,
                phiRange.lower(), demoConfig(options), rng, log, progress));
        return new TrainedModel(built.surrogate(), name, built.description(), built.gpuFellBack());
    }

    private static TrainedModel classifierOverRange(Simulator simulator, Box thetaRange, Box phiRange,
            TrainOptions options, SplittableRandom rng, Consumer<String> log) {
        var config = ClassifierSurrogateBuilder.trainingConfig(demoConfig(options), rng.nextLong());
        ParameterizedRatioClassifier c = new RatioClassifierTrainer(config, p -> {
            if (p.stage() != TrainingProgress.Stage.BATCHES) {
                log.accept("  " + p.message());
            }
        }).train(simulator, ParameterSampler.of(new UniformBoxPrior(thetaRange)),
                ParameterSampler.of(new UniformBoxPrior(phiRange)));
        String device = c.provenance().versions().getOrDefault("device", "");
        boolean fellBack = device.startsWith("cpu") && options.device().kind() == DeviceRequest.Kind.GPU;
        return new TrainedModel(c, CLASSIFIER, String.format("classifier %s over phi in %s, %d simulated rows, %d"
                + " epochs on %s", c.network().spec(), phiRange, options.trainingRows(),
                c.trainingCurve().epochs().size(), device), fellBack);
    }

    /**
     * The builders' settings record. Builders read only the sizes, the device, the seed and the
     * events per experiment from it (θ range and φ come with the request); the demo's own experiment
     * fields (hidden value, √s, prior edges) are the demo defaults, which every builder ignores.
     */
    static DemoConfig demoConfig(TrainOptions o) {
        DemoConfig d = DemoConfig.defaults();
        return new DemoConfig(d.hiddenSin2ThetaW(), d.sqrtS(), o.eventsPerExperiment(), d.thetaLower(), d.thetaUpper(),
                o.surrogate(), o.histogram().thetaCells(), o.histogram().eventsPerCell(), o.histogram().bins(),
                o.trainingRows(), o.epochs(), o.device(), d.posteriorGridPoints(), o.seed());
    }

    private static String describe(SurrogateKind k, TrainOptions o) {
        return k == SurrogateKind.HISTOGRAM ? String.format("histogram, %d theta x %d phi cells x %d simulated events,"
                + " %d bins", o.histogram().thetaCells(), o.histogram().phiCells(), o.histogram().eventsPerCell(),
                o.histogram().bins()) : k.description();
    }

    private static String rangeKinds() {
        return Arrays.stream(SurrogateKind.values()).map(SurrogateKind::cliName).toList() + " or " + CLASSIFIER;
    }

    static boolean isPoint(Box box) {
        return Arrays.equals(box.lower(), box.upper());
    }
}

package org.robotphysicist.engine.surrogate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * The surrogate kinds the engine knows: every {@link SurrogateKindProvider} service on the class
 * path, the built-ins ({@code exact}, {@code histogram}, {@code classifier}, {@code maf},
 * {@code nsf}) first. Immutable once discovered; safe to share between threads.
 */
public final class SurrogateRegistry {
    /** Where the stream of a {@link ScoreFit}'s fresh events starts, mixed with the training seed. */
    private static final long SCORE_FIT_STREAM = 0x5C0BEF17L;
    private final Map<String, SurrogateKindProvider> kinds;

    private SurrogateRegistry(Map<String, SurrogateKindProvider> kinds) {
        this.kinds = kinds;
    }

    /**
     * Every provider registered with {@link ServiceLoader} (through the thread's context class loader):
     * the engine's own kinds first, then the others, each in registration order.
     *
     * @throws InvalidInputException when two providers claim one name, or a name is not a valid kind name
     */
    public static SurrogateRegistry discover() {
        return of(ServiceLoader.load(SurrogateKindProvider.class));
    }

    /** A registry of exactly {@code providers}, the engine's own first (for embedding and tests). */
    public static SurrogateRegistry of(Iterable<? extends SurrogateKindProvider> providers) {
        List<SurrogateKindProvider> builtIn = new ArrayList<>();
        List<SurrogateKindProvider> others = new ArrayList<>();
        for (SurrogateKindProvider p : providers) {
            (isBuiltIn(p) ? builtIn : others).add(p);
        }
        builtIn.addAll(others);
        Map<String, SurrogateKindProvider> out = new LinkedHashMap<>();
        for (SurrogateKindProvider p : builtIn) {
            String name = p.name();
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new InvalidInputException("surrogate kind name of " + p.getClass().getName() + ": expected lower"
                        + " case letters, digits and '-' but found '" + name + "'");
            }
            SurrogateKindProvider before = out.putIfAbsent(name, p);
            if (before != null && before.getClass() != p.getClass()) {
                throw new InvalidInputException("surrogate kind '" + name + "': expected one provider but found "
                        + before.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new SurrogateRegistry(out);
    }

    /** Whether {@code p} ships with the engine (loaded from the same jar or class folder as this class). */
    private static boolean isBuiltIn(SurrogateKindProvider p) {
        var mine = SurrogateRegistry.class.getProtectionDomain().getCodeSource();
        var theirs = p.getClass().getProtectionDomain().getCodeSource();
        return mine != null && theirs != null && mine.getLocation() != null
                && mine.getLocation().equals(theirs.getLocation());
    }

    /** The kinds: the engine's own first, then the others, each in registration order. */
    public List<SurrogateKindProvider> kinds() {
        return List.copyOf(kinds.values());
    }

    /** The kind names, in the order of {@link #kinds()}. */
    public List<String> names() {
        return new ArrayList<>(kinds.keySet());
    }

    /**
     * The kind called {@code name} (case-insensitive).
     *
     * @throws InvalidInputException naming the known kinds when there is none
     */
    public SurrogateKindProvider named(String name) {
        SurrogateKindProvider p = name == null ? null : kinds.get(name.toLowerCase(java.util.Locale.ROOT));
        if (p == null) {
            throw new InvalidInputException("surrogate: expected one of " + names() + " but found '" + name + "'");
        }
        return p;
    }

    /**
     * Builds the kind called {@code name} for {@code request} — an ensemble of
     * {@link SurrogateTrainingConfig#ensembleMembers()} networks when that is more than 1
     * ({@link SurrogateEnsembles}) — and checks that the result speaks about the simulator's
     * (θ, φ, x) dimensions and covers the requested ranges.
     */
    public BuiltSurrogate build(String name, SurrogateBuildRequest request) {
        SurrogateKindProvider kind = named(name);
        BuiltSurrogate built = request.training().trainsEnsemble() ? SurrogateEnsembles.build(kind, request)
                : kind.build(request);
        return checked(name, request, built);
    }

    /**
     * Fine-tunes {@code trained} on {@code request}'s source with the kind that claims it
     * ({@link FineTunableKind}), one network (no ensemble), and checks the result as {@link #build} does.
     * {@code trained} stays the caller's.
     *
     * @throws InvalidInputException when no registered kind can fine-tune {@code trained}, or the request
     *                               asks for an ensemble
     */
    public BuiltSurrogate fineTune(TrainedSurrogate trained, SurrogateBuildRequest request) {
        if (request.training().trainsEnsemble()) {
            throw new InvalidInputException("fine-tuning: expected one network but found an ensemble of "
                    + request.training().ensembleMembers() + " requested");
        }
        List<String> tunable = new ArrayList<>();
        for (SurrogateKindProvider k : kinds.values()) {
            if (k instanceof FineTunableKind f) {
                if (f.canFineTune(trained)) {
                    return checked(f.name(), request, f.fineTune(trained, request));
                }
                tunable.add(f.name());
            }
        }
        throw new InvalidInputException("fine-tuning: expected a single trained network of a kind that can be"
                + " fine-tuned " + tunable + " but found a model of kind '" + trained.kind() + "'");
    }

    /** {@code built} after checking its dimensions and ranges against {@code request}; closed when it fails. */
    private static BuiltSurrogate checked(String name, SurrogateBuildRequest request, BuiltSurrogate built) {
        try {
            request.source().dimensions().requireCompatible("surrogate '" + name + "'",
                    built.surrogate().dimensions());
            if (!request.thetaRange().within(built.surrogate().thetaRange())
                    || !request.phiBox().within(built.surrogate().phiRange())) {
                throw new IllegalStateException("surrogate kind '" + name + "' built a surrogate on theta "
                        + built.surrogate().thetaRange() + " x phi " + built.surrogate().phiRange()
                        + " but the request asked for theta " + request.thetaRange() + " x phi " + request.phiBox());
            }
            return withScoreFit(name, request, built);
        } catch (RuntimeException e) {
            closeQuietly(built);
            throw e;
        }
    }

    /**
     * {@code built} with its {@link ScoreFit} (and the figure in its description), where it is a trained
     * network that regressed joint scores: measured on fresh events where it was trained from a simulator
     * that returns them, on its training rows where it was trained from event files that carry them
     * (including a design run's refinement rounds). A failed fit (R² &lt; 0: no θ-dependence learned, or a
     * diverged training) is also logged as a warning. Other builds are returned as they are.
     */
    private static BuiltSurrogate withScoreFit(String name, SurrogateBuildRequest request, BuiltSurrogate built) {
        if (!(request.training().scoreWeightOr(0) > 0 && built.surrogate() instanceof TrainedSurrogate)) {
            return built;
        }
        SplittableRandom rng = new SplittableRandom(request.training().seed() ^ SCORE_FIT_STREAM);
        ScoreFit fit;
        if (request.source() instanceof TrainingSource.Simulated simulated
                && simulated.simulator() instanceof JointScoreSimulator scoring) {
            fit = ScoreFitMeasurement.measure(built.surrogate(), scoring, request.thetaSampler(), request.phiSampler(),
                    ScoreFitMeasurement.DEFAULT_EVENTS, rng);
        } else if (request.source() instanceof EventFileSource files && files.jointScores() != null) {
            fit = ScoreFitMeasurement.onTrainingRows(built.surrogate(), files.data(), files.jointScores(),
                    ScoreFitMeasurement.DEFAULT_EVENTS, rng);
        } else {
            return built;
        }
        if (fit.failed() && request.log() != null) {
            request.log().accept(fit.warning(name));
        }
        return new BuiltSurrogate(built.surrogate(), built.kind(), built.description() + "; " + fit.describe(),
                built.gpuFellBack(), Optional.of(fit));
    }

    /**
     * Closes what {@code built} holds, ignoring a failure (another error is being raised).
     *
     * @param built a build being discarded
     */
    public static void closeQuietly(BuiltSurrogate built) {
        if (built.surrogate() instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception suppressed) {
                // the build error is the one to report
            }
        }
    }

    @Override
    public String toString() {
        return "SurrogateRegistry" + names();
    }
}

package org.robotphysicist.models.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.LogSumExp;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.DeviceUsed;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.TrainedParts;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;

/**
 * K ≥ 1 trained surrogates p̂<sub>1..K</sub>(x | θ, φ) of one kind, trained with independent seeds on
 * independently simulated rows, kept and used together. Its owner holds the members' native memory
 * through it: closing the ensemble closes every member.
 *
 * <p><b>Posterior.</b> The ensemble's posterior is the equal-weight mixture of the member posteriors,
 * <pre>
 *   p(θ | X) = (1/K) Σ_k p_k(θ | X),   p_k(θ | X) ∝ p(θ) Π_e Π_i p̂_k(x_{e,i} | θ, φ_e),
 * </pre>
 * computed by the engine's posterior code from the {@link #members()} (each member posterior is
 * normalized on its own). Why this rule for experiments of many events:
 * <ul>
 *   <li>each member's values are meaningful only up to a θ-independent constant (a classifier drops
 *       log p(x | φ), and its per-θ normalization carries Monte Carlo error); normalizing each member
 *       posterior removes that constant, whereas averaging the experiment likelihoods
 *       (1/K) Σ_k Π_i p̂_k(x_i | θ) would weight the members by exp(N × their constant);</li>
 *   <li>even for exactly normalized members, that average weights member k by its evidence
 *       Π_i p̂_k(x_i), whose log differs between members by O(N) surrogate error: with thousands of
 *       events the weights collapse onto one member and the surrogate's uncertainty vanishes from the
 *       posterior just when it matters most (the surrogate's bias moves every member posterior by O(1)
 *       while its width shrinks as 1/√N);</li>
 *   <li>the mixture's variance is the mean member variance plus the variance of the member means
 *       (law of total variance), so disagreement between the members widens the posterior by exactly
 *       the between-member spread that is reported next to it;</li>
 *   <li>with K = 1 it is the single member's posterior.</li>
 * </ul>
 * The members are treated as equally plausible draws of the surrogate given its training; the
 * observed events inform θ, not which member is right.
 *
 * <p><b>As one likelihood.</b> Where a single surrogate likelihood is needed (the default
 * {@link #logLikelihood}, expected-information-gain estimates), the ensemble is the per-event mixture
 * density p̄(x | θ, φ) = (1/K) Σ_k p̂_k(x | θ, φ), the ensemble's best estimate of one event's density,
 * evaluated as log-sum-exp of the members' values minus log K. This needs the members' dropped
 * constants to agree, which holds for the normalized flows and for classifiers normalized per θ
 * against the same evidence p(x | φ).
 *
 * <p><b>Validation.</b> Every member must be of the same model kind (not itself an ensemble), with
 * the same θ, φ and x names and the same θ and φ ranges; the ensemble's x range is the intersection
 * of the members' (so a value one member would refuse is refused up front). The range policy applies
 * to the ensemble's ranges and to each member. Thread-safe when its members are.
 */
public final class SurrogateEnsemble implements TrainedSurrogate {
    /** The model-file kind of an ensemble. */
    public static final String KIND = "ensemble";
    /** The producer recorded in an ensemble's provenance. */
    public static final String PRODUCER = "org.robotphysicist.models.ensemble.SurrogateEnsemble";

    private final List<TrainedSurrogate> members;
    private final TrainedParts parts;
    private volatile boolean closed;

    private SurrogateEnsemble(List<TrainedSurrogate> members, RangePolicy policy, Provenance provenance) {
        this.members = List.copyOf(members);
        this.parts = new TrainedParts(this.members.get(0).dimensions(), rangesOf(this.members),
                Objects.requireNonNull(policy, "range policy"),
                provenance == null ? provenanceOf(this.members) : provenance, curveOf(this.members));
    }

    /**
     * An ensemble of {@code members}, which it owns from now on (closed with it); its range policy is
     * the first member's. On a validation failure nothing is closed: the members stay the caller's.
     *
     * @throws InvalidInputException for no members, members of different kinds, names or θ/φ ranges,
     *                               or a member that is itself an ensemble
     */
    public static SurrogateEnsemble of(List<? extends TrainedSurrogate> members) {
        requireMembers(members);
        return new SurrogateEnsemble(new ArrayList<>(members), members.get(0).rangePolicy(), null);
    }

    /** As {@link #of} with the provenance and range policy a model file recorded. */
    static SurrogateEnsemble loaded(List<TrainedSurrogate> members, RangePolicy policy, Provenance provenance) {
        requireMembers(members);
        return new SurrogateEnsemble(members, policy, provenance);
    }

    /** Checks that {@code members} can form one ensemble; see the class comment. */
    static void requireMembers(List<? extends TrainedSurrogate> members) {
        if (members == null || members.isEmpty()) {
            throw new InvalidInputException("surrogate ensemble: expected at least one member but found none");
        }
        TrainedSurrogate first = members.get(0);
        for (int k = 0; k < members.size(); k++) {
            TrainedSurrogate m = Objects.requireNonNull(members.get(k), "ensemble member " + k);
            String what = "ensemble member " + k;
            if (m instanceof SurrogateEnsemble || KIND.equals(m.kind())) {
                throw new InvalidInputException(what + ": expected a trained network but found an ensemble (ensembles"
                        + " do not nest)");
            }
            if (!m.kind().equals(first.kind())) {
                throw new InvalidInputException(what + ": expected kind '" + first.kind() + "' like member 0 but found '"
                        + m.kind() + "'");
            }
            if (!m.dimensions().equals(first.dimensions())) {
                throw new InvalidInputException(what + ": expected the names " + first.dimensions() + " of member 0 but"
                        + " found " + m.dimensions());
            }
            if (!m.thetaRange().equals(first.thetaRange()) || !m.phiUnion().equals(first.phiUnion())) {
                throw new InvalidInputException(what + ": expected the theta range " + first.thetaRange() + " and phi"
                        + " range " + first.phiUnion() + " of member 0 but found " + m.thetaRange() + " and "
                        + m.phiUnion());
            }
        }
    }

    private static TrainedRanges rangesOf(List<TrainedSurrogate> members) {
        TrainedRanges first = members.get(0).trainedRanges();
        double[] lo = first.x().lower();
        double[] hi = first.x().upper();
        for (TrainedSurrogate m : members) {
            Box x = m.trainedRanges().x();
            for (int d = 0; d < lo.length; d++) {
                lo[d] = Math.max(lo[d], x.lower(d));
                hi[d] = Math.min(hi[d], x.upper(d));
                if (!(lo[d] <= hi[d])) {
                    throw new InvalidInputException("surrogate ensemble: expected members whose x ranges overlap but"
                            + " dimension " + d + " of " + x + " misses the others'");
                }
            }
        }
        return TrainedRanges.of(first.theta(), first.phiUnion(), new Box(lo, hi));
    }

    /**
     * The ensemble's provenance: every configuration entry the members share (the simulator, the
     * rows, the sampler, ...), what the members are, and per member its seeds, data hashes and
     * parameter hash under keys {@code member-k/...}; the members' full provenance stays in theirs.
     */
    private static Provenance provenanceOf(List<TrainedSurrogate> members) {
        Map<String, Object> config = new LinkedHashMap<>();
        members.get(0).provenance().config().forEach((key, value) -> {
            if (members.stream().allMatch(m -> Objects.equals(m.provenance().config().get(key), value))) {
                config.put(key, value);
            }
        });
        config.put("memberKind", members.get(0).kind());
        config.put("members", members.size());
        config.put("posterior", "equal-weight mixture of the member posteriors");
        Map<String, Long> seeds = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int k = 0; k < members.size(); k++) {
            TrainedSurrogate m = members.get(k);
            String prefix = memberPrefix(k);
            m.provenance().seeds().forEach((role, seed) -> seeds.put(prefix + role, seed));
            m.provenance().dataHashes().forEach((role, hash) -> hashes.put(prefix + role, hash));
            hashes.put(prefix + "parameters", m.contents().parameters().sha256());
        }
        return Provenance.capture(PRODUCER, config, seeds, hashes).withVersions(members.get(0).provenance().versions())
                .withDevice(deviceOf(members));
    }

    /**
     * The device the ensemble was trained on: the first member's whose GPU request fell back to the
     * CPU, else member 0's (null when member 0 records none).
     */
    private static DeviceUsed deviceOf(List<TrainedSurrogate> members) {
        return members.stream().map(m -> m.provenance().device()).filter(d -> d != null && d.fellBack()).findFirst()
                .orElse(members.get(0).provenance().device());
    }

    /**
     * No curve of its own: the members' curves are theirs. Its stop reason names how the members
     * stopped, beginning with {@value TrainingCurve#TIME_BUDGET_STOP} when any member's time budget ran out.
     */
    private static TrainingCurve curveOf(List<TrainedSurrogate> members) {
        long onBudget = members.stream().filter(m -> m.trainingCurve().stoppedOnTimeBudget()).count();
        String reason = onBudget > 0
                ? TrainingCurve.TIME_BUDGET_STOP + " used up by " + onBudget + " of " + members.size() + " members"
                : members.size() + " members, member 0: " + members.get(0).trainingCurve().stopReason();
        return new TrainingCurve(List.of(), 0, reason);
    }

    /** The key prefix of member k in provenance maps and parameter names: {@code member-k/}. */
    static String memberPrefix(int k) {
        return "member-" + k + "/";
    }

    /** The members, in order (owned by the ensemble: do not close them). */
    public List<TrainedSurrogate> members() {
        requireOpen();
        return members;
    }

    /** K, the number of members. */
    public int size() {
        return members.size();
    }

    /** The model-file kind of the members, e.g. {@code nsf}. */
    public String memberKind() {
        return members.get(0).kind();
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Its names and θ/φ ranges are its members', its x range their intersection, its curve a summary of theirs. */
    @Override
    public TrainedParts parts() {
        return parts;
    }

    @Override
    public boolean isNormalized() {
        return members.stream().allMatch(TrainedSurrogate::isNormalized);
    }

    /** The members' warnings, each once (members trained alike warn alike). */
    @Override
    public java.util.List<String> eventCountWarnings(long events) {
        return members.stream().flatMap(m -> m.eventCountWarnings(events).stream()).distinct().toList();
    }

    /**
     * log p̄(x<sub>b</sub> | θ<sub>b</sub>, φ<sub>b</sub>) = log Σ<sub>k</sub> p̂<sub>k</sub>(…) − log K,
     * the per-event mixture density (see the class comment for where this is used and where not).
     */
    @Override
    public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
        requireOpen();
        SurrogateArguments.requireRowShapes(this, x, theta, phi);
        parts.ranges().enforce(parts.policy(), KIND, x, theta, phi);
        int k = members.size();
        double[][] values = new double[k][];
        for (int m = 0; m < k; m++) {
            values[m] = members.get(m).logLikelihood(x, theta, phi);
        }
        double[] out = new double[x.rows()];
        double[] column = new double[k];
        double logK = Math.log(k);
        for (int b = 0; b < out.length; b++) {
            for (int m = 0; m < k; m++) {
                column[m] = values[m][b];
            }
            out[b] = LogSumExp.of(column) - logK;
        }
        return out;
    }

    /**
     * The mixture density's generic evaluator together with each member's own
     * ({@link EnsembleGridEvaluator}), from which a posterior is the mixture of member posteriors.
     */
    @Override
    public EnsembleGridEvaluator gridEvaluator(org.robotphysicist.data.compute.Cancellation cancellation) {
        return new EnsembleGridEvaluator(this, cancellation);
    }

    /**
     * A copy whose members are copies of these, each with {@code rangePolicy}. The copy owns new native
     * memory (its members' parameters), apart from this ensemble's: close both.
     */
    @Override
    public SurrogateEnsemble copyWithRangePolicy(RangePolicy rangePolicy) {
        requireOpen();
        List<TrainedSurrogate> copies = new ArrayList<>();
        try {
            for (TrainedSurrogate m : members) {
                copies.add(m.copyWithRangePolicy(rangePolicy));
            }
            return new SurrogateEnsemble(copies, rangePolicy, parts.provenance());
        } catch (RuntimeException e) {
            copies.forEach(TrainedSurrogate::close);
            throw e;
        }
    }

    /** The file {@link EnsembleFileLoader} reads back; see docs/model-files.md. */
    @Override
    public ModelFile.Contents contents() {
        requireOpen();
        return EnsembleFileLoader.contents(this);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (TrainedSurrogate m : members) {
            try {
                m.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("surrogate ensemble: already closed");
        }
    }

    @Override
    public String toString() {
        return "SurrogateEnsemble(" + members.size() + " x " + memberKind() + ", " + dimensions() + ")";
    }
}

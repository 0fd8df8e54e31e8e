package org.robotphysicist.models.file;

import org.robotphysicist.data.BoxUnion;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.models.GridEvaluator;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.certificate.LikelihoodTempering;

/**
 * A trained surrogate together with the {@link LikelihoodTempering} its calibration fitted: the
 * per-event log-likelihood is the wrapped surrogate's, unchanged, and posterior evaluators divide an
 * experiment's summed log-likelihood by τ(φ, N) (its {@link #gridEvaluator}, which every posterior,
 * EIG estimate and sampler uses). It owns the wrapped surrogate: closing it closes
 * that one. Loading a model file whose certificate carries a tempering returns one of these
 * ({@link SurrogateFiles#load}).
 */
public final class TemperedSurrogate implements TrainedSurrogate {
    private final TrainedSurrogate untempered;
    private final LikelihoodTempering tempering;

    private TemperedSurrogate(TrainedSurrogate untempered, LikelihoodTempering tempering) {
        this.untempered = untempered;
        this.tempering = tempering;
    }

    /**
     * {@code surrogate} tempered by {@code tempering}, taking ownership of it; {@code surrogate}
     * itself when the tempering is none, and the innermost surrogate re-wrapped when it is already
     * tempered (temperings replace each other, they do not stack).
     */
    public static TrainedSurrogate of(TrainedSurrogate surrogate, LikelihoodTempering tempering) {
        TrainedSurrogate inner = untempered(surrogate);
        return tempering == null || tempering.isNone() ? inner : new TemperedSurrogate(inner, tempering);
    }

    /** The likelihood without its tempering ({@code s} itself when it has none). */
    public static SurrogateLikelihood untemperedLikelihood(SurrogateLikelihood s) {
        return s instanceof TemperedSurrogate t ? t.untempered : s;
    }

    /** The surrogate without its tempering ({@code s} itself when it has none). */
    public static TrainedSurrogate untempered(TrainedSurrogate s) {
        return s instanceof TemperedSurrogate t ? t.untempered : s;
    }

    /**
     * True when {@code s}, without its tempering, is a trained surrogate: the only kind a tempering
     * can be fitted for and stored with ({@link #of}, its model file), unlike an exact likelihood.
     */
    public static boolean canBeTempered(SurrogateLikelihood s) {
        return untemperedLikelihood(s) instanceof TrainedSurrogate;
    }

    /** The tempering of {@code s}: none unless it is a tempered surrogate. */
    public static LikelihoodTempering temperingOf(SurrogateLikelihood s) {
        return s instanceof TemperedSurrogate t ? t.tempering : LikelihoodTempering.none();
    }

    /** The wrapped surrogate. */
    public TrainedSurrogate surrogate() {
        return untempered;
    }

    public LikelihoodTempering tempering() {
        return tempering;
    }

    @Override
    public BoxUnion phiUnion() {
        return untempered.phiUnion();
    }

    @Override
    public boolean isNormalized() {
        return untempered.isNormalized();
    }

    @Override
    public java.util.List<String> eventCountWarnings(long events) {
        return untempered.eventCountWarnings(events);
    }

    @Override
    public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
        return untempered.logLikelihood(x, theta, phi);
    }

    @Override
    public double[] summedLogLikelihood(Matrix events, Matrix thetaGrid, double[] phi) {
        return untempered.summedLogLikelihood(events, thetaGrid, phi);
    }

    /**
     * The wrapped surrogate's evaluator with its sums divided by τ(φ, N)
     * ({@link GridEvaluator#tempered}: an ensemble tempers each member), reporting this surrogate.
     */
    @Override
    public GridEvaluator gridEvaluator(Cancellation cancellation) {
        return untempered.gridEvaluator(cancellation).tempered(tempering, this);
    }

    @Override
    public String kind() {
        return untempered.kind();
    }

    /** The wrapped surrogate's parts. */
    @Override
    public TrainedParts parts() {
        return untempered.parts();
    }

    /**
     * A copy of the wrapped surrogate with another range policy, with the same tempering. The copy owns
     * new native memory (the wrapped surrogate's parameters, copied), apart from this one's: close both.
     */
    @Override
    public TrainedSurrogate copyWithRangePolicy(RangePolicy rangePolicy) {
        return new TemperedSurrogate(untempered.copyWithRangePolicy(rangePolicy), tempering);
    }

    /** The wrapped surrogate's contents: the tempering travels in the manifest's calibration certificate. */
    @Override
    public ModelFile.Contents contents() {
        return untempered.contents();
    }

    @Override
    public void close() {
        untempered.close();
    }

    @Override
    public String toString() {
        return "TemperedSurrogate(" + tempering.describe() + ", " + untempered + ")";
    }
}

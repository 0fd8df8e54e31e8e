package org.robotphysicist.engine.surrogate;

/**
 * One kind of surrogate likelihood p̂(x | θ, φ) the engine can build by name
 * ({@code --surrogate NAME}, {@code TrainOptions}, the design loop). Kinds are found with
 * {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/org.robotphysicist.engine.surrogate.SurrogateKindProvider} and it appears
 * in {@code rp train --list} and everywhere a kind is chosen — adding a kind touches no other code.
 * Implementations need a public no-argument constructor, must be stateless (one instance serves
 * every request, from any thread) and take all randomness from the request's seed, so the same
 * request gives the same surrogate.
 */
public interface SurrogateKindProvider {

    /** The name users pick it by: lower case letters, digits and '-', e.g. {@code histogram}, {@code nsf}. */
    String name();

    /** One line for {@code rp train --list}. */
    String description();

    /**
     * Whether the built surrogate can be saved as a model file (a trained kind) rather than being
     * rebuilt where it is used (a tabulated kind such as {@code histogram} or {@code exact}).
     */
    boolean writesModelFile();

    /**
     * Builds the surrogate, valid on (at least) the prior's support × {@code request.phiBox()}.
     *
     * @throws org.robotphysicist.data.InvalidInputException when this kind cannot serve the request (say which
     *                                                       and what would)
     */
    BuiltSurrogate build(SurrogateBuildRequest request);

    /**
     * The score weight α this kind trains with for a design loop when the simulator returns joint
     * scores and none was asked for ({@link SurrogateTrainingConfig#forDesign}); 0, the default, trains
     * it on its own loss alone, as everywhere else. A design compares the expected information gain
     * across settings, so it needs the surrogate's information about θ right to a few percent at every
     * φ, which the joint scores teach a kind that learns from them.
     */
    default double designScoreWeight() {
        return 0;
    }

    /**
     * The most epochs this kind trains for in a design loop where none were asked for
     * ({@link SurrogateTrainingConfig#forDesign}); by default {@link SurrogateTrainingConfig#DEFAULT_EPOCHS},
     * as everywhere else. A kind whose design choices need a longer training than its posterior
     * calibration does states here how long, and why.
     */
    default int designEpochs() {
        return SurrogateTrainingConfig.DEFAULT_EPOCHS;
    }
}

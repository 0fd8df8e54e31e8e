/**
 * Surrogate likelihoods built by kind name: the {@link SurrogateRegistry} of
 * {@link SurrogateKindProvider} services ({@link ExactSurrogateKind} {@code exact},
 * {@link HistogramSurrogateKind} {@code histogram}, {@link ClassifierSurrogateKind}
 * {@code classifier}, the {@link FlowSurrogateKind}s {@code maf} and {@code nsf}, and any
 * registered kind). A kind builds a {@link BuiltSurrogate} from a {@link SurrogateBuildRequest}:
 * the θ range ({@link PriorRange}), the φ box, the {@link TrainingSource} (a simulator run on
 * demand, or labelled event files, {@link EventFileSource}, including Les Houches files labelled by
 * {@link LesHouchesLabels}), the {@link SurrogateTrainingConfig} of a neural kind and the
 * {@link HistogramGridConfig}. {@link SurrogateEnsembles} trains K networks of one kind; a
 * {@link FineTunableKind} can also start from a trained model's weights.
 *
 * <p>Layering: the engine's surrogates module, its only entry to the training module; depends on
 * data, models and training, and on no other engine module. The application module builds on it.
 */
package org.robotphysicist.engine.surrogate;

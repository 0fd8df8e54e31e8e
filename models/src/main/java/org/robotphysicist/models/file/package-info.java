/**
 * Model files: one self-describing, checksummed binary {@link ModelFile} per trained surrogate,
 * with its JSON {@link ModelManifest} (architecture, {@link TrainedRanges}, {@link TrainingCurve},
 * provenance, calibration) and its {@link ParameterEntry parameter tensors}
 * ({@link NamedParameters}). A {@link TrainedSurrogate} saves to one; {@link SurrogateFiles} loads
 * any kind that has a {@link SurrogateFileLoader} service, under {@link LoadOptions}
 * ({@link org.robotphysicist.models.RangePolicy}, device). Files may be signed ({@link ModelSignature}, {@link SigningKey},
 * {@link VerifyingKey}, {@link TrustedKeys}, {@link KeyFiles}) and loaders may insist on it
 * ({@link SignaturePolicy}); damaged or untrusted files raise {@link ModelFileException} or
 * {@link ModelSignatureException}.
 *
 * <p>Layering: depends on the data module, the models root, {@code models.certificate} and
 * {@code models.neural}; never on training or the engine.
 */
package org.robotphysicist.models.file;

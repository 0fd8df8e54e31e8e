/**
 * Ensembles of K independently trained surrogates of one kind: {@link SurrogateEnsemble} owns its
 * members (the posterior is the mixture of their posteriors, with their spread), and
 * {@link EnsembleFileLoader} writes and reads all K members as one model file, registered as a
 * {@link org.robotphysicist.models.file.SurrogateFileLoader} service.
 *
 * <p>Layering: depends on the data module, the models root and {@code models.file}; never on
 * training or the engine.
 */
package org.robotphysicist.models.ensemble;

/**
 * The neural-network building blocks shared by the trained surrogates: the multilayer perceptron
 * {@link MlpSpec} built as {@link Mlp} (with its {@link ActivationFunction}s), seeded initialization
 * ({@link SeededInitializer}), per-column {@link Standardizer}s saved with a model, and
 * {@link AlignedArrays}, which keeps NDArray memory owned by the engine.
 *
 * <p>Layering: depends on the data module and {@code models.file}; never on training or the engine.
 */
package org.robotphysicist.models.neural;

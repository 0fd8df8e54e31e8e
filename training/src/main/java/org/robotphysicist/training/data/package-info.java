/**
 * Training tables drawn from a simulator: {@link SimulatedTrainingSet} simulates n events at each
 * of K parameter pairs (θ, φ) drawn by {@link ParameterSampler}s, whose boxes become the ranges the
 * trained surrogate is valid on.
 *
 * <p>Layering: depends on the data module only ({@code data.dataset}, {@code data.prior},
 * {@code data.simulator}).
 */
package org.robotphysicist.training.data;

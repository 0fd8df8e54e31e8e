/**
 * The baseline surrogate every network must beat: {@link HistogramSurrogate}, a normalized
 * histogram of simulated events in each cell of a regular (θ, φ) grid, tabulated as
 * {@link HistogramConfig} says. It is built from the simulator when used, not saved as a model
 * file.
 *
 * <p>Layering: depends on the data module (it runs a {@code data.simulator} simulator) and the
 * models root; never on training or the engine.
 */
package org.robotphysicist.models.histogram;

/**
 * Forward models: a {@link Simulator} draws i.i.d. events x ~ p(x | θ, φ) from an explicitly passed
 * random stream; a {@link TractableSimulator} also knows its normalized density and serves as
 * ground truth, and a {@link CrossSectionModel} its total cross-section, so that an
 * {@link Experiment} can be a fixed luminosity. The built-in simulators (the Weinberg LO model
 * {@link WeinbergLoSimulator}, the toy Gaussian, the active-sciencing toy, {@code z-lineshape} and
 * the benchmark tasks SLCP, crescent, Student-t and nonlinear-6D) and every
 * {@link SimulatorProvider} service are found by name in the {@link SimulatorRegistry}. A simulator
 * that fails while running (rather than being asked for something invalid) raises a
 * {@link SimulatorFailedException}. {@link BlockedSimulation} simulates large labelled datasets in
 * parallel blocks, each from its own split of the random stream, so the events do not depend on the
 * number of threads or cluster partitions; {@link SimulationSeed} derives the streams of
 * {@code rp simulate} from its master seed.
 *
 * <p>Layering: depends on the data root, {@code data.dataset}, {@code data.progress} and {@code data.simulator.lineshape}
 * (registered as {@code z-lineshape}); the subpackages hold the external-program client and the Z
 * lineshape model.
 */
package org.robotphysicist.data.simulator;

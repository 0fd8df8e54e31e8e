/**
 * Simulating large labelled datasets reproducibly: {@link BlockedSimulation} splits (θ, φ) pairs
 * into blocks of events that run in parallel and report progress, each block from its own split of
 * the random stream, so the events do not depend on the number of threads or cluster partitions;
 * {@link SimulationSeed} derives the streams of {@code rp simulate} from its master seed.
 *
 * <p>Layering: the engine's application module; depends on the data module only, so that cluster
 * workers ({@code engine.cluster}, the Spark module) simulate exactly as the command line does.
 */
package org.robotphysicist.engine.simulate;

/**
 * Running the engine's embarrassingly parallel work on a cluster without the engine depending on
 * one: the {@link org.robotphysicist.engine.cluster.ClusterBackend} service interface (implemented
 * by the {@code rp-spark} module, found by {@link java.util.ServiceLoader}) and the serializable
 * descriptions of the work a worker rebuilds — the simulator ({@link
 * org.robotphysicist.engine.cluster.SimulatorSpec}), the simulation ({@link
 * org.robotphysicist.engine.cluster.ClusterSimulation}) and the likelihood ({@link
 * org.robotphysicist.engine.cluster.LikelihoodSource}).
 *
 * <p>Layering: the engine's application module; depends on data (its simulators and their blocked,
 * reproducible simulation), models and {@code engine.posterior} only, so that a backend module (the Spark module) needs nothing
 * else of the engine.
 */
package org.robotphysicist.engine.cluster;

/**
 * Les Houches Event Files (versions 1.0 to 3.0): {@link LesHouchesReader} and
 * {@link LesHouchesWriter} for {@link LesHouchesFile} (its {@link LesHouchesInit},
 * {@link LesHouchesEvent}s and {@link LesHouchesParticle}s), the parameter points a header states
 * ({@link LesHouchesParameterPoints}), and the way generator-level records become a simulator's
 * observables x ({@link EventRecordObservables}; {@link DimuonEventRecords} and
 * {@link ZLineshapeEventFile} for {@code z-lineshape}). Malformed files raise
 * {@link MalformedLesHouchesException} naming the line.
 *
 * <p>Layering: depends on the data root and {@code data.simulator.lineshape} (the dimuon
 * observables) only.
 */
package org.robotphysicist.data.lhe;

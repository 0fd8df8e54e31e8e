/**
 * Simulators in other languages: {@link ExternalSimulator} runs a program that speaks the line
 * protocol of {@code docs/simulator-protocol.md} on its standard input and output, configured by
 * {@link ExternalSimulatorConfig} (command, timeouts, number of processes). Every failure of the
 * program ends in a subclass of {@link ExternalSimulatorException} (crash, timeout, protocol
 * violation, reported error), a {@link org.robotphysicist.data.simulator.SimulatorFailedException}
 * rather than invalid input; nothing hangs, and every process the program started is stopped.
 *
 * <p>Layering: depends on the data root, {@code data.io} and {@code data.simulator} only.
 */
package org.robotphysicist.data.simulator.external;

/**
 * Progress of long tasks (simulation, training, EIG scans): code that runs long takes a
 * {@link ProgressReporter} and reports through each {@link Progress} it starts; the caller decides
 * where reports go, for example a terminal bar or log lines ({@link TextProgressReporter}).
 *
 * <p>Layering: depends on the data root only.
 */
package org.robotphysicist.data.progress;

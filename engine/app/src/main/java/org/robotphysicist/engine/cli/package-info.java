/**
 * The {@code rp} command line on picocli: {@link Rp} and its commands {@code demo}, {@code design},
 * {@code info}, {@code keygen}, {@code posterior}, {@code serve}, {@code sign}, {@code simulate}
 * and {@code train}, each a thin layer over the Java API ({@code engine.api}) or the application
 * packages. Options shared by several commands are picocli mixins (the {@code --config} file and
 * logging options of every command, the simulator choice, the training controls, the evidence
 * normalization switch, the signature policy); a command's exception becomes one line and an exit
 * code (invalid input 3, a failed simulator 6, ...; {@link Rp} lists them all).
 *
 * <p>Layering: the engine's application module; may depend on every engine module, models, training
 * and data. Nothing else in the project depends on it; the {@code rp} launcher runs
 * {@link Rp#main}.
 */
package org.robotphysicist.engine.cli;

package org.robotphysicist.engine.cli;

import picocli.CommandLine;

/**
 * The options every command mixes in: {@code --config FILE} ({@link ConfigFileOption}, read by
 * {@link ConfigFileDefaults}) and {@code --verbose}, {@code --log-file FILE}
 * ({@link LoggingOptions}, applied in {@link Rp#main} before parsing).
 */
final class CommonOptions {
    @CommandLine.Mixin
    ConfigFileOption config;

    @CommandLine.Mixin
    LoggingOptions logging;
}

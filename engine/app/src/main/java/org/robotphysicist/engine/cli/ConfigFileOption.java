package org.robotphysicist.engine.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option of every command ({@link CommonOptions}): a JSON or YAML file
 * of option values, read by {@link ConfigFileDefaults}.
 */
final class ConfigFileOption {
    static final String NAME = "--config";

    @Option(names = NAME, paramLabel = "FILE", description = "JSON or YAML file of option values: keys are the long"
            + " option names without '--' (e.g. 'events: 100'), lists for comma-separated values; options given on"
            + " the command line win.")
    Path file;
}

package org.robotphysicist.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.robotphysicist.data.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * The logging options of every command ({@link CommonOptions}): {@value #VERBOSE} turns the
 * libraries' INFO lines (device choice, native library loading, model loading) on, on stderr; {@value #LOG_FILE} FILE
 * writes the log (INFO and above, each line with a date and time) to FILE instead of stderr, which
 * then carries only the command's own progress, warnings and errors. Without either, only
 * warnings and errors of the libraries are printed.
 *
 * <p>The logging library (slf4j-simple) reads its settings once, when the first logger is made,
 * before picocli parses anything; so {@link #configure(List)} reads these two options from the raw
 * arguments in {@link Rp#main} and sets them as system properties, and the fields here only make
 * picocli accept, document and check them. For the same reason they are taken from the command line
 * only, not from a {@code --config} file ({@link ConfigFileDefaults} refuses them there).
 */
final class LoggingOptions {
    /** Turns the libraries' INFO lines on. */
    static final String VERBOSE = "--verbose";
    /** Writes the log to a file. */
    static final String LOG_FILE = "--log-file";
    /** The option names, as configuration-file keys would spell them. */
    static final List<String> NAMES = List.of(VERBOSE, LOG_FILE);

    private static final String PREFIX = "org.slf4j.simpleLogger.";
    /** ISO 8601 local date and time with milliseconds and the offset, e.g. 2026-12-04T21:35:53.120+0000. */
    static final String DATE_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZ";

    @Option(names = VERBOSE, description = "Also print the libraries' informational log lines (device choice, native"
            + " library loading) on stderr, or into --log-file when given.")
    boolean verbose;

    @Option(names = LOG_FILE, paramLabel = "FILE", description = "Write the log (the libraries' informational lines,"
            + " warnings and errors, each with date and time) to FILE instead of stderr; FILE is replaced.")
    Path logFile;

    /**
     * The slf4j-simple system properties for the logging options among {@code args} (everything up
     * to a {@code --} separator): the default level INFO for {@value #VERBOSE} or {@value #LOG_FILE};
     * for {@value #LOG_FILE} the file and timestamps. Empty when neither is given.
     *
     * @throws InvalidInputException when {@value #LOG_FILE} has no value, or its directory does not exist
     */
    static Map<String, String> properties(List<String> args) {
        boolean verbose = false;
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            } else if (a.equals(VERBOSE)) {
                verbose = true;
            } else if (a.equals(LOG_FILE)) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new InvalidInputException(LOG_FILE + ": expected a file name but found "
                            + (i + 1 >= args.size() ? "nothing" : args.get(i + 1)));
                }
                file = args.get(++i);
            } else if (a.startsWith(LOG_FILE + "=")) {
                file = a.substring(LOG_FILE.length() + 1);
            }
        }
        Map<String, String> props = new TreeMap<>();
        if (verbose || file != null) {
            props.put(PREFIX + "defaultLogLevel", "info");
        }
        if (file != null) {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            if (file.isBlank() || parent == null || !Files.isDirectory(parent)) {
                throw new InvalidInputException(LOG_FILE + ": expected a file in an existing directory but found '"
                        + file + "'");
            }
            props.put(PREFIX + "logFile", file);
            props.put(PREFIX + "showDateTime", "true");
            props.put(PREFIX + "dateTimeFormat", DATE_TIME_FORMAT);
        }
        return props;
    }

    /**
     * Sets {@link #properties(List)} as system properties; must run before the first logger is
     * made (the start of {@link Rp#main}).
     */
    static void configure(List<String> args) {
        properties(args).forEach(System::setProperty);
    }
}

package org.robotphysicist.data.simulator.external;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.robotphysicist.data.InvalidInputException;

/**
 * How to run an external simulator program (docs/simulator-protocol.md).
 *
 * @param command              the program and its arguments, e.g. {@code ["python3", "sim.py"]}
 * @param workingDirectory     directory the program runs in; {@code null} for the current one
 * @param environment          extra environment variables for the program
 * @param startupTimeoutMillis longest wait for each handshake line after start
 * @param readTimeoutMillis    longest wait for each reply line after a request
 * @param processes            how many copies may run at once (each serves one request at a time)
 */
public record ExternalSimulatorConfig(List<String> command, String workingDirectory, Map<String, String> environment,
        long startupTimeoutMillis, long readTimeoutMillis, int processes) {

    /** Default start-up timeout: 30 s (an interpreter importing heavy libraries can be slow). */
    public static final long DEFAULT_STARTUP_TIMEOUT_MILLIS = 30_000;
    /** Default read timeout: 60 s for each reply line. */
    public static final long DEFAULT_READ_TIMEOUT_MILLIS = 60_000;

    public ExternalSimulatorConfig {
        if (command == null || command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
            throw new InvalidInputException("external simulator command: expected a program and its arguments but"
                    + " found " + (command == null ? "nothing" : command));
        }
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
        if (startupTimeoutMillis < 1 || readTimeoutMillis < 1) {
            throw new InvalidInputException("external simulator timeouts: expected at least 1 ms but found start-up "
                    + startupTimeoutMillis + " ms and read " + readTimeoutMillis + " ms");
        }
        if (processes < 1) {
            throw new InvalidInputException("external simulator processes: expected at least 1 but found " + processes);
        }
    }

    /** The command with default timeouts, one process, no extra environment. */
    public static ExternalSimulatorConfig of(String... command) {
        return new ExternalSimulatorConfig(List.of(command), null, Map.of(), DEFAULT_STARTUP_TIMEOUT_MILLIS,
                DEFAULT_READ_TIMEOUT_MILLIS, 1);
    }

    /** A command line split as a POSIX shell would split it (see {@link #splitCommandLine}). */
    public static ExternalSimulatorConfig parse(String commandLine) {
        return of(splitCommandLine(commandLine).toArray(String[]::new));
    }

    public ExternalSimulatorConfig withTimeouts(long startupMillis, long readMillis) {
        return new ExternalSimulatorConfig(command, workingDirectory, environment, startupMillis, readMillis, processes);
    }

    public ExternalSimulatorConfig withProcesses(int count) {
        return new ExternalSimulatorConfig(command, workingDirectory, environment, startupTimeoutMillis,
                readTimeoutMillis, count);
    }

    public ExternalSimulatorConfig withWorkingDirectory(String directory) {
        return new ExternalSimulatorConfig(command, directory, environment, startupTimeoutMillis, readTimeoutMillis,
                processes);
    }

    /** The command as one line, arguments with spaces quoted, for messages and provenance. */
    public String commandLine() {
        List<String> parts = new ArrayList<>();
        for (String c : command) {
            parts.add(c.isEmpty() || c.matches(".*[\\s'\"\\\\].*") ? "'" + c.replace("'", "'\\''") + "'" : c);
        }
        return String.join(" ", parts);
    }

    /**
     * Splits a command line into words as a POSIX shell does, without expansions: whitespace
     * separates words; single quotes keep everything literally; double quotes keep everything
     * but {@code \"} and {@code \\}; outside quotes a backslash escapes the next character.
     *
     * @throws InvalidInputException for an unterminated quote, a trailing backslash, or no words
     */
    public static List<String> splitCommandLine(String line) {
        if (line == null) {
            throw new InvalidInputException("external simulator command: expected a command line but found null");
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"'
                        || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i + 1 == line.length()) {
                        throw new InvalidInputException("external simulator command: expected a character after the"
                                + " final backslash in: " + line);
                    }
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new InvalidInputException("external simulator command: expected a closing " + quote + " in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new InvalidInputException("external simulator command: expected a program and its arguments but"
                    + " found '" + line + "'");
        }
        return words;
    }
}

package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.InvalidInputException;
import picocli.CommandLine;

/**
 * Every command takes {@code --verbose} and {@code --log-file FILE}; they set the logging library
 * up before the first logger (checked in fresh JVMs); a misspelt option is refused.
 */
class LoggingOptionsTest {
    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String FILE = "org.slf4j.simpleLogger.logFile";

    @TempDir
    Path dir;

    @Test
    void everyCommandTakesBothOptions() {
        CommandLine rp = Rp.commandLine();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : rp.getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                continue;
            }
            for (String name : LoggingOptions.NAMES) {
                if (e.getValue().getCommandSpec().findOption(name) == null) {
                    missing.add(e.getKey() + " " + name);
                }
            }
        }
        assertTrue(missing.isEmpty(), "commands without the logging options: " + missing);
        assertTrue(rp.getSubcommands().size() >= 9, "commands found: " + rp.getSubcommands().keySet());
    }

    @Test
    void theArgumentsGiveTheLoggingSettings() {
        assertEquals(Map.of(), LoggingOptions.properties(List.of("simulate", "--events", "5")));
        assertEquals(Map.of(LEVEL, "info"), LoggingOptions.properties(List.of("demo", "--verbose")));
        Path log = dir.resolve("run.log");
        Map<String, String> file = LoggingOptions.properties(List.of("train", "--log-file", log.toString()));
        assertEquals("info", file.get(LEVEL));
        assertEquals(log.toString(), file.get(FILE));
        assertEquals("true", file.get("org.slf4j.simpleLogger.showDateTime"));
        assertEquals(file, LoggingOptions.properties(List.of("train", "--log-file=" + log)));
        assertEquals(Map.of(), LoggingOptions.properties(List.of("simulate", "--", "--verbose")),
                "nothing after --");
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> LoggingOptions.properties(List.of("demo", "--log-file")));
        assertTrue(none.getMessage().contains("--log-file: expected a file name but found nothing"), none.getMessage());
        InvalidInputException dirMissing = assertThrows(InvalidInputException.class,
                () -> LoggingOptions.properties(List.of("demo", "--log-file", dir.resolve("no/such/run.log").toString())));
        assertTrue(dirMissing.getMessage().contains("expected a file in an existing directory"), dirMissing.getMessage());
    }

    @Test
    void aMisspeltOptionIsAUsageError() {
        CliRun r = CliRun.of("simulate", "--verbos");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("Unknown option: '--verbos'"), r.err());
    }

    @Test
    void aConfigFileMayNotSetLogging() throws Exception {
        Path yaml = dir.resolve("run.yaml");
        Files.writeString(yaml, "simulator: toy-gaussian\nverbose: true\n");
        CliRun r = CliRun.of("simulate", "--config", yaml.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("expected no 'verbose' (logging is set up before the file is read"), r.err());
    }

    @Test
    void theLogFileGetsTimestampedLinesAndStderrStaysQuiet() throws Exception {
        Path log = dir.resolve("run.log");
        Probe withFile = probe("--log-file", log.toString());
        assertEquals("done", withFile.out().trim(), withFile.err());
        assertFalse(withFile.err().contains("an informational line"), "INFO goes to the file only: " + withFile.err());
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), "two log lines: " + lines);
        String stamp = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4} ";
        assertTrue(lines.get(0).matches(stamp + "INFO org\\.robotphysicist\\.probe - an informational line"),
                lines.get(0));
        assertTrue(lines.get(1).matches(stamp + "WARN org\\.robotphysicist\\.probe - a warning"), lines.get(1));

        Probe verbose = probe("--verbose");
        assertTrue(verbose.err().contains("INFO org.robotphysicist.probe - an informational line"), verbose.err());
        Probe quiet = probe();
        assertFalse(quiet.err().contains("an informational line"), "INFO is off by default: " + quiet.err());
        assertTrue(quiet.err().contains("WARN org.robotphysicist.probe - a warning"), quiet.err());
    }

    private record Probe(String out, String err) {
    }

    /** Runs {@link LoggingProbe} in a fresh JVM with the test class path. */
    private Probe probe(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoggingProbe.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe JVM finished");
        assertEquals(0, p.exitValue(), Files.readString(err));
        return new Probe(Files.readString(out), Files.readString(err));
    }
}

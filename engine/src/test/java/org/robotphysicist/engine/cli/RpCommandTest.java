package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RpCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Rp.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void quietDemoWritesItsJsonAndPrintsOnlyThePath() throws Exception {
        Path out = dir.resolve("p.json");
        Run r = run("demo", "--quiet", "--histogram-events", "20000", "--grid", "101", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(out.toString(), r.out().trim());
        assertTrue(Files.readString(out).contains("\"schema\" : \"robot-physicist/demo-posterior/v1\""));
    }

    @Test
    void invalidValuesExitWithThreeAndSayWhatWasExpected() {
        Run r = run("demo", "--events", "0");
        assertEquals(Rp.EXIT_INVALID_INPUT, r.exit());
        assertTrue(r.err().contains("expected a count >= 1 but found 0"), r.err());
        Run prior = run("demo", "--prior", "0.3");
        assertEquals(Rp.EXIT_INVALID_INPUT, prior.exit());
        assertTrue(prior.err().contains("--prior"), prior.err());
    }

    @Test
    void unknownOptionsExitWithTwo() {
        Run r = run("demo", "--evnets", "10");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--evnets"), r.err());
    }

    @Test
    void helpAndVersionWork() {
        Run help = run("demo", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--sqrt-s"), help.out());
        Run version = run("--version");
        assertTrue(version.out().contains("djl 0.35.1"), version.out());
    }
}

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
    void surrogateChoiceIsValidatedAndModelsRoundTripThroughFiles() throws Exception {
        Run unknown = run("demo", "--surrogate", "nosuch", "--out", dir.resolve("u.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, unknown.exit());
        assertTrue(unknown.err().contains("expected one of [histogram, classifier") && unknown.err().contains("'nosuch'"),
                unknown.err());
        Run histogramSave = run("demo", "--histogram-events", "2000", "--grid", "51", "--save-model",
                dir.resolve("h.rpm").toString(), "--out", dir.resolve("h.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, histogramSave.exit());
        assertTrue(histogramSave.err().contains("--save-model"), histogramSave.err());
        Path model = dir.resolve("c.rpm");
        Run trained = run("demo", "-q", "--surrogate", "classifier", "--device", "cpu", "--training-rows", "20000",
                "--epochs", "1", "--events", "50", "--grid", "51", "--save-model", model.toString(), "--out",
                dir.resolve("c.json").toString());
        assertEquals(0, trained.exit(), trained.err());
        Run loaded = run("demo", "-q", "--load-model", model.toString(), "--events", "50", "--grid", "51", "--out",
                dir.resolve("l.json").toString());
        assertEquals(0, loaded.exit(), loaded.err());
        String a = Files.readString(dir.resolve("c.json"));
        String b = Files.readString(dir.resolve("l.json"));
        assertEquals(density(a), density(b), "the loaded model gives the same posterior density");
        Files.write(model, new byte[] {1, 2, 3});
        Run broken = run("demo", "--load-model", model.toString(), "--out", dir.resolve("b.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, broken.exit());
        assertTrue(broken.err().contains("truncated model file"), broken.err());
    }

    private static String density(String json) {
        int from = json.indexOf("\"density\"");
        return json.substring(from, json.indexOf(']', from));
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

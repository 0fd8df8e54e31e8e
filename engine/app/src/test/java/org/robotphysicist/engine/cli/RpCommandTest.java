package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void quietDemoWritesItsJsonAndPrintsOnlyThePath() throws Exception {
        Path out = dir.resolve("p.json");
        CliRun r = run("demo", "--quiet", "--surrogate", "histogram", "--histogram-events", "20000", "--grid", "101", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(out.toString(), r.out().trim());
        assertTrue(Files.readString(out).contains("\"schema\" : \"robot-physicist/demo-posterior/v1\""));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("p.png").toFile());
        assertEquals(900, png.getWidth(), "the posterior plot is written beside the JSON");
        assertEquals("", r.err(), "quiet mode reports no progress");

        Path other = dir.resolve("q.json");
        CliRun noPlot = run("demo", "--quiet", "--surrogate", "histogram", "--no-plot", "--histogram-events", "20000", "--grid", "101", "--out",
                other.toString());
        assertEquals(0, noPlot.exit(), noPlot.err());
        assertTrue(Files.exists(other) && !Files.exists(dir.resolve("q.png")), "--no-plot writes no PNG");
    }

    @Test
    void invalidValuesExitWithThreeAndSayWhatWasExpected() {
        CliRun r = run("demo", "--events", "0");
        assertEquals(Rp.EXIT_INVALID_INPUT, r.exit());
        assertTrue(r.err().contains("expected a count >= 1 but found 0"), r.err());
        CliRun prior = run("demo", "--prior", "0.3");
        assertEquals(Rp.EXIT_INVALID_INPUT, prior.exit());
        assertTrue(prior.err().contains("--prior"), prior.err());
    }

    @Test
    void surrogateChoiceIsValidatedAndModelsRoundTripThroughFiles() throws Exception {
        CliRun unknown = run("demo", "--surrogate", "nosuch", "--out", dir.resolve("u.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, unknown.exit());
        assertTrue(unknown.err().contains("expected one of [exact, histogram, classifier")
                && unknown.err().contains("'nosuch'"), unknown.err());
        CliRun histogramSave = run("demo", "--surrogate", "histogram", "--histogram-events", "2000", "--grid", "51", "--save-model",
                dir.resolve("h.rpm").toString(), "--out", dir.resolve("h.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, histogramSave.exit());
        assertTrue(histogramSave.err().contains("--save-model"), histogramSave.err());
        Path model = dir.resolve("c.rpm");
        CliRun trained = run("demo", "-q", "--surrogate", "classifier", "--device", "cpu", "--training-rows", "20000",
                "--epochs", "1", "--events", "50", "--grid", "51", "--save-model", model.toString(), "--out",
                dir.resolve("c.json").toString());
        assertEquals(0, trained.exit(), trained.err());
        CliRun loaded = run("demo", "-q", "--load-model", model.toString(), "--events", "50", "--grid", "51", "--out",
                dir.resolve("l.json").toString());
        assertEquals(0, loaded.exit(), loaded.err());
        String a = Files.readString(dir.resolve("c.json"));
        String b = Files.readString(dir.resolve("l.json"));
        assertEquals(density(a), density(b), "the loaded model gives the same posterior density");
        Files.write(model, new byte[] {1, 2, 3});
        CliRun broken = run("demo", "--load-model", model.toString(), "--out", dir.resolve("b.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, broken.exit());
        assertTrue(broken.err().contains("truncated model file"), broken.err());
    }

    private static String density(String json) {
        int from = json.indexOf("\"density\"");
        return json.substring(from, json.indexOf(']', from));
    }

    @Test
    void unknownOptionsExitWithTwo() {
        CliRun r = run("demo", "--evnets", "10");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--evnets"), r.err());
    }

    @Test
    void helpAndVersionWork() {
        CliRun help = run("demo", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--sqrt-s"), help.out());
        CliRun version = run("--version");
        assertTrue(version.out().contains("djl 0.35.1"), version.out());
    }
}

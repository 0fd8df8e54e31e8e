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
        CliRun r = run("demo", "--quiet", "--histogram-events", "20000", "--grid", "101", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(out.toString(), r.out().trim());
        assertTrue(Files.readString(out).contains("\"schema\" : \"robot-physicist/demo-posterior/v1\""));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("p.png").toFile());
        assertEquals(900, png.getWidth(), "the posterior plot is written beside the JSON");
        assertEquals("", r.err(), "quiet mode reports no progress");

        Path other = dir.resolve("q.json");
        CliRun noPlot = run("demo", "--quiet", "--no-plot", "--histogram-events", "20000", "--grid", "101", "--out",
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

package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.engine.api.PosteriorDocument;

class TrainPosteriorCommandTest {
    @TempDir
    Path dir;

    private Path simulate(String name, double phi, int n) {
        Path csv = dir.resolve(name);
        CliRun r = CliRun.of("simulate", "-q", "--simulator", "weinberg-lo", "--theta", "0.2312", "--phi",
                String.valueOf(phi), "--events", String.valueOf(n), "--seed", "5", "--out", csv.toString());
        assertEquals(0, r.exit(), r.err());
        return csv;
    }

    @Test
    void trainThenPosteriorFromTheModelFile() throws Exception {
        Path model = dir.resolve("w.rpm");
        CliRun train = CliRun.of("train", "-q", "--phi", "58", "--prior", "0.15,0.35", "--training-rows", "20000",
                "--epochs", "2", "--events", "20", "--device", "cpu", "--output", model.toString());
        assertEquals(0, train.exit(), train.err());
        assertEquals(model.toString(), train.out().trim(), "quiet mode prints only the model file");
        assertTrue(Files.size(model) > 1000, "model file written");
        BufferedImage curve = ImageIO.read(dir.resolve("w-training.png").toFile());
        assertEquals(900, curve.getWidth(), "training curve beside the model");

        Path events = simulate("ev.csv", 58, 200);
        Path json = dir.resolve("p.json");
        CliRun post = CliRun.of("posterior", "--model", model.toString(), "--events", events.toString(), "--grid",
                "101", "--out", json.toString());
        assertEquals(0, post.exit(), post.err());
        assertTrue(post.out().contains("sin2_theta_w = ") && post.out().contains("68% ["), post.out());
        JsonNode doc = Json.mapper().readTree(json.toFile());
        assertEquals(PosteriorDocument.SCHEMA, doc.get("schema").asText());
        assertEquals(200, doc.get("events").asInt());
        assertEquals(58.0, doc.get("phi").get(0).asDouble(), "phi read from the CSV's phi column");
        assertEquals(101, doc.get("density").size());
        double mass = 0;
        for (JsonNode d : doc.get("density")) {
            mass += d.asDouble() * 0.2 / 100;
        }
        assertEquals(1.0, mass, 0.02, "the density integrates to 1 on the grid");
        assertTrue(Files.exists(dir.resolve("p.png")), "plot beside the JSON");

        CliRun other = CliRun.of("posterior", "--model", model.toString(), "--simulator", "toy-gaussian", "--phi", "1",
                "--events", events.toString(), "--out", dir.resolve("o.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, other.exit(), other.err());
        assertTrue(other.err().contains("--simulator: expected 'weinberg-lo', the simulator the model was trained on,"
                + " but found 'toy-gaussian'"), other.err());
        CliRun wide = CliRun.of("posterior", "--model", model.toString(), "--prior", "0.1,0.4", "--events",
                events.toString(), "--out", dir.resolve("w.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, wide.exit(), wide.err());
        assertTrue(wide.err().contains("--prior: expected a box inside the model's trained theta range"), wide.err());
    }

    @Test
    void posteriorFromAHistogramBuiltOnTheSpotCoversTheTruth() throws Exception {
        Path events = simulate("ev.csv", 58, 2000);
        Path json = dir.resolve("h.json");
        CliRun post = CliRun.of("posterior", "-q", "--no-plot", "--surrogate", "histogram", "--prior", "0.15,0.35",
                "--histogram-events", "50000", "--events", events.toString(), "--grid", "201", "--out",
                json.toString());
        assertEquals(0, post.exit(), post.err());
        assertEquals(json.toString(), post.out().trim());
        JsonNode summary = Json.mapper().readTree(json.toFile()).get("summary");
        double mean = summary.get("mean").get(0).asDouble();
        double sd = summary.get("standardDeviation").get(0).asDouble();
        assertWithinSigmas("posterior mean vs hidden sin^2(theta_W)", 0.2312, mean, sd, 3);
        assertTrue(!Files.exists(dir.resolve("h.png")), "--no-plot");
    }

    @Test
    void badInputExitsWithThreeOrTwoAndSaysWhatWasExpected() throws Exception {
        Path events = simulate("ev.csv", 58, 50);
        CliRun both = CliRun.of("train", "--phi", "58", "--phi-range", "50,60", "--output", dir.resolve("x").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, both.exit());
        assertTrue(both.err().contains("exactly one of --phi V or --phi-range LO,HI but found both"), both.err());
        CliRun kind = CliRun.of("train", "--phi", "58", "--surrogate", "nosuch", "--output", dir.resolve("y").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, kind.exit());
        assertTrue(kind.err().contains("'nosuch'"), kind.err());
        CliRun tabulated = CliRun.of("train", "--phi", "58", "--surrogate", "histogram");
        assertEquals(Rp.EXIT_INVALID_INPUT, tabulated.exit());
        assertTrue(tabulated.err().contains("rp posterior --surrogate"), tabulated.err());
        CliRun list = CliRun.of("train", "--list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("classifier") && list.out().contains("[tabulated when used: rp posterior"
                + " --surrogate histogram]"), list.out());
        CliRun range = CliRun.of("train", "--phi-range", "10,2000", "--output", dir.resolve("z").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, range.exit());
        assertTrue(range.err().contains("--phi-range: expected a box inside"), range.err());

        CliRun neither = CliRun.of("posterior", "--events", events.toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, neither.exit());
        assertTrue(neither.err().contains("--model FILE or --surrogate KIND but found neither"), neither.err());
        Path broken = dir.resolve("broken.rpm");
        Files.writeString(broken, "not a model");
        CliRun damaged = CliRun.of("posterior", "--model", broken.toString(), "--events", events.toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, damaged.exit(), damaged.err());
        Path garbage = dir.resolve("garbage.csv");
        Files.writeString(garbage, "x:cos_theta\n0.1\nnot-a-number\n");
        CliRun csv = CliRun.of("posterior", "--surrogate", "exact", "--phi", "58", "--events", garbage.toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, csv.exit(), csv.err());
        CliRun missingEvents = CliRun.of("posterior", "--surrogate", "exact");
        assertEquals(2, missingEvents.exit(), "a missing required option is a usage error");
        CliRun farPhi = CliRun.of("posterior", "--surrogate", "exact", "--phi", "5000", "--events", events.toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, farPhi.exit());
        assertTrue(farPhi.err().contains("--phi[0]: expected a value in"), farPhi.err());
    }

    @Test
    void serveRefusesBadModelsAndAddressesBeforeListening() {
        CliRun missing = CliRun.of("serve", "--port", "0", "--model", "w=" + dir.resolve("missing.rpm"));
        assertEquals(Rp.EXIT_INVALID_INPUT, missing.exit(), missing.err());
        assertTrue(missing.err().contains("missing.rpm"), missing.err());
        CliRun noName = CliRun.of("serve", "--port", "0", "--model", "w.rpm");
        assertEquals(2, noName.exit(), "NAME=FILE is a usage error: " + noName.err());
        CliRun port = CliRun.of("serve", "--port", "70000", "--model", "w=" + dir.resolve("w.rpm"));
        assertEquals(Rp.EXIT_INVALID_INPUT, port.exit());
        assertTrue(port.err().contains("port: expected 0 (any free port) to 65535 but found 70000"), port.err());
        CliRun none = CliRun.of("serve");
        assertEquals(2, none.exit(), "--model is required");
    }

    @Test
    void anUnknownSurrogateIsNamedBeforeAnythingElse() {
        CliRun r = CliRun.of("train", "--surrogate", "bogus", "--output", dir.resolve("b.rpm").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, r.exit());
        assertTrue(r.err().contains("--surrogate: expected one of [") && r.err().contains("classifier")
                && r.err().contains("(rp train --list) but found 'bogus'"), r.err());
        assertTrue(!r.err().contains("phi"), "nothing about phi first: " + r.err());
    }

    @Test
    void eventsThatAreADirectoryOrBinaryAreNamedAsSuch() throws Exception {
        Path folder = java.nio.file.Files.createDirectory(dir.resolve("events"));
        CliRun directory = CliRun.of("posterior", "--surrogate", "exact", "--phi", "58", "--events", folder.toString(),
                "--out", dir.resolve("p.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, directory.exit());
        assertTrue(directory.err().contains("expected a file but found the directory " + folder), directory.err());
        Path binary = dir.resolve("a.out");
        java.nio.file.Files.write(binary, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0x1B, '[', '2', 'J', 0});
        CliRun bytes = CliRun.of("posterior", "--surrogate", "exact", "--phi", "58", "--events", binary.toString(),
                "--out", dir.resolve("p.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, bytes.exit());
        assertTrue(bytes.err().chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' || c == 0x7F), bytes.err());
        assertTrue(bytes.err().contains("\\x7FELF\\x02"), bytes.err());
    }
}

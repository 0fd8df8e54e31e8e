package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.io.Json;

/**
 * {@code rp posterior --range-policy}: a --prior or a φ beyond the model's trained ranges is refused
 * by default with a hint naming the option, and with {@code warn} evaluated, the warnings printed
 * and kept in the JSON.
 */
class PosteriorRangePolicyCommandTest {
    @TempDir
    Path dir;

    private Path simulate(String name, double phi) {
        Path csv = dir.resolve(name);
        CliRun r = CliRun.of("simulate", "-q", "--simulator", "weinberg-lo", "--theta", "0.25", "--phi",
                String.valueOf(phi), "--events", "100", "--seed", "9", "--out", csv.toString());
        assertEquals(0, r.exit(), r.err());
        return csv;
    }

    private CliRun posterior(Path model, Path events, String prior, String policy, String out) {
        return CliRun.of("posterior", "-q", "--no-plot", "--model", model.toString(), "--events", events.toString(),
                "--prior", prior, "--grid", "31", "--range-policy", policy, "--out", dir.resolve(out).toString());
    }

    @Test
    void failRefusesWithTheHintAndWarnExtrapolatesWithWarnings() throws Exception {
        Path model = dir.resolve("w.rpm");
        CliRun train = CliRun.of("train", "-q", "--phi", "58", "--prior", "0.2,0.3", "--training-rows", "4000",
                "--epochs", "1", "--events", "100", "--device", "cpu", "--output", model.toString());
        assertEquals(0, train.exit(), train.err());
        Path at58 = simulate("a.csv", 58);
        Path at62 = simulate("b.csv", 62);

        CliRun widePrior = posterior(model, at58, "0.15,0.35", "fail", "f1.json");
        assertEquals(Rp.EXIT_INVALID_INPUT, widePrior.exit(), widePrior.err());
        assertTrue(widePrior.err().contains("--prior: expected a box inside the model's trained theta range")
                && widePrior.err().contains("--range-policy warn"), widePrior.err());
        CliRun otherPhi = posterior(model, at62, "0.2,0.3", "fail", "f2.json");
        assertEquals(Rp.EXIT_INVALID_INPUT, otherPhi.exit(), otherPhi.err());
        assertTrue(otherPhi.err().contains("experiment 0 phi (inside the surrogate's phi range)")
                && otherPhi.err().contains("--range-policy warn"), otherPhi.err());

        CliRun warned = posterior(model, at62, "0.15,0.35", "warn", "w.json");
        assertEquals(0, warned.exit(), warned.err());
        assertTrue(warned.err().contains("warning: prior support") && warned.err().contains(
                "warning: experiment 0 phi [62.0] reaches outside"), warned.err());
        JsonNode doc = Json.mapper().readTree(dir.resolve("w.json").toFile());
        assertEquals(2, doc.get("warnings").size(), doc.get("warnings").toString());
        assertEquals(0.15, doc.get("gridLower").get(0).asDouble(), 1e-12, "the grid spans the wider prior");

        CliRun unknown = posterior(model, at58, "0.2,0.3", "ignore", "u.json");
        assertEquals(Rp.EXIT_INVALID_INPUT, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("--range-policy: expected fail or warn but found 'ignore'"), unknown.err());
    }
}

package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.io.Json;

/** {@code rp posterior --samples}: draws as CSV and JSON, several experiments, the sampler choice, bad input. */
class PosteriorSamplesCommandTest {
    @TempDir
    Path dir;

    private Path simulate(String name, double phi, int n, long seed) {
        Path csv = dir.resolve(name);
        CliRun r = CliRun.of("simulate", "-q", "--simulator", "weinberg-lo", "--theta", "0.2312", "--phi",
                String.valueOf(phi), "--events", String.valueOf(n), "--seed", String.valueOf(seed), "--out",
                csv.toString());
        assertEquals(0, r.exit(), r.err());
        return csv;
    }

    @Test
    void twoExperimentsAtDifferentSettingsGiveSamplesAsCsvAndJson() throws Exception {
        Path low = simulate("low.csv", 58, 300, 5);
        Path high = simulate("high.csv", 81, 300, 6);
        Path json = dir.resolve("p.json");
        Path csv = dir.resolve("samples.csv");
        CliRun post = CliRun.of("posterior", "--no-plot", "--surrogate", "exact", "--prior", "0.15,0.35", "--events",
                low.toString(), "--events", high.toString(), "--grid", "201", "--samples", "2000", "--samples-out",
                csv.toString(), "--seed", "9", "--out", json.toString());
        assertEquals(0, post.exit(), post.err());
        assertTrue(post.out().contains("300 events at sqrt_s = 58") && post.out().contains("300 events at sqrt_s = 81"),
                post.out());
        JsonNode doc = Json.mapper().readTree(json.toFile());
        assertEquals(600, doc.get("events").asInt());
        assertEquals(2, doc.get("experiments").size());
        assertEquals(81.0, doc.get("experiments").get(1).get("phi").get(0).asDouble());
        assertEquals("grid", doc.get("sampler").asText());
        assertEquals(2000, doc.get("samples").size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("sin2_theta_w", lines.get(0), "theta names as header");
        assertEquals(2001, lines.size());
        double mean = 0;
        for (String line : lines.subList(1, lines.size())) {
            double v = Double.parseDouble(line);
            assertTrue(v >= 0.15 && v <= 0.35, "sample " + v + " outside the prior");
            mean += v / 2000;
        }
        double gridMean = doc.get("summary").get("mean").get(0).asDouble();
        double sd = doc.get("summary").get("standardDeviation").get(0).asDouble();
        assertClose("CSV sample mean vs grid mean (4 Monte Carlo errors)", gridMean, mean, 4 * sd / Math.sqrt(2000));
        assertEquals(doc.get("samples").get(7).get(0).asDouble(), Double.parseDouble(lines.get(8)),
                "CSV and JSON hold the same draws");
    }

    @Test
    void experimentsComeFromPhiPerFileOrFromAPhiColumnWithSeveralValues() throws Exception {
        Path low = simulate("low.csv", 58, 200, 5);
        Path high = simulate("high.csv", 81, 200, 6);
        Path pairs = dir.resolve("pairs.json");
        CliRun paired = CliRun.of("posterior", "-q", "--no-plot", "--surrogate", "exact", "--prior", "0.15,0.35",
                "--events", low.toString(), "--phi", "58", "--events", high.toString(), "--phi", "81", "--grid", "201",
                "--out", pairs.toString());
        assertEquals(0, paired.exit(), paired.err());
        Path mixed = dir.resolve("mixed.csv");
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(low).stream().filter(l -> !l.startsWith("#"))
                .toList());
        rows.addAll(Files.readAllLines(high).stream().filter(l -> !l.startsWith("#")).skip(1).toList());
        Files.write(mixed, rows);
        Path column = dir.resolve("column.json");
        CliRun split = CliRun.of("posterior", "-q", "--no-plot", "--surrogate", "exact", "--prior", "0.15,0.35",
                "--events", mixed.toString(), "--grid", "201", "--out", column.toString());
        assertEquals(0, split.exit(), split.err());
        JsonNode a = Json.mapper().readTree(pairs.toFile());
        JsonNode b = Json.mapper().readTree(column.toFile());
        assertEquals(2, b.get("experiments").size(), "one experiment per phi value in the column");
        assertEquals(81.0, b.get("experiments").get(1).get("phi").get(0).asDouble());
        assertEquals(200, b.get("experiments").get(1).get("events").asInt());
        assertClose("posterior mean: paired --phi vs phi column", a.get("summary").get("mean").get(0).asDouble(),
                b.get("summary").get("mean").get(0).asDouble(), 1e-12);
    }

    @Test
    void mcmcOnRequestAgreesWithTheGrid() throws Exception {
        Path events = simulate("ev.csv", 58, 200, 7);
        Path grid = dir.resolve("g.json");
        Path mcmc = dir.resolve("m.json");
        CliRun g = CliRun.of("posterior", "-q", "--no-plot", "--surrogate", "exact", "--prior", "0.15,0.35",
                "--events", events.toString(), "--out", grid.toString());
        assertEquals(0, g.exit(), g.err());
        CliRun m = CliRun.of("posterior", "--no-plot", "--surrogate", "exact", "--prior", "0.15,0.35", "--events",
                events.toString(), "--sampler", "mcmc", "--samples", "500", "--out", mcmc.toString());
        assertEquals(0, m.exit(), m.err());
        assertTrue(m.out().contains("MCMC, 16 chains"), m.out());
        JsonNode gs = Json.mapper().readTree(grid.toFile()).get("summary");
        JsonNode doc = Json.mapper().readTree(mcmc.toFile());
        assertEquals("mcmc", doc.get("sampler").asText());
        assertTrue(doc.get("density").isNull(), "no grid under MCMC");
        assertTrue(doc.get("mcmc").get("maxRhat").asDouble() < 1.01, doc.get("mcmc").toString());
        assertEquals(500, doc.get("samples").size());
        double sd = gs.get("standardDeviation").get(0).asDouble();
        // ESS >= 400 per the R-hat/ESS check: 0.25 sd is 5 Monte Carlo errors of the mean.
        assertClose("MCMC vs grid mean in sd", 0, (doc.get("summary").get("mean").get(0).asDouble()
                - gs.get("mean").get(0).asDouble()) / sd, 0.25);
        assertClose("MCMC / grid sd", 1, doc.get("summary").get("standardDeviation").get(0).asDouble() / sd, 0.1);
    }

    /** --chains reaches the sampler; a count out of range, or chains with the grid, are refused naming them. */
    @Test
    void chainsReachTheSamplerAndAreRefusedOutOfRangeOrWithTheGrid() throws Exception {
        Path events = simulate("ev.csv", 58, 50, 9);
        Path out = dir.resolve("c.json");
        CliRun m = CliRun.of("posterior", "--no-plot", "--surrogate", "exact", "--prior", "0.15,0.35", "--events",
                events.toString(), "--sampler", "mcmc", "--chains", "32", "--samples", "100", "--out", out.toString());
        assertEquals(0, m.exit(), m.err());
        assertTrue(m.out().contains("MCMC, 32 chains"), m.out());
        assertEquals(32, Json.mapper().readTree(out.toFile()).get("mcmc").get("chains").asInt());
        CliRun few = CliRun.of("posterior", "--surrogate", "exact", "--events", events.toString(), "--sampler",
                "mcmc", "--chains", "2", "--out", dir.resolve("f.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, few.exit(), few.err());
        assertTrue(few.err().contains("chains: expected 4 to 1024 MCMC chains but found 2"), few.err());
        CliRun grid = CliRun.of("posterior", "--surrogate", "exact", "--events", events.toString(), "--chains", "32",
                "--out", dir.resolve("g.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, grid.exit(), grid.err());
        assertTrue(grid.err().contains("chains: expected the default 16 with the grid (chains are MCMC's) but found"
                + " 32"), grid.err());
    }

    @Test
    void badSampleOptionsAreRefused() {
        Path events = simulate("ev.csv", 58, 50, 8);
        CliRun zero = CliRun.of("posterior", "--surrogate", "exact", "--events", events.toString(), "--samples", "0",
                "--out", dir.resolve("z.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, zero.exit(), zero.err());
        assertTrue(zero.err().contains("samples: expected a number of posterior samples in [1, 1000000] but found 0"),
                zero.err());
        CliRun kind = CliRun.of("posterior", "--surrogate", "exact", "--events", events.toString(), "--sampler",
                "hmc", "--out", dir.resolve("k.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, kind.exit(), kind.err());
        assertTrue(kind.err().contains("sampler: expected one of auto, grid, mcmc but found 'hmc'"), kind.err());
        CliRun lonely = CliRun.of("posterior", "--surrogate", "exact", "--events", events.toString(),
                "--samples-out", dir.resolve("s.csv").toString(), "--out", dir.resolve("l.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, lonely.exit(), lonely.err());
        assertTrue(lonely.err().contains("--samples-out: expected --samples N"), lonely.err());
        CliRun phis = CliRun.of("posterior", "--surrogate", "exact", "--events", events.toString(), "--events",
                events.toString(), "--phi", "58", "--out", dir.resolve("p.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, phis.exit(), phis.err());
        assertTrue(phis.err().contains("--phi: expected one value per --events file (2 x 1 number(s))"), phis.err());
    }
}

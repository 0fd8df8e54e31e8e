package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.models.file.ModelFile;

/**
 * {@code rp train --contrast K [--contrast-odds GAMMA]}: a classifier trained with the contrastive
 * cross-entropy records K, γ and the objective in its model file (with a score weight too, both); the
 * flags are refused for other kinds and out of range, each with a message that says why.
 */
class ContrastCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... more) {
        return CliRun.of(ScoreWeightCommandTest.TINY_WEINBERG, more);
    }

    @Test
    void aClassifierTrainedWithAContrastRecordsItAndItsObjective() {
        Path model = dir.resolve("c.rpm");
        CliRun r = run("--contrast", "4", "--score-weight", "10", "-o", model.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> config = ModelFile.read(model).manifest().provenance().config();
        assertEquals(Map.of("classes", 4, "gamma", 1.0), config.get("contrast"), "the contrast: " + config);
        assertEquals("contrastive-likelihood-to-evidence(K=4, gamma=1.0)+score", config.get("objective"),
                "the objective: " + config);

        Path plain = dir.resolve("p.rpm");
        assertEquals(0, run("-o", plain.toString()).exit());
        Map<String, Object> binary = ModelFile.read(plain).manifest().provenance().config();
        assertEquals(Map.of("classes", 1, "gamma", 1.0), binary.get("contrast"), "binary by default: " + binary);
        assertEquals("bce-likelihood-to-evidence", binary.get("objective"));

        Path odds = dir.resolve("o.rpm");
        CliRun weighted = run("--contrast", "4", "--contrast-odds", "0.5", "-o", odds.toString());
        assertEquals(0, weighted.exit(), weighted.err());
        Map<String, Object> oddsConfig = ModelFile.read(odds).manifest().provenance().config();
        assertEquals(Map.of("classes", 4, "gamma", 0.5), oddsConfig.get("contrast"), "the odds: " + oddsConfig);
        assertEquals("contrastive-likelihood-to-evidence(K=4, gamma=0.5)", oddsConfig.get("objective"));
    }

    @Test
    void theFlagIsRefusedForOtherKindsAndOutOfRange() {
        CliRun nsf = run("--surrogate", "nsf", "--contrast", "4", "-o", dir.resolve("n.rpm").toString());
        assertNotEquals(0, nsf.exit());
        assertTrue(nsf.err().contains("contrast: expected it set only for the 'classifier' surrogate")
                && nsf.err().contains("'nsf'"), nsf.err());
        CliRun zero = run("--contrast", "0", "-o", dir.resolve("z.rpm").toString());
        assertNotEquals(0, zero.exit());
        assertTrue(zero.err().contains("expected 1 to 1024 candidate parameters per event but found 0"), zero.err());
        CliRun flowOdds = run("--surrogate", "maf", "--contrast-odds", "2", "-o", dir.resolve("m.rpm").toString());
        assertNotEquals(0, flowOdds.exit());
        assertTrue(flowOdds.err().contains("contrast odds: expected it set only for the 'classifier' surrogate")
                && flowOdds.err().contains("'maf'"), flowOdds.err());
        CliRun zeroOdds = run("--contrast-odds", "0", "-o", dir.resolve("zo.rpm").toString());
        assertNotEquals(0, zeroOdds.exit());
        assertTrue(zeroOdds.err().contains("contrastive gamma: expected a finite value > 0 but found 0.0"),
                zeroOdds.err());
    }
}

package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rp posterior} prints the HPD region beside a central interval only when they differ
 * materially: at √s = 91 GeV the forward-backward asymmetry of e⁺e⁻ → μ⁺μ⁻ is nearly symmetric
 * about sin²θ_W ≈ 0.25, so 2000 events at sin²θ_W = 0.2312 leave two modes and the 68% HPD
 * region is two intervals; at 58 GeV the posterior is unimodal and close to symmetric.
 */
class PosteriorHpdCommandTest {
    @TempDir
    Path dir;

    String posteriorLine(double phi) {
        Path csv = dir.resolve("events-" + (int) phi + ".csv");
        CliRun sim = CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.2312", "--phi",
                Double.toString(phi), "--events", "2000", "--seed", "3", "--out", csv.toString(), "-q");
        assertEquals(0, sim.exit(), sim.err());
        CliRun r = CliRun.of("posterior", "--surrogate", "exact", "--prior", "0.15,0.35", "--events", csv.toString(),
                "--no-plot", "--out", dir.resolve("posterior-" + (int) phi + ".json").toString());
        assertEquals(0, r.exit(), r.err());
        return r.out().lines().filter(l -> l.startsWith("sin2_theta_w = ")).findFirst().orElseThrow();
    }

    @Test
    void aBimodalPosteriorShowsItsHpdRegionAndAUnimodalOneDoesNot() {
        String bimodal = posteriorLine(91);
        assertTrue(bimodal.matches(".*; 68% \\[0\\.\\d{5}, 0\\.\\d{5}\\] \\(HPD \\[0\\.\\d{5}, 0\\.\\d{5}\\] U"
                + " \\[0\\.\\d{5}, 0\\.\\d{5}\\]\\);.*"), bimodal);
        String unimodal = posteriorLine(58);
        assertFalse(unimodal.contains("HPD"), unimodal);
    }
}

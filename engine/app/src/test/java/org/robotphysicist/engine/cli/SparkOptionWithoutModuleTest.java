package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the spark module on the class path (the engine's own tests), {@code --spark} is refused
 * as invalid input naming the module, its jars and how the launcher adds them, before any work.
 */
class SparkOptionWithoutModuleTest {

    @Test
    void simulateWithSparkNamesTheMissingModule(@TempDir Path dir) {
        CliRun r = CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.2312", "--phi", "58", "--events",
                "10", "--spark", "local[2]", "--out", dir.resolve("w.parquet").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("--spark: expected the spark module (rp-spark.jar and its libraries")
                && r.err().contains("but found no backend on the class path"), r.err());
        assertTrue(!Files.exists(dir.resolve("w.parquet")), "nothing written");
    }

    @Test
    void posteriorWithSparkNamesTheMissingModule(@TempDir Path dir) {
        CliRun r = CliRun.of("posterior", "--surrogate", "exact", "--events", dir.resolve("w.parquet").toString(),
                "--spark", "local[2]", "--out", dir.resolve("p.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("expected the spark module"), r.err());
    }
}

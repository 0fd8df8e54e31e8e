package org.robotphysicist.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rp simulate --spark} then {@code rp posterior --spark} on {@code local[2,3]} print the
 * posterior that the same commands print without Spark, from the CSV of the same seed, and
 * {@code rp design --spark} the same round: the commands find the spark module through the
 * engine's service interface.
 */
class SparkCommandLineTest {

    @org.junit.jupiter.api.BeforeAll
    static void start() {
        SparkFixtures.session(); // the commands' backend joins it
    }

    private static String[] run(String... args) {
        return SparkFixtures.rp(0, args).out().split("\n");
    }

    /** The printed summary line of the parameter. */
    private static String summary(String[] lines) {
        return Arrays.stream(lines).filter(l -> l.startsWith("sin2_theta_w = ")).findFirst().orElseThrow();
    }

    @Test
    void posteriorOfSimulatedParquetOnSparkPrintsTheCsvPosterior() {
        Path dir = SparkFixtures.tempDir();
        List<String> simulate = List.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.2312", "--phi-range",
                "55,85", "--pairs", "3", "--events", "700", "--seed", "3", "-q");
        String parquet = dir.resolve("w.parquet").toString();
        String csv = dir.resolve("w.csv").toString();
        run(concat(simulate, "--spark", SparkFixtures.MASTER, "--partitions", "3", "--out", parquet));
        run(concat(simulate, "--out", csv));
        List<String> posterior = List.of("posterior", "--surrogate", "exact", "--prior", "0.15,0.35", "--no-plot");
        String[] onSpark = run(concat(posterior, "--spark", SparkFixtures.MASTER, "--events", parquet, "--out",
                dir.resolve("spark.json").toString()));
        String[] local = run(concat(posterior, "--events", csv, "--out", dir.resolve("csv.json").toString()));
        assertEquals(summary(local), summary(onSpark), "posterior summary on Spark against the CSV's");
        assertTrue(Arrays.stream(onSpark).filter(l -> l.startsWith("700 events at sqrt_s")).count() == 3,
                String.join("\n", onSpark));
    }

    @Test
    void designWithEigOnSparkChoosesWhatTheSingleMachineChooses() {
        Path dir = SparkFixtures.tempDir();
        List<String> design = List.of("design", "--simulator", "weinberg-lo", "--rounds", "1", "--surrogate", "exact",
                "--grid", "101", "--eig-datasets", "8", "--evaluations", "4", "--initial-points", "3", "--events", "300",
                "--seed", "3", "--no-plot");
        String[] onSpark = run(concat(design, "--spark", SparkFixtures.MASTER, "--out", dir.resolve("spark").toString()));
        String[] local = run(concat(design, "--out", dir.resolve("local").toString()));
        assertEquals(roundRow(local), roundRow(onSpark), "round table (setting, EIG, posterior) on Spark against the"
                + " single machine's");
    }

    /** The round table's row of round 1: φ, EIG ± s.e., events, posterior mean, sd, interval, gain. */
    private static String roundRow(String[] lines) {
        return Arrays.stream(lines).filter(l -> l.startsWith("    1 ")).findFirst().orElseThrow();
    }

    private static String[] concat(List<String> head, String... tail) {
        String[] out = head.toArray(new String[head.size() + tail.length]);
        System.arraycopy(tail, 0, out, head.size(), tail.length);
        return out;
    }
}

package org.robotphysicist.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.BlockedSimulation;
import org.robotphysicist.data.simulator.SimulationSeed;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.cluster.ClusterSimulation;
import org.robotphysicist.engine.cluster.SimulatorSpec;

/**
 * Simulation on Spark ({@code local[2,3]}, two cores) writes the events of the single-machine
 * {@link BlockedSimulation} with the same seed, bit for bit and in the same order, whatever the
 * partition count, with the CSV's column names and the provenance in every file's metadata.
 */
class SparkSimulationTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkFixtures.session();
    }

    /** Two pairs of 70 000 events: two blocks each, so partitions cut pairs and blocks. */
    static ClusterSimulation job(String simulator) {
        return ClusterSimulation.of(SimulatorSpec.named(simulator), Matrix.ofRows(new double[][] {{0.2312}, {0.25}}),
                Matrix.ofRows(new double[][] {{58}, {81}}), 70_000, new SimulationSeed(17),
                Map.of("producer", "test", "seed", "17"));
    }

    @Test
    void eventsEqualTheSingleMachineOnesForOneThreeAndEightPartitions() throws Exception {
        ClusterSimulation job = job("weinberg-lo");
        double[] expected = SparkFixtures.singleMachine(new WeinbergLoSimulator(), job).table().toArray();
        for (int partitions : new int[] {1, 3, 8}) {
            Path out = SparkFixtures.tempDir().resolve("events.parquet");
            long written = SparkSimulation.write(spark, job, partitions, out.toString());
            assertEquals(140_000, written, "events written with " + partitions + " partitions");
            int files;
            try (Stream<Path> s = Files.list(out)) {
                files = (int) s.filter(p -> p.getFileName().toString().startsWith("part-")).count();
            }
            assertEquals(Math.min(partitions, 4), files, "part files (4 blocks in all) for " + partitions
                    + " partitions");
            double[] got = SparkFixtures.readInOrder(spark, out);
            assertArrayEquals(expected, got, "events of " + partitions + " partitions against the single machine's");
        }
    }

    @Test
    void filesCarryTheCsvColumnNamesAndTheProvenance() throws Exception {
        Path out = SparkFixtures.tempDir().resolve("events.parquet");
        SparkSimulation.write(spark, job("weinberg-lo"), 2, out.toString());
        assertEquals(List.of("x:cos_theta", "theta:sin2_theta_w", "phi:sqrt_s"),
                List.of(spark.read().parquet(out.toString()).columns()));
        Path first;
        try (Stream<Path> s = Files.list(out)) {
            first = s.filter(p -> p.getFileName().toString().startsWith("part-00000")).findFirst().orElseThrow();
        }
        Map<String, String> footer = SparkFixtures.footer(first);
        assertEquals("17", footer.get("seed"), "seed in the footer " + footer);
        assertEquals("0/2", footer.get(SparkSimulation.PARTITION_KEY), "partition in the footer " + footer);
    }

    @Test
    void refusesAnExistingOutput() {
        Path out = SparkFixtures.tempDir();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SparkSimulation.write(spark, job("weinberg-lo"), 2, out.toString()));
        assertTrue(e.getMessage().contains("expected a directory that does not exist yet but found"), e.getMessage());
    }
}

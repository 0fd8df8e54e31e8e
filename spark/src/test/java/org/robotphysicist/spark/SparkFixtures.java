package org.robotphysicist.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.BlockedSimulation;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.cluster.ClusterSimulation;

/** Shared helpers of the Spark tests: sessions, temporary directories, reading written datasets back. */
final class SparkFixtures {
    private SparkFixtures() {
    }

    /** Two cores, three attempts per task (so a failing task is retried). */
    static final String MASTER = "local[2,3]";
    private static SparkSession shared;

    /**
     * The session every test class of this JVM shares (starting Spark costs seconds); Spark's own
     * shutdown hook stops it when the test JVM exits. The command-line backend joins it.
     */
    static synchronized SparkSession session() {
        if (shared == null) {
            shared = SparkSessions.start(MASTER, "rp-test");
        }
        return shared;
    }

    static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("rp-spark-test");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single-machine events of {@code job} ({@link BlockedSimulation#run}, as rp simulate makes them). */
    static EventDataset singleMachine(Simulator sim, ClusterSimulation job) {
        Matrix thetas = Matrix.of(job.pairs(), job.thetaDim(), job.thetas());
        Matrix phis = Matrix.of(job.pairs(), job.phiDim(), job.phis());
        return BlockedSimulation.run(sim, thetas, phis, job.eventsPerPair(), job.seed().eventStream(), Progress.none());
    }

    /** The rows of a written dataset, file after file in partition order, each file's rows in order. */
    static double[] readInOrder(SparkSession spark, Path dir) {
        List<Double> values = new ArrayList<>();
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            for (Row r : spark.read().parquet(file.toString()).collectAsList()) {
                for (int c = 0; c < r.length(); c++) {
                    values.add(r.getDouble(c));
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The key/value metadata of one Parquet file. */
    static Map<String, String> footer(Path file) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return r.getFooter().getFileMetaData().getKeyValueMetaData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a command printed. */
    record Printed(String out, String err) {
        /** Standard output and error together. */
        String all() {
            return out + "\n" + err;
        }
    }

    /** Runs {@code rp args} in this JVM (its backend joins the shared session) and checks its exit code. */
    static Printed rp(int expectedCode, String... args) {
        picocli.CommandLine cl = org.robotphysicist.engine.cli.Rp.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute(args);
        org.junit.jupiter.api.Assertions.assertEquals(expectedCode, code, "rp " + String.join(" ", args) + ": " + out
                + err);
        return new Printed(out.toString(), err.toString());
    }
}

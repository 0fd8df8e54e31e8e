package org.robotphysicist.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.BlockedSimulation;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.cluster.ClusterSimulation;
import org.robotphysicist.engine.cluster.SimulatorSpec;

/**
 * Simulation on Spark, written as Parquet: the K·n events of a {@link ClusterSimulation} in a
 * directory of {@code part-NNNNN.parquet} files, columns as in the CSV ({@link EventColumns}),
 * the job's metadata (simulator, seed, provenance) in every file's key/value metadata.
 *
 * <p>Work: pair k's events are B = ⌈n / {@value BlockedSimulation#BLOCK_EVENTS}⌉ blocks; the
 * U = K·B blocks, in order (pair, then block), are cut into P contiguous ranges, one partition
 * each. Block b of pair k draws from the stream {@link BlockedSimulation} gives it — the b-th
 * split of the k-th split of the master seed's event stream — so file p holds rows
 * [start<sub>p</sub>, end<sub>p</sub>) of the single-machine {@code rp simulate} output, and the
 * concatenated files equal it whatever P is. A task that fails and is retried rewrites its file
 * with the same events. Each task opens its own simulator ({@link SimulatorSpec#open()}): an
 * external program runs once per running task, so once per executor core.
 *
 * <p>The files are written into a hidden sibling directory and renamed to the output when every
 * task has finished, so the output is complete or absent.
 */
public final class SparkSimulation {
    /** The key/value metadata key of the file's partition, {@code p/P}. */
    public static final String PARTITION_KEY = "partition";
    /**
     * Row groups of at most 16 MiB: a reader that streams the events (training on them,
     * {@link ParquetEventBlocks}) holds one row group, about 5·10⁵ events of four columns, at a time.
     */
    public static final long ROW_GROUP_BYTES = 16L << 20;

    private SparkSimulation() {
    }

    /**
     * Runs {@code job} on {@code spark} and writes it to {@code out}.
     *
     * @param partitions P ≥ 1, or 0 for the session's default parallelism (at most one partition per block)
     * @param out        a directory that does not exist yet (any Hadoop file system URI)
     * @return K·n, the events written
     */
    public static long write(SparkSession spark, ClusterSimulation job, int partitions, String out) {
        if (partitions < 0) {
            throw new InvalidInputException("--partitions: expected at least 1 (or 0 for the cluster's default) but"
                    + " found " + partitions);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path target = new Path(out);
        Path staging = new Path(target.getParent() == null ? new Path(".") : target.getParent(),
                "." + target.getName() + ".tmp-" + UUID.randomUUID());
        FileSystem fs = fileSystem(target, hadoop);
        try {
            if (fs.exists(target)) {
                throw new InvalidInputException("--out: expected a directory that does not exist yet but found " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not check " + out + ": " + e.getMessage(), e);
        }
        long units = (long) job.pairs() * blocks(job.eventsPerPair());
        int p = (int) Math.max(1, Math.min(units, partitions > 0 ? partitions : jsc.defaultParallelism()));
        Broadcast<ClusterSimulation> shared = jsc.broadcast(job);
        String dir = staging.toString();
        long written;
        try {
            written = jsc.parallelize(IntStream.range(0, p).boxed().toList(), p)
                    .mapPartitionsWithIndex((index, ignored) -> writePartition(shared.value(), index, p, dir), true)
                    .collect().stream().mapToLong(Long::longValue).sum();
            if (!fs.rename(staging, target)) {
                throw new IOException("rename of " + staging + " to " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the events to " + out + ": " + e.getMessage(), e);
        } catch (Exception e) { // a failed job: SparkException, checked to Java though Scala does not declare it
            deleteQuietly(fs, staging);
            throw SparkFailures.unwrap(e);
        }
        return written; // the broadcast is removed by Spark's context cleaner once unreachable
    }

    /** ⌈n / {@value BlockedSimulation#BLOCK_EVENTS}⌉. */
    static int blocks(int eventsPerPair) {
        return (eventsPerPair + BlockedSimulation.BLOCK_EVENTS - 1) / BlockedSimulation.BLOCK_EVENTS;
    }

    /** Writes blocks [p·U/P, (p+1)·U/P) of {@code job} to {@code dir/part-p.parquet}; returns the event count. */
    private static Iterator<Long> writePartition(ClusterSimulation job, int p, int partitions, String dir)
            throws IOException {
        int perPair = blocks(job.eventsPerPair());
        long units = (long) job.pairs() * perPair;
        long from = units * p / partitions;
        long to = units * (p + 1) / partitions;
        if (from == to) {
            return List.of(0L).iterator();
        }
        int firstPair = (int) (from / perPair);
        int lastPair = (int) ((to - 1) / perPair);
        SplittableRandom[] pairStreams = BlockedSimulation.pairStreams(job.seed().eventStream(), firstPair,
                lastPair - firstPair + 1);
        Simulator simulator = job.simulator().open();
        List<String> columns = EventColumns.labelled(simulator.dimensions());
        MessageType type = EventColumns.parquetType(columns);
        Map<String, String> metadata = new LinkedHashMap<>(job.metadata());
        metadata.put(PARTITION_KEY, p + "/" + partitions);
        Path file = new Path(dir, String.format("part-%05d.parquet", p));
        long events = 0;
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file).withType(type)
                .withExtraMetaData(metadata).withConf(new Configuration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY).withRowGroupSize(ROW_GROUP_BYTES).build()) {
            SimpleGroupFactory rows = new SimpleGroupFactory(type);
            int dx = simulator.dimensions().xDim();
            for (int pair = firstPair; pair <= lastPair; pair++) {
                List<SplittableRandom> streams = BlockedSimulation.blockStreams(pairStreams[pair - firstPair],
                        job.eventsPerPair());
                double[] theta = job.theta(pair);
                double[] phi = job.phi(pair);
                for (int b = 0; b < perPair; b++) {
                    long unit = (long) pair * perPair + b;
                    if (unit < from || unit >= to) {
                        continue;
                    }
                    int n = Math.min(BlockedSimulation.BLOCK_EVENTS, job.eventsPerPair() - b
                            * BlockedSimulation.BLOCK_EVENTS);
                    double[] x = simulator.simulate(theta, phi, n, streams.get(b)).toArray();
                    for (int e = 0; e < n; e++) {
                        Group row = rows.newGroup();
                        int c = 0;
                        for (int d = 0; d < dx; d++) {
                            row.add(c++, x[e * dx + d]);
                        }
                        for (double t : theta) {
                            row.add(c++, t);
                        }
                        for (double f : phi) {
                            row.add(c++, f);
                        }
                        writer.write(row);
                    }
                    events += n;
                }
            }
        } finally {
            SimulatorSpec.close(simulator);
        }
        return List.of(events).iterator();
    }

    private static FileSystem fileSystem(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the file system of " + path + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(FileSystem fs, Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException ignored) {
            // the failure being reported matters more than a leftover hidden directory
        }
    }
}

package org.robotphysicist.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.dataset.DatasetSchema;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.surrogate.StreamedEventSource;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * Training from Parquet, block by block: the row groups {@code rp simulate --spark} writes hold the
 * events of the CSV of the same seed, {@code rp train --events-from DIR.parquet} streams them into a
 * model whose provenance names every file, and bad datasets are refused naming file, event and
 * column.
 */
class ParquetTrainingTest {
    private static final List<String> SIMULATE = List.of("simulate", "--simulator", "weinberg-lo", "--prior",
            "0.15,0.35", "--phi-range", "55,85", "--pairs", "6000", "--events", "1", "--seed", "5", "-q");

    @BeforeAll
    static void start() {
        SparkFixtures.session(); // the commands' backend joins it
    }

    private static String run(int expectedCode, String... args) {
        return SparkFixtures.rp(expectedCode, args).all();
    }

    private static String[] with(List<String> head, String... tail) {
        String[] out = head.toArray(new String[head.size() + tail.length]);
        System.arraycopy(tail, 0, out, head.size(), tail.length);
        return out;
    }

    @Test
    void rowGroupsHoldTheCsvEventsAndRpTrainStreamsThemIntoAModelThatNamesEveryFile() throws Exception {
        Path dir = SparkFixtures.tempDir();
        String parquet = dir.resolve("train.parquet").toString();
        Path csv = dir.resolve("train.csv");
        run(0, with(SIMULATE, "--spark", SparkFixtures.MASTER, "--partitions", "3", "--out", parquet));
        run(0, with(SIMULATE, "--out", csv.toString()));

        double[] expected = EventCsv.read(csv).dataset().table().toArray();
        try (ParquetEventBlocks blocks = ParquetEventBlocks.open(List.of(parquet))) {
            assertEquals(DatasetSchema.labelled(new WeinbergLoSimulator().dimensions()), blocks.schema());
            assertEquals(3, blocks.blockCount(), "one row group in each of the 3 part files");
            assertEquals(6000, blocks.size());
            double[] streamed = new double[expected.length];
            int at = 0;
            for (int b = 0; b < blocks.blockCount(); b++) {
                double[] rows = blocks.block(b).table().toArray();
                System.arraycopy(rows, 0, streamed, at, rows.length);
                at += rows.length;
            }
            assertArrayEquals(expected, streamed, "the row groups in order against the CSV of the same seed");
            StreamedEventSource source = StreamedEventSource.scan(blocks, new WeinbergLoSimulator());
            assertEquals(6000, source.rows());
            assertTrue(source.thetaRange().lower(0) >= 0.15 && source.thetaRange().upper(0) <= 0.35,
                    "theta bounding box " + source.thetaRange());
        }

        Path model = dir.resolve("model.rpm");
        String printed = run(0, "train", "--simulator", "weinberg-lo", "--events-from", parquet, "--surrogate", "maf",
                "--epochs", "2", "--batch-size", "256", "--seed", "3", "--no-plot", "--no-certify", "--output",
                model.toString());
        assertTrue(printed.contains("training on 6000 events streamed from 3 event files in 3 block(s)"), printed);
        assertTrue(printed.contains("6000 rows streamed from event files"), printed);
        try (TrainedSurrogate trained = SurrogateFiles.load(model, LoadOptions.defaults())) {
            Map<String, Object> config = trained.provenance().config();
            assertEquals("event-files", config.get("trainingSource"));
            assertEquals(3, ((Number) config.get("eventBlocks")).intValue());
            assertEquals(6000, ((Number) config.get("eventFileRows")).intValue());
            long hashed = trained.provenance().dataHashes().keySet().stream()
                    .filter(k -> k.startsWith("event-file/") && k.endsWith(".parquet")).count();
            assertEquals(3, hashed, "a SHA-256 per part file: " + trained.provenance().dataHashes());
        }
        String mixed = run(2, "train", "--simulator", "weinberg-lo", "--events-from", parquet, csv.toString(),
                "--no-plot", "--output", dir.resolve("mixed.rpm").toString());
        assertTrue(mixed.contains("expected --events-from to name Parquet datasets only"), mixed);
        String noSpark = run(2, "posterior", "--surrogate", "exact", "--prior", "0.15,0.35", "--events", parquet,
                "--no-plot");
        assertTrue(noSpark.contains("expected --spark MASTER (e.g. --spark 'local[*]') to sum a Parquet dataset"),
                noSpark);
    }

    /** A one-file dataset of {@code columns} (required doubles) holding {@code rows}. */
    private static Path write(Path dir, String name, List<String> columns, double[][] rows) throws IOException {
        Path file = dir.resolve(name);
        MessageType type = EventColumns.parquetType(columns);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withType(type).withConf(new Configuration()).build()) {
            SimpleGroupFactory factory = new SimpleGroupFactory(type);
            for (double[] row : rows) {
                Group g = factory.newGroup();
                for (int c = 0; c < row.length; c++) {
                    g.add(c, row[c]);
                }
                writer.write(g);
            }
        }
        return file;
    }

    @Test
    void badDatasetsAreRefusedNamingFileEventAndColumn() throws Exception {
        Path dir = SparkFixtures.tempDir();
        double[][] good = new double[200][];
        for (int i = 0; i < good.length; i++) {
            good[i] = new double[] {-0.9 + 0.009 * i, 0.2 + 0.0005 * i, 60};
        }
        List<String> columns = List.of("x:cos_theta", "theta:sin2_theta_w", "phi:sqrt_s");

        Path unnamed = write(dir, "unnamed.parquet", List.of("cos_theta", "theta:sin2_theta_w", "phi:sqrt_s"), good);
        var e = assertThrows(MalformedDataException.class, () -> ParquetEventBlocks.open(List.of(unnamed.toString())));
        assertTrue(e.getMessage().contains("column 'cos_theta': expected a column named x:NAME, theta:NAME or phi:NAME"),
                e.getMessage());

        double[][] withNan = good.clone();
        withNan[150] = new double[] {Double.NaN, 0.25, 60};
        Path nan = write(dir, "nan.parquet", columns, withNan);
        try (ParquetEventBlocks blocks = ParquetEventBlocks.open(List.of(nan.toString()))) {
            e = assertThrows(MalformedDataException.class, () -> blocks.block(0));
            assertTrue(e.getMessage().contains("nan.parquet event 151 column 'x:cos_theta': expected a finite number"
                    + " but found NaN"), e.getMessage());
        }

        double[][] outside = good.clone();
        outside[42] = new double[] {0.1, 1.7, 60};
        Path wide = write(dir, "outside.parquet", columns, outside);
        try (ParquetEventBlocks blocks = ParquetEventBlocks.open(List.of(wide.toString()))) {
            e = assertThrows(MalformedDataException.class,
                    () -> StreamedEventSource.scan(blocks, new WeinbergLoSimulator()));
            assertTrue(e.getMessage().contains("outside.parquet row group 0") && e.getMessage().contains("event 43")
                    && e.getMessage().contains("expected theta inside the simulator's domain"), e.getMessage());
        }

        Path other = write(dir, "other.parquet", List.of("x:cos_theta", "theta:mu", "phi:sqrt_s"), good);
        Path first = write(dir, "first.parquet", columns, good);
        e = assertThrows(MalformedDataException.class,
                () -> ParquetEventBlocks.open(List.of(first.toString(), other.toString())));
        assertTrue(e.getMessage().contains("other.parquet: expected the columns [x:cos_theta, theta:sin2_theta_w,"
                + " phi:sqrt_s]"), e.getMessage());

        Path notParquet = dir.resolve("text.parquet");
        Files.writeString(notParquet, "x:cos_theta,theta:sin2_theta_w,phi:sqrt_s\n0.1,0.2,60\n");
        e = assertThrows(MalformedDataException.class, () -> ParquetEventBlocks.open(List.of(notParquet.toString())));
        assertTrue(e.getMessage().contains("text.parquet: expected a Parquet file but it could not be read as one"),
                e.getMessage());

        Path empty = Files.createDirectory(dir.resolve("empty.parquet"));
        e = assertThrows(MalformedDataException.class, () -> ParquetEventBlocks.open(List.of(empty.toString())));
        assertTrue(e.getMessage().contains("expected Parquet files (*.parquet) in the directory but found none"),
                e.getMessage());
    }
}

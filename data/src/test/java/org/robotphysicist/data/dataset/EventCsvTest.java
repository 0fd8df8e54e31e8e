package org.robotphysicist.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.CrescentSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;

class EventCsvTest {
    @TempDir
    Path dir;

    private EventDataset sample() {
        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        return sim.simulateBatch(Matrix.ofColumn(0.2, 0.25), Matrix.ofColumn(58, 91), 100, new SplittableRandom(9));
    }

    @Test
    void roundTripIsExactAndKeepsMetadata() {
        EventDataset d = sample();
        Path f = dir.resolve("events.csv");
        EventCsv.write(d, Map.of("simulator", "weinberg-lo", "seed", "9"), f);
        EventCsv.Contents back = EventCsv.read(f);
        assertEquals(d.schema(), back.dataset().schema());
        assertEquals(d.table(), back.dataset().table());
        assertEquals(d.sha256(), back.dataset().sha256());
        assertEquals("9", back.metadata().get("seed"));
    }

    /** Joint scores travel as score:θ columns after the others; the dataset itself is as without them. */
    @Test
    void jointScoresRoundTripExactlyAsTheLastColumns() throws IOException {
        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        var scored = sim.simulateBatchWithScores(Matrix.ofColumn(0.2, 0.25), Matrix.ofColumn(58, 91), 50,
                new SplittableRandom(9));
        Path f = dir.resolve("scored.csv");
        EventCsv.write(scored.events(), scored.scores(), Map.of("seed", "9"), f);
        assertEquals("x:cos_theta,theta:sin2_theta_w,phi:sqrt_s,score:sin2_theta_w",
                Files.readAllLines(f).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow());
        EventCsv.Contents back = EventCsv.read(f);
        assertEquals(scored.events().table(), back.dataset().table());
        assertEquals(scored.events().sha256(), back.dataset().sha256(), "the dataset is the same with or without scores");
        assertEquals(scored.scores(), back.jointScores());
        assertEquals(null, EventCsv.read(writeUnscored(scored.events())).jointScores());
        assertThrows(org.robotphysicist.data.DimensionMismatchException.class, () -> EventCsv.write(scored.events(),
                Matrix.of(3, 1, new double[3]), Map.of(), dir.resolve("bad.csv")));
    }

    private Path writeUnscored(EventDataset d) {
        Path f = dir.resolve("plain.csv");
        EventCsv.write(d, Map.of(), f);
        return f;
    }

    @Test
    void eventsOfASimulatorWithoutSettingHaveNoPhiColumns() throws IOException {
        CrescentSimulator sim = new CrescentSimulator();
        EventDataset d = sim.simulateBatch(Matrix.ofRows(new double[] {0.5, -1}, new double[] {1, 0}),
                Matrix.of(2, 0, new double[0]), 10, new SplittableRandom(4));
        Path f = dir.resolve("crescent.csv");
        EventCsv.write(d, Map.of(), f);
        assertTrue(Files.readAllLines(f).contains("x:x1,x:x2,theta:theta1,theta:theta2"), "header without phi");
        EventDataset back = EventCsv.read(f).dataset();
        assertEquals(d.table(), back.table());
        assertEquals(List.of(), back.schema().phiNames());
        assertEquals(Matrix.of(20, 0, new double[0]), back.phi());
    }

    @Test
    void datasetAccessorsSplitColumnsByRole() {
        EventDataset d = sample();
        assertEquals(200, d.size());
        assertEquals(1, d.x().cols());
        assertEquals(0.25, d.theta().get(150, 0));
        assertEquals(91.0, d.phi().get(150, 0));
        EventDataset shuffled = d.shuffled(new SplittableRandom(1));
        assertNotEquals(d.table(), shuffled.table());
        assertEquals(d.columnMeans()[1], shuffled.columnMeans()[1], 1e-12);
        assertNotEquals(d.sha256(), shuffled.sha256());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong column count | x:c,theta:t\\n0.1,0.2,0.3\\n | line 2: expected 2 values",
        "not a number       | x:c\\n0.1\\nabc\\n           | line 3 column 'c': expected a number but found 'abc'",
        "NaN                | x:c\\nNaN\\n                 | expected a finite number but found NaN",
        "infinity           | x:c\\nInfinity\\n            | expected a finite number",
        "empty file         | ''                          | the file is empty",
        "no events          | x:c,phi:s\\n                | expected at least one event",
        "bad header         | c,theta:t\\n1,2\\n           | expected header cells",
        "unknown role       | x:c,beta:t\\n1,2\\n          | found 'beta:t'",
        "roles out of order | theta:t,x:c\\n1,2\\n         | expected x columns, then theta",
        "duplicate column   | x:c,theta:c\\n1,2\\n         | 'c' appears twice",
        "type suffix        | x:c\\n0.5d\\n                | line 2 column 'c': expected a number but found '0.5d'",
        "float suffix       | x:c\\n1f\\n                  | expected a number but found '1f'",
        "hexadecimal        | x:c\\n0x1p-2\\n              | expected a number but found '0x1p-2'",
        "trailing NUL       | x:c\\n0.5\\0\\n             | expected a number but found '0.5\\x00'",
        "leading control    | x:c\\n\\u00010.5\\n         | expected a number but found '\\x010.5'",
        "bare exponent      | x:c\\n1e\\n                  | expected a number but found '1e'",
        "lone dot           | x:c\\n.\\n                   | expected a number but found '.'",
        "overflow           | x:c\\n1e999\\n               | expected a finite number but found 1e999",
        "negative infinity  | x:c\\n-Infinity\\n           | expected a finite number but found -Infinity",
        "bom not at start   | x:c\\n\\uFEFF1\\n            | found '\\uFEFF1'",
        "score not last     | x:c,theta:t,score:t,phi:s\\n1,2,3,4\\n | expected the score columns last but found 'phi:s'",
        "score of no theta  | x:c,theta:t,score:u\\n1,2,3\\n | one score column per theta column, in theta's order (score:t) but found 'score:u'",
        "scores incomplete  | x:c,theta:t,theta:u,score:t\\n1,2,3,4\\n | (score:t,score:u) but found 'score:t'",
        "NaN score          | x:c,theta:t,score:t\\n1,2,NaN\\n | line 2 column 'score:t': expected a finite number but found NaN",
        "short scored row   | x:c,theta:t,score:t\\n1,2\\n | expected 3 values (c,t,score:t) but found 2"})
    void malformedFilesAreRejectedSayingWhere(String name, String content, String expectedMessage) throws IOException {
        Path f = dir.resolve(name.replace(' ', '_') + ".csv");
        Files.writeString(f, content.replace("\\n", "\n").replace("\\0", "\0").replace("\\u0001", "\u0001")
                .replace("\\uFEFF", "\uFEFF"));
        var e = assertThrows(MalformedDataException.class, () -> EventCsv.read(f));
        assertTrue(e.getMessage().contains(expectedMessage), () -> "message was: " + e.getMessage());
    }

    @Test
    void plainDecimalAndScientificNotationAreRead() throws IOException {
        Path f = dir.resolve("plain.csv");
        Files.writeString(f, "x:c\n12\n-0.5\n+.25\n3.\n1.5e-3\n2E+2\n  7 \t\n-0\n");
        assertArrayEquals(new double[] {12, -0.5, 0.25, 3, 1.5e-3, 200, 7, -0.0},
                EventCsv.read(f).dataset().x().column(0));
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() throws IOException {
        Path f = dir.resolve("bom.csv");
        Files.writeString(f, "\uFEFFx:c,phi:s\n0.5,58\n");
        EventCsv.Contents c = EventCsv.read(f);
        assertEquals(java.util.List.of("c"), c.dataset().schema().xNames());
        assertEquals(0.5, c.dataset().x().get(0, 0));
        Path commented = dir.resolve("bom-comment.csv");
        Files.writeString(commented, "\uFEFF# seed=3\nx:c\n1\n");
        assertEquals("3", EventCsv.read(commented).metadata().get("seed"));
    }

    @Test
    void aDirectoryIsNamedAsOne() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("events.csv"));
        var e = assertThrows(MalformedDataException.class, () -> EventCsv.read(sub));
        assertTrue(e.getMessage().contains("expected a file but found the directory " + sub), e.getMessage());
    }

    @Test
    void aBinaryFileIsRefusedWithoutEchoingControlBytes() throws IOException {
        Path f = dir.resolve("binary.csv");
        byte[] bytes = new byte[600]; // an executable's header, then NULs: valid UTF-8, but binary
        byte[] head = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0x1B, '[', '2', 'J', 7, 0};
        System.arraycopy(head, 0, bytes, 0, head.length);
        Files.write(f, bytes);
        var e = assertThrows(MalformedDataException.class, () -> EventCsv.read(f));
        String m = e.getMessage();
        assertTrue(m.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7F), "control characters in: " + m);
        assertTrue(m.contains("'\\x7FELF\\x02\\x01\\x01\\x00\\x00\\x00\\x1B[2J\\x07\\x00"), m);
        assertTrue(m.length() < 400, "the quote is cut: " + m.length() + " characters");
    }

    @Test
    void missingFileIsNamed() {
        var e = assertThrows(MalformedDataException.class, () -> EventCsv.read(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }
}

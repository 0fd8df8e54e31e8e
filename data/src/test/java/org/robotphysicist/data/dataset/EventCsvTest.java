package org.robotphysicist.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
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
        "duplicate column   | x:c,theta:c\\n1,2\\n         | 'c' appears twice"})
    void malformedFilesAreRejectedSayingWhere(String name, String content, String expectedMessage) throws IOException {
        Path f = dir.resolve(name.replace(' ', '_') + ".csv");
        Files.writeString(f, content.replace("\\n", "\n"));
        var e = assertThrows(MalformedDataException.class, () -> EventCsv.read(f));
        assertTrue(e.getMessage().contains(expectedMessage), () -> "message was: " + e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        var e = assertThrows(MalformedDataException.class, () -> EventCsv.read(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }
}

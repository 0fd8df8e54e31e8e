package org.robotphysicist.benchmarks.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;

/** Draw files read back as written, under the names the scorer looks for; a malformed one is refused naming its line. */
class DrawFilesTest {

    @Test
    void writtenDrawsReadBackUnderTheirNames(@TempDir Path dir) throws Exception {
        DrawFiles files = new DrawFiles(dir, AccuracyTask.ObservationSet.SIMULATED);
        Matrix draws = Matrix.of(2, 2, new double[] {0.5, -1.25, 2.0, 3.0});
        files.writeReference("slcp", 0, draws);
        files.writeSecondReference("slcp", 0, draws);
        files.writeSample("slcp", 9, "maf", 1000, draws);
        assertArrayEquals(draws.toArray(), DrawFiles.read(dir.resolve("slcp-obs1-reference.csv")).toArray());
        assertArrayEquals(draws.toArray(), DrawFiles.read(dir.resolve("slcp-obs1-second-reference.csv")).toArray());
        assertArrayEquals(draws.toArray(), DrawFiles.read(dir.resolve("slcp-obs10-maf-1000.csv")).toArray());
        DrawFiles.NONE.writeReference("slcp", 0, draws); // writes nothing, and does not fail
        new DrawFiles(dir, AccuracyTask.ObservationSet.PUBLISHED).writeSample("slcp", 2, "nsf", 100, draws);
        assertArrayEquals(draws.toArray(), DrawFiles.read(dir.resolve("slcp-published-obs3-nsf-100.csv")).toArray());
    }

    @Test
    void readsDrawsAndRefusesARaggedLine(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("t-obs1-reference.csv");
        Files.writeString(good, "theta1,theta2\n0.5,-1.25\n2.0,3.0\n");
        Matrix m = DrawFiles.read(good);
        assertArrayEquals(new double[] {0.5, -1.25, 2.0, 3.0}, m.toArray());
        Path ragged = dir.resolve("t-obs1-maf-100.csv");
        Files.writeString(ragged, "theta1,theta2\n0.5,-1.25\n2.0\n");
        var e = assertThrows(InvalidInputException.class, () -> DrawFiles.read(ragged));
        assertTrue(e.getMessage().contains("line 3: expected 2 values but found 1"), e.getMessage());
        Path empty = dir.resolve("t-obs1-nsf-100.csv");
        Files.writeString(empty, "theta1\n");
        var none = assertThrows(InvalidInputException.class, () -> DrawFiles.read(empty));
        assertTrue(none.getMessage().contains("expected a header and at least one draw but found 1 lines"),
                none.getMessage());
    }
}

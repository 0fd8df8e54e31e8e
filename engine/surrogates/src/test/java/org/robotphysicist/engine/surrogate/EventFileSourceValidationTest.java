package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;

/** Event files refused with messages naming the file, the line or event, what was expected and what was found. */
class EventFileSourceValidationTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    @TempDir
    Path dir;

    /** A valid toy file of {@code rows} events, θ spread over [−1, 1], φ = 1, with {@code extra} lines appended. */
    private Path file(String name, String header, int rows, String extra) throws IOException {
        StringBuilder b = new StringBuilder("# producer=rp simulate\n").append(header).append('\n');
        for (int i = 0; i < rows; i++) {
            double theta = -1 + 2.0 * i / (rows - 1);
            b.append(theta + 0.1 * Math.sin(i)).append(',').append(theta).append(",1.0\n");
        }
        b.append(extra);
        Path p = dir.resolve(name);
        Files.writeString(p, b.toString());
        return p;
    }

    private String refusal(List<Path> files) {
        return assertThrows(InvalidInputException.class, () -> EventFileSource.read(files, TOY)).getMessage();
    }

    @Test
    void readsSeveralFilesWithTheirHashesAndRanges() throws IOException {
        Path a = file("a.csv", "x:x,theta:mu,phi:variance", 150, "");
        Path b = file("b.csv", "x:x,theta:mu,phi:variance", 150, "");
        EventFileSource s = EventFileSource.read(List.of(a, b), TOY);
        assertEquals(300, s.data().size());
        assertEquals(new Box(new double[] {-1}, new double[] {1}), s.thetaRange());
        assertEquals(new Box(new double[] {1}, new double[] {1}), s.phiRange(), "one phi setting: a point");
        assertEquals(2, s.provenanceHashes().size());
        assertEquals(s.sha256().get(a.toString()), s.sha256().get(b.toString()), "identical bytes, identical hashes");
        assertTrue(s.sha256().get(a.toString()).matches("[0-9a-f]{64}"), s.sha256().toString());
    }

    @Test
    void namesTheFileAndLineOfANonFiniteValue() throws IOException {
        Path p = file("nan.csv", "x:x,theta:mu,phi:variance", 150, "NaN,0.5,1.0\n");
        String m = refusal(List.of(p));
        assertTrue(m.contains("nan.csv line 153") && m.contains("finite number") && m.contains("NaN"), m);
        Path inf = file("inf.csv", "x:x,theta:mu,phi:variance", 150, "0.5,Infinity,1.0\n");
        String mi = refusal(List.of(inf));
        assertTrue(mi.contains("inf.csv line 153") && mi.contains("Infinity"), mi);
    }

    @Test
    void namesTheFileAndLineOfAWrongColumnCount() throws IOException {
        Path p = file("short.csv", "x:x,theta:mu,phi:variance", 150, "0.5,0.5\n");
        String m = refusal(List.of(p));
        assertTrue(m.contains("short.csv line 153") && m.contains("expected 3 values") && m.contains("found 2"), m);
    }

    @Test
    void refusesAnEmptyFileAndAFileWithoutEvents() throws IOException {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        String m = refusal(List.of(empty));
        assertTrue(m.contains("empty.csv") && m.contains("empty"), m);
        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "x:x,theta:mu,phi:variance\n");
        String h = refusal(List.of(headerOnly));
        assertTrue(h.contains("header.csv") && h.contains("at least one event"), h);
    }

    @Test
    void refusesFilesWithoutThetaOrWithOtherNames() throws IOException {
        Path observed = dir.resolve("observed.csv");
        Files.writeString(observed, "x:x\n0.1\n0.2\n");
        String m = refusal(List.of(observed));
        assertTrue(m.contains("observed.csv") && m.contains("expected theta and phi columns") && m.contains("'x:x'"),
                m);
        Path renamed = file("renamed.csv", "x:y,theta:mu,phi:variance", 150, "");
        String r = refusal(List.of(renamed));
        assertTrue(r.contains("renamed.csv") && r.contains("'x:x,theta:mu,phi:variance'") && r.contains("toy-gaussian")
                && r.contains("'x:y,theta:mu,phi:variance'"), r);
        Path a = file("a.csv", "x:y,theta:mu,phi:variance", 150, "");
        Path b = file("b.csv", "x:x,theta:mu,phi:variance", 150, "");
        String mixed = assertThrows(InvalidInputException.class, () -> EventFileSource.read(List.of(a, b), null))
                .getMessage();
        assertTrue(mixed.contains("b.csv") && mixed.contains("the header of " + a), mixed);
    }

    @Test
    void refusesValuesOutsideTheSimulatorsDomainNamingTheEvent() throws IOException {
        Path p = file("domain.csv", "x:x,theta:mu,phi:variance", 150, "0.5,0.5,-1.0\n");
        String m = refusal(List.of(p));
        assertTrue(m.contains("domain.csv event 151") && m.contains("phi") && m.contains("[-1.0]"), m);
    }

    @Test
    void refusesTooFewEventsAndThetaThatNeverVaries() throws IOException {
        Path few = file("few.csv", "x:x,theta:mu,phi:variance", 20, "");
        String m = refusal(List.of(few));
        assertTrue(m.contains("at least " + EventFileSource.MIN_ROWS) && m.contains("found 20"), m);
        Path fixed = dir.resolve("fixed.csv");
        StringBuilder b = new StringBuilder("x:x,theta:mu,phi:variance\n");
        for (int i = 0; i < 200; i++) {
            b.append(0.01 * i).append(",0.5,1.0\n");
        }
        Files.writeString(fixed, b.toString());
        String f = refusal(List.of(fixed));
        assertTrue(f.contains("'mu'") && f.contains("vary") && f.contains("0.5"), f);
    }

    @Test
    void takesNamesFromTheHeaderWithoutASimulator() throws IOException {
        Path p = file("named.csv", "x:energy,theta:mass,phi:angle", 150, "");
        EventFileSource s = EventFileSource.read(List.of(p), null);
        assertEquals(List.of("mass"), s.dimensions().thetaNames());
        assertEquals(List.of("energy"), s.dimensions().xNames());
        assertTrue(s.simulatorIfAny().isEmpty());
    }
}

package org.robotphysicist.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.MalformedDataException;

class JsonAndProvenanceTest {
    @TempDir
    Path dir;

    record Settings(int bins, double width) {
    }

    @Test
    void provenanceRoundTripsAndNamesVersions() throws Exception {
        Provenance p = Provenance.capture("test", Map.of("bins", 40), Map.of("simulation", 42L), Map.of("events", "ab"));
        Path f = dir.resolve("p.json");
        Json.writeFile(f, p);
        Provenance back = Json.readFile(f, Provenance.class);
        assertEquals(p.created(), back.created());
        assertEquals(42L, back.seeds().get("simulation"));
        assertFalse(back.versions().get("robot-physicist").contains("${"), back.versions().toString());
        assertEquals("0.35.1", back.versions().get("djl"));
        assertTrue(Files.readString(f).contains("\"producer\" : \"test\""));
    }

    @Test
    void unknownFieldsAndMalformedJsonAreRejected() {
        var e = assertThrows(MalformedDataException.class,
                () -> Json.read("{\"bins\": 3, \"width\": 1.0, \"widht\": 1.0}", Settings.class, "config"));
        assertTrue(e.getMessage().contains("widht"), e.getMessage());
        var missing = assertThrows(MalformedDataException.class,
                () -> Json.read("{\"bins\": 3}", Settings.class, "config"));
        assertTrue(missing.getMessage().contains("width"), missing.getMessage());
        assertThrows(MalformedDataException.class, () -> Json.read("{\"bins\": ", Settings.class, "config"));
        assertEquals(new Settings(3, 0.1), Json.read(Json.write(new Settings(3, 0.1)), Settings.class, "x"));
    }

    @Test
    void failedWriteLeavesThePreviousFile() throws Exception {
        Path f = dir.resolve("keep.txt");
        Files.writeString(f, "old");
        assertThrows(RuntimeException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new java.io.IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "temporary file left behind");
        }
    }
}

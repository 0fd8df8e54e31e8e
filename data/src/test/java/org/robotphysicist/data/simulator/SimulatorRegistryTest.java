package org.robotphysicist.data.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;

class SimulatorRegistryTest {
    @TempDir
    Path dir;

    @Test
    void builtInsAreListedAndCreatedByName() {
        SimulatorRegistry r = SimulatorRegistry.builtIns();
        assertEquals(List.of("toy-gaussian", "weinberg-lo", "active-sciencing-toy", "z-lineshape", "slcp", "crescent",
                "student-t", "nonlinear-6d"), r.names());
        assertInstanceOf(WeinbergLoSimulator.class, r.create("weinberg-lo"));
        for (String name : r.names()) {
            assertEquals(name, r.create(name).name(), "a simulator's own name matches its registry name");
        }
        assertFalse(r.contains("test-uniform-window"));
    }

    @Test
    void providersOnTheClassPathAreDiscoveredAndRun() {
        SimulatorRegistry r = SimulatorRegistry.discover(getClass().getClassLoader());
        assertEquals(List.of("toy-gaussian", "weinberg-lo", "active-sciencing-toy", "z-lineshape", "slcp", "crescent",
                "student-t", "nonlinear-6d", "test-uniform-window"), r.names());
        SimulatorRegistry.Entry e = r.entries().get(8);
        assertEquals(UniformWindowProvider.class.getName(), e.origin());
        Simulator s = r.create("test-uniform-window");
        Matrix x = s.simulate(new double[] {0.5}, new double[] {0.25}, 1000, new SplittableRandom(1));
        for (int i = 0; i < x.rows(); i++) {
            assertTrue(x.get(i, 0) >= 0.5 && x.get(i, 0) <= 0.75, "event " + i + " = " + x.get(i, 0));
        }
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SimulatorRegistry.discover(getClass().getClassLoader()).create("weinberg-nlo"));
        assertTrue(e.getMessage().contains("'weinberg-nlo'"), e.getMessage());
        assertTrue(e.getMessage().contains("z-lineshape, slcp, crescent, student-t, nonlinear-6d, test-uniform-window"),
                e.getMessage());
    }

    @Test
    void aProviderTakingATakenNameIsRefused() throws Exception {
        try (URLClassLoader loader = loaderListing(DuplicateNameProvider.class.getName())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SimulatorRegistry.discover(loader));
            assertTrue(e.getMessage().contains("'weinberg-lo' is already provided by built-in"), e.getMessage());
        }
    }

    @Test
    void aProviderThatCannotLoadOrHasABadNameIsReported() throws Exception {
        try (URLClassLoader loader = loaderListing("org.example.NoSuchProvider")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SimulatorRegistry.discover(loader));
            assertTrue(e.getMessage().contains("org.example.NoSuchProvider"), e.getMessage());
        }
        try (URLClassLoader loader = loaderListing(BadNameProvider.class.getName())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SimulatorRegistry.discover(loader));
            assertTrue(e.getMessage().contains("but found 'Bad Name'"), e.getMessage());
        }
    }

    /** A class loader whose services file lists {@code className} (on top of the test class path). */
    private URLClassLoader loaderListing(String className) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(SimulatorProvider.class.getName()), className + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    /** Claims a built-in's name. */
    public static final class DuplicateNameProvider implements SimulatorProvider {
        @Override
        public String name() {
            return "weinberg-lo";
        }

        @Override
        public String description() {
            return "a second weinberg-lo";
        }

        @Override
        public Simulator create() {
            return new WeinbergLoSimulator();
        }
    }

    /** Has a name that is not an identifier. */
    public static final class BadNameProvider implements SimulatorProvider {
        @Override
        public String name() {
            return "Bad Name";
        }

        @Override
        public String description() {
            return "";
        }

        @Override
        public Simulator create() {
            return new ToyGaussianSimulator();
        }
    }
}

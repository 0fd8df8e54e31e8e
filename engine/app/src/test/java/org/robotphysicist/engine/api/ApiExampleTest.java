package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles {@code examples/java-api/ApiExample.java} against the engine and runs its main path. */
class ApiExampleTest {
    static final Path EXAMPLE = Path.of("..", "..", "examples", "java-api", "src", "main", "java", "ApiExample.java");

    @TempDir
    Path classes;

    @Test
    void theExampleCompilesAndSuggestsASettingInsideTheRange() throws Exception {
        assertTrue(Files.exists(EXAMPLE), "example source at " + EXAMPLE.toAbsolutePath());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "-cp", classpath,
                EXAMPLE.toString());
        assertEquals(0, rc, "javac: " + diagnostics.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        double next;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> example = loader.loadClass("ApiExample");
            next = (double) example.getMethod("run", boolean.class, PrintStream.class).invoke(null, true,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), "three lines: " + lines);
        assertTrue(lines.get(0).startsWith("surrogate: histogram"), lines.get(0));
        assertTrue(lines.get(1).startsWith("posterior: sin2_theta_w = 0.2"), lines.get(1));
        assertTrue(next >= 40 && next <= 100, "suggested sqrt(s) inside [40, 100] but found " + next);
        assertTrue(lines.get(2).contains("next experiment: sqrt(s) ="), lines.get(2));
    }
}

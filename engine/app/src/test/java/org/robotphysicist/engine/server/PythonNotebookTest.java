package org.robotphysicist.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.data.testing.Python3;
import org.robotphysicist.engine.api.PosteriorOptions;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorSummary;
import org.robotphysicist.models.file.LoadOptions;

/**
 * Runs the code cells of {@code examples/python-notebook/robot-physicist.ipynb}, in order, as one
 * Python script with the package of {@code python/} on the path: it simulates events, trains a
 * model and starts {@code rp serve} on a loopback port through the package, then asks the server
 * for the posterior, EIG and the next setting. The posterior it prints must be the Java API's for
 * the same model file and events.
 */
class PythonNotebookTest {
    static final Path NOTEBOOK = Path.of("..", "..", "examples", "python-notebook", "robot-physicist.ipynb");
    static final Path PACKAGE = Path.of("..", "..", "python", "src");

    @TempDir
    Path dir;

    @Test
    void theNotebookRunsEndToEndAgainstALiveServer() throws Exception {
        Assumptions.assumeTrue(Python3.available(), Python3.SKIP_REASON);
        Path script = dir.resolve("notebook.py");
        Files.writeString(script, String.join("\n\n", codeCells(NOTEBOOK)) + "\n");
        Path log = dir.resolve("notebook.log");
        ProcessBuilder pb = new ProcessBuilder("python3", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("RP_COMMAND", RpProcess.shellWords(RpProcess.command()));
        pb.environment().put("PYTHONPATH", PACKAGE.toAbsolutePath().normalize().toString());
        Process p = pb.start();
        boolean finished = p.waitFor(600, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "the notebook finishes within 600 s:\n" + out);
        assertEquals(0, p.exitValue(), out);

        List<String> lines = out.lines().toList();
        assertEquals("500 events at sqrt_s = 58", lines.get(0), out);
        assertTrue(lines.get(2).matches("server ok at http://127\\.0\\.0\\.1:[0-9]+: 1 model\\(s\\), 2 worker\\(s\\)"),
                out);
        Path work = dir.resolve("runs").resolve("notebook");
        PosteriorSummary expected = javaPosterior(work.resolve("w.rpm"), work.resolve("events.csv"));
        Matcher posterior = Pattern.compile("posterior sin2_theta_w: mean (\\S+) sd (\\S+) 68% \\[.*")
                .matcher(lines.get(3));
        assertTrue(posterior.matches(), out);
        // The server may batch the classifier's float32 evaluations differently from this JVM, so the two
        // are compared to 1% of the posterior sd (measured: 4e-6, 0.05% of it), not to the last digit.
        double sd = expected.standardDeviation()[0];
        assertEquals(expected.mean()[0], Double.parseDouble(posterior.group(1)), 0.01 * sd, out);
        assertEquals(sd, Double.parseDouble(posterior.group(2)), 0.01 * sd, out);
        assertTrue(lines.get(4).startsWith("1000 draws, mean 0."), out);
        for (int k = 0; k < 5; k++) {
            assertTrue(lines.get(5 + k).startsWith("EIG at sqrt_s = " + (50 + 5 * k) + ": "), out);
        }
        String next = lines.get(10);
        assertTrue(next.startsWith("next experiment: sqrt_s = "), out);
        double phi = Double.parseDouble(next.substring("next experiment: sqrt_s = ".length(), next.indexOf(" GeV")));
        assertTrue(phi >= 50 && phi <= 70 && Math.abs((phi - 50) / 2.5 - Math.rint((phi - 50) / 2.5)) < 1e-9,
                "one of the 9 settings 50, 52.5, ..., 70 but found " + phi);
        assertEquals("server stopped", lines.get(lines.size() - 1), out);
    }

    /** The sources of the notebook's code cells, in order. */
    static List<String> codeCells(Path notebook) throws Exception {
        JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : nb.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                StringBuilder source = new StringBuilder();
                cell.get("source").forEach(line -> source.append(line.asText()));
                cells.add(source.toString());
            }
        }
        assertTrue(cells.size() >= 5, "code cells in " + notebook + ": " + cells.size());
        return cells;
    }

    /** The posterior the server's defaults give (201 grid points over the model's θ range), computed here. */
    private static PosteriorSummary javaPosterior(Path model, Path events) {
        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        EventDataset data = EventCsv.read(events).dataset();
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(Box.interval(0.15, 0.35)).settings(58);
        try (TrainedModel m = rp.load(model, LoadOptions.defaults())) {
            return rp.posterior(m.surrogate(), new Observation(data.x(), new double[] {58}),
                    PosteriorOptions.defaults()).summary();
        }
    }
}

package org.robotphysicist.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.robotphysicist.data.io.Json;

/**
 * Runs a peer script of a benchmark (under {@code benchmarks/peers}, Debian's {@code /usr/bin/python3}
 * by default) in the same run as the Java side, its standard error passed through, and reads what
 * it prints on standard output.
 *
 * @param python the interpreter
 * @param script the script's path, relative to the repository root (the working directory of
 *               every benchmark command); the system property {@code rp.peers} moves the folder
 */
public record PythonPeer(String python, String script) {

    /** The interpreter with Debian's python3-torch, scikit-learn and SciPy. */
    public static final String DEBIAN_PYTHON = "/usr/bin/python3";

    /** {@code benchmarks/peers/<name>} run by {@code python}. */
    public static PythonPeer of(String python, String name) {
        return new PythonPeer(python, System.getProperty("rp.peers", "benchmarks/peers") + "/" + name);
    }

    /**
     * Runs the script with {@code args} and extra environment variables; returns its standard output.
     *
     * @throws IllegalStateException when it exits with a non-zero status
     */
    public String run(List<String> args, Map<String, String> environment) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, script));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("peer " + script + " exited with status " + rc + "; command " + cmd
                    + "; output: " + out);
        }
        return out;
    }

    /** The whole standard output as one JSON document. */
    public JsonNode json(List<String> args, Map<String, String> environment) throws IOException, InterruptedException {
        return Json.mapper().readTree(run(args, environment));
    }

    /**
     * One JSON object per non-blank output line.
     *
     * @param expected the number of lines the script must print
     */
    public List<JsonNode> jsonLines(List<String> args, Map<String, String> environment, int expected)
            throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : run(args, environment).split("\n")) {
            if (!line.isBlank()) {
                out.add(Json.mapper().readTree(line));
            }
        }
        if (out.size() != expected) {
            throw new IllegalStateException("peer " + script + ": expected " + expected + " result lines but found "
                    + out.size() + ": " + out);
        }
        return out;
    }

    /** The numbers of a JSON array field as a Java array ({@code "rows_per_s": [..]}). */
    public static double[] doubles(JsonNode node, String field) {
        JsonNode a = node.get(field);
        if (a == null || !a.isArray()) {
            throw new IllegalStateException("peer result: expected an array field " + field + " but found " + node);
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}

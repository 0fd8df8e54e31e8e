package org.robotphysicist.data.simulator.external;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.DisplayNames;
import org.robotphysicist.data.InvalidInputException;

/**
 * One running copy of an external simulator program: start, handshake, one request at a time,
 * shutdown (docs/simulator-protocol.md). Not thread-safe: {@link ExternalSimulator} hands each
 * process to one thread at a time.
 *
 * <p>Any failure other than an {@code error} reply leaves the conversation in an unknown state,
 * so the process is killed (with its descendants) before the exception is thrown.
 */
final class SimulatorProcess {
    /** The protocol version this client speaks. */
    static final int PROTOCOL_VERSION = 1;
    private static final long GRACE_MILLIS = 2_000;
    /** How often a silent program is checked for having exited. */
    private static final long EXIT_CHECK_MILLIS = 100;

    private final ExternalSimulatorConfig config;
    private final String label;
    private final Process process;
    private final LineChannel out;
    private final StderrTail err;
    private final Writer in;
    private final ProcessTree tree;
    private Handshake handshake;
    private long nextId = 1;

    private SimulatorProcess(ExternalSimulatorConfig config, Process process, ProcessTree tree) {
        this.config = config;
        this.tree = tree;
        this.label = "external simulator '" + config.commandLine() + "'";
        this.process = process;
        long pid = process.pid();
        this.out = new LineChannel(process.getInputStream(), "rp-simulator-" + pid + "-stdout");
        this.err = new StderrTail(process.getErrorStream(), "rp-simulator-" + pid + "-stderr");
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the program and reads its handshake; the process is killed if anything fails. */
    static SimulatorProcess start(ExternalSimulatorConfig config) {
        ProcessBuilder pb = new ProcessBuilder(config.command());
        if (config.workingDirectory() != null) {
            pb.directory(new File(config.workingDirectory()));
        }
        pb.environment().putAll(config.environment());
        pb.environment().put("RP_SIMULATOR_PROTOCOL", Integer.toString(PROTOCOL_VERSION));
        ProcessTree tree = new ProcessTree();
        tree.mark(pb);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SimulatorCrashedException("external simulator '" + config.commandLine() + "': expected a program"
                    + " that can be started but " + e.getMessage(), e);
        }
        tree.root(p);
        SimulatorProcess sp = new SimulatorProcess(config, p, tree);
        try {
            sp.handshake = sp.readHandshake();
            tree.remember();
            return sp;
        } catch (RuntimeException e) {
            sp.kill();
            throw e;
        }
    }

    Handshake handshake() {
        return handshake;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    // ---------------------------------------------------------------- handshake

    private Handshake readHandshake() {
        long t = config.startupTimeoutMillis();
        List<String> first = Tokens.split(expectLine(t, "the handshake line 'rp-simulator " + PROTOCOL_VERSION + "'",
                "start-up timeout"));
        refuseIfError(first, "start");
        if (first.size() != 2 || !first.get(0).equals("rp-simulator")) {
            throw protocol("expected the handshake line 'rp-simulator " + PROTOCOL_VERSION + "' but found '"
                    + String.join(" ", first) + "'");
        }
        int version;
        try {
            version = Integer.parseInt(first.get(1));
        } catch (NumberFormatException e) {
            throw protocol("expected a protocol version number but found '" + first.get(1) + "'");
        }
        if (version != PROTOCOL_VERSION) {
            throw protocol("expected protocol version " + PROTOCOL_VERSION + " (the versions this client speaks) but"
                    + " the program speaks version " + version);
        }
        List<String> nameLine = Tokens.split(expectLine(t, "'name <name>'", "start-up timeout"));
        refuseIfError(nameLine, "start");
        if (nameLine.size() != 2 || !nameLine.get(0).equals("name") || !nameLine.get(1).matches("[A-Za-z0-9_.-]+")) {
            throw protocol("expected 'name <name>' (letters, digits, '-', '_', '.') but found '"
                    + String.join(" ", nameLine) + "'");
        }
        List<String> names = new ArrayList<>();
        List<double[]> bounds = new ArrayList<>();
        int[] counts = new int[3];
        String[] sections = {"theta", "phi", "x"};
        List<String> line = Tokens.split(expectLine(t, "'theta <name> <lower> <upper>'", "start-up timeout"));
        for (int s = 0; s < 3; s++) {
            while (!line.isEmpty() && line.get(0).equals(sections[s])) {
                bounds.add(parseDomainLine(line));
                names.add(line.get(1));
                counts[s]++;
                line = Tokens.split(expectLine(t, s == 0 ? "'theta', 'phi' or 'x' lines" : s == 1 ? "'phi', 'x' lines"
                        : "'x' lines or 'ready'", "start-up timeout"));
            }
            if (counts[s] == 0 && s != 1) { // phi lines may be absent: experiments without a setting
                refuseIfError(line, "start");
                throw protocol("expected at least one '" + sections[s] + " <name> <lower> <upper>' line but found '"
                        + String.join(" ", line) + "'");
            }
        }
        java.util.Map<String, DisplayNames.Quantity> labels = new java.util.LinkedHashMap<>();
        while (!line.isEmpty() && line.get(0).equals("label")) {
            if (line.size() < 4 || !names.contains(line.get(1))) {
                throw protocol("expected 'label <name> <unit or -> <display name>' for one of the names " + names
                        + " but found '" + String.join(" ", line) + "'");
            }
            String unit = line.get(2).equals("-") ? "" : line.get(2);
            if (labels.put(line.get(1), new DisplayNames.Quantity(String.join(" ", line.subList(3, line.size())),
                    unit)) != null) {
                throw protocol("expected one 'label' line per name but found a second for " + line.get(1));
            }
            line = Tokens.split(expectLine(t, "'label' lines or 'ready'", "start-up timeout"));
        }
        refuseIfError(line, "start");
        if (line.size() != 1 || !line.get(0).equals("ready")) {
            throw protocol("expected 'ready' to end the handshake but found '" + String.join(" ", line) + "'");
        }
        try {
            Dimensions dims = new Dimensions(names.subList(0, counts[0]), names.subList(counts[0], counts[0] + counts[1]),
                    names.subList(counts[0] + counts[1], names.size()));
            List<DisplayNames.Quantity> shown = names.stream()
                    .map(n -> labels.getOrDefault(n, new DisplayNames.Quantity(n, ""))).toList();
            DisplayNames display = new DisplayNames(shown.subList(0, counts[0]),
                    shown.subList(counts[0], counts[0] + counts[1]),
                    shown.subList(counts[0] + counts[1], names.size()));
            return new Handshake(version, nameLine.get(1), dims, box(bounds, 0, counts[0]),
                    box(bounds, counts[0], counts[0] + counts[1]), box(bounds, counts[0] + counts[1], names.size()),
                    display);
        } catch (InvalidInputException e) {
            throw protocol("expected a valid handshake but " + e.getMessage());
        }
    }

    private double[] parseDomainLine(List<String> line) {
        if (line.size() != 4) {
            throw protocol("expected '" + line.get(0) + " <name> <lower> <upper>' but found '" + String.join(" ", line)
                    + "'");
        }
        double lo = parseBound(line, 2);
        double hi = parseBound(line, 3);
        if (!(lo <= hi)) {
            throw protocol("expected lower <= upper in '" + String.join(" ", line) + "'");
        }
        return new double[] {lo, hi};
    }

    private double parseBound(List<String> line, int i) {
        double v;
        try {
            v = Tokens.real(line.get(i));
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (Double.isNaN(v)) {
            throw protocol("expected a number, inf or -inf as bound but found '" + line.get(i) + "' in '"
                    + String.join(" ", line) + "'");
        }
        return v;
    }

    private static Box box(List<double[]> bounds, int from, int to) {
        double[] lo = new double[to - from];
        double[] hi = new double[to - from];
        for (int i = from; i < to; i++) {
            lo[i - from] = bounds.get(i)[0];
            hi[i - from] = bounds.get(i)[1];
        }
        return new Box(lo, hi);
    }

    private void refuseIfError(List<String> line, String phase) {
        if (!line.isEmpty() && line.get(0).equals("error")) {
            String message = String.join(" ", line.subList(1, line.size()));
            kill();
            throw new SimulatorReportedErrorException(label + ": expected the handshake but the program refused to "
                    + phase + ": " + message + err.describe());
        }
    }

    // ---------------------------------------------------------------- requests

    /**
     * Asks for {@code n} events at (θ, φ) with {@code seed} and writes them row-major into
     * {@code out} (n·D<sub>x</sub> values). θ and φ must already be validated against the domains.
     */
    void simulate(double[] theta, double[] phi, int n, long seed, double[] out) {
        long id = nextId++;
        StringBuilder request = new StringBuilder(64).append("simulate ").append(id).append(' ').append(n).append(' ')
                .append(Long.toUnsignedString(seed));
        for (double v : theta) {
            request.append(' ').append(v);
        }
        for (double v : phi) {
            request.append(' ').append(v);
        }
        request.append('\n');
        try {
            in.write(request.toString());
            in.flush();
        } catch (IOException e) {
            throw crashed("expected to send request " + id + " (writing failed: " + e.getMessage() + ")");
        }
        long t = config.readTimeoutMillis();
        String header = expectLine(t, "'events " + id + " " + n + "'", "read timeout");
        List<String> h = Tokens.split(header);
        if (h.size() >= 2 && h.get(0).equals("error") && h.get(1).equals(Long.toString(id))) {
            throw new SimulatorReportedErrorException(label + " could not simulate " + n + " events at theta = "
                    + java.util.Arrays.toString(theta) + ", phi = " + java.util.Arrays.toString(phi) + ": "
                    + String.join(" ", h.subList(2, h.size())));
        }
        if (h.size() != 3 || !h.get(0).equals("events") || !h.get(1).equals(Long.toString(id))) {
            throw protocol("expected 'events " + id + " " + n + "' (or 'error " + id + " <message>') in reply to"
                    + " request " + id + " but found '" + abbreviate(header) + "'");
        }
        if (!h.get(2).equals(Integer.toString(n))) {
            throw protocol("expected " + n + " events in reply to request " + id + " but the program announced '"
                    + h.get(2) + "'");
        }
        int dx = handshake.dimensions().xDim();
        Box support = handshake.xSupport();
        for (int i = 0; i < n; i++) {
            String line = expectLine(t, "event " + (i + 1) + " of " + n + " of request " + id, "read timeout");
            parseEvent(line, id, i, n, dx, support, out);
        }
        String trailer = expectLine(t, "'end " + id + "' after " + n + " events", "read timeout");
        if (!trailer.strip().equals("end " + id) && !Tokens.split(trailer).equals(List.of("end", Long.toString(id)))) {
            throw protocol("expected 'end " + id + "' after " + n + " events but found '" + abbreviate(trailer) + "'"
                    + (looksNumeric(trailer) ? " (more events than the " + n + " requested)" : ""));
        }
        tree.rememberOccasionally();
    }

    private void parseEvent(String line, long id, int i, int n, int dx, Box support, double[] out) {
        List<String> tokens = Tokens.split(line);
        if (tokens.size() != dx) {
            if (!tokens.isEmpty() && tokens.get(0).equals("end")) {
                throw protocol("expected " + n + " events in reply to request " + id + " but found '"
                        + abbreviate(line) + "' after only " + i);
            }
            throw protocol("expected " + dx + " number" + (dx == 1 ? "" : "s") + " " + handshake.dimensions().xNames()
                    + " on event line " + (i + 1) + " of request " + id + " but found " + tokens.size() + ": '"
                    + abbreviate(line) + "'");
        }
        for (int d = 0; d < dx; d++) {
            double v;
            try {
                v = Tokens.real(tokens.get(d));
            } catch (NumberFormatException e) {
                throw protocol("expected a number for " + handshake.dimensions().xNames().get(d) + " on event line "
                        + (i + 1) + " of request " + id + " but found '" + abbreviate(tokens.get(d)) + "'");
            }
            if (!Double.isFinite(v)) {
                throw protocol("expected a finite number for " + handshake.dimensions().xNames().get(d)
                        + " on event line " + (i + 1) + " of request " + id + " but found " + tokens.get(d));
            }
            if (v < support.lower(d) || v > support.upper(d)) {
                throw protocol("expected " + handshake.dimensions().xNames().get(d) + " in [" + support.lower(d) + ", "
                        + support.upper(d) + "] (the announced x interval) on event line " + (i + 1) + " of request "
                        + id + " but found " + v);
            }
            out[i * dx + d] = v;
        }
    }

    private static boolean looksNumeric(String line) {
        List<String> t = Tokens.split(line);
        if (t.isEmpty()) {
            return false;
        }
        try {
            Tokens.real(t.get(0));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + " ... (" + s.length() + " characters)";
    }

    // ---------------------------------------------------------------- reading and failing

    /**
     * The next line, waiting at most {@code timeoutMillis}. A program that exits without closing
     * its output (a child it started still holds the pipe) is reported as exited within
     * {@value #EXIT_CHECK_MILLIS} ms, not after the whole timeout.
     */
    private String expectLine(long timeoutMillis, String expectation, String timeoutName) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        LineChannel.Item item;
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            item = out.next(Math.max(0, Math.min(left, EXIT_CHECK_MILLIS)));
            if (!(item instanceof LineChannel.Timeout) || left <= EXIT_CHECK_MILLIS) {
                break;
            }
            if (!process.isAlive()) {
                item = out.next(EXIT_CHECK_MILLIS); // what it wrote before exiting is read by now
                if (item instanceof LineChannel.Timeout) {
                    throw crashed("expected " + expectation);
                }
                break;
            }
        }
        if (item instanceof LineChannel.Line l) {
            return l.text();
        }
        if (item instanceof LineChannel.Timeout) {
            kill();
            throw new SimulatorTimeoutException(label + ": expected " + expectation + " within " + timeoutMillis
                    + " ms (" + timeoutName + ") but nothing came; the process was stopped" + err.describe());
        }
        if (item instanceof LineChannel.End) {
            throw crashed("expected " + expectation);
        }
        kill();
        throw protocol("expected " + expectation + " but found " + ((LineChannel.Failure) item).reason());
    }

    /**
     * The process stopped talking: waits briefly for its exit status (killing one that closed its
     * output but runs on) and says what happened.
     */
    private SimulatorCrashedException crashed(String expected) {
        Integer status = null;
        try {
            if (process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                status = process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        err.awaitEnd(GRACE_MILLIS);
        String found = status == null ? "the program closed its standard output (it was stopped)"
                : "the program exited with status " + status;
        return new SimulatorCrashedException(label + ": " + expected + " but " + found + err.describe());
    }

    private SimulatorProtocolException protocol(String message) {
        kill();
        err.awaitEnd(GRACE_MILLIS);
        return new SimulatorProtocolException(label + " broke the protocol (docs/simulator-protocol.md): " + message
                + "; the process was stopped" + err.describe());
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Asks the program to quit, waits a grace period, then kills whatever is left of its process
     * tree (also children it left running when it exited).
     *
     * @throws SimulatorProtocolException when the program wrote anything on standard output after
     *                                    its last reply (the process tree is stopped first)
     */
    void close() {
        if (process.isAlive()) {
            tree.remember();
            try {
                in.write("quit\n");
                in.flush();
                in.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
        String extra = unreadLine();
        if (extra != null) {
            throw protocol("expected nothing on standard output after the last reply but found '" + abbreviate(extra)
                    + "' when asked to quit");
        }
    }

    /** A line the program wrote that no request read, once its output has ended; null when none. */
    private String unreadLine() {
        LineChannel.Item item = out.next(GRACE_MILLIS);
        return item instanceof LineChannel.Line l ? l.text() : null;
    }

    /**
     * Kills the process and every process it started, including children that outlived it
     * ({@link ProcessTree}).
     */
    void kill() {
        tree.killAll();
        try {
            process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            in.close();
        } catch (IOException e) {
            // the pipe is gone with the process
        }
    }
}

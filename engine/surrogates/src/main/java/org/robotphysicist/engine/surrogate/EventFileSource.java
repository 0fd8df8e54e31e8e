package org.robotphysicist.engine.surrogate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.robotphysicist.data.BoundingBox;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.DatasetSchema;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Sha256;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.training.data.SimulatedTrainingSet;

/**
 * Labelled events (x, θ, φ) already on disk — CSV files as {@code rp simulate} writes them
 * ({@link EventCsv}: a header {@code x:…,theta:…,phi:…}, then one event per line) and Les Houches
 * event files ({@code *.lhe}: particle records turned into x by the simulator's own observables
 * function, θ and φ from the header or {@link LesHouchesLabels}, {@code <rwgt>} weights as importance
 * weights for other θ; {@link LesHouchesTrainingRows}) — read into one training table of N rows.
 * Neural kinds learn p̂(x | θ, φ) from these rows as they are: a flow by maximum likelihood, the
 * classifier with θ shuffled across rows for its negative class. The
 * surrogate's θ and φ ranges are the bounding boxes of the rows' θ and φ; its x range is the
 * support where it is bounded and the rows' range elsewhere.
 *
 * <p>With a simulator, the files must use its column names and lie inside its domains, and the
 * simulator only names and bounds the problem (nothing is simulated). Without one, the names come
 * from the first file's header and the domains are unbounded; every file must have the same header.
 * Every row is checked: wrong column counts, non-numbers, NaN and ±∞ are refused by
 * {@link EventCsv} naming file, line and column; values outside a simulator's domains are refused
 * naming file and event.
 *
 * @param files  the files, in the order read
 * @param sha256 SHA-256 of each file's bytes, by path as given (recorded in the model's provenance)
 * @param data   all rows, files concatenated in order, (N, D<sub>x</sub> + D<sub>θ</sub> + D<sub>φ</sub>)
 * @param dimensions the names of θ, φ and x
 * @param simulator  the simulator that names and bounds the problem, or null (not for LHE files)
 * @param notes      one line per Les Houches parameter point: where its rows came from (empty for CSV unless
 *                   given, {@link #withNotes}); recorded in the provenance when not empty
 * @param drawnTheta the θ box the rows' θ were drawn over, when the caller knows it (the rows' bounding box then
 *                   lies inside it), or null: the bounding box of the rows
 * @param drawnPhi   likewise for φ, or null
 * @param jointScores (N, D<sub>θ</sub>) every row's joint score, when every file is a CSV with {@code score:} columns
 *                   ({@code rp simulate --joint-scores}; a score weight above 0 trains on them), else null
 */
public record EventFileSource(List<Path> files, Map<String, String> sha256, EventDataset data,
        Dimensions dimensions, Simulator simulator, List<String> notes, Box drawnTheta, Box drawnPhi,
        Matrix jointScores) implements GivenEvents {

    /** The fewest rows a training table may have. */
    public static final int MIN_ROWS = 100;

    public EventFileSource {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
        sha256 = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sha256));
        Objects.requireNonNull(data, "event data");
        Objects.requireNonNull(dimensions, "dimensions");
        if (files.isEmpty()) {
            throw new InvalidInputException("event files: expected at least one file but found none");
        }
        if (!data.hasTheta() || data.schema().phiNames().size() != dimensions.phiDim()) {
            throw new InvalidInputException("event files: expected theta columns and " + dimensions.phiDim() + " phi"
                    + " column(s) but found " + data.schema().columnNames());
        }
        requireCovering("theta", drawnTheta, BoundingBox.of(data.theta()));
        requireCovering("phi", drawnPhi, BoundingBox.of(data.phi()));
        if (jointScores != null) {
            jointScores.requireShape("joint scores of the event files", data.size(), dimensions.thetaDim());
        }
    }

    /** Rows whose ranges are their bounding boxes. */
    public EventFileSource(List<Path> files, Map<String, String> sha256, EventDataset data, Dimensions dimensions,
            Simulator simulator) {
        this(files, sha256, data, dimensions, simulator, List.of(), null, null, null);
    }

    /**
     * The same rows, known to have been drawn over {@code theta} × {@code phi} (a design's prior and
     * φ ranges), which then are the surrogate's trained ranges instead of the rows' bounding boxes
     * (which lie just inside them).
     *
     * @throws InvalidInputException when a row lies outside those boxes, or a box outside the simulator's domains
     */
    public EventFileSource drawnOver(Box theta, Box phi) {
        Objects.requireNonNull(theta, "theta box");
        Objects.requireNonNull(phi, "phi box");
        if (simulator != null && (!theta.within(simulator.thetaDomain()) || !phi.within(simulator.phiDomain()))) {
            throw new InvalidInputException("event files: expected ranges inside the simulator's domains theta "
                    + simulator.thetaDomain() + " x phi " + simulator.phiDomain() + " but found theta " + theta
                    + " x phi " + phi);
        }
        return new EventFileSource(files, sha256, data, dimensions, simulator, notes, theta, phi, jointScores);
    }

    private static void requireCovering(String role, Box declared, Box rows) {
        if (declared != null && (declared.dim() != rows.dim() || !rows.within(declared))) {
            throw new InvalidInputException("event files: expected every row's " + role + " inside the range "
                    + declared + " it was drawn over but the rows span " + rows);
        }
    }

    /**
     * Reads {@code files}; names and domains from {@code simulator}, or from the first header when it
     * is null; Les Houches files labelled by their headers.
     *
     * @throws MalformedDataException naming the file (and line) at fault
     */
    public static EventFileSource read(List<Path> files, Simulator simulator) {
        return read(files, simulator, LesHouchesLabels.fromHeaders(0));
    }

    /**
     * As {@link #read(List, Simulator)}, with the (θ, φ) labels and resampling seed of the Les
     * Houches files ({@code *.lhe}, which need a simulator) given by {@code labels}.
     */
    public static EventFileSource read(List<Path> files, Simulator simulator, LesHouchesLabels labels) {
        if (files == null || files.isEmpty()) {
            throw new InvalidInputException("event files: expected at least one CSV or LHE file but found none");
        }
        List<EventDataset> parts = new ArrayList<>();
        List<Matrix> scores = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        java.util.SplittableRandom resampling = new java.util.SplittableRandom(labels.seed());
        DatasetSchema expected = simulator == null ? null : DatasetSchema.labelled(simulator.dimensions());
        for (Path file : files) {
            EventDataset part;
            if (LesHouchesTrainingRows.isLesHouches(file)) {
                LesHouchesTrainingRows.Read lhe = LesHouchesTrainingRows.read(file, simulator, labels,
                        resampling.split());
                part = lhe.rows();
                notes.addAll(lhe.notes());
                scores.add(null);
            } else {
                EventCsv.Contents csv = EventCsv.read(file);
                part = csv.dataset();
                scores.add(csv.jointScores());
            }
            DatasetSchema found = part.schema();
            expected = requireHeader(file.toString(), found, expected, simulator, files.get(0).toString());
            if (simulator != null) {
                requireInside(file.toString(), 0, "theta", part.theta(), simulator.thetaDomain());
                requireInside(file.toString(), 0, "phi", part.phi(), simulator.phiDomain());
                requireInside(file.toString(), 0, "x", part.x(), simulator.xSupport());
            }
            if (hashes.put(file.toString(), sha256(file)) != null) {
                throw new InvalidInputException("event files: expected each file once but found " + file + " twice");
            }
            parts.add(part);
        }
        EventDataset all = parts.size() == 1 ? parts.get(0) : EventDataset.concat(parts);
        if (all.size() < MIN_ROWS) {
            throw new InvalidInputException("event files " + files + ": expected at least " + MIN_ROWS
                    + " events to train on but found " + all.size());
        }
        Dimensions dims = simulator != null ? simulator.dimensions()
                : new Dimensions(expected.thetaNames(), expected.phiNames(), expected.xNames());
        requireVaryingTheta(files, dims, BoundingBox.of(all.theta()));
        return new EventFileSource(files, hashes, all, dims, simulator, notes, null, null, allScores(scores));
    }

    /** The files' joint scores stacked in row order when every file has them, else null. */
    private static Matrix allScores(List<Matrix> perFile) {
        if (perFile.stream().anyMatch(java.util.Objects::isNull)) {
            return null;
        }
        int cols = perFile.get(0).cols();
        int rows = perFile.stream().mapToInt(Matrix::rows).sum();
        double[] out = new double[rows * cols];
        int at = 0;
        for (Matrix m : perFile) {
            double[] v = m.toArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return Matrix.of(rows, cols, out);
    }

    /** Whether {@code file} is read as a Les Houches event file (a name ending in {@code .lhe}). */
    public static boolean isLesHouches(Path file) {
        return LesHouchesTrainingRows.isLesHouches(file);
    }

    /** The θ box the rows were drawn over, else the bounding box of the rows' θ: the surrogate's θ range. */
    @Override
    public Box thetaRange() {
        return drawnTheta != null ? drawnTheta : BoundingBox.of(data.theta());
    }

    /**
     * The φ box the rows were drawn over, else the bounding box of the rows' φ (a point when every row
     * has the same φ): the surrogate's φ range.
     */
    @Override
    public Box phiRange() {
        return drawnPhi != null ? drawnPhi : BoundingBox.of(data.phi());
    }

    @Override
    public String describe() {
        return data.size() + " events from " + (files.size() == 1 ? files.get(0) : files.size() + " event files");
    }

    @Override
    public long rows() {
        return data.size();
    }

    @Override
    public TrainedRanges trainedRanges() {
        return new TrainedRanges(thetaRange(), phiRange(), SimulatedTrainingSet.xRange(xSupport(), data));
    }

    @Override
    public Map<String, Object> provenanceConfig() {
        Map<String, Object> out = provenance(files.stream().map(Object::toString).toList(), data.size(), simulator);
        if (!notes.isEmpty()) {
            out.put("eventFileNotes", notes);
        }
        if (jointScores != null) {
            out.put("eventFileJointScores", true);
        }
        return out;
    }

    /**
     * The same rows with {@code lines} as their notes (recorded in the provenance of a model trained
     * on them), for example how a program that wrote the files drew them.
     */
    public EventFileSource withNotes(List<String> lines) {
        return new EventFileSource(files, sha256, data, dimensions, simulator, lines, drawnTheta, drawnPhi,
                jointScores);
    }

    /** The provenance entries of {@code rows} events from {@code files}, named (or not) by {@code simulator}. */
    static Map<String, Object> provenance(List<String> files, long rows, Simulator simulator) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trainingSource", "event-files");
        out.put("eventFiles", files);
        out.put("eventFileRows", rows);
        // Without a simulator none is recorded, so that any simulator with the same names may use the model.
        if (simulator != null) {
            out.put("simulator", simulator.name());
        }
        return out;
    }



    /**
     * The header {@code found} of {@code origin}, checked: it has θ columns, and equals
     * {@code expected} (the simulator's names, or the first file's header) where that is known.
     *
     * @return the header the next files must have
     */
    static DatasetSchema requireHeader(String origin, DatasetSchema found, DatasetSchema expected, Simulator simulator,
            String first) {
        if (found.thetaNames().isEmpty()) {
            throw new MalformedDataException(origin + ": expected theta and phi columns beside x (a header such as"
                    + " 'x:x,theta:mu,phi:variance', as rp simulate writes; no phi columns where experiments have"
                    + " no setting) but found the header " + header(found));
        }
        if (expected != null && !found.equals(expected)) {
            throw new MalformedDataException(origin + ": expected the header " + header(expected)
                    + (simulator != null ? " (the names of the simulator " + simulator.name() + ")"
                    : " (the header of " + first + ")") + " but found " + header(found));
        }
        return found;
    }

    static void requireVaryingTheta(Object files, Dimensions dims, Box box) {
        for (int d = 0; d < box.dim(); d++) {
            if (!(box.lower(d) < box.upper(d))) {
                throw new InvalidInputException("event files " + files + ": expected theta column '"
                        + dims.thetaNames().get(d) + "' to vary across events (events at one theta teach nothing about"
                        + " how x depends on it) but it is " + box.lower(d) + " in every event");
            }
        }
    }

    /** Every row of {@code rows} inside {@code domain}; event numbers in messages count from {@code first} + 1. */
    static void requireInside(String origin, long first, String role, Matrix rows, Box domain) {
        double[] row = new double[rows.cols()];
        for (int i = 0; i < rows.rows(); i++) {
            rows.copyRow(i, row);
            if (!domain.contains(row)) {
                throw new MalformedDataException(origin + " event " + (first + i + 1) + ": expected " + role + " inside the"
                        + " simulator's domain " + domain + " but found " + java.util.Arrays.toString(row));
            }
        }
    }

    static String header(DatasetSchema s) {
        List<String> cells = new ArrayList<>();
        for (int j = 0; j < s.width(); j++) {
            cells.add(s.role(j).prefix() + ":" + s.columnNames().get(j));
        }
        return "'" + String.join(",", cells) + "'";
    }

    /** SHA-256 of a file's bytes, in hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}

package org.robotphysicist.data.dataset;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.AtomicFiles;
import org.robotphysicist.data.io.PlainDecimal;
import org.robotphysicist.data.io.VisibleText;

/**
 * Reads and writes {@link EventDataset}s as CSV.
 *
 * <p>Format: optional leading comment lines {@code # key=value} (provenance, kept as metadata),
 * then one header line naming every column as {@code role:name} with role {@code x},
 * {@code theta} or {@code phi}, x columns first, then θ, then φ — for example
 * {@code x:cos_theta,theta:sin2_theta_w,phi:sqrt_s}. Optionally, last, one {@code score:name} column
 * per θ column, in θ's order, holding each event's joint score ∇<sub>θ</sub> log p(x, z | θ, φ)
 * ({@code rp simulate --joint-scores}; {@link Contents#jointScores()}) — for example
 * {@code x:cos_theta,theta:sin2_theta_w,phi:sqrt_s,score:sin2_theta_w}. Then one line per event of finite numbers in
 * plain decimal or scientific notation ({@link PlainDecimal}: {@code 0.25}, {@code -1.5e-3}; not
 * {@code 0.5d}, {@code 0x1p-2}, {@code NaN} or {@code Infinity}); spaces and tabs around a value
 * are ignored, other characters are errors. The text is UTF-8; a leading byte-order mark (as some
 * spreadsheet programs write) is skipped. Values are written with {@link Double#toString(double)},
 * so a round trip is exact. Files are written atomically ({@link AtomicFiles}).
 *
 * <p>Error messages quote what was found with control and invisible characters escaped
 * ({@link VisibleText}), so a binary file read by mistake cannot garble the terminal.
 */
public final class EventCsv {
    /** U+FEFF, which some programs write at the start of UTF-8 text. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    /** The spellings of non-finite values that {@link Double#toString} and others write. */
    private static final java.util.Set<String> NON_FINITE = java.util.Set.of("NaN", "nan", "Infinity", "+Infinity",
            "-Infinity", "inf", "+inf", "-inf");

    private EventCsv() {
    }

    /** The header prefix of a joint-score column. */
    public static final String SCORE_PREFIX = "score";

    /**
     * A dataset read from CSV together with its comment metadata.
     *
     * @param dataset     the events with their θ and φ
     * @param metadata    the {@code # key=value} comments
     * @param jointScores (N, D<sub>θ</sub>) the events' joint scores when the file has {@code score:} columns, else null
     */
    public record Contents(EventDataset dataset, Map<String, String> metadata, Matrix jointScores) {
        public Contents {
            metadata = Map.copyOf(metadata);
        }
    }

    /** Writes {@code dataset} with optional metadata comments; atomic replace of {@code path}. */
    public static void write(EventDataset dataset, Map<String, String> metadata, Path path) {
        write(dataset, null, metadata, path);
    }

    /**
     * Writes {@code dataset} and, when not null, every event's joint score as {@code score:} columns
     * after the others; atomic replace of {@code path}.
     *
     * @param jointScores (N, D<sub>θ</sub>) in the dataset's row order, or null
     * @throws org.robotphysicist.data.DimensionMismatchException when the scores do not fit the dataset
     */
    public static void write(EventDataset dataset, Matrix jointScores, Map<String, String> metadata, Path path) {
        if (jointScores != null) {
            jointScores.requireShape("joint scores", dataset.size(), dataset.schema().thetaNames().size());
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().contains("=") || (e.getKey() + e.getValue()).contains("\n")) {
                throw new MalformedDataException("CSV metadata: expected keys without '=' and single-line values"
                        + " but found '" + e.getKey() + "'");
            }
        }
        AtomicFiles.write(path, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
                w.write("# " + e.getKey() + "=" + e.getValue() + "\n");
            }
            DatasetSchema s = dataset.schema();
            List<String> header = new ArrayList<>();
            for (int j = 0; j < s.width(); j++) {
                header.add(s.role(j).prefix() + ":" + s.columnNames().get(j));
            }
            if (jointScores != null) {
                s.thetaNames().forEach(name -> header.add(SCORE_PREFIX + ":" + name));
            }
            w.write(String.join(",", header));
            w.write('\n');
            double[] values = dataset.table().toArray();
            double[] scores = jointScores == null ? new double[0] : jointScores.toArray();
            int dt = jointScores == null ? 0 : jointScores.cols();
            int width = s.width();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < dataset.size(); i++) {
                line.setLength(0);
                for (int j = 0; j < width; j++) {
                    if (j > 0) {
                        line.append(',');
                    }
                    line.append(values[i * width + j]);
                }
                for (int j = 0; j < dt; j++) {
                    line.append(',').append(scores[i * dt + j]);
                }
                line.append('\n');
                w.write(line.toString());
            }
            w.flush();
        });
    }

    /** Reads a dataset; throws {@link MalformedDataException} naming the line and column at fault. */
    public static Contents read(Path path) {
        if (Files.isDirectory(path)) {
            throw new MalformedDataException("events CSV: expected a file but found the directory " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new MalformedDataException("events CSV: expected a readable file but found "
                    + (Files.exists(path) ? "something that is not a regular file" : "nothing") + " at " + path);
        }
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(r, path.toString());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new MalformedDataException(path + ": expected UTF-8 text but found undecodable bytes", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read events from " + path + ": " + e.getMessage(), e);
        }
    }

    /** Parses CSV text from a reader; {@code source} names it in error messages. */
    public static Contents parse(BufferedReader r, String source) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                line = line.substring(1);
            }
            if (line.startsWith("#")) {
                String body = line.substring(1).trim();
                int eq = body.indexOf('=');
                if (eq > 0) {
                    metadata.put(body.substring(0, eq).trim(), body.substring(eq + 1).trim());
                }
                continue;
            }
            if (!line.isBlank()) {
                break;
            }
        }
        if (line == null) {
            throw new MalformedDataException(source + ": expected a header line such as 'x:cos_theta,theta:sin2_theta_w'"
                    + " but the file is empty");
        }
        Header header = parseHeader(line, source, lineNo);
        DatasetSchema schema = header.schema();
        int width = schema.width() + header.scoreColumns();
        List<String> names = header.columnNames();
        double[] values = new double[Math.max(1024, width * 1024)];
        int rows = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != width) {
                throw new MalformedDataException(source + " line " + lineNo + ": expected " + width + " values ("
                        + String.join(",", names) + ") but found " + cells.length);
            }
            if ((rows + 1) * width > values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            for (int j = 0; j < width; j++) {
                double v;
                String cell = stripBlanks(cells[j]);
                try {
                    v = PlainDecimal.parse(cell);
                } catch (NumberFormatException e) {
                    throw new MalformedDataException(source + " line " + lineNo + " column '"
                            + names.get(j) + "': " + (NON_FINITE.contains(cell)
                            ? "expected a finite number but found " + cell
                            : "expected a number but found " + VisibleText.quote(cell) + " (plain decimal or"
                            + " scientific notation, such as 0.25 or -1.5e-3)"));
                }
                if (!Double.isFinite(v)) {
                    throw new MalformedDataException(source + " line " + lineNo + " column '"
                            + names.get(j) + "': expected a finite number but found " + cell
                            + " (beyond the range of a double)");
                }
                values[rows * width + j] = v;
            }
            rows++;
        }
        if (rows == 0) {
            throw new MalformedDataException(source + ": expected at least one event after the header but found none");
        }
        return split(schema, header.scoreColumns(), rows, values, metadata);
    }

    /** The rows' first columns as the dataset, the last {@code scoreColumns} as the joint scores. */
    private static Contents split(DatasetSchema schema, int scoreColumns, int rows, double[] values,
            Map<String, String> metadata) {
        if (scoreColumns == 0) {
            return new Contents(EventDataset.of(schema, rows, java.util.Arrays.copyOf(values, rows * schema.width())),
                    metadata, null);
        }
        int w = schema.width();
        int width = w + scoreColumns;
        double[] table = new double[rows * w];
        double[] scores = new double[rows * scoreColumns];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(values, i * width, table, i * w, w);
            System.arraycopy(values, i * width + w, scores, i * scoreColumns, scoreColumns);
        }
        return new Contents(EventDataset.of(schema, rows, table), metadata, Matrix.of(rows, scoreColumns, scores));
    }

    /** A parsed header: the dataset's columns and how many joint-score columns follow them. */
    private record Header(DatasetSchema schema, int scoreColumns) {
        /** Every column's name, the score columns as {@code score:name}. */
        List<String> columnNames() {
            List<String> out = new ArrayList<>(schema.columnNames());
            for (int k = 0; k < scoreColumns; k++) {
                out.add(SCORE_PREFIX + ":" + schema.thetaNames().get(k));
            }
            return out;
        }
    }

    /** {@code s} without leading and trailing spaces and tabs (other characters are kept, to be refused). */
    private static String stripBlanks(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    private static Header parseHeader(String line, String source, int lineNo) {
        List<String> x = new ArrayList<>();
        List<String> theta = new ArrayList<>();
        List<String> phi = new ArrayList<>();
        List<String> scores = new ArrayList<>();
        ColumnRole previous = ColumnRole.X;
        for (String cell : line.split(",", -1)) {
            String c = stripBlanks(cell);
            int colon = c.indexOf(':');
            if (colon > 0 && c.substring(0, colon).equals(SCORE_PREFIX)) {
                scores.add(c.substring(colon + 1));
                continue;
            }
            if (!scores.isEmpty()) {
                throw new MalformedDataException(source + " line " + lineNo + ": expected the score columns last but"
                        + " found " + VisibleText.quote(c) + " after a " + SCORE_PREFIX + " column");
            }
            ColumnRole role = colon > 0 ? ColumnRole.ofPrefix(c.substring(0, colon)) : null;
            String name = colon > 0 ? c.substring(colon + 1) : "";
            if (role == null || name.isEmpty()) {
                throw new MalformedDataException(source + " line " + lineNo + ": expected header cells 'x:<name>',"
                        + " 'theta:<name>', 'phi:<name>' or 'score:<theta name>' but found " + VisibleText.quote(c)
                        + (c.indexOf('\uFEFF') >= 0 ? " (it holds a byte-order mark, U+FEFF)" : ""));
            }
            if (role.ordinal() < previous.ordinal()) {
                throw new MalformedDataException(source + " line " + lineNo + ": expected x columns, then theta, then phi"
                        + " but found " + VisibleText.quote(c) + " after a " + previous.prefix() + " column");
            }
            previous = role;
            (role == ColumnRole.X ? x : role == ColumnRole.THETA ? theta : phi).add(name);
        }
        if (!scores.isEmpty() && !scores.equals(theta)) {
            throw new MalformedDataException(source + " line " + lineNo + ": expected one score column per theta"
                    + " column, in theta's order (" + String.join(",", theta.stream().map(n -> SCORE_PREFIX + ":" + n)
                    .toList()) + ") but found " + VisibleText.quote(String.join(",", scores.stream()
                    .map(n -> SCORE_PREFIX + ":" + n).toList())));
        }
        try {
            return new Header(new DatasetSchema(x, theta, phi), scores.size());
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException(source + " line " + lineNo + ": " + e.getMessage(), e);
        }
    }
}

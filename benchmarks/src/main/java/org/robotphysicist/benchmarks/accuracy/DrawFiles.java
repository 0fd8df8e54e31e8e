package org.robotphysicist.benchmarks.accuracy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;

/**
 * The draws the accuracy benchmark saves with {@code --draws-dir DIR}, so that another C2ST can
 * score the same draws ({@link DrawFilesC2st}, {@code benchmarks/peers/c2st_mlp.py}): one CSV per
 * sample, a header θ1…θd and one draw per line, named {@code TASK-obsI-reference.csv} (the exact
 * posterior of observation I), {@code TASK-obsI-second-reference.csv} (an independent second run)
 * and {@code TASK-obsI-KIND-BUDGET.csv} (a surrogate's); for a task's published observations
 * TASK is {@code TASK-published}. Without a directory nothing is written.
 */
final class DrawFiles {
    /** How a reference's name ends. */
    static final String REFERENCE = "-reference.csv";
    /** How a second reference's name ends (it also ends as a reference's). */
    static final String SECOND_REFERENCE = "-second" + REFERENCE;
    /** Writes nothing. */
    static final DrawFiles NONE = new DrawFiles(null, AccuracyTask.ObservationSet.SIMULATED);

    private final Path dir;
    private final String setSuffix;

    /** Files in {@code dir}, created on the first write, for the observations of {@code set}. */
    DrawFiles(Path dir, AccuracyTask.ObservationSet set) {
        this.dir = dir;
        this.setSuffix = set == AccuracyTask.ObservationSet.SIMULATED ? "" : "-" + set.label();
    }

    /** The first part of every file of observation {@code index} (from 0) of {@code task}. */
    static String observationPrefix(String task, int index) {
        return task + "-obs" + (index + 1) + "-";
    }

    /** The first part of this set's files of observation {@code index} of {@code task}. */
    private String prefix(String task, int index) {
        return observationPrefix(task + setSuffix, index);
    }

    void writeReference(String task, int index, Matrix draws) {
        write(prefix(task, index) + REFERENCE.substring(1), draws);
    }

    void writeSecondReference(String task, int index, Matrix draws) {
        write(prefix(task, index) + SECOND_REFERENCE.substring(1), draws);
    }

    void writeSample(String task, int index, String kind, int budget, Matrix draws) {
        write(prefix(task, index) + kind + "-" + budget + ".csv", draws);
    }

    private void write(String name, Matrix draws) {
        if (dir == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < draws.cols(); d++) {
            sb.append(d == 0 ? "" : ",").append("theta").append(d + 1);
        }
        sb.append('\n');
        for (int r = 0; r < draws.rows(); r++) {
            double[] row = draws.row(r);
            for (int d = 0; d < row.length; d++) {
                sb.append(d == 0 ? "" : ",").append(row[d]);
            }
            sb.append('\n');
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), sb);
        } catch (IOException e) {
            throw new UncheckedIOException("accuracy benchmark: could not write draws to " + dir.resolve(name), e);
        }
    }

    /** A CSV of draws: a header line, then one draw per line. */
    static Matrix read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() < 2) {
            throw new InvalidInputException("draws " + file + ": expected a header and at least one draw but found "
                    + lines.size() + " lines");
        }
        int cols = lines.get(0).split(",").length;
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (cells.length != cols) {
                throw new InvalidInputException("draws " + file + " line " + (i + 1) + ": expected " + cols
                        + " values but found " + cells.length);
            }
            double[] row = new double[cols];
            for (int d = 0; d < cols; d++) {
                row[d] = Double.parseDouble(cells[d]);
            }
            rows.add(row);
        }
        return Matrix.ofRows(rows.toArray(new double[0][]));
    }
}

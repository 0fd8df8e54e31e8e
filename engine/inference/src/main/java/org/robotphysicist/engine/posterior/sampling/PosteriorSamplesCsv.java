package org.robotphysicist.engine.posterior.sampling;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.robotphysicist.data.Matrix;

/**
 * Writes posterior samples as CSV: a header of the θ component names, then one draw per line,
 * values in Java's shortest round-trip decimal form ({@link Double#toString}), so reading the file
 * back gives the same doubles.
 */
public final class PosteriorSamplesCsv {
    private PosteriorSamplesCsv() {
    }

    /** Writes {@code samples} to {@code path}, creating its parent folder. */
    public static void write(Path path, PosteriorSamples samples) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                w.write(String.join(",", samples.parameters()));
                w.newLine();
                Matrix draws = samples.draws();
                double[] row = new double[draws.cols()];
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < draws.rows(); i++) {
                    draws.copyRow(i, row);
                    line.setLength(0);
                    for (int d = 0; d < row.length; d++) {
                        if (d > 0) {
                            line.append(',');
                        }
                        line.append(row[d]);
                    }
                    w.write(line.toString());
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("posterior samples: could not write " + path, e);
        }
    }
}

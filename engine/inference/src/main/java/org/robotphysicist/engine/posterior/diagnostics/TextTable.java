package org.robotphysicist.engine.posterior.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.DimensionMismatchException;

/**
 * A plain-text table for diagnostic reports: a header row, aligned columns (text left, numbers
 * right), one line per row.
 */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; numbers are formatted with 4 significant digits, other values with toString. */
    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new DimensionMismatchException("table row cells", headers.size(), cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(format(c));
        }
        rows.add(row);
        return this;
    }

    private static String format(Object c) {
        if (c instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(c);
    }

    /** The rendered table, lines separated by '\n'. */
    public String render() {
        int[] width = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
                numeric[c] &= row.get(c).matches("[-+0-9.eE]+|NaN|-?Infinity");
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width, numeric);
        for (int c = 0; c < width.length; c++) {
            sb.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        sb.append('\n');
        for (List<String> row : rows) {
            line(sb, row, width, numeric);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] numeric) {
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + cell : cell + pad);
        }
        sb.append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}

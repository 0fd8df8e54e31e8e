package org.robotphysicist.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;

/**
 * Reads one JSON object of a request, field by field, with errors that name the field, what was
 * expected and what was found ({@link InvalidInputException}, answered with 400). Unknown fields
 * are errors, so a misspelt option is never silently ignored.
 */
final class RequestJson {
    private final JsonNode node;
    private final String what;

    private RequestJson(JsonNode node, String what) {
        this.node = node;
        this.what = what;
    }

    /** {@code node} as an object with only the {@code allowed} fields. */
    static RequestJson of(JsonNode node, String what, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(what + ": expected a JSON object but found " + kind(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new InvalidInputException(what + ": unknown field '" + f + "': expected one of "
                        + new TreeSet<>(allowed));
            }
        }
        return new RequestJson(node, what);
    }

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    RequestJson object(String field, Set<String> allowed) {
        return of(require(field), what + " field '" + field + "'", allowed);
    }

    /** The elements of a non-empty array field, at most {@code max}, each an object with only the {@code allowed} fields. */
    List<RequestJson> objects(String field, Set<String> allowed, int max) {
        JsonNode v = require(field);
        if (!v.isArray() || v.isEmpty()) {
            throw new InvalidInputException(name(field) + ": expected a non-empty array of objects but found "
                    + kind(v));
        }
        if (v.size() > max) {
            throw new InvalidInputException(name(field) + ": expected at most " + max + " elements but found "
                    + v.size());
        }
        List<RequestJson> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(of(v.get(i), name(field) + "[" + i + "]", allowed));
        }
        return out;
    }

    String string(String field) {
        JsonNode v = require(field);
        if (!v.isTextual()) {
            throw new InvalidInputException(name(field) + ": expected a string but found " + kind(v));
        }
        return v.asText();
    }

    int intOr(String field, int fallback, int min, int max) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new InvalidInputException(name(field) + ": expected an integer in [" + min + ", " + max
                    + "] but found " + v);
        }
        return v.asInt();
    }

    long longOr(String field, long fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidInputException(name(field) + ": expected an integer seed but found " + v);
        }
        return v.asLong();
    }

    /** A number array of length {@code length} (any length when negative), all finite. */
    double[] doubles(String field, int length) {
        return numbers(require(field), name(field), length);
    }

    double[] doublesOr(String field, double[] fallback) {
        return has(field) ? doubles(field, -1) : fallback;
    }

    /**
     * Rows of {@code cols} numbers, (N, cols), N in [1, maxRows]; with {@code cols} = 1 a flat list
     * of numbers is accepted too.
     */
    Matrix matrix(String field, int cols, int maxRows) {
        JsonNode v = require(field);
        if (!v.isArray() || v.isEmpty()) {
            throw new InvalidInputException(name(field) + ": expected a non-empty array of rows of " + cols
                    + " number(s) but found " + (v.isArray() ? "an empty array" : kind(v)));
        }
        if (v.size() > maxRows) {
            throw new InvalidInputException(name(field) + ": expected at most " + maxRows + " rows but found "
                    + v.size());
        }
        double[] flat = new double[v.size() * cols];
        for (int i = 0; i < v.size(); i++) {
            JsonNode row = v.get(i);
            if (cols == 1 && row.isNumber()) {
                flat[i] = numbers(row, name(field) + "[" + i + "]", -2)[0];
            } else {
                double[] r = numbers(row, name(field) + "[" + i + "]", cols);
                System.arraycopy(r, 0, flat, i * cols, cols);
            }
        }
        return Matrix.of(v.size(), cols, flat);
    }

    /** {@code {"lower": [...], "upper": [...]}} with {@code dim} components each. */
    Box box(String field, int dim) {
        RequestJson b = object(field, Set.of("lower", "upper"));
        return new Box(b.doubles("lower", dim), b.doubles("upper", dim));
    }

    private static double[] numbers(JsonNode v, String name, int length) {
        if (length == -2) {
            v = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(v);
        }
        if (!v.isArray()) {
            throw new InvalidInputException(name + ": expected an array of numbers but found " + kind(v));
        }
        if (length >= 0 && v.size() != length) {
            throw new DimensionMismatchException(name + ": expected " + length + " number(s) but found " + v.size());
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isNumber() || !Double.isFinite(e.asDouble())) {
                throw new InvalidInputException(name + "[" + i + "]: expected a finite number but found " + kind(e));
            }
            out[i] = e.asDouble();
        }
        return out;
    }

    /** The elements of an array field, each as a number array of length {@code length}. */
    List<double[]> rows(String field, int length, int maxRows) {
        Matrix m = matrix(field, length, maxRows);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < m.rows(); i++) {
            out.add(m.row(i));
        }
        return out;
    }

    private JsonNode require(String field) {
        if (!has(field)) {
            throw new InvalidInputException(name(field) + ": expected a value but found none");
        }
        return node.get(field);
    }

    private String name(String field) {
        return what + " field '" + field + "'";
    }

    static String kind(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        String text = v.toString();
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }
}

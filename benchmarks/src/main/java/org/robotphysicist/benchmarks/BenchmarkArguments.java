package org.robotphysicist.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark command's {@code --name value} arguments, with defaults for the names not given. */
public final class BenchmarkArguments {
    private final Map<String, String> values;

    private BenchmarkArguments(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code --name value} pairs; anything else is an error naming the arguments. */
    public static BenchmarkArguments parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs but found " + Arrays.toString(args));
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return new BenchmarkArguments(m);
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    /** The integer option {@code name}, or null where it is not given (a default decided elsewhere). */
    public Integer optionalInteger(String name) {
        return values.containsKey(name) ? Integer.valueOf(values.get(name)) : null;
    }

    public double real(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    /** A comma-separated list of integers. */
    public int[] integers(String name, String fallback) {
        return Arrays.stream(string(name, fallback).split(",")).map(String::trim).mapToInt(Integer::parseInt)
                .toArray();
    }

    /** The median of {@code v} (the mean of the middle two for an even count). */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}

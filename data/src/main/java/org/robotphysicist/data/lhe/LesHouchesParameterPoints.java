package org.robotphysicist.data.lhe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.robotphysicist.data.InvalidInputException;

/**
 * The parameter points a Les Houches file's header states: the θ and φ its events were generated
 * at, and the θ′ of each {@code <rwgt>} weight. Written into the {@code <header>} as
 *
 * <pre>{@code
 * <robotphysicist simulator="z-lineshape">
 * <theta M_Z="91.1875" Gamma_Z="2.4952" sin2_theta_eff="0.2315"/>
 * <phi sqrt_s="91.2"/>
 * </robotphysicist>
 * <initrwgt>
 * <weight id="wider"> M_Z=91.1875 Gamma_Z=2.6 sin2_theta_eff=0.2315 </weight>
 * </initrwgt>
 * }</pre>
 *
 * The {@code <theta>} and {@code <phi>} tags count only inside the {@code <robotphysicist>} block; a
 * {@code <weight>} (the version-3 {@code <initrwgt>} declaration, arXiv:1405.1067, possibly inside
 * {@code <weightgroup>}s) names a parameter point when its text's {@code name=value} pairs name θ
 * components; other weights (a scale or PDF variation, {@code muR=2.0} say) are not parameter points.
 *
 * @param simulator   the {@code simulator} attribute of the block, or empty
 * @param theta       θ name → value at which the events were generated (empty: not stated)
 * @param thetaLine   the line of the {@code <theta>} tag (0: none)
 * @param phi         φ name → value (empty: not stated)
 * @param phiLine     the line of the {@code <phi>} tag (0: none)
 * @param weights     every declared weight, by id, in file order
 */
public record LesHouchesParameterPoints(Optional<String> simulator, Map<String, Double> theta, int thetaLine,
        Map<String, Double> phi, int phiLine, Map<String, DeclaredWeight> weights) {

    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(\\S+)");
    private static final Pattern WEIGHT = Pattern.compile(
            "<weight\\s+id\\s*=\\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</weight>");

    public LesHouchesParameterPoints {
        theta = Collections.unmodifiableMap(new LinkedHashMap<>(theta));
        phi = Collections.unmodifiableMap(new LinkedHashMap<>(phi));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /**
     * One {@code <weight id="…">} declaration.
     *
     * @param id     the weight id, as the events' {@code <wgt id="…">} use it
     * @param values name → value pairs of its text (NaN where a value is not a number)
     * @param line   where it is declared
     */
    public record DeclaredWeight(String id, Map<String, Double> values, int line) {
        public DeclaredWeight {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** Whether the text names a parameter point: a value for at least one of {@code thetaNames}. */
        public boolean isParameterPoint(List<String> thetaNames) {
            return thetaNames.stream().anyMatch(values::containsKey);
        }
    }

    /**
     * Reads the points from {@code file}'s header; {@code source} names the file in errors, which
     * also give the line.
     *
     * @throws MalformedLesHouchesException for a value that is not a finite number, a name twice, a
     *         second block, or a weight id declared twice
     */
    public static LesHouchesParameterPoints of(LesHouchesFile file, String source) {
        String simulator = null;
        Map<String, Double> theta = Map.of();
        Map<String, Double> phi = Map.of();
        int thetaLine = 0;
        int phiLine = 0;
        boolean inBlock = false;
        boolean seenBlock = false;
        Map<String, DeclaredWeight> weights = new LinkedHashMap<>();
        String[] lines = file.header().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = file.headerLine() == 0 ? i + 1 : file.headerLine() + i;
            if (line.startsWith("<robotphysicist")) {
                if (seenBlock) {
                    throw new MalformedLesHouchesException(source, number, "expected one <robotphysicist> block"
                            + " but found a second");
                }
                seenBlock = true;
                inBlock = !line.endsWith("/>");
                Matcher m = ATTRIBUTE.matcher(line);
                while (m.find()) {
                    if (m.group(1).equals("simulator")) {
                        simulator = m.group(2);
                    }
                }
            } else if (line.startsWith("</robotphysicist>")) {
                inBlock = false;
            } else if (inBlock && line.startsWith("<theta")) {
                if (thetaLine != 0) {
                    throw new MalformedLesHouchesException(source, number, "expected one <theta> tag but found a"
                            + " second (the first on line " + thetaLine + ")");
                }
                theta = values(line.substring("<theta".length()), ATTRIBUTE, source, number, "<theta>", true);
                thetaLine = number;
            } else if (inBlock && line.startsWith("<phi")) {
                if (phiLine != 0) {
                    throw new MalformedLesHouchesException(source, number, "expected one <phi> tag but found a"
                            + " second (the first on line " + phiLine + ")");
                }
                phi = values(line.substring("<phi".length()), ATTRIBUTE, source, number, "<phi>", true);
                phiLine = number;
            }
            Matcher w = WEIGHT.matcher(line);
            while (w.find()) {
                String id = w.group(1);
                String text = w.group(2);
                Map<String, Double> values = text.contains("=")
                        ? values(text, PAIR, source, number, "<weight id='" + id + "'>", false) : Map.of();
                DeclaredWeight earlier = weights.put(id, new DeclaredWeight(id, values, number));
                if (earlier != null) {
                    throw new MalformedLesHouchesException(source, number, "expected each weight id once but '" + id
                            + "' is also declared on line " + earlier.line());
                }
            }
        }
        return new LesHouchesParameterPoints(Optional.ofNullable(simulator), theta, thetaLine, phi, phiLine, weights);
    }

    /** The declared weights that name parameter points of {@code thetaNames}, in file order. */
    public List<DeclaredWeight> parameterPoints(List<String> thetaNames) {
        List<DeclaredWeight> out = new ArrayList<>();
        for (DeclaredWeight w : weights.values()) {
            if (w.isParameterPoint(thetaNames)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * {@code values} as a vector in the order of {@code names}: every name must be there, and no other.
     *
     * @throws MalformedLesHouchesException naming {@code source}, {@code line} and {@code what}
     */
    public static double[] vector(Map<String, Double> values, List<String> names, String source, int line,
            String what) {
        if (!values.keySet().equals(new java.util.HashSet<>(names))) {
            throw new MalformedLesHouchesException(source, line, what + ": expected the names " + names
                    + " but found " + values.keySet());
        }
        double[] out = new double[names.size()];
        for (int d = 0; d < out.length; d++) {
            out[d] = values.get(names.get(d));
            if (!Double.isFinite(out[d])) {
                throw new MalformedLesHouchesException(source, line, what + ": expected a finite number for "
                        + names.get(d) + " but found " + out[d]);
            }
        }
        return out;
    }

    /**
     * The header block stating θ and φ (and the simulator), in the form {@link #of} reads; values in
     * Java's shortest round-trip notation.
     */
    public static String block(String simulator, List<String> thetaNames, double[] theta, List<String> phiNames,
            double[] phi) {
        return "<robotphysicist simulator=\"" + simulator + "\">\n<theta" + attributes(thetaNames, theta) + "/>\n<phi"
                + attributes(phiNames, phi) + "/>\n</robotphysicist>\n";
    }

    /** The {@code <initrwgt>} declaration of {@code points} (id → θ′), or "" when there are none. */
    public static String reweightingBlock(List<String> thetaNames, Map<String, double[]> points) {
        if (points.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<initrwgt>\n");
        for (Map.Entry<String, double[]> p : points.entrySet()) {
            out.append("<weight id='").append(p.getKey()).append("'>");
            for (int d = 0; d < thetaNames.size(); d++) {
                out.append(' ').append(thetaNames.get(d)).append('=').append(p.getValue()[d]);
            }
            out.append(" </weight>\n");
        }
        return out.append("</initrwgt>\n").toString();
    }

    private static String attributes(List<String> names, double[] values) {
        if (names.size() != values.length) {
            throw new InvalidInputException("header values: expected " + names.size() + " values for " + names
                    + " but found " + values.length);
        }
        StringBuilder out = new StringBuilder();
        for (int d = 0; d < values.length; d++) {
            out.append(String.format(Locale.ROOT, " %s=\"%s\"", names.get(d), values[d]));
        }
        return out.toString();
    }

    /** name → value pairs; {@code strict}: every value a finite number, else NaN stands for a non-number. */
    private static Map<String, Double> values(String text, Pattern pattern, String source, int line, String what,
            boolean strict) {
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            double v;
            try {
                v = Double.parseDouble(m.group(2));
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (strict && !Double.isFinite(v)) {
                throw new MalformedLesHouchesException(source, line, what + ": expected a finite number for " + name
                        + " but found '" + m.group(2) + "'");
            }
            if (out.put(name, v) != null) {
                throw new MalformedLesHouchesException(source, line, what + ": expected each name once but found "
                        + name + " twice");
            }
        }
        if (strict && out.isEmpty()) {
            throw new MalformedLesHouchesException(source, line, what + ": expected name=\"value\" pairs but found '"
                    + text.strip() + "'");
        }
        return out;
    }
}

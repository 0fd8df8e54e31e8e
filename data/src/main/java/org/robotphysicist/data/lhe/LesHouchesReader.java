package org.robotphysicist.data.lhe;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Les Houches Event Files (versions 1.0–3.0; Alwall et al., Comput. Phys. Commun. 176 (2007)
 * 300, and arXiv:1405.1067 for version 3's {@code <rwgt>} weights). Line-oriented rather than a
 * general XML parse, as the format allows free text inside its blocks: it recognizes
 * {@code <LesHouchesEvents version="…">}, an optional {@code <header>} (kept as raw text),
 * {@code <init>}, {@code <event>} blocks with their {@code <rwgt><wgt id="…">} lines, and the closing
 * tag; lines starting with '#' and unknown tags inside blocks are skipped. Numbers must be plain
 * decimals or scientific notation (a Fortran 'D' exponent is accepted). Every violation raises a
 * {@link MalformedLesHouchesException} naming the line; nothing is returned from a malformed file.
 */
public final class LesHouchesReader {
    private static final Pattern VERSION = Pattern.compile("version\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Pattern WEIGHT = Pattern.compile(
            "<wgt\\s+id\\s*=\\s*[\"']([^\"']*)[\"'][^>]*>\\s*(\\S+)\\s*</wgt>");
    private static final Pattern REAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eEdD][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final String[] PARTICLE_FIELDS = {"IDUP", "ISTUP", "MOTHUP1", "MOTHUP2", "ICOLUP1", "ICOLUP2",
        "PUP1", "PUP2", "PUP3", "PUP4", "PUP5", "VTIMUP", "SPINUP"};

    private final BufferedReader in;
    private final String source;
    private int lineNumber;
    private int headerLine;

    private LesHouchesReader(BufferedReader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Reads the file at {@code path}. */
    public static LesHouchesFile read(Path path) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(in, path.toString());
        }
    }

    /** Reads a whole file from {@code in}; {@code source} names it in error messages. */
    public static LesHouchesFile read(BufferedReader in, String source) throws IOException {
        return new LesHouchesReader(in, source).file();
    }

    private LesHouchesFile file() throws IOException {
        String line = nextContentLine();
        if (line != null && line.startsWith("<?xml")) {
            line = nextContentLine();
        }
        if (line == null || !line.startsWith("<LesHouchesEvents")) {
            throw error("expected the opening <LesHouchesEvents version=\"...\"> tag but found "
                    + (line == null ? "the end of the file" : "'" + abbreviate(line) + "'"));
        }
        Matcher version = VERSION.matcher(line);
        if (!version.find()) {
            throw error("expected a version attribute in the <LesHouchesEvents> tag but found '" + abbreviate(line) + "'");
        }
        String versionText = version.group(1);
        if (!List.of("1.0", "2.0", "3.0").contains(versionText)) {
            throw error("expected version 1.0, 2.0 or 3.0 but found '" + versionText + "'");
        }
        String header = "";
        LesHouchesInit init = null;
        List<LesHouchesEvent> events = new ArrayList<>();
        List<Integer> eventLines = new ArrayList<>();
        while (true) {
            line = nextContentLine();
            if (line == null) {
                throw error("expected </LesHouchesEvents> but the file ends after " + events.size() + " events");
            }
            if (line.startsWith("</LesHouchesEvents>")) {
                break;
            } else if (line.startsWith("<header")) {
                header = header(line);
            } else if (line.startsWith("<init")) {
                if (init != null) {
                    throw error("expected one <init> block but found a second");
                }
                init = init();
            } else if (line.startsWith("<event")) {
                if (init == null) {
                    throw error("expected the <init> block before the first <event>");
                }
                eventLines.add(lineNumber);
                events.add(event());
            }
            // Other top-level lines (comments, generator-specific tags) are skipped.
        }
        if (init == null) {
            throw error("expected an <init> block but the file has none");
        }
        try {
            return new LesHouchesFile(versionText, header, init, events, headerLine, eventLines);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private String header(String opening) throws IOException {
        StringBuilder text = new StringBuilder();
        String rest = opening.substring(opening.indexOf('>') + 1);
        headerLine = lineNumber + 1;
        if (rest.contains("</header>")) {
            headerLine = lineNumber;
            return rest.substring(0, rest.indexOf("</header>"));
        }
        int start = lineNumber;
        while (true) {
            String raw = in.readLine();
            lineNumber++;
            if (raw == null) {
                throw error("expected </header> to close the header opened on line " + start
                        + " but the file ends");
            }
            int close = raw.indexOf("</header>");
            if (close >= 0) {
                text.append(raw, 0, close);
                return text.toString();
            }
            text.append(raw).append('\n');
        }
    }

    private LesHouchesInit init() throws IOException {
        int start = lineNumber;
        String[] first = tokens(requireDataLine("<init>", start), 10,
                "IDBMUP1 IDBMUP2 EBMUP1 EBMUP2 PDFGUP1 PDFGUP2 PDFSUP1 PDFSUP2 IDWTUP NPRUP");
        int processes = integer(first[9], "NPRUP");
        if (processes < 1) {
            throw error("expected NPRUP >= 1 but found " + processes);
        }
        List<LesHouchesInit.Process> list = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            String[] p = tokens(requireDataLine("<init>", start), 4, "XSECUP XERRUP XMAXUP LPRUP");
            list.add(new LesHouchesInit.Process(real(p[0], "XSECUP"), real(p[1], "XERRUP"), real(p[2], "XMAXUP"),
                    integer(p[3], "LPRUP")));
        }
        skipTo("</init>", "<init>", start);
        try {
            return new LesHouchesInit(integer(first[0], "IDBMUP1"), integer(first[1], "IDBMUP2"),
                    real(first[2], "EBMUP1"), real(first[3], "EBMUP2"), integer(first[4], "PDFGUP1"),
                    integer(first[5], "PDFGUP2"), integer(first[6], "PDFSUP1"), integer(first[7], "PDFSUP2"),
                    integer(first[8], "IDWTUP"), list);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private LesHouchesEvent event() throws IOException {
        int start = lineNumber;
        String[] head = tokens(requireDataLine("<event>", start), 6, "NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP");
        int count = integer(head[0], "NUP");
        if (count < 1) {
            throw error("expected NUP >= 1 particles but found " + count);
        }
        List<LesHouchesParticle> particles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] f = tokens(requireDataLine("<event>", start), 13, String.join(" ", PARTICLE_FIELDS));
            int mother1 = integer(f[2], "MOTHUP1");
            int mother2 = integer(f[3], "MOTHUP2");
            if (mother1 < 0 || mother1 > count || mother2 < 0 || mother2 > count) {
                throw error("expected mother indices in [0, NUP = " + count + "] but found " + mother1 + " and "
                        + mother2);
            }
            particles.add(new LesHouchesParticle(integer(f[0], "IDUP"), integer(f[1], "ISTUP"), mother1, mother2,
                    integer(f[4], "ICOLUP1"), integer(f[5], "ICOLUP2"), real(f[6], "PUP1"), real(f[7], "PUP2"),
                    real(f[8], "PUP3"), real(f[9], "PUP4"), real(f[10], "PUP5"), real(f[11], "VTIMUP"),
                    real(f[12], "SPINUP")));
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        while (true) {
            String raw = in.readLine();
            lineNumber++;
            if (raw == null) {
                throw error("expected </event> to close the event opened on line " + start + " but the file ends");
            }
            String line = raw.trim();
            if (line.startsWith("</event>")) {
                break;
            }
            if (line.startsWith("<event") || line.startsWith("</LesHouchesEvents>")) {
                throw error("expected </event> to close the event opened on line " + start + " but found '"
                        + abbreviate(line) + "'");
            }
            if (line.startsWith("<wgt")) {
                Matcher m = WEIGHT.matcher(line);
                if (!m.matches()) {
                    throw error("expected <wgt id='ID'> VALUE </wgt> but found '" + abbreviate(line) + "'");
                }
                if (weights.put(m.group(1), real(m.group(2), "weight '" + m.group(1) + "'")) != null) {
                    throw error("expected unique weight ids but '" + m.group(1) + "' appears twice");
                }
            } else if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("<")) {
                throw error("expected </event> after " + count + " particle lines (NUP) but found another data line '"
                        + abbreviate(line) + "'");
            }
        }
        try {
            return new LesHouchesEvent(integer(head[1], "IDPRUP"), real(head[2], "XWGTUP"), real(head[3], "SCALUP"),
                    real(head[4], "AQEDUP"), real(head[5], "AQCDUP"), particles, weights);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** The next non-blank line that is not a '#' comment, inside a block; a tag there is an error. */
    private String requireDataLine(String block, int start) throws IOException {
        while (true) {
            String raw = in.readLine();
            lineNumber++;
            if (raw == null) {
                throw error("expected more data lines in the " + block + " block opened on line " + start
                        + " but the file ends");
            }
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("<")) {
                throw error("expected a data line of the " + block + " block opened on line " + start
                        + " but found '" + abbreviate(line) + "'");
            }
            return line;
        }
    }

    private void skipTo(String closing, String block, int start) throws IOException {
        while (true) {
            String raw = in.readLine();
            lineNumber++;
            if (raw == null) {
                throw error("expected " + closing + " to close the " + block + " block opened on line " + start
                        + " but the file ends");
            }
            if (raw.trim().startsWith(closing)) {
                return;
            }
        }
    }

    private String nextContentLine() throws IOException {
        while (true) {
            String raw = in.readLine();
            if (raw == null) {
                return null;
            }
            lineNumber++;
            String line = raw.strip();
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (!line.isEmpty()) {
                return line;
            }
        }
    }

    private String[] tokens(String line, int expected, String fields) {
        String[] t = line.split("\\s+");
        if (t.length != expected) {
            throw error("expected " + expected + " values (" + fields + ") but found " + t.length + ": '"
                    + abbreviate(line) + "'");
        }
        return t;
    }

    private int integer(String token, String field) {
        if (!INTEGER.matcher(token).matches()) {
            throw error("expected an integer for " + field + " but found '" + token + "'");
        }
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw error("expected an integer for " + field + " within 32 bits but found '" + token + "'");
        }
    }

    private double real(String token, String field) {
        if (!REAL.matcher(token).matches()) {
            throw error("expected a decimal number for " + field + " but found '" + token + "'");
        }
        double v = Double.parseDouble(token.replace('D', 'E').replace('d', 'e'));
        if (!Double.isFinite(v)) {
            throw error("expected a finite number for " + field + " but found '" + token + "'");
        }
        return v;
    }

    private MalformedLesHouchesException error(String message) {
        return new MalformedLesHouchesException(source, lineNumber, message);
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}

package org.robotphysicist.data.lhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.lineshape.BeamAndDetector;
import org.robotphysicist.data.simulator.lineshape.LineshapeLikelihood;
import org.robotphysicist.data.simulator.lineshape.LineshapeParameters;

class LesHouchesFilesTest {
    private static final double[] THETA = LineshapeParameters.LEP_COMBINATION.toTheta();
    private static final double[] WIDER = {91.1875, 2.60, 0.23153};

    @TempDir
    Path dir;

    /**
     * A hand-written two-event file following the published format (Alwall et al., Comput. Phys.
     * Commun. 176 (2007) 300; version-3 weights, arXiv:1405.1067): comments, a generator tag in
     * the init block, a Fortran 'D' exponent, e⁺ as beam 1 (so the z axis must be turned), and
     * {@code <rwgt>} weights.
     */
    private static final String HAND_WRITTEN = """
            <LesHouchesEvents version="3.0">
            <header>
            <!-- written by hand for a test -->
            </header>
            <init>
             -11 11 4.56D+01 45.6 0 0 0 0 3 1
             1.48e+03 2.0e+00 1.0 1
            <generator name='by hand' version='1'>x</generator>
            </init>
            <event>
             4 1 1.48e+03 91.2 7.8e-03 0.0
               -11 -1 0 0 0 0 0.0 0.0 45.6 45.6 0.0 0.0 9.
                11 -1 0 0 0 0 0.0 0.0 -45.6 45.6 0.0 0.0 9.
                13  1 1 2 0 0 45.6 0.0 0.0 45.6 0.0 0.0 9.
               -13  1 1 2 0 0 -45.6 0.0 0.0 45.6 0.0 0.0 9.
            # a comment line
            <rwgt>
            <wgt id='w1'> 1.5e+03 </wgt>
            </rwgt>
            </event>
            <event>
             4 1 1.48e+03 91.2 7.8e-03 0.0
               -11 -1 0 0 0 0 0.0 0.0 45.6 45.6 0.0 0.0 9.
                11 -1 0 0 0 0 0.0 0.0 -45.6 45.6 0.0 0.0 9.
                13  1 1 2 0 0 0.0 22.8 39.49177 45.6 0.0 0.0 9.
               -13  1 1 2 0 0 0.0 -22.8 -39.49177 45.6 0.0 0.0 9.
            </event>
            </LesHouchesEvents>
            """;

    @Test
    void aHandWrittenFileIsReadAndTurnedIntoObservables() throws IOException {
        LesHouchesFile f = read(HAND_WRITTEN);
        assertEquals("3.0", f.version());
        assertEquals(-11, f.init().beam1Id());
        assertClose("EBMUP1 with a D exponent", 45.6, f.init().beam1EnergyGeV(), 1e-12);
        assertEquals(2, f.events().size());
        assertEquals(Map.of("w1", 1500.0), f.events().get(0).reweights());
        assertEquals(4, f.events().get(1).particles().size());
        Matrix x = DimuonEventRecords.observables(f);
        // Event 1: back-to-back along x, so cos θ* = 0, no acollinearity, m = √s.
        assertClose("cos theta* of event 1", 0, x.get(0, 0), 1e-12);
        assertClose("acollinearity of event 1", 0, x.get(0, 1), 1e-12);
        assertClose("m/sqrt(s) of event 1", 1, x.get(0, 2), 1e-12);
        // Event 2: the μ⁻ at pz = +39.49, along beam 1 (the e⁺), so backward relative to the e⁻: cos θ* = −0.866.
        assertClose("cos theta* of event 2 (beam 1 is the e+)", -Math.cos(Math.atan2(22.8, 39.49177)), x.get(1, 0), 1e-12);
    }

    /** Files the simulator writes read back to the same records, and their x match the generator. */
    @Test
    void simulatorFilesRoundTrip() throws IOException {
        Map<String, double[]> points = new LinkedHashMap<>();
        points.put("wider", WIDER);
        LesHouchesFile written = ZLineshapeEventFile.generate(THETA, 93, 300, new SplittableRandom(4), points,
                BeamAndDetector.lepOneLike());
        Path path = dir.resolve("z.lhe");
        LesHouchesWriter.write(path, written);
        LesHouchesFile back = LesHouchesReader.read(path);
        assertEquals(written, back);
        Matrix x = DimuonEventRecords.observables(back);
        for (int i = 0; i < x.rows(); i++) {
            // Generator level: m_μμ = √s' (SCALUP) exactly, |cos θ*| < 1.
            assertClose("m/sqrt(s) of event " + i, back.events().get(i).scaleGeV() / 93, x.get(i, 2), 1e-9);
            assertTrue(Math.abs(x.get(i, 0)) < 1, "cos theta* of event " + i);
        }
    }

    /** The mean reweighting weight estimates σ̄ at the other point (4 standard errors). */
    @Test
    void reweightingWeightsEstimateTheOtherCrossSection() {
        int n = 20_000;
        LesHouchesFile f = ZLineshapeEventFile.generate(THETA, 91.1875, n, new SplittableRandom(8),
                Map.of("wider", WIDER), BeamAndDetector.lepOneLike());
        double sum = 0;
        double sumSq = 0;
        for (LesHouchesEvent e : f.events()) {
            double w = e.reweights().get("wider");
            sum += w;
            sumSq += w * w;
        }
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        double expected = new LineshapeLikelihood(LineshapeParameters.fromTheta(WIDER), BeamAndDetector.lepOneLike(),
                91.1875).totalCrossSectionPb();
        assertWithinSigmas("mean reweighted sigma (pb)", expected, mean, se, 4);
    }

    @Test
    void malformedFilesAreRefusedWithTheLine() {
        assertMalformed(HAND_WRITTEN.replace("</LesHouchesEvents>\n", ""), "expected </LesHouchesEvents>");
        assertMalformed(HAND_WRITTEN.replace(" 13  1 1 2 0 0 45.6 0.0 0.0 45.6 0.0 0.0 9.", " 13  1 1 2 0 0 45.6 0.0"),
                "line 14: expected 13 values");
        assertMalformed(HAND_WRITTEN.replace("1.48e+03 91.2", "abc 91.2"), "expected a decimal number for XWGTUP but"
                + " found 'abc'");
        assertMalformed(HAND_WRITTEN.replace(" 4 1 1.48e+03", " 3 1 1.48e+03"), "found another data line");
        assertMalformed(HAND_WRITTEN.replace("version=\"3.0\"", "version=\"4.0\""), "expected version 1.0, 2.0 or 3.0");
        assertMalformed(HAND_WRITTEN.replace("</rwgt>", "<wgt id='w1'> 2 </wgt>\n</rwgt>"), "'w1' appears twice");
        assertMalformed(HAND_WRITTEN.replace(" 13  1 1 2 0 0 45.6", " 13  1 7 2 0 0 45.6"), "mother indices");
        // NUP = 4 but the second event lists only its two beams.
        assertMalformed(HAND_WRITTEN.replaceAll("(?m)^\\s+-?13\\s+1 1 2 0 0 0\\.0.*\\n", ""), "found '</event>'");
        assertMalformed("hello\n", "line 1: expected the opening <LesHouchesEvents");
        assertMalformed(HAND_WRITTEN.substring(0, HAND_WRITTEN.indexOf("<init>")) + HAND_WRITTEN.substring(
                HAND_WRITTEN.indexOf("</init>") + 8), "expected the <init> block before the first <event>");
        assertMalformed(HAND_WRITTEN.replace("0.0 0.0 45.6 45.6 0.0 0.0 9.", "0.0 0.0 NaN 45.6 0.0 0.0 9."),
                "expected a decimal number for PUP3 but found 'NaN'");
    }

    @Test
    void eventsWithoutTwoMuonsCannotBecomeObservables() throws IOException {
        LesHouchesFile f = read(HAND_WRITTEN.replace("-13  1 1 2 0 0 -45.6", "-11  1 1 2 0 0 -45.6"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DimuonEventRecords.observables(f));
        assertTrue(e.getMessage().contains("LHE line 10 (event 1): expected one final-state mu- (13) and one mu+ (-13)"
                + " but found 1"
                + " and 0"), e.getMessage());
    }

    private static void assertMalformed(String text, String expectedFragment) {
        MalformedLesHouchesException e = assertThrows(MalformedLesHouchesException.class, () -> read(text));
        assertTrue(e.getMessage().contains(expectedFragment), () -> "message '" + e.getMessage() + "' lacks '"
                + expectedFragment + "'");
        assertTrue(e.getMessage().startsWith("test.lhe line "), e.getMessage());
    }

    private static LesHouchesFile read(String text) throws IOException {
        return LesHouchesReader.read(new BufferedReader(new StringReader(text)), "test.lhe");
    }

    @Test
    void writingToAWriterMatchesWritingToAFile() throws IOException {
        LesHouchesFile f = read(HAND_WRITTEN);
        StringWriter out = new StringWriter();
        LesHouchesWriter.write(out, f);
        Path path = dir.resolve("h.lhe");
        LesHouchesWriter.write(path, f);
        assertEquals(out.toString(), Files.readString(path));
        assertEquals(f, read(out.toString()));
    }
}

package org.robotphysicist.data.lhe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parameter points of a Les Houches header: written, read back, and refused when malformed. */
class LesHouchesParameterPointsTest {
    private static final List<String> THETA = List.of("M_Z", "Gamma_Z", "sin2_theta_eff");
    private static final List<String> PHI = List.of("sqrt_s");
    private static final LesHouchesInit INIT = LesHouchesInit.electronPositron(45.6, 1484.0, 0, 1);

    @Test
    void theWrittenBlockReadsBackWithLineNumbers() throws IOException {
        Map<String, double[]> points = new LinkedHashMap<>();
        points.put("wide", new double[] {91.1875, 2.7, 0.2315});
        String header = "<!-- a comment -->\n" + LesHouchesParameterPoints.block("z-lineshape", THETA,
                new double[] {91.1875, 2.4952, 0.2315}, PHI, new double[] {91.2})
                + LesHouchesParameterPoints.reweightingBlock(THETA, points);
        LesHouchesParameterPoints read = LesHouchesParameterPoints.of(roundTrip(header), "z.lhe");
        assertEquals(Optional.of("z-lineshape"), read.simulator());
        assertArrayEquals(new double[] {91.1875, 2.4952, 0.2315},
                LesHouchesParameterPoints.vector(read.theta(), THETA, "z.lhe", read.thetaLine(), "<theta>"));
        assertEquals(Map.of("sqrt_s", 91.2), read.phi());
        // Line 1 <LesHouchesEvents>, 2 <header>, 3 the comment, 4 <robotphysicist>, 5 <theta>, 6 <phi>.
        assertEquals(5, read.thetaLine());
        assertEquals(6, read.phiLine());
        List<LesHouchesParameterPoints.DeclaredWeight> declared = read.parameterPoints(THETA);
        assertEquals(1, declared.size());
        assertEquals("wide", declared.get(0).id());
        assertEquals(9, declared.get(0).line());
        assertEquals(2.7, declared.get(0).values().get("Gamma_Z"));
    }

    @Test
    void weightsThatNameNoThetaAreNotParameterPoints() throws IOException {
        String header = "<initrwgt>\n<weightgroup name='scales'>\n<weight id='1001'> muR=2.0 muF=0.5 </weight>\n"
                + "<weight id='1002'> set param_card mass 23 91.0 </weight>\n<weight id='pdf'> pdf=NNPDF31 </weight>\n"
                + "</weightgroup>\n</initrwgt>\n";
        LesHouchesParameterPoints read = LesHouchesParameterPoints.of(roundTrip(header), "mg.lhe");
        assertEquals(3, read.weights().size());
        assertTrue(read.parameterPoints(THETA).isEmpty(), "no weight names a theta component");
        assertTrue(read.theta().isEmpty() && read.thetaLine() == 0, "no <robotphysicist> block: no theta");
        assertFalse(read.simulator().isPresent());
    }

    @Test
    void malformedBlocksAreRefusedNamingTheLine() throws IOException {
        String block = LesHouchesParameterPoints.block("z-lineshape", THETA, new double[] {91.1875, 2.4952, 0.2315},
                PHI, new double[] {91.2});
        assertRefused(block.replace("Gamma_Z=\"2.4952\"", "Gamma_Z=\"wide\""),
                "x.lhe line 4: <theta>: expected a finite number for Gamma_Z but found 'wide'");
        assertRefused(block.replace("<phi", "<theta M_Z=\"91\"/>\n<phi"),
                "x.lhe line 5: expected one <theta> tag but found a second (the first on line 4)");
        assertRefused("<initrwgt>\n<weight id='a'> M_Z=91 </weight>\n<weight id='a'> M_Z=92 </weight>\n</initrwgt>\n",
                "x.lhe line 5: expected each weight id once but 'a' is also declared on line 4");
        LesHouchesParameterPoints partial = LesHouchesParameterPoints.of(roundTrip(
                "<initrwgt>\n<weight id='a'> M_Z=91 Gamma_Z=x sin2_theta_eff=0.2 </weight>\n</initrwgt>\n"), "x.lhe");
        MalformedLesHouchesException e = assertThrows(MalformedLesHouchesException.class,
                () -> LesHouchesParameterPoints.vector(partial.weights().get("a").values(), THETA, "x.lhe", 4, "a"));
        assertTrue(e.getMessage().contains("x.lhe line 4: a: expected a finite number for Gamma_Z"), e.getMessage());
    }

    private static void assertRefused(String header, String fragment) {
        MalformedLesHouchesException e = assertThrows(MalformedLesHouchesException.class,
                () -> LesHouchesParameterPoints.of(roundTrip(header), "x.lhe"));
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    /** {@code header} in a one-event file, written and read back (so that lines are counted as in a file). */
    private static LesHouchesFile roundTrip(String header) throws IOException {
        LesHouchesEvent event = new LesHouchesEvent(1, 1484.0, 91.2, 0.0078, 0, List.of(
                new LesHouchesParticle(13, 1, 0, 0, 0, 0, 45.6, 0, 0, 45.6, 0, 0, 9),
                new LesHouchesParticle(-13, 1, 0, 0, 0, 0, -45.6, 0, 0, 45.6, 0, 0, 9)), Map.of());
        StringWriter w = new StringWriter();
        LesHouchesWriter.write(w, new LesHouchesFile("3.0", header, INIT, List.of(event)));
        return LesHouchesReader.read(new BufferedReader(new StringReader(w.toString())), "x.lhe");
    }
}

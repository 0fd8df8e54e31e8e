package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.lhe.DimuonEventRecords;
import org.robotphysicist.data.lhe.LesHouchesFile;
import org.robotphysicist.data.lhe.LesHouchesWriter;
import org.robotphysicist.data.lhe.ZLineshapeEventFile;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.lineshape.BeamAndDetector;
import org.robotphysicist.data.simulator.lineshape.ZLineshapeSimulator;

/** Les Houches files as training rows: labels from the header or the caller, weights as importance weights. */
class LesHouchesTrainingRowsTest {
    private static final ZLineshapeSimulator Z = new ZLineshapeSimulator();
    private static final double[] THETA = {91.1875, 2.4952, 0.2315};
    /** sin²θ_eff far from THETA's: the on-peak forward-backward asymmetry grows from 0.016 to about 0.11. */
    private static final double[] LOW_SIN2 = {91.1875, 2.4952, 0.20};

    @TempDir
    Path dir;

    /**
     * A hand-written file following the published format (Alwall et al., Comput. Phys. Commun. 176
     * (2007) 300; version-3 {@code <initrwgt>}/{@code <rwgt>}, arXiv:1405.1067): no
     * {@code <robotphysicist>} block (θ comes from the caller, √s from the beams), e⁺ as beam 1, a
     * weight group with a scale variation (not a parameter point) and one parameter point.
     */
    private static final String HAND_WRITTEN = """
            <LesHouchesEvents version="3.0">
            <header>
            <initrwgt>
            <weightgroup name="scale variation" combine="envelope">
            <weight id="muR2"> muR=2.0 </weight>
            </weightgroup>
            <weightgroup name="couplings">
            <weight id="sw20"> M_Z=91.1875 Gamma_Z=2.4952 sin2_theta_eff=0.20 </weight>
            </weightgroup>
            </initrwgt>
            </header>
            <init>
             -11 11 45.6 45.6 0 0 0 0 3 1
             1.48e+03 2.0e+00 1.48e+03 1
            </init>
            <event>
             4 1 1.48e+03 91.2 7.8e-03 0.0
               -11 -1 0 0 0 0 0.0 0.0 45.6 45.6 0.0 0.0 9.
                11 -1 0 0 0 0 0.0 0.0 -45.6 45.6 0.0 0.0 9.
                13  1 1 2 0 0 45.6 0.0 0.0 45.6 0.0 0.0 9.
               -13  1 1 2 0 0 -45.6 0.0 0.0 45.6 0.0 0.0 9.
            <rwgt>
            <wgt id="muR2"> 1.40e+03 </wgt>
            <wgt id="sw20"> 1.00e+03 </wgt>
            </rwgt>
            </event>
            <event>
             4 1 1.48e+03 91.2 7.8e-03 0.0
               -11 -1 0 0 0 0 0.0 0.0 45.6 45.6 0.0 0.0 9.
                11 -1 0 0 0 0 0.0 0.0 -45.6 45.6 0.0 0.0 9.
                13  1 1 2 0 0 0.0 22.8 39.49177 45.6 0.0 0.0 9.
               -13  1 1 2 0 0 0.0 -22.8 -39.49177 45.6 0.0 0.0 9.
            <rwgt>
            <wgt id="muR2"> 1.40e+03 </wgt>
            <wgt id="sw20"> 3.00e+03 </wgt>
            </rwgt>
            </event>
            </LesHouchesEvents>
            """;

    @Test
    void aHandWrittenFileIsLabelledByTheCallerAndItsBeamsAndResampledByItsParameterWeight() throws IOException {
        Path file = write("hand.lhe", HAND_WRITTEN);
        LesHouchesTrainingRows.Read r = LesHouchesTrainingRows.read(file, Z, new LesHouchesLabels(THETA, null, 1),
                new SplittableRandom(2));
        // Own point: both events once. sw20: weights 1000 and 3000, ESS = 16e6/10e6 = 1.6 -> 2 rows, drawn
        // at levels (u, u + 1/2)·4000 with u < 1/2: the first row is event 1 or 2, the second is event 2.
        assertEquals(4, r.rows().size(), "2 own rows + round(ESS 1.6) = 2 resampled rows");
        assertArrayEquals(THETA, r.rows().theta().row(0));
        assertArrayEquals(new double[] {91.1875, 2.4952, 0.20}, r.rows().theta().row(2));
        assertArrayEquals(new double[] {91.2}, r.rows().phi().row(3), 1e-12, "sqrt s = 2 sqrt(E1 E2) of the beams");
        assertArrayEquals(r.rows().x().row(1), r.rows().x().row(3), "the heavier event is always drawn");
        // Beam 1 is the e+: the z axis is turned, so the mu- of event 2 (pz > 0 along the e+) is backward.
        assertTrue(r.rows().x().get(1, 0) < -0.8, "cos theta* of event 2: " + r.rows().x().get(1, 0));
        assertEquals(2, r.notes().size(), String.join("\n", r.notes()));
        assertTrue(r.notes().get(1).contains("weight 'sw20' at theta [91.1875, 2.4952, 0.2]"
                + ", effective sample size 1.6 of 2: 2 resampled rows"), r.notes().get(1));
    }

    @Test
    void simulatorFilesCarryTheirLabelsAndReweightedRowsFollowTheOtherPointsDistribution() throws IOException {
        int n = 10_000;
        double sqrtS = 91.2;
        BeamAndDetector beam = Z.detector();
        LesHouchesFile generated = ZLineshapeEventFile.generate(THETA, sqrtS, n, new SplittableRandom(5),
                Map.of("lowsin2", LOW_SIN2), beam);
        Path file = write("z.lhe", text(generated));
        LesHouchesTrainingRows.Read r = LesHouchesTrainingRows.read(file, Z, LesHouchesLabels.fromHeaders(3),
                new SplittableRandom(4));
        Matrix own = DimuonEventRecords.observables(generated);
        assertArrayEquals(own.row(n - 1), r.rows().x().row(n - 1), "own rows: every event, in order");
        assertArrayEquals(THETA, r.rows().theta().row(0), "theta from the header");
        assertArrayEquals(new double[] {sqrtS}, r.rows().phi().row(0), "phi from the header");
        int resampled = r.rows().size() - n;
        assertTrue(resampled > 0.9 * n && resampled <= n, "round(ESS) rows at the other point: " + resampled);
        Matrix thetas = r.rows().theta();
        for (int i = n; i < thetas.rows(); i++) {
            assertArrayEquals(LOW_SIN2, thetas.row(i));
        }

        // E[cos theta*] = (2/3) A_FB: the resampled rows must match events generated at the other point, and
        // differ from the own rows (so the comparison has power).
        double[] ownCos = own.column(0);
        double[] resampledCos = Arrays.copyOfRange(r.rows().x().column(0), n, r.rows().size());
        double[] directCos = DimuonEventRecords.observables(ZLineshapeEventFile.generate(LOW_SIN2, sqrtS, n,
                new SplittableRandom(6), Map.of(), beam)).column(0);
        double se = Math.hypot(standardError(resampledCos), standardError(directCos));
        assertWithinSigmas("mean cos theta* of the reweighted rows vs events generated at sin2 = 0.20",
                mean(directCos), mean(resampledCos), se, 4);
        double gap = Math.abs(mean(ownCos) - mean(directCos)) / se;
        assertTrue(gap > 4, "the two points' mean cos theta* should differ by > 4 s.e.; found " + gap);
    }

    @Test
    void labelsFromTheCallerMustAgreeWithTheHeaderAndSomeLabelMustExist() throws IOException {
        Path file = write("z.lhe", text(ZLineshapeEventFile.generate(THETA, 91.2, 5, new SplittableRandom(1), Map.of(),
                Z.detector())));
        String clash = message(file, new LesHouchesLabels(new double[] {91.0, 2.4952, 0.2315}, null, 1));
        assertTrue(clash.startsWith(file + " line 4: the header's theta [91.1875, 2.4952, 0.2315] differs from"
                + " --theta [91.0, 2.4952, 0.2315]"), clash);
        Path bare = write("bare.lhe", HAND_WRITTEN);
        String none = message(bare, LesHouchesLabels.fromHeaders(1));
        assertTrue(none.contains(bare + ": expected the generating theta [M_Z, Gamma_Z, sin2_theta_eff] in the"
                + " header"), none);
        String outside = message(bare, new LesHouchesLabels(new double[] {80, 2.4952, 0.2315}, null, 1));
        assertTrue(outside.contains("expected theta inside the simulator's domain"), outside);
    }

    @Test
    void malformedWeightsAndRecordsAreRefusedNamingFileAndLine() throws IOException {
        LesHouchesLabels labels = new LesHouchesLabels(THETA, null, 1);
        String missing = message(write("a.lhe", HAND_WRITTEN.replace("<wgt id=\"sw20\"> 3.00e+03 </wgt>\n", "")),
                labels);
        assertTrue(missing.endsWith("a.lhe line 27 (event 2): expected a <wgt id='sw20'> weight (declared on line 8)"
                + " but the event has none"), missing);
        String negative = message(write("b.lhe", HAND_WRITTEN.replace("1.00e+03 </wgt>", "-1.00e+03 </wgt>")),
                labels);
        assertTrue(negative.contains("b.lhe line 16 (event 1): expected weight 'sw20' >= 0"), negative);
        String partial = message(write("c.lhe", HAND_WRITTEN.replace("M_Z=91.1875 Gamma_Z=2.4952 sin2", "M_Z=91.1875"
                + " sin2")), labels);
        assertTrue(partial.contains("c.lhe line 8: <weight id='sw20'>: expected the names [M_Z, Gamma_Z,"
                + " sin2_theta_eff] but found [M_Z, sin2_theta_eff]"), partial);
        String noMuon = message(write("d.lhe", HAND_WRITTEN.replace("-13  1 1 2 0 0 -45.6", "-11  1 1 2 0 0 -45.6")),
                labels);
        assertTrue(noMuon.contains("d.lhe line 16 (event 1): expected one final-state mu- (13) and one mu+ (-13)"),
                noMuon);
        String syntax = message(write("e.lhe", HAND_WRITTEN.replace(" 4 1 1.48e+03 91.2 7.8e-03 0.0\n   -11",
                " 4 1 1.48e+03 91.2 7.8e-03\n   -11")), labels);
        assertTrue(syntax.contains("e.lhe line 17: expected 6 values (NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP)"),
                syntax);
    }

    @Test
    void aSimulatorWithoutAnObservablesFunctionOrAnotherSimulatorsFileIsRefused() throws IOException {
        Path file = write("z.lhe", text(ZLineshapeEventFile.generate(THETA, 91.2, 5, new SplittableRandom(1),
                Map.of(), Z.detector())));
        String toy = assertThrows(InvalidInputException.class, () -> LesHouchesTrainingRows.read(file,
                new ToyGaussianSimulator(), LesHouchesLabels.fromHeaders(1), new SplittableRandom(1))).getMessage();
        assertTrue(toy.contains("expected a simulator with an observables function for particle records"), toy);
        String none = assertThrows(InvalidInputException.class, () -> EventFileSource.read(List.of(file), null))
                .getMessage();
        assertTrue(none.contains(file + ": expected a simulator (--simulator NAME)"), none);
        Path renamed = write("y.lhe", Files.readString(file).replace("simulator=\"z-lineshape\"",
                "simulator=\"other\""));
        String other = message(renamed, LesHouchesLabels.fromHeaders(1));
        assertTrue(other.contains("expected events of the simulator z-lineshape but the header's <robotphysicist>"
                + " block names other"), other);
    }

    private static String message(Path file, LesHouchesLabels labels) {
        return assertThrows(InvalidInputException.class,
                () -> LesHouchesTrainingRows.read(file, Z, labels, new SplittableRandom(1))).getMessage();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String text(LesHouchesFile file) throws IOException {
        StringWriter w = new StringWriter();
        LesHouchesWriter.write(w, file);
        return w.toString();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double standardError(double[] v) {
        double m = mean(v);
        double var = Arrays.stream(v).map(a -> (a - m) * (a - m)).sum() / (v.length - 1);
        return Math.sqrt(var / v.length);
    }
}

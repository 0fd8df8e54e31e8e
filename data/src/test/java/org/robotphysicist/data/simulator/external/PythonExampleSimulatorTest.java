package org.robotphysicist.data.simulator.external;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.simulator.ForwardBackwardDistribution;
import org.robotphysicist.data.simulator.WeinbergLoPhysics;
import org.robotphysicist.data.testing.Python3;
import org.robotphysicist.data.testing.StatisticalAssertions;

/**
 * The standard-library Python simulators under {@code examples/python-simulator/}, run through the
 * Java client: their events follow the same distributions as the built-in Java simulators.
 * Needs {@code python3} on the PATH; skipped, saying so, where there is none.
 */
class PythonExampleSimulatorTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "python-simulator").toAbsolutePath().normalize();

    @BeforeAll
    static void requirePython() {
        Assumptions.assumeTrue(Python3.available(), Python3.SKIP_REASON);
    }

    private static ExternalSimulatorConfig example(String script) {
        return ExternalSimulatorConfig.of("python3", script).withWorkingDirectory(EXAMPLES.toString())
                .withTimeouts(20_000, 20_000);
    }

    @Test
    void weinbergEventsFollowTheExactAngularDistribution() {
        double s2w = 0.2312;
        double sqrtS = 58;
        int n = 20_000;
        try (ExternalSimulator sim = ExternalSimulator.start(example("weinberg_lo.py"))) {
            assertEquals("weinberg-lo-python", sim.name());
            assertEquals(List.of("sin2_theta_w"), sim.dimensions().thetaNames());
            assertEquals(List.of("sin²θ_W"), sim.displayNames().thetaLabels(), "from the 'label' lines");
            assertEquals(List.of("√s [GeV]"), sim.displayNames().phiLabels());
            double[] c = sim.simulate(new double[] {s2w}, new double[] {sqrtS}, n, new SplittableRandom(11)).column(0);
            ForwardBackwardDistribution exact = WeinbergLoPhysics.angularDistribution(s2w, sqrtS);
            double forward = Arrays.stream(c).filter(v -> v > 0).count();
            double afb = (2 * forward - n) / n;
            double expected = exact.forwardBackwardAsymmetry();
            StatisticalAssertions.assertClose("reference A_FB at 58 GeV", -0.338, expected, 0.001);
            StatisticalAssertions.assertWithinSigmas("A_FB of the Python events", expected, afb,
                    Math.sqrt((1 - expected * expected) / n), 4);
            double d = ksStatistic(c, exact);
            double p = 1 - new KolmogorovSmirnovTest().cdf(d, n);
            StatisticalAssertions.assertPValueAbove("Kolmogorov-Smirnov test of the Python events against the exact"
                    + " CDF", p, 1e-3, "D = " + d + ", n = " + n);
        }
    }

    private static double ksStatistic(double[] sample, ForwardBackwardDistribution dist) {
        double[] s = sample.clone();
        Arrays.sort(s);
        double d = 0;
        for (int i = 0; i < s.length; i++) {
            double f = dist.cdf(s[i]);
            d = Math.max(d, Math.max(f - (double) i / s.length, (i + 1.0) / s.length - f));
        }
        return d;
    }

    @Test
    void equalSeedsGiveEqualEventsAndBatchesSplitTheSeed() {
        try (ExternalSimulator sim = ExternalSimulator.start(example("toy_gaussian.py").withProcesses(2))) {
            double[] theta = {1.5};
            double[] phi = {4.0};
            Matrix a = sim.simulate(theta, phi, 100, new SplittableRandom(5));
            Matrix b = sim.simulate(theta, phi, 100, new SplittableRandom(5));
            Matrix c = sim.simulate(theta, phi, 100, new SplittableRandom(6));
            assertEquals(a, b, "the same seed gives the same events");
            assertFalse(a.equals(c), "another seed gives other events");

            Matrix thetas = Matrix.ofColumn(-3, 0, 3, 6);
            Matrix phis = Matrix.ofColumn(0.25, 1, 4, 9);
            int each = 4_000;
            EventDataset batch = sim.simulateBatch(thetas, phis, each, new SplittableRandom(9));
            EventDataset again = sim.simulateBatch(thetas, phis, each, new SplittableRandom(9));
            assertArrayEquals(batch.table().toArray(), again.table().toArray(), "batches are reproducible");
            double[] x = batch.x().column(0);
            for (int k = 0; k < 4; k++) {
                double[] block = Arrays.copyOfRange(x, k * each, (k + 1) * each);
                double mean = Arrays.stream(block).average().orElseThrow();
                double sd = Math.sqrt(phis.get(k, 0));
                StatisticalAssertions.assertWithinSigmas("mean of pair " + k, thetas.get(k, 0), mean,
                        sd / Math.sqrt(each), 4);
                double var = Arrays.stream(block).map(v -> (v - mean) * (v - mean)).sum() / (each - 1);
                StatisticalAssertions.assertWithinSigmas("variance of pair " + k, phis.get(k, 0), var,
                        phis.get(k, 0) * Math.sqrt(2.0 / (each - 1)), 4);
            }
        }
    }

    @Test
    void theExampleAnswersMalformedRequestsWithErrorRepliesAndKeepsServing() throws Exception {
        Process p = new ProcessBuilder("python3", "weinberg_lo.py").directory(EXAMPLES.toFile()).start();
        try (Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            in.write("bogus request\nsimulate 2 0 1 0.2 58\nsimulate 3 x 1 0.2 58\nsimulate 4 2 7 0.2 58\nquit\n");
            in.flush();
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the example exits on 'quit'");
            assertEquals(0, p.exitValue());
            assertEquals("rp-simulator 1", lines.get(0));
            assertEquals("label sqrt_s GeV √s", lines.get(6));
            assertEquals("ready", lines.get(8));
            assertTrue(lines.get(9).startsWith("error 0 expected 'simulate ID N SEED'"), lines.get(9));
            assertTrue(lines.get(10).startsWith("error 2 expected N >= 1"), lines.get(10));
            assertTrue(lines.get(11).startsWith("error 3 malformed request"), lines.get(11));
            assertEquals("events 4 2", lines.get(12));
            assertEquals("end 4", lines.get(15));
            assertEquals(16, lines.size(), String.join("\n", lines));
        } finally {
            p.destroyForcibly();
        }
    }
}

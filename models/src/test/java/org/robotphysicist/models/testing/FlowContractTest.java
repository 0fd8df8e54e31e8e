package org.robotphysicist.models.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.flow.ConditionalFlow;
import org.robotphysicist.models.flow.FlowEvaluator;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.models.flow.FlowSpec;

/**
 * The contract every conditional flow passes, shared through the models test-jar. A subclass
 * names an architecture ({@link #spec()}); the contract checks randomly initialized flows of it
 * (output gain {@link #initialGain()}, so every layer is far from the identity), in float64 where
 * a check is numerical and in float32, the production type, where it is about robustness:
 * <ul>
 *   <li>f<sup>−1</sup>(f(x)) = x and f(f<sup>−1</sup>(u)) = u within {@value #ROUND_TRIP_TOLERANCE_64}·(1 + |·|)
 *       in float64; in float32 the backward errors f(f<sup>−1</sup>(u)) − u, also at u = f(x), within
 *       {@value #ROUND_TRIP_TOLERANCE_32}·(1 + |u|) (the forward error in x is the backward error
 *       times dx/du, which a spline with slopes down to its minimum derivative makes large);</li>
 *   <li>log|det ∂f/∂x| equals the log-determinant of a central-difference Jacobian (float64,
 *       h = {@value #FD_STEP}) within {@value #LOG_DET_TOLERANCE} nats inside the spline interval
 *       and in the tails, and within {@value #LOG_DET_TOLERANCE_AT_EDGES} at x = ±B, where the
 *       difference straddles a jump of the second derivative (error O(h·Δf″));</li>
 *   <li>log p, the noise, the inverse and every parameter gradient are finite inside, at the
 *       edges (±B, ±B(1 ± 10⁻⁶)) and far in the tails (|x| up to 10⁴ standardized units);</li>
 *   <li>a gradient of the mean negative log-likelihood reaches every parameter (non-zero
 *       somewhere, finite everywhere);</li>
 *   <li>in 1-D, the density integrates to 1 within {@value #NORMALIZATION_TOLERANCE} over the
 *       interval f<sup>−1</sup>([−6.5, 6.5]) (mass 1 − 8·10⁻¹¹; trapezoid rule on 20001 nodes
 *       placed by the inverse), and the mean of 20000 samples matches the density's mean within
 *       4 standard errors;</li>
 *   <li>the DJL forward pass equals {@code logProb}; sampling gives (B, D<sub>x</sub>) finite
 *       values, reproducibly for a seed; initialization is reproducible for a seed;</li>
 *   <li>a flow rebuilt from the JSON of its spec and given the same parameter values (by
 *       {@code Parameter.setArray}, in {@code getParameters()} order) computes the same log p and
 *       samples bit for bit — the in-memory half of save/load equality;</li>
 *   <li>no temporary of a call lands in the parameters' manager;</li>
 *   <li><b>bounded x</b>, through a {@link FlowEvaluator} of the same architecture on the support
 *       {@link #boundedSupport()} (per dimension in turn [−1, 2], [0.5, ∞), (−∞, 1], ℝ) with a
 *       non-trivial standardizer: in 1-D, the trapezoid rule on {@value #BOUNDED_GRID_POINTS}
 *       evenly spaced nodes over [−1, 2] integrates exp(log p) to 1 within
 *       {@value #BOUNDED_NORMALIZATION_TOLERANCE} for three contexts; in any dimension, log p is
 *       −∞ just outside each finite bound, every sample lies inside the support, and log p(x)
 *       equals log N(u(x); 0, I) + log|det ∂u/∂x| with the Jacobian of the whole map x → u
 *       (bijection, standardizer, flow) taken by central differences (float64, relative step
 *       {@value #FD_STEP}) within {@value #BOUNDED_LOG_DET_TOLERANCE} nats.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FlowContractTest {
    public static final double ROUND_TRIP_TOLERANCE_64 = 1e-9;
    public static final double ROUND_TRIP_TOLERANCE_32 = 1e-4;
    public static final double FD_STEP = 1e-6;
    public static final double LOG_DET_TOLERANCE = 1e-6;
    public static final double LOG_DET_TOLERANCE_AT_EDGES = 1e-4;
    public static final double NORMALIZATION_TOLERANCE = 1e-4;
    public static final int BOUNDED_GRID_POINTS = 100_001;
    public static final double BOUNDED_NORMALIZATION_TOLERANCE = 1e-4;
    public static final double BOUNDED_LOG_DET_TOLERANCE = 1e-5;
    private static final long SEED = 20240607L;

    /** The architecture under test. */
    protected abstract FlowSpec spec();

    /**
     * Output-layer gain of the flows under the numerical checks: every layer is a substantial,
     * non-linear map (log|det J| of a 1-D layer spreads over several nats), yet not so extreme
     * that a float64 finite difference or a trapezoid rule cannot resolve it.
     */
    protected double initialGain() {
        return 0.5;
    }

    /**
     * Output-layer gain of the flows under the robustness checks (finite values and gradients):
     * conditioner outputs far beyond what training produces, saturating log-scales and
     * concentrating spline bins at their minimum widths.
     */
    protected double stressGain() {
        return 5.0;
    }

    /**
     * A flow under test, with parameters in {@code manager}; a subclass may override it, e.g. to
     * pass each flow through a save and a load.
     */
    protected ConditionalFlow newFlow(NDManager manager, DataType dataType, SplittableRandom rng, double gain) {
        ConditionalFlow flow = spec().build();
        flow.initializeParameters(manager, dataType, rng, gain);
        return flow;
    }

    private NDManager manager;
    private ConditionalFlow flow64;
    private ConditionalFlow flow32;

    @BeforeAll
    void buildFlows() {
        manager = NDManager.newBaseManager();
        flow64 = newFlow(manager, DataType.FLOAT64, new SplittableRandom(SEED), initialGain());
        flow32 = newFlow(manager, DataType.FLOAT32, new SplittableRandom(SEED), initialGain());
    }

    @AfterAll
    void closeManager() {
        manager.close();
    }

    private int dx() {
        return spec().xDim();
    }

    private int dc() {
        return spec().contextDim();
    }

    /** A row-major (rows, cols) batch of N(0, sd²) values. */
    private static double[] gaussian(SplittableRandom rng, int rows, int cols, double sd) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = sd * rng.nextGaussian();
        }
        return v;
    }

    private static NDArray array(NDManager m, double[] values, int cols, DataType type) {
        return m.create(values, new Shape(values.length / cols, cols)).toType(type, false);
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Test points: Gaussian draws plus, per coordinate, the edges ±B and tail values. */
    private double[] edgeAndTailPoints() {
        double b = spec().tailBound();
        double[] specials = {0, b, -b, b * (1 + 1e-6), -b * (1 + 1e-6), b * (1 - 1e-6), -b * (1 - 1e-6), 10 * b,
            -10 * b, 1e3, -1e3, 1e4, -1e4};
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        double[] x = gaussian(rng, specials.length, dx(), 1.0);
        for (int i = 0; i < specials.length; i++) {
            x[i * dx() + (i % dx())] = specials[i];
            if (i % 3 == 0) {
                for (int d = 0; d < dx(); d++) {
                    x[i * dx() + d] = specials[i];
                }
            }
        }
        return x;
    }

    @Test
    void inverseOfForwardIsTheIdentity() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        int n = 256;
        double[] x = gaussian(rng, n, dx(), 1.5);
        double[] c = gaussian(rng, n, dc(), 1.0);
        double[] u = gaussian(rng, n, dx(), 1.0);
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray ca = array(scope, c, dc(), DataType.FLOAT64);
            NDArray noise = flow64.toNoise(ps, array(scope, x, dx(), DataType.FLOAT64), ca, false).get(0);
            assertRoundTrip("float64 f^-1(f(x)) against x", x, doubles(flow64.fromNoise(ps, noise, ca)),
                    ROUND_TRIP_TOLERANCE_64);
            double[] data = doubles(flow64.fromNoise(ps, array(scope, u, dx(), DataType.FLOAT64), ca));
            assertRoundTrip("float64 f(f^-1(u)) against u", u,
                    doubles(flow64.toNoise(ps, array(scope, data, dx(), DataType.FLOAT64), ca, false).get(0)),
                    ROUND_TRIP_TOLERANCE_64);

            NDArray c32 = array(scope, c, dc(), DataType.FLOAT32);
            NDArray noise32 = flow32.toNoise(ps, array(scope, x, dx(), DataType.FLOAT32), c32, false).get(0);
            NDArray again = flow32.toNoise(ps, flow32.fromNoise(ps, noise32, c32), c32, false).get(0);
            assertRoundTrip("float32 f(f^-1(f(x))) against f(x)", doubles(noise32), doubles(again),
                    ROUND_TRIP_TOLERANCE_32);
            NDArray u32 = array(scope, u, dx(), DataType.FLOAT32);
            assertRoundTrip("float32 f(f^-1(u)) against u", u,
                    doubles(flow32.toNoise(ps, flow32.fromNoise(ps, u32, c32), c32, false).get(0)),
                    ROUND_TRIP_TOLERANCE_32);
        }
    }

    private static void assertRoundTrip(String what, double[] expected, double[] got, double tol) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - got[i]) / (1 + Math.abs(expected[i])));
        }
        double measured = worst;
        assertTrue(worst <= tol, () -> String.format("%s: max |error|/(1 + |expected|) = %.3g, tolerance %.1g", what,
                measured, tol));
    }

    @Test
    void logDeterminantMatchesANumericalJacobian() {
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        double b = spec().tailBound();
        double[] inner = gaussian(rng, 14, dx(), 1.2);
        for (int d = 0; d < dx(); d++) {
            inner[12 * dx() + d] = d % 2 == 0 ? 2.5 * b : -0.5;
            inner[13 * dx() + d] = -4 * b;
        }
        double[] edges = new double[2 * dx()];
        for (int d = 0; d < dx(); d++) {
            edges[d] = b;
            edges[dx() + d] = d % 2 == 0 ? -b : b;
        }
        assertLogDetMatches("inside and in the tails", inner, LOG_DET_TOLERANCE, rng);
        assertLogDetMatches("on the spline edges", edges, LOG_DET_TOLERANCE_AT_EDGES, rng);
    }

    private void assertLogDetMatches(String what, double[] points, double tolerance, SplittableRandom rng) {
        double worst = 0;
        String where = "";
        for (int p = 0; p < points.length / dx(); p++) {
            double[] x = java.util.Arrays.copyOfRange(points, p * dx(), (p + 1) * dx());
            double[] c = gaussian(rng, 1, dc(), 1.0);
            double error = Math.abs(numericalLogDet(x, c) - analyticLogDet(x, c));
            if (!(error <= worst)) {
                worst = error;
                where = java.util.Arrays.toString(x);
            }
        }
        double measured = worst;
        String at = where;
        assertTrue(worst <= tolerance, () -> String.format(
                "%s: max |log|det J| - numerical| = %.3g nats at x = %s, tolerance %.1g", what, measured, at,
                tolerance));
    }

    private double analyticLogDet(double[] x, double[] c) {
        try (NDManager scope = manager.newSubManager()) {
            return doubles(flow64.toNoise(new ParameterStore(scope, false), array(scope, x, dx(), DataType.FLOAT64),
                    array(scope, c, dc(), DataType.FLOAT64), false).get(1))[0];
        }
    }

    /** log|det| of the central-difference Jacobian ∂u/∂x, from one batched call of 2·D rows. */
    private double numericalLogDet(double[] x, double[] c) {
        int d = dx();
        double[] rows = new double[2 * d * d];
        double[] contexts = new double[2 * d * dc()];
        for (int j = 0; j < d; j++) {
            for (int s = 0; s < 2; s++) {
                int r = 2 * j + s;
                System.arraycopy(x, 0, rows, r * d, d);
                rows[r * d + j] += s == 0 ? FD_STEP : -FD_STEP;
                System.arraycopy(c, 0, contexts, r * dc(), dc());
            }
        }
        double[] u;
        try (NDManager scope = manager.newSubManager()) {
            u = doubles(flow64.toNoise(new ParameterStore(scope, false), array(scope, rows, d, DataType.FLOAT64),
                    array(scope, contexts, dc(), DataType.FLOAT64), false).get(0));
        }
        double[][] jac = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                jac[i][j] = (u[2 * j * d + i] - u[(2 * j + 1) * d + i]) / (2 * FD_STEP);
            }
        }
        return Math.log(Math.abs(new LUDecomposition(new Array2DRowRealMatrix(jac, false)).getDeterminant()));
    }

    @Test
    void everythingStaysFiniteInsideAtTheEdgesAndFarInTheTails() {
        double[] x = edgeAndTailPoints();
        int n = x.length / dx();
        double[] c = gaussian(new SplittableRandom(SEED + 4), n, dc(), 3.0);
        for (DataType type : List.of(DataType.FLOAT64, DataType.FLOAT32)) {
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                ConditionalFlow flow = newFlow(scope, type, new SplittableRandom(SEED), stressGain());
                ParameterStore ps = new ParameterStore(scope, false);
                NDArray xa = array(scope, x, dx(), type);
                NDArray ca = array(scope, c, dc(), type);
                NDArray logProb = flow.logProb(ps, xa, ca, true);
                NDList noise = flow.toNoise(ps, xa, ca, false);
                requireFinite(type + " log p", doubles(logProb), x);
                requireFinite(type + " noise", doubles(noise.get(0)), x);
                requireFinite(type + " log|det J|", doubles(noise.get(1)), x);
                requireFinite(type + " inverse", doubles(flow.fromNoise(ps, noise.get(0), ca)), x);
                collector.backward(logProb.sum());
                for (Pair<String, Parameter> p : flow.getParameters()) {
                    requireFinite(type + " gradient of " + p.getKey(), doubles(p.getValue().getArray().getGradient()), x);
                }
            }
        }
    }

    private static void requireFinite(String what, double[] values, double[] inputs) {
        for (int i = 0; i < values.length; i++) {
            int at = i;
            assertTrue(Double.isFinite(values[i]), () -> what + "[" + at + "] = " + values[at] + " for inputs "
                    + java.util.Arrays.toString(inputs));
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        SplittableRandom rng = new SplittableRandom(SEED + 5);
        int n = 256;
        double[] table = new double[n * (dx() + dc())];
        double[] x = gaussian(rng, n, dx(), 1.3);
        double[] c = gaussian(rng, n, dc(), 1.0);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * dx(), table, i * (dx() + dc()), dx());
            System.arraycopy(c, i * dc(), table, i * (dx() + dc()) + dx(), dc());
        }
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ConditionalFlow flow = newFlow(scope, DataType.FLOAT32, new SplittableRandom(SEED), initialGain());
            NDArray loss = flow.meanNegativeLogLikelihood(new ParameterStore(scope, false),
                    array(scope, table, dx() + dc(), DataType.FLOAT32), true);
            collector.backward(loss);
            List<String> unreached = new ArrayList<>();
            for (Pair<String, Parameter> p : flow.getParameters()) {
                double[] g = doubles(p.getValue().getArray().getGradient());
                double max = 0;
                for (double v : g) {
                    assertTrue(Double.isFinite(v), "gradient of " + p.getKey() + " has " + v);
                    max = Math.max(max, Math.abs(v));
                }
                if (max == 0) {
                    unreached.add(p.getKey());
                }
            }
            assertTrue(unreached.isEmpty(), () -> "parameters with an all-zero gradient: " + unreached + " of "
                    + flow.getParameters().size());
        }
    }

    @Test
    void densityIntegratesToOneInOneDimension() {
        Assumptions.assumeTrue(dx() == 1, "quadrature check runs for 1-D flows");
        SplittableRandom rng = new SplittableRandom(SEED + 6);
        for (int k = 0; k < 3; k++) {
            double[] c = gaussian(rng, 1, dc(), 1.0);
            double[] moments = quadrature(c);
            assertClose("integral of p(x | c = " + java.util.Arrays.toString(c) + ") over f^-1([-6.5, 6.5])", 1.0,
                    moments[0], NORMALIZATION_TOLERANCE);
        }
    }

    @Test
    void sampleMeanMatchesTheDensityInOneDimension() {
        Assumptions.assumeTrue(dx() == 1, "moment check runs for 1-D flows");
        double[] c = gaussian(new SplittableRandom(SEED + 7), 1, dc(), 1.0);
        double[] moments = quadrature(c);
        int n = 20_000;
        double mean;
        try (NDManager scope = manager.newSubManager()) {
            double[] contexts = new double[n * dc()];
            for (int i = 0; i < n; i++) {
                System.arraycopy(c, 0, contexts, i * dc(), dc());
            }
            double[] draws = doubles(flow64.sample(new ParameterStore(scope, false),
                    array(scope, contexts, dc(), DataType.FLOAT64), new SplittableRandom(SEED + 8)));
            mean = java.util.Arrays.stream(draws).average().orElseThrow();
        }
        double sd = Math.sqrt(moments[2] - moments[1] * moments[1]);
        assertWithinSigmas("sample mean against the quadrature mean", moments[1], mean, sd / Math.sqrt(n), 4);
    }

    /**
     * ∫p, ∫x p, ∫x² p over f<sup>−1</sup>([−6.5, 6.5]) (1-D, float64) by the trapezoid rule on the
     * nodes x<sub>i</sub> = f<sup>−1</sup>(u<sub>i</sub>), u<sub>i</sub> uniform: nodes are dense where
     * the density is high, so sharp features are resolved. The weights use only the nodes'
     * positions and log p from the forward pass; a log-determinant that is wrong anywhere the
     * mass is shows up as an integral ≠ 1.
     */
    private double[] quadrature(double[] c) {
        int points = 20_001;
        double[] us = new double[points];
        double[] contexts = new double[points * dc()];
        for (int i = 0; i < points; i++) {
            us[i] = -6.5 + 13.0 * i / (points - 1);
            System.arraycopy(c, 0, contexts, i * dc(), dc());
        }
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray ca = array(scope, contexts, dc(), DataType.FLOAT64);
            double[] xs = doubles(flow64.fromNoise(ps, array(scope, us, 1, DataType.FLOAT64), ca));
            double[] logP = doubles(flow64.logProb(ps, array(scope, xs, 1, DataType.FLOAT64), ca, false));
            double[] m = new double[3];
            for (int i = 0; i + 1 < points; i++) {
                double dxi = xs[i + 1] - xs[i];
                double p0 = Math.exp(logP[i]);
                double p1 = Math.exp(logP[i + 1]);
                m[0] += 0.5 * dxi * (p0 + p1);
                m[1] += 0.5 * dxi * (p0 * xs[i] + p1 * xs[i + 1]);
                m[2] += 0.5 * dxi * (p0 * xs[i] * xs[i] + p1 * xs[i + 1] * xs[i + 1]);
            }
            return m;
        }
    }

    @Test
    void blockForwardEqualsLogProbAndSamplingHasTheRightShape() {
        SplittableRandom rng = new SplittableRandom(SEED + 9);
        int n = 64;
        double[] x = gaussian(rng, n, dx(), 1.0);
        double[] c = gaussian(rng, n, dc(), 1.0);
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray xa = array(scope, x, dx(), DataType.FLOAT32);
            NDArray ca = array(scope, c, dc(), DataType.FLOAT32);
            NDArray viaBlock = flow32.forward(ps, new NDList(xa, ca), false).singletonOrThrow();
            assertEquals(new Shape(n), viaBlock.getShape());
            assertEquals(new Shape(n), flow32.getOutputShapes(new Shape[] {xa.getShape(), ca.getShape()})[0]);
            assertArrayEquals(doubles(flow32.logProb(ps, xa, ca, false)), doubles(viaBlock));
            NDArray draws = flow32.sample(ps, ca, new SplittableRandom(5));
            assertEquals(new Shape(n, dx()), draws.getShape());
            double[] values = doubles(draws);
            requireFinite("samples", values, c);
            assertArrayEquals(values, doubles(flow32.sample(ps, ca, new SplittableRandom(5))),
                    "same seed, same samples");
            assertFalse(java.util.Arrays.equals(values, doubles(flow32.sample(ps, ca, new SplittableRandom(6)))),
                    "another seed, other samples");
        }
    }

    @Test
    void initializationIsReproducibleForASeed() {
        try (NDManager scope = manager.newSubManager()) {
            ConditionalFlow again = newFlow(scope, DataType.FLOAT32, new SplittableRandom(SEED), initialGain());
            ConditionalFlow other = newFlow(scope, DataType.FLOAT32, new SplittableRandom(SEED + 1), initialGain());
            boolean anyDifferent = false;
            for (int i = 0; i < flow32.getParameters().size(); i++) {
                String name = flow32.getParameters().get(i).getKey();
                assertEquals(name, again.getParameters().get(i).getKey());
                float[] a = flow32.getParameters().get(i).getValue().getArray().toFloatArray();
                assertArrayEquals(a, again.getParameters().get(i).getValue().getArray().toFloatArray(), name);
                anyDifferent |= !java.util.Arrays.equals(a,
                        other.getParameters().get(i).getValue().getArray().toFloatArray());
            }
            assertTrue(anyDifferent, "another seed gives other parameters");
        }
    }

    @Test
    void aFlowRebuiltFromItsJsonSpecWithTheSameValuesIsIdentical() {
        FlowSpec back = Json.read(Json.write(spec()), FlowSpec.class, "flow spec");
        assertEquals(spec(), back);
        SplittableRandom rng = new SplittableRandom(SEED + 11);
        int n = 48;
        try (NDManager scope = manager.newSubManager()) {
            ConditionalFlow copy = back.build();
            var source = flow32.getParameters();
            var target = copy.getParameters();
            assertEquals(source.size(), target.size(), "parameter count");
            for (int i = 0; i < source.size(); i++) {
                assertEquals(source.get(i).getKey(), target.get(i).getKey(), "parameter " + i);
                NDArray values = source.get(i).getValue().getArray();
                target.get(i).getValue().setArray(scope.create(values.toFloatArray(), values.getShape()));
            }
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray x = array(scope, gaussian(rng, n, dx(), 1.2), dx(), DataType.FLOAT32);
            NDArray c = array(scope, gaussian(rng, n, dc(), 1.0), dc(), DataType.FLOAT32);
            assertArrayEquals(flow32.logProb(ps, x, c, false).toFloatArray(),
                    copy.logProb(ps, x, c, false).toFloatArray(), "log p of the rebuilt flow");
            assertArrayEquals(flow32.sample(ps, c, new SplittableRandom(3)).toFloatArray(),
                    copy.sample(ps, c, new SplittableRandom(3)).toFloatArray(), "samples of the rebuilt flow");
        }
    }

    @Test
    void noTemporaryLandsInTheParameterManager() {
        int before = manager.getManagedArrays().size();
        SplittableRandom rng = new SplittableRandom(SEED + 10);
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray ca = array(scope, gaussian(rng, 32, dc(), 1.0), dc(), DataType.FLOAT32);
            flow32.logProb(ps, array(scope, gaussian(rng, 32, dx(), 1.0), dx(), DataType.FLOAT32), ca, false);
            flow32.sample(ps, ca, rng);
        }
        assertEquals(before, manager.getManagedArrays().size(), "arrays owned by the parameters' manager");
    }

    /** The support of x in the bounded-x checks: per dimension in turn [−1, 2], [0.5, ∞), (−∞, 1], ℝ. */
    protected Box boundedSupport() {
        double[] lo = new double[dx()];
        double[] hi = new double[dx()];
        for (int d = 0; d < dx(); d++) {
            switch (d % 4) {
                case 0 -> { lo[d] = -1; hi[d] = 2; }
                case 1 -> { lo[d] = 0.5; hi[d] = Double.POSITIVE_INFINITY; }
                case 2 -> { lo[d] = Double.NEGATIVE_INFINITY; hi[d] = 1; }
                default -> { lo[d] = Double.NEGATIVE_INFINITY; hi[d] = Double.POSITIVE_INFINITY; }
            }
        }
        return new Box(lo, hi);
    }

    /** A float64 evaluator of this architecture on {@link #boundedSupport()}, x standardized by (y − 0.3)/1.7 per dimension. */
    private FlowEvaluator boundedEvaluator(NDManager scope) {
        ConditionalFlow flow = spec().withXSupport(boundedSupport()).build();
        flow.initializeParameters(scope, DataType.FLOAT64, new SplittableRandom(SEED), initialGain());
        double[] mean = new double[dx()];
        double[] scale = new double[dx()];
        java.util.Arrays.fill(mean, 0.3);
        java.util.Arrays.fill(scale, 1.7);
        double[] contextScale = new double[dc()];
        java.util.Arrays.fill(contextScale, 1.0);
        return new FlowEvaluator(flow, new Standardizer(mean, scale),
                new Standardizer(new double[dc()], contextScale), 4096);
    }

    /** Draws inside {@link #boundedSupport()}: interior points, one in five within 10⁻³ of an edge. */
    private double[] pointsInside(SplittableRandom rng, int rows) {
        Box box = boundedSupport();
        double[] x = new double[rows * dx()];
        for (int r = 0; r < rows; r++) {
            for (int d = 0; d < dx(); d++) {
                double a = box.lower(d);
                double b = box.upper(d);
                double nearEdge = r % 5 == 4 ? 1e-3 : 0.05 + rng.nextDouble();
                double v;
                if (Double.isFinite(a) && Double.isFinite(b)) {
                    v = r % 5 == 4 ? a + nearEdge : a + (b - a) * (0.02 + 0.96 * rng.nextDouble());
                } else if (Double.isFinite(a)) {
                    v = a + nearEdge;
                } else if (Double.isFinite(b)) {
                    v = b - nearEdge;
                } else {
                    v = 1.5 * rng.nextGaussian();
                }
                x[r * dx() + d] = v;
            }
        }
        return x;
    }

    @Test
    void boundedDensityIntegratesToOneOverItsSupportInOneDimension() {
        Assumptions.assumeTrue(dx() == 1, "quadrature check runs for 1-D flows");
        SplittableRandom rng = new SplittableRandom(SEED + 12);
        try (NDManager scope = manager.newSubManager()) {
            FlowEvaluator evaluator = boundedEvaluator(scope);
            int points = BOUNDED_GRID_POINTS;
            double a = boundedSupport().lower(0);
            double b = boundedSupport().upper(0);
            double h = (b - a) / (points - 1);
            double[] xs = new double[points];
            for (int i = 0; i < points; i++) {
                xs[i] = a + h * i;
            }
            for (int k = 0; k < 3; k++) {
                double[] c = gaussian(rng, 1, dc(), 1.0);
                double[] logP = evaluator.logDensity(Matrix.of(points, 1, xs), Matrix.repeatRow(c, points));
                double integral = 0;
                for (int i = 0; i < points; i++) {
                    integral += (i == 0 || i == points - 1 ? 0.5 : 1.0) * h * Math.exp(logP[i]);
                }
                assertClose("integral of p(x | c = " + java.util.Arrays.toString(c) + ") over [" + a + ", " + b + "]",
                        1.0, integral, BOUNDED_NORMALIZATION_TOLERANCE);
            }
        }
    }

    @Test
    void boundedDensityIsZeroOutsideItsSupportAndSamplesStayInside() {
        Box box = boundedSupport();
        SplittableRandom rng = new SplittableRandom(SEED + 13);
        try (NDManager scope = manager.newSubManager()) {
            FlowEvaluator evaluator = boundedEvaluator(scope);
            for (int d = 0; d < dx(); d++) {
                for (double edge : new double[] {box.lower(d), box.upper(d)}) {
                    if (!Double.isFinite(edge)) {
                        continue;
                    }
                    double[] x = pointsInside(rng, 1);
                    x[d] = edge == box.lower(d) ? Math.nextDown(edge) - 1e-9 : Math.nextUp(edge) + 1e-9;
                    double[] logP = evaluator.logDensity(Matrix.of(1, dx(), x),
                            Matrix.of(1, dc(), gaussian(rng, 1, dc(), 1.0)));
                    assertEquals(Double.NEGATIVE_INFINITY, logP[0], "log p just outside the support at x = "
                            + java.util.Arrays.toString(x));
                    double[] inside = x.clone();
                    inside[d] = edge;
                    assertTrue(Double.isFinite(evaluator.logDensity(Matrix.of(1, dx(), inside),
                            Matrix.of(1, dc(), gaussian(rng, 1, dc(), 1.0)))[0]),
                            "log p on the edge itself is finite (edge clamp), x = " + java.util.Arrays.toString(inside));
                }
            }
            int n = 5000;
            Matrix draws = evaluator.sample(Matrix.of(n, dc(), gaussian(rng, n, dc(), 1.0)), new SplittableRandom(3));
            double[] row = new double[dx()];
            for (int r = 0; r < n; r++) {
                draws.copyRow(r, row);
                int at = r;
                assertTrue(box.contains(row), () -> "sample " + at + " = " + java.util.Arrays.toString(row)
                        + " outside the support " + box);
            }
        }
    }

    @Test
    void boundedLogDensityMatchesTheNumericalJacobianOfTheWholeMap() {
        SplittableRandom rng = new SplittableRandom(SEED + 14);
        int points = 20;
        double[] xs = pointsInside(rng, points);
        double worst = 0;
        String where = "";
        try (NDManager scope = manager.newSubManager()) {
            FlowEvaluator evaluator = boundedEvaluator(scope);
            for (int p = 0; p < points; p++) {
                double[] x = java.util.Arrays.copyOfRange(xs, p * dx(), (p + 1) * dx());
                double[] c = gaussian(rng, 1, dc(), 1.0);
                double logP = evaluator.logDensity(Matrix.of(1, dx(), x), Matrix.of(1, dc(), c))[0];
                double error = Math.abs(logP - numericalLogDensity(scope, evaluator, x, c));
                if (!(error <= worst)) {
                    worst = error;
                    where = java.util.Arrays.toString(x);
                }
            }
        }
        double measured = worst;
        String at = where;
        assertTrue(worst <= BOUNDED_LOG_DET_TOLERANCE, () -> String.format(
                "max |log p - (log N(u) + numerical log|det du/dx|)| = %.3g nats at x = %s, tolerance %.1g", measured,
                at, BOUNDED_LOG_DET_TOLERANCE));
    }

    /**
     * log N(u(x); 0, I) + log|det ∂u/∂x| for u(x) the whole map x → g(x) → standardized → flow
     * noise, its Jacobian by central differences with step {@value #FD_STEP}·max(|x<sub>j</sub>|, distance to the nearest finite edge).
     */
    private double numericalLogDensity(NDManager scope, FlowEvaluator evaluator, double[] x, double[] c) {
        int d = dx();
        Box box = boundedSupport();
        double[] rows = new double[(2 * d + 1) * d];
        double[] steps = new double[d];
        for (int j = 0; j < d; j++) {
            double distance = Math.min(x[j] - box.lower(j), box.upper(j) - x[j]);
            steps[j] = FD_STEP * Math.min(Math.max(Math.abs(x[j]), 1.0), distance);
            for (int s = 0; s < 2; s++) {
                System.arraycopy(x, 0, rows, (2 * j + s) * d, d);
                rows[(2 * j + s) * d + j] += s == 0 ? steps[j] : -steps[j];
            }
        }
        System.arraycopy(x, 0, rows, 2 * d * d, d);
        int n = 2 * d + 1;
        Matrix y = evaluator.xStandardizer().apply(evaluator.supportBijection().toReal(Matrix.of(n, d, rows)).y());
        double[] contexts = new double[n * dc()];
        for (int r = 0; r < n; r++) {
            System.arraycopy(c, 0, contexts, r * dc(), dc());
        }
        ConditionalFlow flow = evaluator.flow();
        double[] u = doubles(flow.toNoise(new ParameterStore(scope, false), array(scope, y.toArray(), d,
                DataType.FLOAT64), array(scope, contexts, dc(), DataType.FLOAT64), false).get(0));
        double[][] jac = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                jac[i][j] = (u[2 * j * d + i] - u[(2 * j + 1) * d + i]) / (2 * steps[j]);
            }
        }
        double logNormal = -0.5 * d * Math.log(2 * Math.PI);
        for (int i = 0; i < d; i++) {
            logNormal -= 0.5 * u[2 * d * d + i] * u[2 * d * d + i];
        }
        return logNormal + Math.log(Math.abs(new LUDecomposition(new Array2DRowRealMatrix(jac, false)).getDeterminant()));
    }
}

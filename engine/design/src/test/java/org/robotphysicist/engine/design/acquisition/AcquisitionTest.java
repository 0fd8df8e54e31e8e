package org.robotphysicist.engine.design.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.design.gp.GaussianProcess;
import org.robotphysicist.engine.design.gp.GpHyperparameters;
import org.robotphysicist.engine.design.gp.GpTrainingData;
import org.robotphysicist.engine.design.gp.KernelFamily;
import org.robotphysicist.engine.design.gp.Prediction;
import org.robotphysicist.engine.design.testing.FiniteDifferences;

class AcquisitionTest {
    private static GaussianProcess gp2() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 12;
        double[] pts = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            pts[2 * i] = rng.nextDouble();
            pts[2 * i + 1] = rng.nextDouble();
            y[i] = Math.sin(5 * pts[2 * i]) * Math.cos(3 * pts[2 * i + 1]);
        }
        Box box = new Box(new double[] {0, 0}, new double[] {1, 1});
        return GaussianProcess.withHyperparameters(GpTrainingData.exact(box, Matrix.of(n, 2, pts), y),
                KernelFamily.MATERN52, new GpHyperparameters(new double[] {0.3, 0.5}, 1.2, 1e-6));
    }

    @Test
    void logEiAgreesWithDirectExpectedImprovementForBothGoals() {
        GaussianProcess gp = gp2();
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double[] u = SobolPoints.shifted(2, 64, new SplittableRandom(1));
        Prediction p = gp.predictUnit(u, 64);
        for (Goal goal : Goal.values()) {
            double incumbent = goal == Goal.MAXIMIZE ? 0.6 : -0.6;
            double[] values = new LogExpectedImprovement(gp, goal, incumbent).values(u, 64);
            for (int c = 0; c < 64; c++) {
                double sd = p.standardDeviation(c);
                double z = goal.sign() * (p.mean(c) - incumbent) / sd;
                double ei = sd * (normal.density(z) + z * normal.cumulativeProbability(z));
                if (ei > 1e-250) {
                    assertClose(goal + " log EI at candidate " + c, Math.log(ei), values[c], 1e-9 * Math.max(1,
                            Math.abs(values[c])));
                }
            }
        }
    }

    @Test
    void acquisitionGradientsMatchFiniteDifferences() {
        GaussianProcess gp = gp2();
        Acquisition[] acquisitions = {new LogExpectedImprovement(gp, Goal.MAXIMIZE, 0.9),
            new LogExpectedImprovement(gp, Goal.MINIMIZE, -0.9), new LogExpectedImprovement(gp, Goal.MAXIMIZE, 30.0),
            new UpperConfidenceBound(gp, Goal.MAXIMIZE, 4), new UpperConfidenceBound(gp, Goal.MINIMIZE, 1)};
        double[][] points = {{0.31, 0.77}, {0.82, 0.12}, {0.5, 0.5}};
        for (int a = 0; a < acquisitions.length; a++) {
            for (double[] u : points) {
                double[] g = new double[2];
                double v = acquisitions[a].valueAndGradient(u, g);
                assertClose("acquisition " + a + " point value vs batch value", acquisitions[a].values(u, 1)[0], v,
                        1e-10 * Math.max(1, Math.abs(v)));
                Acquisition acq = acquisitions[a];
                for (int c = 0; c < 2; c++) {
                    double fd = FiniteDifferences.partial(w -> acq.valueAndGradient(w, new double[2]), u, c, 1e-6);
                    assertClose("acquisition " + a + " d/du[" + c + "] at " + java.util.Arrays.toString(u), fd, g[c],
                            1e-5 * Math.max(1, Math.abs(fd)));
                }
            }
        }
    }

    @Test
    void logEiIsFiniteFarBelowTheIncumbentAndAtTrainingPoints() {
        GaussianProcess gp = gp2();
        // an incumbent 1000 output-sd above everything: EI underflows to 0, log EI stays finite
        LogExpectedImprovement far = new LogExpectedImprovement(gp, Goal.MAXIMIZE, 1000.0);
        double[] u = SobolPoints.shifted(2, 256, new SplittableRandom(2));
        for (double v : far.values(u, 256)) {
            assertTrue(Double.isFinite(v) && v < -1000, () -> "log EI far below the incumbent: " + v);
        }
        double[] train = gp.unitPoints();
        double[] values = new LogExpectedImprovement(gp, Goal.MAXIMIZE, 0.0).values(train, gp.size());
        for (double v : values) {
            assertTrue(!Double.isNaN(v), () -> "log EI at a training point: " + v);
        }
    }

    @Test
    void maximizerFindsTheKnownMaximumOfUcbWithZeroBeta() {
        // With β = 0, UCB is the posterior mean; the maximizer must beat every candidate it started from.
        GaussianProcess gp = gp2();
        UpperConfidenceBound mean = new UpperConfidenceBound(gp, Goal.MAXIMIZE, 0);
        AcquisitionMaximizer.Result r = AcquisitionMaximizer.maximize(mean, new AcquisitionMaximizer.Settings(512, 4, 100),
                new SplittableRandom(5));
        double[] dense = SobolPoints.shifted(2, 1 << 14, new SplittableRandom(6));
        double denseBest = Double.NEGATIVE_INFINITY;
        for (double v : mean.values(dense, 1 << 14)) {
            denseBest = Math.max(denseBest, v);
        }
        double db = denseBest;
        assertTrue(r.value() >= denseBest - 1e-6, () -> "maximizer value " + r.value() + " vs best of 16384 Sobol points "
                + db);
        assertTrue(r.evaluations() > 0, () -> "local refinement evaluations " + r.evaluations());
    }

    /** α(u) = u<sub>0</sub>: increasing towards the edge u = 1 of the unit interval. */
    private static final Acquisition RAMP = new Acquisition() {
        @Override
        public int dim() {
            return 1;
        }

        @Override
        public double[] values(double[] unitPoints, int m) {
            return unitPoints.clone();
        }

        @Override
        public double valueAndGradient(double[] u, double[] gradient) {
            gradient[0] = 1.0;
            return u[0];
        }
    };

    @Test
    void exclusionKeepsTheMaximizerAwayFromExcludedPoints() {
        AcquisitionMaximizer.Settings settings = new AcquisitionMaximizer.Settings(512, 3, 40);
        AcquisitionMaximizer.Result free = AcquisitionMaximizer.maximize(RAMP, settings, new SplittableRandom(3));
        assertEquals(1.0, free.unitPoint()[0], 1e-9, "without exclusion the maximizer reaches the edge");
        AcquisitionMaximizer.Result kept = AcquisitionMaximizer.maximize(RAMP, settings, new SplittableRandom(3),
                new AcquisitionMaximizer.Exclusion(new double[] {1.0, 0.2}, 2, 0.05));
        double u = kept.unitPoint()[0];
        assertTrue(u <= 0.95 + 1e-12 && u >= 0.94, () -> "with the edge excluded (radius 0.05) expected the best"
                + " allowed point in [0.94, 0.95] but found " + u);
        AcquisitionMaximizer.Result everything = AcquisitionMaximizer.maximize(RAMP, settings, new SplittableRandom(3),
                new AcquisitionMaximizer.Exclusion(new double[] {0.5}, 1, 2.0));
        assertEquals(1.0, everything.unitPoint()[0], 1e-9, "an exclusion covering every candidate is ignored");
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(InvalidInputException.class, () -> new AcquisitionMaximizer.Settings(0, 0, 10));
        assertThrows(InvalidInputException.class, () -> new AcquisitionMaximizer.Settings(8, 9, 10));
        assertThrows(InvalidInputException.class, () -> new UpperConfidenceBound(gp2(), Goal.MAXIMIZE, -1));
        assertThrows(InvalidInputException.class, () -> SobolPoints.shifted(0, 8, new SplittableRandom(1)));
    }
}

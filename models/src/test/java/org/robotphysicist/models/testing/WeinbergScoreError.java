package org.robotphysicist.models.testing;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.WeinbergLoPhysics;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * How far a Weinberg LO surrogate's score ∂/∂θ log p̂(x | θ, φ) lies from the exact one: the
 * relative error √(Σ (ŝ − s)² / Σ s²) over fresh events drawn at one sin²θ<sub>W</sub> at each of
 * several √s (1 000 per setting, seeds 100, 101, …), ŝ the surrogate's central difference over
 * ±0.005 in θ and s the exact score ({@link WeinbergLoPhysics#angularScore}). 0 is a perfect score;
 * a surrogate constant in θ scores 1.
 */
public final class WeinbergScoreError {
    private static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();
    private static final int EVENTS_PER_SETTING = 1000;
    private static final double STEP = 0.005;

    private WeinbergScoreError() {
    }

    /**
     * @param surrogate a surrogate of Weinberg LO valid at {@code theta} ± 0.005 and every energy
     * @param theta     sin²θ<sub>W</sub> the events are drawn at
     * @param energies  √s in GeV, one batch of events each
     */
    public static double relative(SurrogateLikelihood surrogate, double theta, double... energies) {
        double squaredError = 0;
        double squaredScore = 0;
        int n = EVENTS_PER_SETTING;
        for (int e = 0; e < energies.length; e++) {
            double[] x = new double[n];
            SIM.draw(new double[] {theta}, new double[] {energies[e]}, n, new SplittableRandom(100 + e), x);
            double[] exact = new double[n];
            WeinbergLoPhysics.angularScore(theta, energies[e], x, n, exact);
            Matrix events = Matrix.of(n, 1, x);
            Matrix phi = column(n, energies[e]);
            double[] up = surrogate.logLikelihood(events, column(n, theta + STEP), phi);
            double[] down = surrogate.logLikelihood(events, column(n, theta - STEP), phi);
            for (int j = 0; j < n; j++) {
                double score = (up[j] - down[j]) / (2 * STEP);
                squaredError += (score - exact[j]) * (score - exact[j]);
                squaredScore += exact[j] * exact[j];
            }
        }
        return Math.sqrt(squaredError / squaredScore);
    }

    private static Matrix column(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return Matrix.of(n, 1, v);
    }
}

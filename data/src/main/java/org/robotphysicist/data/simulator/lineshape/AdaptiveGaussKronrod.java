package org.robotphysicist.data.simulator.lineshape;

import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;
import org.robotphysicist.data.InvalidInputException;

/**
 * Globally adaptive quadrature with the 7-point Gauss / 15-point Kronrod pair: the interval with
 * the largest error estimate |K15 − G7| is bisected until the summed estimate falls below
 * max(absTol, relTol·|integral|) or the subdivision budget is spent. The nodes and weights are the
 * published values of the G7–K15 pair (R. Piessens et al., QUADPACK, Springer 1983, Table 2.2).
 * The integrand must be finite at interior points; endpoints are never evaluated, so integrable
 * endpoint singularities are tolerated but converge slowly: remove them by a change of variable.
 */
public final class AdaptiveGaussKronrod {
    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0};
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private final double relTol;
    private final double absTol;
    private final int maxIntervals;

    /**
     * @param relTol       relative tolerance, in (0, 1)
     * @param absTol       absolute tolerance, ≥ 0
     * @param maxIntervals the most subintervals, ≥ 1
     */
    public AdaptiveGaussKronrod(double relTol, double absTol, int maxIntervals) {
        if (!(relTol > 0 && relTol < 1) || !(absTol >= 0) || maxIntervals < 1) {
            throw new InvalidInputException("Gauss-Kronrod tolerances: expected 0 < relTol < 1, absTol >= 0 and"
                    + " maxIntervals >= 1 but found " + relTol + ", " + absTol + ", " + maxIntervals);
        }
        this.relTol = relTol;
        this.absTol = absTol;
        this.maxIntervals = maxIntervals;
    }

    private record Piece(double a, double b, double value, double error) {
    }

    /** ∫<sub>a</sub><sup>b</sup> f(t) dt; returns 0 when a ≥ b. */
    public double integrate(DoubleUnaryOperator f, double a, double b) {
        if (!(a < b)) {
            return 0;
        }
        PriorityQueue<Piece> queue = new PriorityQueue<>((p, q) -> Double.compare(q.error, p.error));
        Piece first = rule(f, a, b);
        queue.add(first);
        double total = first.value;
        double error = first.error;
        int intervals = 1;
        while (error > Math.max(absTol, relTol * Math.abs(total)) && intervals < maxIntervals) {
            Piece worst = queue.poll();
            double mid = 0.5 * (worst.a + worst.b);
            Piece left = rule(f, worst.a, mid);
            Piece right = rule(f, mid, worst.b);
            queue.add(left);
            queue.add(right);
            total += left.value + right.value - worst.value;
            error += left.error + right.error - worst.error;
            intervals++;
        }
        double sum = 0;
        for (Piece p : queue) {
            sum += p.value;
        }
        return sum;
    }

    private static Piece rule(DoubleUnaryOperator f, double a, double b) {
        double centre = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        double fc = f.applyAsDouble(centre);
        double kronrod = fc * WGK[7];
        double gauss = fc * WG[3];
        for (int j = 0; j < 7; j++) {
            double dx = half * XGK[j];
            double f1 = f.applyAsDouble(centre - dx);
            double f2 = f.applyAsDouble(centre + dx);
            kronrod += WGK[j] * (f1 + f2);
            if (j % 2 == 1) {
                gauss += WG[j / 2] * (f1 + f2);
            }
        }
        return new Piece(a, b, kronrod * half, Math.abs((kronrod - gauss) * half));
    }
}

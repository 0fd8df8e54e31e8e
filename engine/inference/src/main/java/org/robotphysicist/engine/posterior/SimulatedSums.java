package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.Matrix;

/**
 * What {@link PosteriorEvaluator#simulateAndSum} returns for K simulated experiments.
 *
 * @param sums   K rows: S<sub>k,j</sub> = Σ<sub>i</sub> log p̂(x<sub>k,i</sub> | θ<sub>j</sub>, φ) over the
 *               grid's M points, or null where experiment k recorded no event
 * @param events N<sub>k</sub>, the events experiment k recorded
 */
public record SimulatedSums(double[][] sums, int[] events) {

    /**
     * The sums of K given datasets, some of which may be empty (an experiment under a fixed
     * luminosity can record no event): the non-empty ones go through one
     * {@link PosteriorEvaluator#logLikelihoodSums(List, Matrix, double[])} call of {@code evaluator}.
     *
     * @param datasets K event matrices (N<sub>k</sub> ≥ 0, D<sub>x</sub>)
     */
    public static SimulatedSums of(PosteriorEvaluator evaluator, List<Matrix> datasets, Matrix thetas,
            double[] phi) {
        int k = datasets.size();
        List<Matrix> nonEmpty = new ArrayList<>();
        int[] events = new int[k];
        for (int i = 0; i < k; i++) {
            events[i] = datasets.get(i).rows();
            if (events[i] > 0) {
                nonEmpty.add(datasets.get(i));
            }
        }
        double[][] shapes = nonEmpty.isEmpty() ? new double[0][]
                : evaluator.logLikelihoodSums(nonEmpty, thetas, phi);
        double[][] sums = new double[k][];
        int next = 0;
        for (int i = 0; i < k; i++) {
            sums[i] = events[i] > 0 ? shapes[next++] : null;
        }
        return new SimulatedSums(sums, events);
    }
}

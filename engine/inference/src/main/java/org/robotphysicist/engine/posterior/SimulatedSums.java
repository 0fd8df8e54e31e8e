package org.robotphysicist.engine.posterior;

/**
 * What {@link PosteriorEvaluator#simulateAndSum} returns for K simulated experiments.
 *
 * @param sums   K rows: S<sub>k,j</sub> = Σ<sub>i</sub> log p̂(x<sub>k,i</sub> | θ<sub>j</sub>, φ) over the
 *               grid's M points, or null where experiment k recorded no event
 * @param events N<sub>k</sub>, the events experiment k recorded
 */
public record SimulatedSums(double[][] sums, int[] events) {
}

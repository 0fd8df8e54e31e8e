package org.robotphysicist.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * A {@link PosteriorEvaluator} whose many-dataset call — the K simulated datasets of an EIG
 * estimate, S<sub>k,j</sub> = Σ<sub>i</sub> log p̂(x<sub>k,i</sub> | θ<sub>j</sub>, φ) — runs on
 * Spark: the datasets are cut into at most {@code defaultParallelism} contiguous groups, one task
 * each, and every dataset is summed there by the engine's evaluator for the likelihood (loaded once
 * per executor from the broadcast {@link LikelihoodSource}), one {@link
 * PosteriorEvaluator#logLikelihoodSums(Matrix, Matrix, double[])} call per dataset as the default
 * many-dataset call makes them on one machine. Results come back in dataset order, so an EIG
 * estimate is the single-machine one (up to float64 round-off where the evaluator's tiles depend
 * on the free heap). The single-dataset call (a round's posterior update) runs on the driver with
 * the same likelihood, {@code local}. Thread-safe.
 */
public final class SparkEvaluator implements PosteriorEvaluator {
    private final SparkSession spark;
    private final LikelihoodSource source;
    /** The source, sent to each executor once for all the calls of this evaluator. */
    private final Broadcast<LikelihoodSource> shared;
    private final PosteriorEvaluator local;

    /**
     * @param spark  the session the datasets are evaluated on (the caller's)
     * @param source the likelihood the executors load
     * @param local  the same likelihood on the driver (for its ranges and single-dataset calls)
     */
    public SparkEvaluator(SparkSession spark, LikelihoodSource source, SurrogateLikelihood local) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.source = Objects.requireNonNull(source, "source");
        this.local = PosteriorEvaluator.forSurrogate(Objects.requireNonNull(local, "local"));
        this.shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(source);
    }

    /** K datasets for one task, with the grid and setting. */
    private record Group(int first, List<double[]> datasets, double[] thetas, int thetaDim, double[] phi, int dx)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public SurrogateLikelihood surrogate() {
        return local.surrogate();
    }

    @Override
    public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
        return local.logLikelihoodSums(events, thetas, phi);
    }

    @Override
    public double[][] logLikelihoodSums(List<Matrix> datasets, Matrix thetas, double[] phi) {
        if (datasets == null || datasets.isEmpty()) {
            throw new InvalidInputException("datasets: expected at least one event matrix but found none");
        }
        int dx = surrogate().dimensions().xDim();
        for (int k = 0; k < datasets.size(); k++) {
            Matrix d = datasets.get(k);
            if (d.cols() != dx || d.rows() < 1) {
                throw new DimensionMismatchException("dataset " + k + ": expected (N >= 1, " + dx + ") events but found ("
                        + d.rows() + ", " + d.cols() + ")");
            }
        }
        thetas.requireShape("theta points", -1, surrogate().dimensions().thetaDim()).requireNonEmpty("theta points");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int k = datasets.size();
        int tasks = Math.max(1, Math.min(k, jsc.defaultParallelism()));
        List<Group> groups = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            int from = (int) ((long) k * t / tasks);
            int to = (int) ((long) k * (t + 1) / tasks);
            groups.add(new Group(from, datasets.subList(from, to).stream().map(Matrix::toArray).toList(),
                    thetas.toArray(), thetas.cols(), phi.clone(), dx));
        }
        Broadcast<LikelihoodSource> model = shared;
        List<double[][]> results;
        try {
            results = jsc.parallelize(groups, tasks).map(g -> evaluate(g, model.value())).collect();
        } catch (Exception e) { // a failed job: SparkException, checked to Java though Scala does not declare it
            throw SparkFailures.unwrap(e);
        }
        double[][] out = new double[k][];
        for (int t = 0; t < tasks; t++) {
            double[][] r = results.get(t);
            System.arraycopy(r, 0, out, groups.get(t).first(), r.length);
        }
        return out;
    }

    private static double[][] evaluate(Group g, LikelihoodSource source) {
        PosteriorEvaluator evaluator = ExecutorLikelihoods.evaluator(source);
        Matrix thetas = Matrix.of(g.thetas().length / g.thetaDim(), g.thetaDim(), g.thetas());
        double[][] out = new double[g.datasets().size()][];
        Iterator<double[]> it = g.datasets().iterator();
        for (int i = 0; it.hasNext(); i++) {
            double[] values = it.next();
            out[i] = evaluator.logLikelihoodSums(Matrix.of(values.length / g.dx(), g.dx(), values), thetas, g.phi());
        }
        return out;
    }

    @Override
    public String device() {
        return "spark(" + spark.sparkContext().master() + ")";
    }

    @Override
    public String toString() {
        return "SparkEvaluator(" + source.describe() + " on " + spark.sparkContext().master() + ")";
    }
}

package org.robotphysicist.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.cluster.SimulatorSpec;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.SimulatedExperiments;
import org.robotphysicist.engine.posterior.SimulatedSums;
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
 * the same likelihood, {@code local}.
 *
 * <p>Given the simulator's recipe ({@link SimulatorSpec}), an EIG estimate's experiments are also
 * simulated on the executors ({@link #simulateAndSum}): each task opens the simulator (an external
 * program once per task), continues each experiment's random stream where the driver left it after
 * drawing θ<sub>k</sub> ({@link RandomStreamState}), runs the experiment and sums its events there;
 * only the M sums and the event count of each experiment come back. The events are those the
 * driver would have simulated, so the estimate is the single-machine one. Without a recipe the
 * experiments are simulated on the driver and their events sent out. Thread-safe.
 */
public final class SparkEvaluator implements PosteriorEvaluator {
    private final SparkSession spark;
    private final LikelihoodSource source;
    /** The source, sent to each executor once for all the calls of this evaluator. */
    private final Broadcast<LikelihoodSource> shared;
    private final PosteriorEvaluator local;
    /** How executors open the simulator, or null: experiments are simulated on the driver. */
    private final SimulatorSpec simulator;

    /**
     * An evaluator whose experiments are simulated on the driver.
     *
     * @param spark  the session the datasets are evaluated on (the caller's)
     * @param source the likelihood the executors load
     * @param local  the same likelihood on the driver (for its ranges and single-dataset calls)
     */
    public SparkEvaluator(SparkSession spark, LikelihoodSource source, SurrogateLikelihood local) {
        this(spark, source, local, null);
    }

    /**
     * An evaluator that simulates experiments on the executors where it sums them.
     *
     * @param simulator how an executor opens the simulator of the experiments (null: simulate on the driver)
     */
    public SparkEvaluator(SparkSession spark, LikelihoodSource source, SurrogateLikelihood local,
            SimulatorSpec simulator) {
        this.simulator = simulator;
        this.spark = Objects.requireNonNull(spark, "spark");
        this.source = Objects.requireNonNull(source, "source");
        this.local = PosteriorEvaluator.forSurrogate(Objects.requireNonNull(local, "local"));
        this.shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(source);
    }

    /** K datasets for one task, with the grid and setting. */
    private record Group(List<double[]> datasets, double[] thetas, int thetaDim, double[] phi, int dx)
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
        int k = datasets.size();
        int[] cuts = taskCuts(k);
        List<Group> groups = new ArrayList<>();
        for (int t = 0; t + 1 < cuts.length; t++) {
            groups.add(new Group(datasets.subList(cuts[t], cuts[t + 1]).stream().map(Matrix::toArray)
                    .toList(), thetas.toArray(), thetas.cols(), phi.clone(), dx));
        }
        List<double[][]> results = runTasks(groups, SparkEvaluator::evaluate);
        double[][] out = new double[k][];
        for (int t = 0; t < results.size(); t++) {
            double[][] r = results.get(t);
            System.arraycopy(r, 0, out, cuts[t], r.length);
        }
        return out;
    }

    /** The experiments of one task: their θ, streams, the experiment and the grid. */
    private record ExperimentGroup(double[] draws, int thetaDim, List<RandomStreamState> streams,
            Experiment experiment, SimulatorSpec simulator, double[] thetas, double[] phi) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One task's result: the sums (null without events) and event counts of its experiments. */
    private record ExperimentResults(double[][] sums, int[] events) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public SimulatedSums simulateAndSum(SimulatedExperiments experiments, Matrix thetas) {
        if (simulator == null) {
            return PosteriorEvaluator.super.simulateAndSum(experiments, thetas);
        }
        if (!experiments.simulator().name().equals(simulator.name())) {
            throw new InvalidInputException("experiments on the executors: expected the simulator " + simulator.name()
                    + " the evaluator opens there but found " + experiments.simulator().name());
        }
        thetas.requireShape("theta points", -1, surrogate().dimensions().thetaDim()).requireNonEmpty("theta points");
        int k = experiments.count();
        int[] cuts = taskCuts(k);
        int d = experiments.thetas().cols();
        double[] draws = experiments.thetas().toArray();
        List<ExperimentGroup> groups = new ArrayList<>();
        for (int t = 0; t + 1 < cuts.length; t++) {
            int from = cuts[t];
            int to = cuts[t + 1];
            List<RandomStreamState> streams = new ArrayList<>();
            for (int i = from; i < to; i++) {
                streams.add(RandomStreamState.of(experiments.streams().get(i)));
            }
            groups.add(new ExperimentGroup(java.util.Arrays.copyOfRange(draws, from * d, to * d), d, streams,
                    experiments.experiment(), simulator, thetas.toArray(), experiments.phi()));
        }
        List<ExperimentResults> results = runTasks(groups, SparkEvaluator::simulateAndSum);
        double[][] sums = new double[k][];
        int[] events = new int[k];
        for (int t = 0; t < results.size(); t++) {
            ExperimentResults r = results.get(t);
            System.arraycopy(r.sums(), 0, sums, cuts[t], r.sums().length);
            System.arraycopy(r.events(), 0, events, cuts[t], r.events().length);
        }
        return new SimulatedSums(sums, events);
    }

    /**
     * The boundaries 0 = c<sub>0</sub> &lt; … &lt; c<sub>T</sub> = K of K items cut into
     * T = min(K, default parallelism) contiguous groups, one task each.
     */
    private int[] taskCuts(int k) {
        int tasks = Math.max(1, Math.min(k, JavaSparkContext.fromSparkContext(spark.sparkContext())
                .defaultParallelism()));
        int[] cuts = new int[tasks + 1];
        for (int t = 0; t <= tasks; t++) {
            cuts[t] = (int) ((long) k * t / tasks);
        }
        return cuts;
    }

    /** Runs {@code work} on each group, one task per group, with the broadcast likelihood; results in group order. */
    private <G extends Serializable, R> List<R> runTasks(List<G> groups,
            Function2<G, LikelihoodSource, R> work) {
        Broadcast<LikelihoodSource> model = shared;
        try {
            return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(groups, groups.size())
                    .map(g -> work.call(g, model.value())).collect();
        } catch (Exception e) { // a failed job: SparkException, checked to Java though Scala does not declare it
            throw SparkFailures.unwrap(e);
        }
    }

    private static ExperimentResults simulateAndSum(ExperimentGroup g, LikelihoodSource source) {
        PosteriorEvaluator evaluator = ExecutorLikelihoods.evaluator(source);
        int dTheta = evaluator.surrogate().dimensions().thetaDim();
        Matrix thetas = Matrix.of(g.thetas().length / dTheta, dTheta, g.thetas());
        int n = g.streams().size();
        double[][] sums = new double[n][];
        int[] events = new int[n];
        Simulator sim = g.simulator().open();
        try {
            for (int i = 0; i < n; i++) {
                double[] theta = java.util.Arrays.copyOfRange(g.draws(), i * g.thetaDim(), (i + 1) * g.thetaDim());
                Matrix x = g.experiment().run(sim, theta, g.phi(), g.streams().get(i).restore());
                events[i] = x.rows();
                sums[i] = x.rows() > 0 ? evaluator.logLikelihoodSums(x, thetas, g.phi()) : null;
            }
        } finally {
            SimulatorSpec.close(sim);
        }
        return new ExperimentResults(sums, events);
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
        return "SparkEvaluator(" + source.describe() + " on " + spark.sparkContext().master()
                + (simulator == null ? "" : ", simulating " + simulator.name() + " there") + ")";
    }
}

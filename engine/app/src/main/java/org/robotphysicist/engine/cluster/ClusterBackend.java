package org.robotphysicist.engine.cluster;

import java.util.List;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * A distributed engine the commands hand their parallel work to ({@code --spark MASTER}), found
 * by {@link java.util.ServiceLoader} so that the engine never depends on it: the {@code rp-spark}
 * module registers one. A backend starts its cluster connection on first use for a master and
 * keeps it until {@link #close()}.
 *
 * <p>Every operation gives the single-machine result: the same events for the same seed, the same
 * sums up to float64 round-off (≤ 10⁻⁹ relative), however the work is partitioned.
 */
public interface ClusterBackend extends AutoCloseable {

    /** Its name, as in the option that selects it ({@code spark}). */
    String name();

    /**
     * Simulates the job's K·n events on the cluster and writes them as a dataset of the backend's
     * format (Parquet for Spark) at {@code out}, with the job's metadata as provenance.
     *
     * @param master     the cluster to run on ({@code local[*]}, {@code spark://host:port}, ...)
     * @param partitions how many partitions the pairs' event blocks are split into (≥ 1), or 0 for the
     *                   cluster's default parallelism; the events do not depend on it
     * @param out        the output directory; must not exist
     * @return the number of events written
     */
    long simulate(String master, ClusterSimulation job, int partitions, String out);

    /**
     * The summed log-likelihood of every experiment in the event dataset at {@code events}, one
     * experiment per distinct φ (the dataset's φ columns), or one experiment at {@code phi} when
     * it is given; experiments in ascending order of φ.
     *
     * @param dims   the simulator's names, which the dataset's x (and φ) columns must carry
     * @param thetas (M, D<sub>θ</sub>) grid points inside the likelihood's θ range
     * @param phi    the setting of all events, or {@code null} to read it from the φ columns
     */
    List<ExperimentSums> logLikelihoodSums(String master, String events, LikelihoodSource likelihood,
            Dimensions dims, Matrix thetas, double[] phi);

    /**
     * An evaluator that sends the datasets of {@link PosteriorEvaluator#logLikelihoodSums(List,
     * Matrix, double[])} (the simulated datasets of an EIG estimate) to the cluster, one task per
     * group of datasets, with {@code likelihood} loaded once per worker; single-dataset calls run
     * here on {@code local}, the same likelihood. Given {@code simulator}, an EIG estimate's
     * experiments are also simulated on the workers
     * ({@link PosteriorEvaluator#simulateAndSum}), each from the random stream it would have had
     * here, so the estimate does not change.
     *
     * @param simulator how a worker opens the experiments' simulator, or null to simulate here
     */
    PosteriorEvaluator evaluator(String master, LikelihoodSource likelihood, SurrogateLikelihood local,
            SimulatorSpec simulator);

    /**
     * Opens datasets of the backend's format (Parquet for Spark, as {@link #simulate} writes them) for
     * reading block by block on this JVM, without holding them: for training on more events than
     * fit in memory. Nothing runs on a cluster.
     *
     * @param paths files or directories of files (any file system URI the backend reads)
     * @return the blocks, in the order of {@code paths} and, within a directory, of the file names; the
     *         caller closes them
     * @throws org.robotphysicist.data.MalformedDataException when a path holds no readable dataset
     */
    EventBlocks readEventBlocks(List<String> paths);

    /** Stops the cluster connections this backend started. */
    @Override
    void close();
}

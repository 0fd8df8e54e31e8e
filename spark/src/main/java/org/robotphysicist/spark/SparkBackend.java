package org.robotphysicist.spark;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.engine.cluster.ClusterBackend;
import org.robotphysicist.engine.cluster.ClusterSimulation;
import org.robotphysicist.engine.cluster.ExperimentSums;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.cluster.SimulatorSpec;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * The {@link ClusterBackend} named {@code spark}, behind {@code rp simulate|posterior|design --spark
 * MASTER}: starts one {@link SparkSession} for the master on first use ({@link SparkSessions}) and
 * runs the operations of {@link SparkSimulation}, {@link SparkPosterior} and {@link SparkEvaluator}
 * on it; {@link #close()} stops it and releases the likelihoods loaded in this JVM. Where the JVM
 * already runs a session (a tool that embeds the command line, {@code spark-submit}), the backend
 * uses that one and leaves it running. A JVM holds one Spark context, so one backend serves one
 * master.
 */
public final class SparkBackend implements ClusterBackend {
    private SparkSession session;
    private String master;
    /** Whether this backend started the session (and so stops it). */
    private boolean owned;

    @Override
    public String name() {
        return "spark";
    }

    /** The session for {@code url}, started on first use. */
    synchronized SparkSession session(String url) {
        if (session == null) {
            scala.Option<SparkSession> running = SparkSession.getDefaultSession();
            owned = running.isEmpty();
            session = owned ? SparkSessions.start(url, "rp") : running.get();
            master = url;
            String actual = session.sparkContext().master();
            if (!owned && !actual.equals(url)) {
                session = null;
                throw new InvalidInputException("--spark: expected the master of the session this process already"
                        + " runs, " + actual + ", but found " + url + " (one Spark context per process)");
            }
        } else if (!master.equals(url)) {
            throw new InvalidInputException("--spark: expected the master this run already uses, " + master
                    + ", but found " + url + " (one Spark context per process)");
        }
        return session;
    }

    @Override
    public long simulate(String url, ClusterSimulation job, int partitions, String out) {
        return SparkSimulation.write(session(url), job, partitions, out);
    }

    @Override
    public List<ExperimentSums> logLikelihoodSums(String url, String events, LikelihoodSource likelihood,
            Dimensions dims, Matrix thetas, double[] phi) {
        return SparkPosterior.logLikelihoodSums(session(url), events, likelihood, dims, thetas, phi);
    }

    @Override
    public PosteriorEvaluator evaluator(String url, LikelihoodSource likelihood, SurrogateLikelihood local,
            SimulatorSpec simulator) {
        return new SparkEvaluator(session(url), likelihood, local, simulator);
    }

    @Override
    public EventBlocks readEventBlocks(List<String> paths) {
        return ParquetEventBlocks.open(paths);
    }

    @Override
    public synchronized void close() {
        ExecutorLikelihoods.closeAll();
        if (session != null && owned) {
            session.stop();
        }
        session = null;
        master = null;
    }
}

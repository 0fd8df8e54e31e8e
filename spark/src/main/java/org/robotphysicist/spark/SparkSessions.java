package org.robotphysicist.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.robotphysicist.data.InvalidInputException;

/**
 * Starts the {@link SparkSession} of an {@code rp} command. Defaults (each kept only where the
 * {@code spark.*} system properties, as {@code spark-submit} or {@code RP_JAVA_OPTS=-Dspark...}
 * set them, say nothing else): the driver binds to and advertises the loopback address
 * 127.0.0.1 (a cluster master needs {@code -Dspark.driver.host=HOST} reachable from its
 * executors), no web UI, no console progress bar. Nothing is downloaded: the executors run the
 * classes already on the class path.
 */
public final class SparkSessions {
    /**
     * Loggers quietened by default: those that report normal conditions as warnings (no native
     * Hadoop library on a workstation), and the stack traces of a failed task or of a context that
     * could not start (a bad master URL), which the command reports itself, in one line.
     */
    private static final java.util.Map<String, String> QUIET_LOGGERS = java.util.Map.of(
            "org.apache.hadoop.util.NativeCodeLoader", "error",
            "org.apache.spark.util.Utils", "error",
            "org.apache.spark.sql.internal.SharedState", "error",
            "org.apache.spark.executor.Executor", "off",
            "org.apache.spark.scheduler.TaskSetManager", "off",
            "org.apache.spark.SparkContext", "off",
            "org.apache.spark.metrics.MetricsSystem", "error");

    private SparkSessions() {
    }

    /**
     * The configuration for {@code master} with the defaults above.
     *
     * @param master {@code local[*]}, {@code local[N]}, {@code local[N,F]} (F attempts per task),
     *               {@code spark://HOST:PORT}, {@code yarn}, {@code k8s://...}
     */
    public static SparkConf conf(String master, String appName) {
        if (master == null || master.isBlank()) {
            throw new InvalidInputException("--spark: expected a master URL such as local[*], spark://HOST:PORT, yarn"
                    + " or k8s://HOST:PORT but found " + (master == null ? "none" : "a blank one"));
        }
        SparkConf conf = new SparkConf(true).setMaster(master).setAppName(appName);
        setIfAbsent(conf, "spark.driver.host", "127.0.0.1");
        setIfAbsent(conf, "spark.driver.bindAddress", "127.0.0.1");
        setIfAbsent(conf, "spark.ui.enabled", "false");
        setIfAbsent(conf, "spark.ui.showConsoleProgress", "false");
        return conf;
    }

    /** Starts (or joins the running) session for {@code master}. */
    public static SparkSession start(String master, String appName) {
        quietLogging();
        SparkConf conf = conf(master, appName);
        try {
            return SparkSession.builder().config(conf).getOrCreate();
        } catch (Exception e) { // Scala throws SparkException, a checked exception to Java, undeclared
            String m = String.valueOf(e.getMessage());
            if (m.contains("Could not parse Master URL") || m.contains("Master must")) {
                throw new InvalidInputException("--spark: expected a master URL such as local[*], local[N],"
                        + " spark://HOST:PORT, yarn or k8s://HOST:PORT but found '" + master + "' (" + m + ")", e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("could not start Spark on " + master
                    + ": " + m, e);
        }
    }

    /**
     * Raises the level of the loggers above, unless the user configured them or asked for
     * informational logging (slf4j-simple reads a logger's level when the logger is made).
     */
    static void quietLogging() {
        String level = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (level.equals("info") || level.equals("debug") || level.equals("trace")) {
            return; // rp --verbose: every line
        }
        QUIET_LOGGERS.forEach((logger, quiet) -> {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, quiet);
            }
        });
    }

    private static void setIfAbsent(SparkConf conf, String key, String value) {
        if (!conf.contains(key)) {
            conf.set(key, value);
        }
    }
}

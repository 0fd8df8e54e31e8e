/**
 * The engine's parallel work on Apache Spark: simulation to Parquet ({@link
 * org.robotphysicist.spark.SparkSimulation}), posteriors summed where the events live ({@link
 * org.robotphysicist.spark.SparkPosterior}), the datasets of EIG estimates simulated and evaluated
 * on the executors ({@link org.robotphysicist.spark.SparkEvaluator}), Parquet events read block by
 * block for training ({@link org.robotphysicist.spark.ParquetEventBlocks}), each on a
 * {@code SparkSession} the caller owns (reading needs none); {@link org.robotphysicist.spark.SparkBackend} is the
 * {@link org.robotphysicist.engine.cluster.ClusterBackend} behind {@code rp ... --spark MASTER}.
 *
 * <p>Layering: the Spark module sits on top of the engine's application module; it implements
 * {@code engine.cluster}'s service interface and uses {@code data.simulator},
 * {@code engine.posterior}, models and data. The engine never depends on it: it is found on the
 * class path by {@link java.util.ServiceLoader}.
 */
package org.robotphysicist.spark;

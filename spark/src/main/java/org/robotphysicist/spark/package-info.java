/**
 * The engine's parallel work on Apache Spark: simulation to Parquet ({@link
 * org.robotphysicist.spark.SparkSimulation}), posteriors summed where the events live ({@link
 * org.robotphysicist.spark.SparkPosterior}), the simulated datasets of EIG estimates evaluated on
 * the executors ({@link org.robotphysicist.spark.SparkEvaluator}), each on a {@code SparkSession}
 * the caller owns; {@link org.robotphysicist.spark.SparkBackend} is the
 * {@link org.robotphysicist.engine.cluster.ClusterBackend} behind {@code rp ... --spark MASTER}.
 */
package org.robotphysicist.spark;

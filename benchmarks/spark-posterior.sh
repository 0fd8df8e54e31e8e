#!/usr/bin/env bash
# Distributed posterior on Spark (local[1], local[2]) beside the single-machine evaluator, in the same run,
# and the time to simulate the events to Parquet (benchmarks/README.md, "Spark: distributed posterior").
# Usage: benchmarks/spark-posterior.sh [EVENTS (10000000; the issue's size is 100000000)] [GRID (101)] [DIR]
# Environment: RP_BENCH_HEAP (default 6g) for the JVM; events are held in memory once for the single-machine side.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl spark -am -DskipTests -Dmaven.javadoc.skip package
export OPT_OUT_TRACKING=true
spark_opts=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
for pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  spark_opts+=("--add-opens=java.base/$pkg=ALL-UNNAMED")
done
exec java -Dai.djl.offline=true -Xss4m "-Xmx${RP_BENCH_HEAP:-6g}" "${spark_opts[@]}" \
    -cp "engine/target/rp-engine.jar:engine/target/lib/*:spark/target/rp-spark.jar:spark/target/lib/*" \
    org.robotphysicist.spark.SparkPosteriorBenchmark "$@"

#!/usr/bin/env bash
# Distributed posterior on Spark (local[1], local[2]) beside the single-machine evaluator, in the same run,
# and the time to simulate the events to Parquet (benchmarks/README.md, "Spark: distributed posterior").
# Usage: benchmarks/spark-posterior.sh [EVENTS (10000000; the issue's size is 100000000)] [GRID (101)] [DIR]
# Environment: RP_BENCH_HEAP (default 6g) for the JVM; events are held in memory once for the single-machine side.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl spark -am -DskipTests -Dmaven.javadoc.skip package
export OPT_OUT_TRACKING=true
# shellcheck source=../spark/jvm-options.sh
source spark/jvm-options.sh
exec java -Dai.djl.offline=true -Xss4m "-Xmx${RP_BENCH_HEAP:-6g}" "${spark_jvm_opts[@]}" \
    -cp "engine/app/target/rp-engine.jar:engine/app/target/lib/*:spark/target/rp-spark.jar:spark/target/lib/*" \
    org.robotphysicist.spark.SparkPosteriorBenchmark "$@"

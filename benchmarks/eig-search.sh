#!/usr/bin/env bash
# EIG scan over a phi grid vs Bayesian optimization of EIG: estimates and wall time each needs.
# Usage: benchmarks/eig-search.sh [--seeds 10] [--budget 30] [--datasets 128] [--scan-points 61] ...
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
export OPT_OUT_TRACKING=true
exec java -Dai.djl.offline=true -Xss4m \
    -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    org.robotphysicist.benchmarks.design.EigSearchBenchmark "$@"

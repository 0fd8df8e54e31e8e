#!/usr/bin/env bash
# BO suggest latency (GP fit + log-EI maximization) beside scikit-learn + SciPy, in one run.
# Usage: benchmarks/bo-suggest.sh [--sizes 20,50,200] [--dims 1,2,4] [--reps 5] [--restarts 4] ...
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
export OPT_OUT_TRACKING=true
exec java -Dai.djl.offline=true -Xss4m \
    -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    org.robotphysicist.benchmarks.design.BoSuggestBenchmark "$@"

#!/usr/bin/env bash
# Builds the benchmarks module (and what it needs) and runs one benchmark's main class.
# Usage: benchmarks/run-benchmark.sh MAIN_CLASS [benchmark arguments...]
# Environment: RP_CUDA=1 builds without the bundled CPU natives, for a CUDA libtorch (cuda-notes/README.md).
set -euo pipefail
main="$1"
shift
cd "$(dirname "$0")/.."
flags=(-B -q -pl benchmarks -am -DskipTests)
[[ "${RP_CUDA:-0}" == 1 ]] && flags+=(-Dcuda)
mvn "${flags[@]}" package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
export OPT_OUT_TRACKING=true
exec java -Dai.djl.offline=true -Xss4m \
    -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "$main" "$@"

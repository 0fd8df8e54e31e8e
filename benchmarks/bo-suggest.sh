#!/usr/bin/env bash
# BO suggest latency (GP fit + log-EI maximization) beside scikit-learn + SciPy, in one run.
# Usage: benchmarks/bo-suggest.sh [--sizes 20,50,200] [--dims 1,2,4] [--reps 5] [--restarts 4] ...
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.design.BoSuggestBenchmark "$@"

#!/usr/bin/env bash
# Training throughput of the project's TrainingLoop (on DJL) beside the same loop in Debian's python3-torch, measured in
# the same run (benchmarks/README.md, "Training throughput"). Options go to the benchmark:
#   --rows N (default 1048576)  --rounds R (3)  --epochs E (3 timed per round)  --threads T (both sides)
#   --form reference|lte
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.training.TrainingThroughputBenchmark "$@"

#!/usr/bin/env bash
# EIG scan over a phi grid vs Bayesian optimization of EIG: estimates and wall time each needs.
# Usage: benchmarks/eig-search.sh [--seeds 10] [--budget 30] [--datasets 128] [--scan-points 61] ...
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.design.EigSearchBenchmark "$@"

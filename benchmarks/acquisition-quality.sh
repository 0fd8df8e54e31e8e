#!/usr/bin/env bash
# EIG of the design loop's chosen setting as a fraction of a dense scan's best, per round, over seeds.
# Usage: benchmarks/acquisition-quality.sh [--seeds 20] [--rounds 2] [--datasets 128] [--reference-datasets 512] [--grid 101] [--scan-points 61]
#   [--evaluations 12] [--verifications 3] [--verification-datasets 512] [--rival true|false] [--cases count,lumi,lumi-no-rate] ...
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.design.AcquisitionQualityBenchmark "$@"

#!/usr/bin/env bash
# Does a surrogate's tempering tau = 1 + kappa N transfer across event counts? kappa fitted at one N on
# Weinberg LO at sqrt(s) = 58 and 81 GeV, the raw and tempered coverage checked at others on independent
# datasets, paired with the exact posterior (benchmarks/README.md, "Surrogate coverage").
#   --kind nsf|maf|classifier  --model FILE (trained and written when absent)  --rows N  --epochs E  --batch B
#   --score-weight A  --datasets 100  --fit-events 2000  --events 1000,2000,5000  --phis 58,81
#   (kappa by both fit criteria)
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.coverage.TemperingTransferBenchmark "$@"

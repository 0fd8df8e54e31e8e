#!/usr/bin/env bash
# Each neural kind on z-lineshape against its quadrature reference likelihood: training time, and per
# component the posterior mean shift and sd ratio and the paired expected coverage on fresh datasets
# (docs/z-lineshape.md, "Surrogates against the reference likelihood"). Options go to the benchmark:
#   --kinds maf,nsf,classifier  --phi 91.2  --prior 90.7,91.7,2.0,3.0,0.20,0.27  --rows 200000  --epochs 10
#   --events 50  --datasets 100  --locator 7  --window 9  --window-sds 4  --seed 20261122  --coverage-seed 7
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.coverage.ZLineshapeSurrogateBenchmark "$@"

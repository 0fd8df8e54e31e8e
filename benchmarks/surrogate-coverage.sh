#!/usr/bin/env bash
# Expected coverage of every surrogate kind at rp train's default sizes on Weinberg LO (trained once over
# sqrt(s) in [40, 100] GeV, prior U(0.15, 0.35)), at each sqrt(s) and events per experiment, against the exact
# posterior of the same datasets; the training time (wall and CPU) of each kind; the certificate in the model
# beside an independent run (benchmarks/README.md, "Surrogate coverage"). Options go to the benchmark:
#   --kinds classifier,maf,nsf,histogram  --phis 58,81  --events 1000,5000  --datasets 200  --coverage-seed 7
#   --certify-datasets 200  --certify-phi 58  --certify-events 1000  --normalize-events 1000
#   --window 61  --rows 4000000  --epochs 2  --seed 20261122  --model-KIND FILE (measure a saved model instead)
#   --batch B  --learning-rate R  --hidden-layers L  --hidden-width W  --ensemble K  --score-weight ALPHA
#   --tempering-nodes 5
#   --tempering-events 5000 (5 x --certify-events)  --tempering-fit coverage|log-score  --no-tempering true
#   --histogram 41,61,100000,20,8 (theta cells, sqrt(s) cells, events per cell, bins, theta smoothing half-width)
# A quick run: --kinds maf --phis 58 --events 1000 --datasets 50
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.coverage.SurrogateCoverageBenchmark "$@"

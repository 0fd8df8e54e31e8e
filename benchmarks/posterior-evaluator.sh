#!/usr/bin/env bash
# Posterior-evaluator throughput (JMH) beside a straightforward python3-torch peer, measured in the same
# run (benchmarks/README.md, "Posterior evaluator"). Options go to the comparison:
#   --threads T (1, both sides)  --events N (10000)  --grid M1,M2 (1000,10000)  --warmups W1,W2 (1,0)
#   --reps R1,R2 (2,1)  --tile ROWS (0: automatic)  --peer-chunk ROWS (40000)  --python /usr/bin/python3
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.posterior.PosteriorEvaluatorComparison "$@"

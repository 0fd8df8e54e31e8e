#!/usr/bin/env bash
# Per-event information about sin2_theta_w at 0.2312 across sqrt(s) in [40, 100] GeV: the exact likelihood's,
# and each surrogate kind's as a ratio to it, on the same simulated events (benchmarks/README.md, "Design loop
# with a surrogate"). Options go to the benchmark:
#   --kinds maf,nsf,classifier  --events 50000  --phis 40:100:2  --step 0.02  --versus 0.2688 (theta_1 of the
#   per-event divergence D = KL(theta_0 || theta_1) printed beside the information)  --rows 4000000
#   --epochs E (default: the kind's design epochs, 2, or 5 for an nsf)  --seed 20261122  --batch B
#   --learning-rate R  --hidden-layers L  --hidden-width W  --ensemble K
#   --score-weight A (default: the kind's design weight, as rp design trains it)
#   --evidence-normalization true|false  --contrast K (classifier)
#   --histogram 41,61,100000,20,8 (for --kinds histogram: theta cells, sqrt(s) cells, events per cell, bins,
#   theta smoothing half-width)
#   --model-KIND FILE (read that kind from a model file instead of training it, e.g. one saved by
#   surrogate-design.sh --save-models; its untempered networks are measured)  --save-models DIR
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.design.InformationAcrossSettingsBenchmark "$@"

#!/usr/bin/env bash
# The design loop driven by each surrogate kind on Weinberg LO (rp design's defaults, the kind trained once at
# its default sizes): the exact-likelihood EIG of each round's choice as a fraction of a dense exact scan's best,
# whether the final posterior covers the hidden value, and the time per round (benchmarks/README.md, "Design
# loop with neural surrogates"). Options go to the benchmark:
#   --kinds exact,classifier,maf,nsf  --seeds 5  --first-seed 1  --rounds 3  --eig-datasets 128 (per loop estimate)
#   --reference-datasets 64  --scan-points 61
#   --rows 4000000  --epochs E (default: the kind's design epochs, 2, or 5 for an nsf)  --ensemble 1
#   --training-phi-margin 0  --seed 20261122
#   --histogram 41,61,100000,20,8 (the histogram kind: theta cells, sqrt(s) cells, events per cell, bins, smoothing)
#   --refine N (refine each run's neural surrogate on N posterior draws per round, as rp design --refine; each seed
#   trains its own)  --fine-tune true (with --refine N: round 1 uses the kind trained once, later rounds fine-tune it)
#   --score-weight A  --evidence-normalization true|false  --contrast K  --batch B  --learning-rate R
#   --hidden-layers L  --hidden-width W
#   --model-KIND FILE (read that kind from a model file instead of training it; e.g. --model-nsf nsf.rpm)
#   --save-models DIR (save each kind trained as DIR/KIND.rpm, to measure it again under other settings)
#   --verification-datasets 512 (per re-estimate before the choice; default 4 x --eig-datasets)
#   --rival true|false (re-estimate the best setting of a second maximum as well; false: as before it existed)
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.design.SurrogateDesignBenchmark "$@"

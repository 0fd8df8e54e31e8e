#!/usr/bin/env bash
# C2ST of each neural surrogate kind's posterior against exact posterior draws on four tasks with
# exact likelihoods (slcp, crescent, student-t, nonlinear-6d), beside published neural estimator
# figures where they exist (benchmarks/README.md, "Surrogate accuracy"). Options go to the benchmark:
#   --tasks all|slcp,crescent,student-t,nonlinear-6d  --budgets 1000,10000,100000
#   --kinds all|maf,nsf,classifier  --samples 2000  --chains 1000  --warmup 500  --thin 5  --max-epochs 100
#   --reference-chains 2000  --reference-thin 50 (the exact posterior's chains; warm-up twice --warmup)
#   --sequential 1 (R > 1: train each kind in R rounds per observation, as SNLE/SNRE)
#   --ensemble 1 (K > 1: K networks per kind on the same simulations, scored as the mixture of their posteriors)
#   --continuation retrain|fine-tune  --batch-size 0 (0: max(50, rows/20))  --learning-rate 0.001  --patience 15
#   --contrast 1 (the classifier's candidate parameters per event; 1: binary cross-entropy)
#   --contrast-odds 1 (the odds of its joint classes against the marginal one)  --classifier-network 3x64
#   --flow-network 2x64 (each flow block's MADE hidden widths)
#   --schedule constant|cosine|cosine:F|plateau:P (cosine: to F, default 0.01, of the rate over --max-epochs;
#     plateau: halved after P epochs without a validation improvement, down to 0.01 of it)
#   --candidates 1000 (prior draws per chain for the resampled starts)  --seed 1
#   --observations 1 (per task; the first at its fixed theta, the others at prior draws; sbibm averages 10)
#   --first-observation 1 (score observations F..K only, seeded as in a run of all K, to split a long run)
#   --observation-set simulated|published (published: the observations a published benchmark scored, for
#     slcp sbibm's ten with their x, so that the means compare over the same data; other tasks refuse it)
#   --draws-dir DIR (write every sample of draws as CSV, for benchmarks/peers/c2st_mlp.py)
#   --c2st mlp|knn (default mlp, sbibm's metric; knn is faster and scores surrogates 0.04-0.12 lower)
#   --out FILE (also write the result table there)
# A quick run: --tasks crescent --budgets 1000 --kinds maf --samples 1000
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.accuracy.SurrogateAccuracyBenchmark "$@"

#!/usr/bin/env bash
# Log-prob and training throughput of the conditional MAF beside a plain MAF of the same size in
# Debian's python3-torch, measured in the same run (benchmarks/README.md, "Flow throughput").
# Options go to the benchmark:
#   --x-dims 4,1  --context 2  --layers 5  --hidden 128,128  --log-prob-rows 131072  --chunk 65536
#   --passes 2  --train-rows 65536  --batches 4096,65536  --epochs 1  --rounds 2
#   --threads cores|T|default (both sides; default: the JVM's core count)
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.flow.FlowThroughputBenchmark "$@"

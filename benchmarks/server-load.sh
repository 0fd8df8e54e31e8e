#!/usr/bin/env bash
# rp serve under load (benchmarks/README.md, "HTTP server under load"): POST /posterior throughput and
# p50/p99 latency with 16 and 64 concurrent clients, then the server's RSS sampled over 10⁴ requests
# (flat within ±5% after warm-up?). The server runs as its own process on loopback. Options:
#   --workers W (2)  --events N (100)  --grid M (51)  --requests R per run (2000)  --clients 16,64
#   --rss-requests (10000)  --rss-clients (8)  --warmup (1000)  --sample (500)  --server-java-opts '...'
exec "$(dirname "$0")/run-benchmark.sh" org.robotphysicist.benchmarks.server.ServerLoadBenchmark "$@"

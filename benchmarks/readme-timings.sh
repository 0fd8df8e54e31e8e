#!/usr/bin/env bash
# Reruns the commands whose run time README.md quotes and prints, for each, the wall time and the
# CPU time (user + system, all threads and child processes), with the machine (cores, CPU model,
# memory, Java) and the load average before and after, as a Markdown table README.md can quote.
#
# Usage: benchmarks/readme-timings.sh [--all] [--only NAME[,NAME...]] [--out DIR] [--list]
#   (default)   the quick cases: the demo training its model, the demo reusing it, rp design with
#               its defaults, the tutorial's 3-round design (about 5 min on an idle 2-core machine)
#   --all       also the slow ones: the tutorial's training, the single-experiment classifier and
#               spline-flow demos, the design runs with a spline flow (external simulator, and with
#               --refine): about 40 more minutes on an idle 2-core machine, far more on a loaded one
#   --only      just the named cases (see --list)
#   --out DIR   where the commands write (default runs/readme-timings; emptied unless --only)
# Run it at low priority on a shared machine (nice -n 10 benchmarks/readme-timings.sh) and quote
# the load with the figures: on a loaded machine wall times grow several-fold, CPU times much less.
# The project is built (untimed) before the first case.
set -euo pipefail
cd "$(dirname "$0")/.."

out=runs/readme-timings
all=0
only=""
list=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --all) all=1 ;;
    --only) only="$2"; shift ;;
    --out) out="$2"; shift ;;
    --list) list=1 ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
    *) echo "readme-timings: unknown option '$1' (expected --all, --only NAMES, --out DIR, --list)" >&2; exit 2 ;;
  esac
  shift
done

# name | quick (1) or slow (0) | command, run from the repository root
cases=(
  "demo-train|1|./rp demo --retrain --out $out/demo/demo.json"
  "demo-cached|1|./rp demo --out $out/demo/demo.json"
  "design-default|1|./rp design --out $out/design"
  "tutorial-design|1|./rp design --rounds 3 --out $out/tutorial/design"
  "tutorial-train|0|./rp train --prior 0.15,0.35 --phi-range 50,70 --events 500 --training-rows 200000 --epochs 4 -o $out/tutorial/w.rpm"
  "demo-classifier-58|0|./rp demo --sqrt-s 58 --surrogate classifier --out $out/classifier/posterior.json"
  "demo-nsf-58|0|./rp demo --sqrt-s 58 --surrogate nsf --out $out/nsf/posterior.json"
  "design-external-nsf|0|./rp design --external 'python3 examples/python-simulator/toy_gaussian.py' --prior -2,2 --phi-range 0.25,4 --surrogate nsf --training-rows 50000 --epochs 4 --rounds 3 --events 200 --device cpu --out $out/ext-nsf"
  "train-sequential-slcp|0|mkdir -p $out/seq && ./rp simulate --simulator slcp --theta 0.7,-2.9,-1,-0.9,0.6 --events 1 --seed 5 --out $out/seq/obs.csv && ./rp train --simulator slcp --surrogate maf --training-rows 10000 --epochs 100 --batch-size 500 --sequential 10 --observed $out/seq/obs.csv --no-plot -o $out/seq/slcp.rpm"
  "simulate-joint-scores|0|mkdir -p $out/scores && ./rp simulate -q --simulator weinberg-lo --prior 0.15,0.35 --phi-range 76,92 --pairs 20000 --events 10 --joint-scores --out $out/scores/events.csv"
  "train-joint-scores|0|./rp train --simulator weinberg-lo --events-from $out/scores/events.csv --surrogate classifier --score-weight 100 --no-certify --no-plot -o $out/scores/classifier.rpm"
  "design-refine|0|./rp design --surrogate nsf --training-rows 50000 --epochs 4 --refine --refine-rows 50000 --rounds 3 --eig-datasets 64 --evaluations 8 --device cpu --no-plot --seed 7 --out $out/snl"
)

if [[ $list == 1 ]]; then
  for c in "${cases[@]}"; do
    IFS='|' read -r name quick cmd <<< "$c"
    printf '%-20s %-5s %s\n' "$name" "$([[ $quick == 1 ]] && echo quick || echo slow)" "$cmd"
  done
  exit 0
fi

selected() {
  local name="$1" quick="$2"
  if [[ -n "$only" ]]; then
    [[ ",$only," == *",$name,"* ]]
  else
    [[ $quick == 1 || $all == 1 ]]
  fi
}

if [[ -n "$only" ]]; then
  for n in ${only//,/ }; do
    printf '%s\n' "${cases[@]}" | grep -q "^$n|" || { echo "readme-timings: unknown case '$n' (see --list)" >&2; exit 2; }
  done
fi

if [[ ! -x /usr/bin/time ]]; then
  echo "readme-timings: needs GNU time at /usr/bin/time (Debian and Ubuntu package 'time')" >&2
  exit 2
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
mem_gib="$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)"
java_version="$(java -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"

./rp --version > /dev/null   # builds when sources changed; not timed
export RP_SKIP_BUILD=1       # so that no timed command rebuilds
[[ -n "$only" ]] || rm -rf "$out"   # --only keeps the other cases' outputs (the demo's cached model)
mkdir -p "$out"
log="$out/commands.log"

echo "README timings, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, ${cpu_model:-unknown CPU}, ${mem_gib} GiB, Java ${java_version}, nice $(nice)"
echo "load average (1, 5, 15 min) at start: $(load)"
echo "output of the commands: $log"
echo
echo "| case | command | wall | CPU (user + sys) | load average before / after |"
echo "|---|---|---|---|---|"
for c in "${cases[@]}"; do
  IFS='|' read -r name quick cmd <<< "$c"
  selected "$name" "$quick" || continue
  before="$(load)"
  echo "### $name: $cmd" >> "$log"
  # %e wall seconds, %U and %S user and system CPU seconds of the command and its children
  if ! /usr/bin/time -f '%e %U %S' -o "$out/time.txt" bash -c "$cmd" >> "$log" 2>&1; then
    echo "| $name | \`$cmd\` | failed (see $log) | | $before |"
    continue
  fi
  read -r wall user sys < "$out/time.txt"
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.0f", u + s}')"
  printf '| %s | `%s` | %.0f s | %s s | %s / %s |\n' "$name" "$cmd" "$wall" "$cpu" "${before%% *}" "$(load | cut -d' ' -f1)"
done
echo
echo "load average at end: $(load)"

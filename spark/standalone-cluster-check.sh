#!/usr/bin/env bash
# Runs the --spark commands on a real Spark standalone cluster on this machine and checks that they print
# what the same commands print without Spark: a Master and a Worker JVM bound to 127.0.0.1, executors in
# their own JVMs launched by the worker (so every task crosses process boundaries: serialized closures,
# broadcast model bytes, shuffles of partial sums), then
#   rp simulate --spark spark://...   (Parquet)  against rp simulate (CSV, the same seed)
#   rp posterior --spark spark://...  against rp posterior on the CSV
#   rp design --spark spark://...     against rp design
#   spark-submit (org.apache.spark.deploy.SparkSubmit) running rp posterior, joining the session it configures.
# No Spark distribution is needed: the worker's SPARK_HOME is a directory of links to the spark module's jars,
# and the executors get the engine's classes through spark.executor.extraClassPath (one machine, so the
# driver's class path is valid there; on a real cluster ship them with --jars, README "Scaling out").
# Usage: spark/standalone-cluster-check.sh        (builds first if needed; about 2 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
if [[ ! -f spark/target/rp-spark.jar || ! -f engine/app/target/rp-engine.jar ]]; then
  mvn -B -q -DskipTests package
fi
export OPT_OUT_TRACKING=true
# shellcheck source=jvm-options.sh
source spark/jvm-options.sh
work="$(mktemp -d)"
home="$work/spark-home"
mkdir -p "$home/jars" "$work/worker"
touch "$home/RELEASE" # a "distribution": the worker takes $SPARK_HOME/jars as the executors' Spark class path
ln -s "$root"/spark/target/lib/*.jar "$home/jars/"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
master="spark://127.0.0.1:$port"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

java "${spark_jvm_opts[@]}" -Xmx512m -cp "$root/spark/target/lib/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 >"$work/master.log" 2>&1 &
pids+=($!)
SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 java "${spark_jvm_opts[@]}" -Xmx512m -cp "$root/spark/target/lib/*" \
  org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 3g --webui-port 0 \
  --work-dir "$work/worker" "$master" >"$work/worker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  grep -q "Successfully registered with master" "$work/worker.log" && break
  sleep 0.5
done
if ! grep -q "Successfully registered with master" "$work/worker.log"; then
  echo "FAIL: the worker did not register with $master within 60 s" >&2
  tail -20 "$work/master.log" "$work/worker.log" >&2
  exit 1
fi
echo "cluster: master $master, one worker with 2 cores (separate JVMs; executors launched by the worker)"

classpath="$root/engine/app/target/rp-engine.jar:$root/engine/app/target/lib/*:$root/spark/target/rp-spark.jar"
classpath="$classpath:$root/spark/target/lib/*"
export RP_JAVA_OPTS="-Dspark.executor.extraClassPath=$classpath -Dspark.executor.memory=1g -Dspark.cores.max=2"
export RP_SKIP_BUILD=1
failures=0
same() { # what, expected, found
  if [[ "$2" == "$3" ]]; then
    echo "ok: $1: $3"
  else
    echo "FAIL: $1: expected '$2' but found '$3'"
    failures=$((failures + 1))
  fi
}

simulate=(simulate --simulator weinberg-lo --theta 0.2312 --phi-range 55,85 --pairs 3 --events 20000 --seed 3 -q)
./rp "${simulate[@]}" --spark "$master" --partitions 4 --out "$work/w.parquet" >/dev/null
./rp "${simulate[@]}" --out "$work/w.csv" >/dev/null
posterior=(posterior --surrogate exact --prior 0.15,0.35 --no-plot)
on_cluster="$(./rp "${posterior[@]}" --spark "$master" --events "$work/w.parquet" --out "$work/p-spark.json" \
  | grep '^sin2_theta_w = ')"
posterior_local="$(./rp "${posterior[@]}" --events "$work/w.csv" --out "$work/p-csv.json" | grep '^sin2_theta_w = ')"
same "posterior of 60000 Parquet events on the cluster against the CSV's" "$posterior_local" "$on_cluster"

design=(design --simulator weinberg-lo --rounds 1 --surrogate exact --grid 101 --eig-datasets 8 --evaluations 4
  --initial-points 3 --events 300 --seed 3 --no-plot)
on_cluster="$(./rp "${design[@]}" --spark "$master" --out "$work/d-spark" 2>/dev/null | grep '^    1 ')"
design_local="$(./rp "${design[@]}" --out "$work/d-local" 2>/dev/null | grep '^    1 ')"
same "design round 1 with the EIG datasets simulated and evaluated on the cluster" "$design_local" "$on_cluster"

submitted="$(java -Dai.djl.offline=true "${spark_jvm_opts[@]}" -cp "$classpath" org.apache.spark.deploy.SparkSubmit \
  --master "$master" --conf spark.driver.host=127.0.0.1 --conf "spark.executor.extraClassPath=$classpath" \
  --conf spark.executor.memory=1g --conf spark.cores.max=2 --conf spark.ui.enabled=false \
  --class org.robotphysicist.engine.cli.Rp "$root/spark/target/rp-spark.jar" \
  "${posterior[@]}" --spark "$master" --events "$work/w.parquet" --out "$work/p-submit.json" 2>"$work/submit.log" \
  | grep '^sin2_theta_w = ' || true)"
same "posterior through spark-submit" "$posterior_local" "$submitted"

executors="$(find "$work/worker" -name stderr -path '*app-*' | wc -l)"
if [[ "$executors" -ge 4 ]]; then
  echo "ok: $executors executor processes ran on the worker (one per application)"
else
  echo "FAIL: expected executors of 4 applications in the worker's directory but found $executors"
  failures=$((failures + 1))
fi
if [[ "$failures" -gt 0 ]]; then
  echo "standalone cluster check: $failures failure(s); logs were in $work" >&2
  exit 1
fi
echo "standalone cluster check: all passed"

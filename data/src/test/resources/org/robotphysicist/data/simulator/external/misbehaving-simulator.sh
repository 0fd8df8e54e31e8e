#!/bin/sh
# A deliberately misbehaving simulator for the external-simulator tests (POSIX sh).
# Usage: sh misbehaving-simulator.sh MODE [PIDFILE]
# With MODE "ok" it speaks protocol 1 correctly: every event equals theta ("x ~ delta(theta)").
# MODE "no-phi" does the same without a phi line (experiments without a setting).
# Every other MODE breaks one rule; see the case statement below.
mode="$1"
pidfile="$2"

handshake() {
  echo "rp-simulator ${1:-1}"
  echo "name misbehaving"
  echo "theta t -10 10"
  [ "$mode" = "no-phi" ] || echo "phi p 0 1"
  echo "x v -5 5"
  echo "ready"
}

case "$mode" in
  no-handshake)
    # Starts a child and never says anything; the client must kill both.
    sleep 600 &
    [ -n "$pidfile" ] && echo $! > "$pidfile"
    wait
    exit 0 ;;
  bad-version) handshake 99; exec sleep 600 ;;
  garbage-handshake) echo "hello world"; exec sleep 600 ;;
  no-theta) echo "rp-simulator 1"; echo "name broken"; echo "phi p 0 1"; echo "x v 0 1"; echo "ready"; exec sleep 600 ;;
  nan-bound) echo "rp-simulator 1"; echo "name broken"; echo "theta t nan 1"; exec sleep 600 ;;
  unknown-label) echo "rp-simulator 1"; echo "name broken"; echo "theta t -10 10"; echo "phi p 0 1"; echo "x v -5 5"
    echo "label w GeV W"; exec sleep 600 ;;
  refuse-start) echo "error licence file /opt/sim/licence not found"; exit 1 ;;
  crash-at-start) echo "rp-simulator 1"; echo "fatal: cannot load tables" >&2; exit 7 ;;
  orphan|orphan-crash)
    # Leaves a child running (holding stdout); "orphan" then behaves and quits cleanly without it,
    # "orphan-crash" crashes at its first request.
    sleep 300 &
    [ -n "$pidfile" ] && echo $! > "$pidfile" ;;
esac

handshake 1
echo "misbehaving simulator ready in mode $mode" >&2
served=0
while read -r cmd id n seed theta phi; do
  [ "$cmd" = "quit" ] && exit 0
  served=$((served + 1))
  case "$mode" in
    hang)
      # Reads the request, then goes silent with a child holding stdout.
      sleep 600 &
      [ -n "$pidfile" ] && echo $! > "$pidfile"
      wait
      exit 0 ;;
    crash|orphan-crash) echo "simulated segmentation fault at theta=$theta" >&2; exit 139 ;;
    exit-quietly) exit 0 ;;
    chatty) echo "computing $n events ..." ;;
    wrong-id) echo "events 999 $n" ;;
    wrong-count) echo "events $id $((n + 1))" ;;
    error-first)
      if [ "$served" -eq 1 ]; then echo "error $id theta $theta is not allowed today"; continue; fi
      echo "events $id $n" ;;
    *) echo "events $id $n" ;;
  esac
  i=0
  last=$n
  [ "$mode" = "too-few" ] && last=$((n - 1))
  [ "$mode" = "too-many" ] && last=$((n + 1))
  while [ "$i" -lt "$last" ]; do
    case "$mode" in
      nan) if [ "$i" -eq 1 ]; then echo "nan"; else echo "$theta"; fi ;;
      wide) echo "$theta $theta" ;;
      outside) echo "7.5" ;;
      word) echo "seven" ;;
      *) echo "$theta" ;;
    esac
    i=$((i + 1))
  done
  echo "end $id"
  [ "$mode" = "trailing-line" ] && echo "one more thing"
done
exit 0

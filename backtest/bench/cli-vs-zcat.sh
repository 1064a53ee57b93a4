#!/usr/bin/env bash
# Wall and CPU time of the CLI backtest against `zcat` of the same files, in the same run (backtest/README.md,
# Performance). Usage, from the repo root after `mvn -B -o -pl run -am package -DskipTests`:
#   backtest/bench/cli-vs-zcat.sh ROUNDS CONFIG DATA1 [DATA2 ...]
# SWEEP='strategy.order_quantity=10,20,30,40,50,60,70,80' also times that sweep through the CLI against one run.
# The decoded cache goes to a fresh directory: the first CLI run builds it (cold), later ones map it (warm).
# CPU = user + sys of the process (on a busy box the figure that means something; wall is printed beside it).
set -euo pipefail
rounds=$1; config=$2; shift 2
files=("$@")
jar=run/target/mmkit.jar
cache=$(mktemp -d); out=$(mktemp -d)
trap 'rm -rf "$cache" "$out"' EXIT
data=$(IFS=,; echo "${files[*]}")
# Runs "$@", appends "wall cpu" to the file named by $T.
TIMEFORMAT='%R %U %S'
timed() { { time "$@"; } 2> "$out/t"; awk '{printf "%s %.2f\n", $1, $2 + $3}' "$out/t" >> "$T"; }
cli() {
  MMKIT_CACHE_DIR=$cache java ${JAVA_OPTS:-} -jar "$jar" backtest --strategy grid --config "$config" \
      --data "$data" --fill-model queue --out "$out/o" --no-progress "$@" > "$out/console.txt" 2>&1
}
best() { sort -g -k"$2" "$1" | head -1 | awk -v k="$2" '{print $k}'; }
T=$out/cold timed cli
for ((i = 0; i < rounds; i++)); do
  T=$out/zcat timed sh -c "zcat ${files[*]} > /dev/null"
  T=$out/warm timed cli
done
grep -E "events replayed|orders placed" "$out/console.txt" || true
zw=$(best "$out/zcat" 1); zc=$(best "$out/zcat" 2)
cw=$(best "$out/cold" 1); cc=$(best "$out/cold" 2)
ww=$(best "$out/warm" 1); wc=$(best "$out/warm" 2)
ratio() { echo "scale=1; $1 / $2" | bc; }
echo "zcat:                  wall $zw s, CPU $zc s (best of $rounds)"
echo "CLI cold (builds cache): wall $cw s = $(ratio "$cw" "$zw")x zcat, CPU $cc s = $(ratio "$cc" "$zc")x zcat"
echo "CLI warm (maps cache):   wall $ww s = $(ratio "$ww" "$zw")x zcat, CPU $wc s = $(ratio "$wc" "$zc")x zcat (best of $rounds)"
if [[ -n "${SWEEP:-}" ]]; then
  T=$out/sweep timed cli --sweep "$SWEEP"
  sw=$(best "$out/sweep" 1); sc=$(best "$out/sweep" 2)
  echo "CLI sweep $SWEEP: wall $sw s = $(ratio "$sw" "$ww")x one warm run, CPU $sc s = $(ratio "$sc" "$wc")x"
fi

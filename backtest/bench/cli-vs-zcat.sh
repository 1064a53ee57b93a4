#!/usr/bin/env bash
# Wall time of the CLI backtest against `zcat` of the same files, in the same run (backtest/README.md, Performance).
# Usage: backtest/bench/cli-vs-zcat.sh ROUNDS CONFIG DATA1 [DATA2 ...]   (from the repo root, after
#        mvn -B -o -pl run -am package -DskipTests). Extra JVM flags: JAVA_OPTS. The decoded cache goes to a fresh
#        directory: the first CLI run builds it (cold), the later ones map it (warm).
set -euo pipefail
rounds=$1; config=$2; shift 2
files=("$@")
jar=run/target/mmkit.jar
cache=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$cache" "$out"' EXIT
data=$(IFS=,; echo "${files[*]}")
now() { date +%s.%N; }
best() { sort -g | head -1; }
cli() {
  MMKIT_CACHE_DIR=$cache java ${JAVA_OPTS:-} -jar "$jar" backtest --strategy grid --config "$config" \
      --data "$data" --fill-model queue --out "$out" --no-progress > "$out/console.txt" 2>&1
}
zc=(); warm=()
t0=$(now); cli; t1=$(now); cold=$(echo "$t1 - $t0" | bc)
for ((i = 0; i < rounds; i++)); do
  t0=$(now); zcat "${files[@]}" > /dev/null; t1=$(now); zc+=("$(echo "$t1 - $t0" | bc)")
  t0=$(now); cli; t1=$(now); warm+=("$(echo "$t1 - $t0" | bc)")
done
z=$(printf '%s\n' "${zc[@]}" | best); w=$(printf '%s\n' "${warm[@]}" | best)
grep -E "events replayed|fills" "$out/console.txt" | head -3 || true
printf 'zcat best %.3f s | CLI cold (builds the cache) %.3f s = %.1fx | CLI warm best %.3f s = %.1fx zcat\n' \
  "$z" "$cold" "$(echo "$cold / $z" | bc -l)" "$w" "$(echo "$w / $z" | bc -l)"

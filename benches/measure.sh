#!/usr/bin/env bash
# Whole-process measurements for BENCHMARKS.md, with the release binary and inputs it
# generates itself: wall time and peak memory (GNU time's maximum resident set size) of
# check, lint and plan per spec size, of check on every hostile input, and hyperfine's
# timing of a 100-shot spec. Prints markdown rows. Not part of CI.
#
# Needs GNU time (/usr/bin/time, Debian's `time`) and hyperfine (Debian's `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
bin=target/release/shotlist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Seconds and peak KiB of one run; the command's own output is discarded, and a
# non-zero exit (a hostile input's diagnostic) is expected.
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
  # After a non-zero exit, GNU time writes a line saying so before the figures.
  tail -n 1 "$work/time"
}

echo "## Spec sizes"
echo
echo "| shots | file bytes | command | seconds | peak KiB | peak ÷ file | (peak − 1-shot peak) ÷ file |"
echo "|---|---|---|---|---|---|---|"
for shots in 1 100 1000 10000 100000; do
  "$bin" generate --shots "$shots" >"$work/spec-$shots.yaml"
done
for command in check lint plan; do
  read -r _ base <<<"$(measure "$bin" "$command" "$work/spec-1.yaml")"
  for shots in 100 1000 10000 100000; do
    file="$work/spec-$shots.yaml"
    bytes=$(stat -c %s "$file")
    # 100,000 shots is over the default shot cap, as the benchmarks' largest size.
    read -r seconds peak <<<"$(measure "$bin" "$command" --max-shots 100000 "$file")"
    ratio=$(awk -v p="$peak" -v b="$bytes" 'BEGIN { printf "%.1f", p * 1024 / b }')
    over=$(awk -v p="$peak" -v z="$base" -v b="$bytes" 'BEGIN { printf "%.1f", (p - z) * 1024 / b }')
    echo "| $shots | $bytes | $command | $seconds | $peak | $ratio | $over |"
  done
done

echo
echo "## Hostile inputs (\`shotlist check\`)"
echo
echo "| input | file bytes | seconds | peak KiB | diagnostic |"
echo "|---|---|---|---|---|"
# The names, from the possible values `generate --help` lists (joined, as help wraps).
names=$("$bin" generate --help | tr '\n' ' ' | sed -n 's/.*\[possible values: \([^]]*\)\].*/\1/p' | tr -d ',')
for name in $names; do
  file="$work/$name.yaml"
  "$bin" generate --hostile "$name" >"$file"
  bytes=$(stat -c %s "$file")
  # Timed with the human report, the default, which draws a snippet of the file.
  read -r seconds peak <<<"$(measure "$bin" check "$file")"
  code=$({ "$bin" check --format json "$file" || true; } | sed -n 's/.*"code": "\([A-Z0-9]*\)".*/\1/p' | head -n 1)
  echo "| $name | $bytes | $seconds | $peak | $code |"
  rm -f "$file"
done

echo
echo "## A 100-shot spec, whole process"
echo
for command in check lint plan; do
  echo "\`shotlist $command\`:"
  hyperfine --shell=none --warmup 20 --runs 200 --style basic \
    "$bin $command $work/spec-100.yaml" 2>/dev/null | grep -E 'Time|Range'
done

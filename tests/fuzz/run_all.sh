#!/bin/sh
# Run the fuzz targets one after the other (one fuzzer at a time), then keep what they found.
#
#   sh tests/fuzz/run_all.sh [TARGET...]       # default: all five
#
# RUNS_decoder (default 1000000) and RUNS (default 100000, the other targets) set the number
# of inputs; logs go to $IKEVIZ_FUZZ_WORK/logs (default /tmp/ikeviz-fuzz/logs). Run it in the
# background on a shared machine: nohup sh tests/fuzz/run_all.sh > /dev/null 2>&1 &
set -u
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
WORK=${IKEVIZ_FUZZ_WORK:-/tmp/ikeviz-fuzz}
mkdir -p "$WORK/logs"
targets=${*:-"decoder decrypt capture keys scenario"}
for target in $targets; do
    if [ "$target" = decoder ]; then runs=${RUNS_decoder:-1000000}; else runs=${RUNS:-100000}; fi
    log="$WORK/logs/$target.log"
    start=$(date +%s)
    "$PYTHON" "tests/fuzz/fuzz_$target.py" "-atheris_runs=$runs" > "$log" 2>&1
    status=$?
    end=$(date +%s)
    echo "$target: $runs runs, exit $status, $((end - start)) s" >> "$WORK/logs/summary.txt"
    "$PYTHON" "tests/fuzz/fuzz_$target.py" --save-corpus >> "$log.save" 2>&1
done

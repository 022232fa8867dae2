#!/usr/bin/env bash
# How Baton's read side scales with history: for each size N, a fresh embedded PostgreSQL
# database filled with N ended instances (plus 10,000 running ones with open user tasks) copied
# in SQL from real engine rows, then p50/p99 of the task list, instance and history queries
# through Runtime's query API (Benchmarks/ReadScaling).
#
#   Benchmarks/read-scaling.sh                               # N = 10k, 100k, 1M
#   SIZES=10000,100000 RUNS=200 WARM_UP=20 Benchmarks/read-scaling.sh
#
# Prints a Markdown table and writes it to Benchmarks/read-scaling-results.md, with every
# query's plan (auto_explain) in Benchmarks/read-scaling-plans.md. The 1M database takes about
# 8.5 GB of disk while it runs (each size's database is dropped before the next); the default
# sizes take about 10 minutes on 2 cores, most of it filling the 1M one.
set -euo pipefail
cd "$(dirname "$0")"
sizes=${SIZES:-10000,100000,1000000}
runs=${RUNS:-200}
warm_up=${WARM_UP:-20}

# SwiftPM's cached build manifest keeps the file lists of this package's dependency on the root,
# so a file only added there (a new migration, a new source file) would be missing from the
# build, which then fails or embeds an old schema; touching the root's manifest was not enough.
swift build -c release --disable-build-manifest-caching --product ReadScaling >&2
"$(swift build -c release --show-bin-path)/ReadScaling" --sizes "$sizes" --runs "$runs" --warm-up "$warm_up" \
    --output read-scaling-results.md --plans-output read-scaling-plans.md

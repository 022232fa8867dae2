"""How a flood of wrong passwords affects everyone else (issue #19).

Starts nothing itself: point it at a running `baton serve` whose BATON_USERS has user `ann`
(password given by --password). Sixteen clients send wrong passwords for random user names as
fast as they can for --seconds, while one client measures GET /health and one a signed-in
GET /engine-rest/task; prints their p50/p99 idle and under the flood, and how the flood was
answered.

    python3 Benchmarks/sign-in-flood.py --url http://127.0.0.1:8080 --password ann-secret
"""
import argparse
import base64
import collections
import random
import threading
import time
import urllib.error
import urllib.request


def call(url, authorization=None):
    request = urllib.request.Request(url)
    if authorization:
        request.add_header("Authorization", authorization)
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - began) * 1000


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


def probe(args, seconds):
    health, task = [], []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        health.append(call(args.url + "/health")[1])
        task.append(call(args.url + "/engine-rest/task?maxResults=15", basic("ann", args.password))[1])
        time.sleep(0.05)
    return health, task


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()

    idle_health, idle_task = probe(args, 3)
    answers = collections.Counter()
    stop = threading.Event()

    def flood():
        while not stop.is_set():
            status, _ = call(args.url + "/engine-rest/task", basic(f"guess-{random.randrange(10**9)}", "wrong"))
            answers[status] += 1

    threads = [threading.Thread(target=flood) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    flood_health, flood_task = probe(args, args.seconds)
    stop.set()
    for thread in threads:
        thread.join()

    print(f"{'measure':<44} {'p50 ms':>8} {'p99 ms':>8}")
    for name, values in [("GET /health, idle", idle_health), ("GET /health, under the flood", flood_health),
                         ("signed-in GET /task, idle", idle_task), ("signed-in GET /task, under the flood", flood_task)]:
        print(f"{name:<44} {percentile(values, 0.5):>8.1f} {percentile(values, 0.99):>8.1f}")
    total = sum(answers.values())
    print(f"flood: {total} wrong-password requests from {args.clients} clients in {args.seconds:.0f} s; answers " +
          ", ".join(f"{status}: {count}" for status, count in sorted(answers.items())))


if __name__ == "__main__":
    main()

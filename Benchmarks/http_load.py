"""Load for `baton serve` in Benchmarks/compare.sh: CLIENTS threads, each on a keep-alive
connection, start an instance of PROCESS_KEY, find its user task and complete it, for SECONDS.
Prints `instances=N seconds=T instances_per_s=R`. Standard library only.

    python http_load.py http://127.0.0.1:8080/engine-rest usertask --clients 8 --seconds 20
"""
import argparse
import http.client
import json
import threading
import time
import urllib.parse


def client(base, key, deadline, counts, index):
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port)
    headers = {"Content-Type": "application/json"}

    def call(method, path, body=None):
        connection.request(method, url.path + path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        if response.status >= 300:
            raise SystemExit(f"error: {method} {path} answered {response.status}: {data[:200]!r}")
        return json.loads(data) if data else None

    done = 0
    while time.monotonic() < deadline:
        instance = call("POST", f"/process-definition/key/{key}/start", "{}")["id"]
        for task in call("GET", f"/task?processInstanceId={instance}"):
            call("POST", f"/task/{task['id']}/complete", "{}")
        done += 1
    counts[index] = done


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("base")
    arguments.add_argument("key")
    arguments.add_argument("--clients", type=int, default=8)
    arguments.add_argument("--seconds", type=float, default=20)
    options = arguments.parse_args()
    counts = [0] * options.clients
    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(options.base, options.key, began + options.seconds, counts, i))
               for i in range(options.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - began
    print(f"instances={sum(counts)} seconds={seconds:.1f} instances_per_s={sum(counts) / seconds:.1f}")


if __name__ == "__main__":
    main()

"""What the NumPy and PyTorch peers of `micrograd-benchmark` share: the command line,
the workloads' data, and the timing loop.

`micrograd-benchmark compare` runs each peer as

    python3 numpy_peer.py --threads 1 --workloads spiral-step/20/200,matmul-512/2/10

where each workload is `name/warm-up runs/timed runs`, and reads one JSON object per
line from its output: {"workload": name, "seconds": median} or {"skip": reason}.
"""

import argparse
import json
import math
import os
import sys
import time

# The networks the step workloads train: layer sizes, examples per batch, Adam's learning rate.
# Both are full-batch steps: forward, cross-entropy + 1e-4 * sum of every parameter squared,
# backward, Adam. Inputs need no gradient.
STEP_WORKLOADS = {
    "spiral-step": {"sizes": [2, 100, 3], "batch": 300, "learning_rate": 0.02},
    "mlp-784-128-10-step": {"sizes": [784, 128, 10], "batch": 256, "learning_rate": 0.001},
}
L2_STRENGTH = 1e-4


def parse_arguments():
    """The peer's options: how many threads, and which workloads with how many runs."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--workloads", required=True, help="name/warm-up/runs,...")
    arguments = parser.parse_args()
    workloads = []
    for item in arguments.workloads.split(","):
        name, warmup, runs = item.split("/")
        workloads.append((name, int(warmup), int(runs)))
    return arguments.threads, workloads


def limit_threads(threads):
    """Sets the thread count of BLAS and OpenMP before NumPy or PyTorch is imported."""
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(threads)


def spiral_points(points_per_class=100, classes=3, seed=1):
    """The CS231n spiral as plain lists: `classes` arms of `points_per_class` points."""
    import random

    generator = random.Random(seed)
    inputs, labels = [], []
    for arm in range(classes):
        for i in range(points_per_class):
            radius = i / max(points_per_class - 1, 1)
            angle = arm * 4 + 4 * radius + generator.gauss(0, 0.2)
            inputs.append([radius * math.sin(angle), radius * math.cos(angle)])
            labels.append(arm)
    return inputs, labels


def batch(name):
    """The inputs (as lists of rows) and class labels of a step workload."""
    import random

    spec = STEP_WORKLOADS[name]
    if name == "spiral-step":
        return spiral_points()
    generator = random.Random(7)
    features, classes = spec["sizes"][0], spec["sizes"][-1]
    inputs = [[generator.random() for _ in range(features)] for _ in range(spec["batch"])]
    labels = [generator.randrange(classes) for _ in range(spec["batch"])]
    return inputs, labels


def median_seconds(body, warmup, runs):
    """The median wall-clock time of `runs` calls of `body`, after `warmup` calls."""
    for _ in range(warmup):
        body()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def report(workload, seconds):
    """One result line."""
    print(json.dumps({"workload": workload, "seconds": seconds}), flush=True)


def skip(reason):
    """Tells the benchmark that this peer cannot run, and why; exits successfully."""
    print(json.dumps({"skip": reason}), flush=True)
    sys.exit(0)

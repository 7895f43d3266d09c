"""The NumPy peer of `micrograd-benchmark compare`: the same workloads written as
hand-derived NumPy code (float64), the way a course writes them. See peer_common.py."""

import peer_common

threads, workloads = peer_common.parse_arguments()
peer_common.limit_threads(threads)
try:
    import numpy as np
except ImportError:
    peer_common.skip("NumPy is not installed (pip install numpy)")


class MLP:
    """ReLU between layers, He-normal weights, zero biases; Adam on every parameter."""

    def __init__(self, sizes, learning_rate, generator):
        self.params = []
        for fan_in, fan_out in zip(sizes, sizes[1:]):
            self.params.append(generator.normal(0, (2 / fan_in) ** 0.5, (fan_in, fan_out)))
            self.params.append(np.zeros(fan_out))
        self.moments = [np.zeros_like(p) for p in self.params]
        self.squares = [np.zeros_like(p) for p in self.params]
        self.learning_rate = learning_rate
        self.steps = 0

    def step(self, x, labels):
        """Forward, cross-entropy + L2, backward and an Adam update; returns the loss."""
        count = x.shape[0]
        layers = len(self.params) // 2
        activations, pre_activations = [x], []
        for index in range(layers):
            weight, bias = self.params[2 * index], self.params[2 * index + 1]
            z = activations[-1] @ weight + bias
            pre_activations.append(z)
            activations.append(np.maximum(z, 0) if index < layers - 1 else z)
        scores = activations[-1]
        shifted = scores - scores.max(axis=1, keepdims=True)
        exponentials = np.exp(shifted)
        totals = exponentials.sum(axis=1, keepdims=True)
        rows = np.arange(count)
        data_loss = np.mean(np.log(totals[:, 0]) - shifted[rows, labels])
        l2 = peer_common.L2_STRENGTH * sum(float((p * p).sum()) for p in self.params)

        gradient = exponentials / totals
        gradient[rows, labels] -= 1
        gradient /= count
        grads = [None] * len(self.params)
        for index in reversed(range(layers)):
            weight = self.params[2 * index]
            grads[2 * index] = activations[index].T @ gradient
            grads[2 * index + 1] = gradient.sum(axis=0)
            if index > 0:
                gradient = gradient @ weight.T
                gradient[pre_activations[index - 1] <= 0] = 0

        self.steps += 1
        beta1, beta2, epsilon = 0.9, 0.999, 1e-8
        correction1 = 1 - beta1**self.steps
        correction2 = 1 - beta2**self.steps
        for p, g, m, v in zip(self.params, grads, self.moments, self.squares):
            g += 2 * peer_common.L2_STRENGTH * p
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * (g * g)
            p -= self.learning_rate * (m / correction1) / (np.sqrt(v / correction2) + epsilon)
        return data_loss + l2


generator = np.random.default_rng(1)
for name, warmup, runs in workloads:
    if name in peer_common.STEP_WORKLOADS:
        spec = peer_common.STEP_WORKLOADS[name]
        rows, labels = peer_common.batch(name)
        x, y = np.array(rows, dtype=np.float64), np.array(labels)
        model = MLP(spec["sizes"], spec["learning_rate"], generator)
        peer_common.report(name, peer_common.median_seconds(lambda: model.step(x, y), warmup, runs))
    elif name.startswith("matmul-"):
        n = int(name.split("-")[1])
        a, b = generator.uniform(-1, 1, (n, n)), generator.uniform(-1, 1, (n, n))
        peer_common.report(name, peer_common.median_seconds(lambda: a @ b, warmup, runs))
    else:
        raise SystemExit(f"numpy_peer.py: unknown workload {name}")

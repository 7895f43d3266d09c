"""The PyTorch peer of `micrograd-benchmark compare`: the same workloads with
torch.nn and autograd on the CPU, in float64. Skips itself when PyTorch is not
installed. See peer_common.py."""

import peer_common

threads, workloads = peer_common.parse_arguments()
peer_common.limit_threads(threads)
try:
    import torch
except ImportError:
    peer_common.skip("PyTorch is not installed (pip install torch)")
except Exception as error:  # a broken installation, such as missing CUDA libraries
    peer_common.skip(f"PyTorch does not load: {error}")

torch.set_num_threads(threads)
torch.set_default_dtype(torch.float64)
torch.manual_seed(1)

for name, warmup, runs in workloads:
    if name in peer_common.STEP_WORKLOADS:
        spec = peer_common.STEP_WORKLOADS[name]
        rows, labels = peer_common.batch(name)
        x, y = torch.tensor(rows), torch.tensor(labels)
        sizes = spec["sizes"]
        layers = []
        for index, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:])):
            layers.append(torch.nn.Linear(fan_in, fan_out))
            if index < len(sizes) - 2:
                layers.append(torch.nn.ReLU())
        model = torch.nn.Sequential(*layers)
        parameters = list(model.parameters())
        optimizer = torch.optim.Adam(parameters, lr=spec["learning_rate"])

        def step():
            loss = torch.nn.functional.cross_entropy(model(x), y)
            loss = loss + peer_common.L2_STRENGTH * sum((p * p).sum() for p in parameters)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

        peer_common.report(name, peer_common.median_seconds(step, warmup, runs))
    elif name.startswith("matmul-"):
        n = int(name.split("-")[1])
        a, b = torch.rand(n, n) * 2 - 1, torch.rand(n, n) * 2 - 1
        with torch.no_grad():
            peer_common.report(name, peer_common.median_seconds(lambda: a @ b, warmup, runs))
    else:
        raise SystemExit(f"torch_peer.py: unknown workload {name}")

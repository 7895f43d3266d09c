import Micrograd

/// Lets the engine use `count` threads.
func useThreads(_ count: Int) {}

/// Backpropagates a training step's loss.
func backward(_ loss: Tensor) {
    loss.backward()
}

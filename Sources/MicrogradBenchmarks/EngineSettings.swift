import Micrograd

/// Lets the engine use `count` threads.
func useThreads(_ count: Int) {
    Tensor.maximumThreadCount = count
}

/// Backpropagates a training step's loss: only what the parameters need.
func backward(_ loss: Tensor) {
    loss.backward(parametersOnly: true)
}

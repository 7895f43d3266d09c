x = 0.5
y = relu(x) + tanh(x) + exp(x) + log(x) + sigmoid(x) + abs(x) + softplus(x) + pow(x, 3)

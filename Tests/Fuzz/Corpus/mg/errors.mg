x = 2
y = tahn(x) + relu(x, x) + pow(x) + q

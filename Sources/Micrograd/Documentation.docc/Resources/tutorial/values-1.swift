import Micrograd

let a = Value(2.0, label: "a")
let b = Value(-3.0, label: "b")
let c = Value(10.0, label: "c")
let f = Value(-2.0, label: "f")

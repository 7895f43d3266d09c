/// What a group of activation values (the outputs of ReLU, tanh or sigmoid in one
/// layer, neuron or tensor) looks like: their mean and spread, the fraction stuck
/// in a flat tail, and the units that never fire.
///
/// A **unit** is one neuron: a column of a `[examples, units]` tensor, or, for scalar
/// ``Value``s, every activation recorded in one neuron's scope (one per example). A
/// ReLU unit is **dead** when its output is 0 for every example seen: no gradient
/// flows back through it. A tanh or sigmoid output is **saturated** when it lies within
/// ``GradientFlowOptions/saturationMargin`` of a bound (|tanh| > 0.97, sigmoid < 0.03 or
/// > 0.97 by default), where its local derivative is below about 0.06 and the gradient
/// passing through is cut by that factor.
///
/// ```swift
/// var statistics = ActivationStatistics.Accumulator(options: GradientFlowOptions())
/// statistics.addTensor(.relu, data: h.scalars, gradient: h.gradScalars, units: 32)
/// let layer = statistics.result
/// print(layer.deadUnits, layer.saturatedFraction)
/// ```
public struct ActivationStatistics: Sendable, Equatable {
    /// The activation function, when the group has one kind (`.relu`, `.tanh` or `.sigmoid`).
    public let function: Op?
    /// How many activation values.
    public let count: Int
    /// Their mean.
    public let mean: Double
    /// Their standard deviation (population, over every value).
    public let standardDeviation: Double
    /// The fraction of tanh and sigmoid values in a flat tail, from 0 to 1; 0 for ReLU.
    public let saturatedFraction: Double
    /// How many units the values belong to.
    public let unitCount: Int
    /// How many ReLU units output 0 for every example.
    public let deadUnits: Int
    /// The magnitudes of the activations' gradients (∂loss/∂activation).
    public let gradient: Summary

    /// The fraction of units that are dead, from 0 to 1.
    public var deadFraction: Double { unitCount == 0 ? 0 : Double(deadUnits) / Double(unitCount) }

    /// Whether `function` is one whose output can saturate (tanh, sigmoid).
    public static func saturates(_ function: Op) -> Bool { function == .tanh || function == .sigmoid }

    /// Whether `function` is an activation the statistics describe (ReLU, tanh, sigmoid).
    public static func isActivation(_ function: Op?) -> Bool {
        function == .relu || function == .tanh || function == .sigmoid
    }

    /// Whether one output of `function` lies in a flat tail.
    ///
    /// - Parameters:
    ///   - output: The activation's value.
    ///   - function: `.tanh` or `.sigmoid`; any other function never saturates.
    ///   - margin: How close to a bound counts as saturated.
    public static func isSaturated(_ output: Double, function: Op, margin: Double) -> Bool {
        switch function {
        case .tanh: Swift.abs(output) > 1 - margin
        case .sigmoid: output < margin || output > 1 - margin
        default: false
        }
    }

    /// How many of `outputs` of `function` lie in a flat tail; see ``isSaturated(_:function:margin:)``.
    static func saturatedCount(_ outputs: UnsafeBufferPointer<Double>, function: Op, margin: Double) -> Int {
        var count = 0
        switch function {
        case .tanh:
            for output in outputs where Swift.abs(output) > 1 - margin { count += 1 }
        case .sigmoid:
            for output in outputs where output < margin || output > 1 - margin { count += 1 }
        default:
            break
        }
        return count
    }

    /// Marks in `fired[first + unit]` (all false on entry) each unit (column) of the
    /// row-major `outputs` that is above 0 (or NaN) for some row. It reads row by row only
    /// the units not seen firing yet, and stops when all have fired: a healthy layer is
    /// settled in its first rows.
    static func markFiring(
        _ outputs: UnsafeBufferPointer<Double>, units: Int, in fired: UnsafeMutableBufferPointer<Bool>, from first: Int
    ) {
        var waiting = units
        var row = 0
        while waiting > 0, row < outputs.count {
            for unit in 0..<Swift.min(units, outputs.count - row) where !fired[first + unit] {
                if !(outputs[row + unit] <= 0) {
                    fired[first + unit] = true
                    waiting -= 1
                }
            }
            row += units
        }
    }

    /// Gathers activation values, then gives their ``ActivationStatistics``.
    public struct Accumulator: Sendable {
        private let margin: Double
        private var function: Op?
        private var mixed = false
        private var count = 0
        private var total = 0.0
        private var squares = 0.0
        private var saturated = 0
        /// Whether each unit has fired (output above 0) for some example; always true for
        /// units of functions other than ReLU, which cannot die.
        private var unitFired: [Bool] = []
        private var unitCount = 0
        /// The position in ``unitFired`` of each scalar unit, by the caller's key.
        private var scalarUnits: [Int: Int] = [:]
        /// Running figures of the gradients' magnitudes, for ``ActivationStatistics/gradient``.
        private var gradientTotal = 0.0
        private var gradientSquares = 0.0
        private var gradientLargest = 0.0
        private var gradientSmallest = Double.infinity
        private var gradientSawNaN = false
        /// The ReLU units that are dead so far, by the position they were added in.
        public var deadUnitPositions: [Int] {
            unitFired.indices.filter { !unitFired[$0] }
        }

        /// How many ReLU units are dead so far.
        var deadUnitCount: Int {
            unitFired.reduce(0) { $1 ? $0 : $0 + 1 }
        }

        /// An empty accumulator that judges saturation with `options`' margin.
        public init(options: GradientFlowOptions) {
            margin = options.saturationMargin
        }

        /// Whether nothing was added.
        public var isEmpty: Bool { count == 0 }

        /// Adds the outputs of an activation tensor whose last axis is `units` wide: each
        /// column is one unit, each row one example.
        ///
        /// - Parameters:
        ///   - function: `.relu`, `.tanh` or `.sigmoid`.
        ///   - data: The outputs, row-major.
        ///   - gradient: Their gradients, laid out the same way.
        ///   - units: The size of the last axis (1 for a one-number tensor).
        /// - Returns: The positions of the tensor's units among every unit added, for ``deadUnitPositions``.
        @discardableResult
        public mutating func addTensor(_ function: Op, data: [Double], gradient: [Double], units: Int) -> Range<Int> {
            addTensor(
                function, data: data, gradientFigures: gradient.withUnsafeBufferPointer { LaneSums.magnitudes($0) },
                units: units)
        }

        /// Adds the outputs of an activation tensor, as ``addTensor(_:data:gradient:units:)``,
        /// given its gradients' figures already read.
        @discardableResult
        mutating func addTensor(_ function: Op, data: [Double], gradientFigures: LaneSums.Magnitudes, units: Int)
            -> Range<Int>
        {
            note(function)
            let units = Swift.max(units, 1)
            let first = unitFired.count
            // Only ReLU units can be dead; others count as firing.
            unitFired += [Bool](repeating: function != .relu, count: units)
            unitCount += units
            count += data.count
            data.withUnsafeBufferPointer { data in
                let moments = LaneSums.moments(data)
                total += moments.total
                squares += moments.squares
                if function == .relu {
                    unitFired.withUnsafeMutableBufferPointer { fired in
                        ActivationStatistics.markFiring(data, units: units, in: fired, from: first)
                    }
                } else {
                    saturated += ActivationStatistics.saturatedCount(data, function: function, margin: margin)
                }
            }
            addGradients(gradientFigures)
            return first..<(first + units)
        }

        /// Adds one scalar output of the unit the caller calls `unit` (a neuron scope, say):
        /// the unit is dead if none of its outputs is above 0.
        ///
        /// - Parameters:
        ///   - function: `.relu`, `.tanh` or `.sigmoid`.
        ///   - output: The activation's value.
        ///   - gradient: Its gradient.
        ///   - unit: Any number naming the unit; outputs with the same number are one unit.
        /// - Returns: The unit's position among every unit added.
        @discardableResult
        public mutating func addScalar(_ function: Op, output: Double, gradient: Double, unit: Int) -> Int {
            let position: Int
            if let known = scalarUnits[unit] {
                position = known
            } else {
                position = addUnit(function)
                scalarUnits[unit] = position
            }
            addScalar(function, output: output, gradient: gradient, position: position)
            return position
        }

        /// Adds a unit with no outputs yet, for ``addScalar(_:output:gradient:position:)``.
        ///
        /// - Returns: Its position among every unit added.
        mutating func addUnit(_ function: Op) -> Int {
            unitFired.append(function != .relu)
            unitCount += 1
            return unitFired.count - 1
        }

        /// Adds one scalar output of the unit at `position` (from ``addUnit(_:)``): the
        /// caller keeps track of units, which spares a look-up per output.
        mutating func addScalar(_ function: Op, output: Double, gradient: Double, position: Int) {
            note(function)
            count += 1
            total += output
            squares += output * output
            if ActivationStatistics.isSaturated(output, function: function, margin: margin) { saturated += 1 }
            if !(output <= 0) { unitFired[position] = true }
            let magnitude = Swift.abs(gradient)
            addGradients(
                LaneSums.Magnitudes(
                    total: magnitude, squares: magnitude * magnitude, smallest: magnitude.isNaN ? .infinity : magnitude,
                    largest: magnitude.isNaN ? 0 : magnitude))
        }

        private mutating func addGradients(_ figures: LaneSums.Magnitudes) {
            if figures.sawNaN { gradientSawNaN = true }
            gradientTotal += figures.total
            gradientSquares += figures.squares
            gradientLargest = Swift.max(gradientLargest, figures.largest)
            gradientSmallest = Swift.min(gradientSmallest, figures.smallest)
        }

        private mutating func note(_ newFunction: Op) {
            if let function, function != newFunction { mixed = true }
            if function == nil { function = newFunction }
        }

        /// The statistics of everything added.
        public var result: ActivationStatistics {
            let mean = count == 0 ? 0 : total / Double(count)
            let variance = count == 0 ? 0 : Swift.max(squares / Double(count) - mean * mean, 0)
            return ActivationStatistics(
                function: mixed ? nil : function, count: count, mean: mean, standardDeviation: variance.squareRoot(),
                saturatedFraction: count == 0 ? 0 : Double(saturated) / Double(count), unitCount: unitCount,
                deadUnits: deadUnitCount,
                gradient: Summary(
                    count: count, total: gradientTotal, squares: gradientSquares, smallest: gradientSmallest,
                    largest: gradientLargest, sawNaN: gradientSawNaN))
        }
    }
}

extension Summary {
    /// The summary of `count` non-negative magnitudes from their running figures, as
    /// ``init(_:)`` would give for them.
    init(count: Int, total: Double, squares: Double, smallest: Double, largest: Double, sawNaN: Bool) {
        let nan = Double.nan
        let empty = count == 0
        self.count = count
        self.mean = sawNaN ? nan : (empty ? 0 : total / Double(count))
        self.minimum = sawNaN ? nan : (empty ? 0 : smallest)
        self.maximum = sawNaN ? nan : (empty ? 0 : largest)
        self.norm = sawNaN ? nan : squares.squareRoot()
        self.largestMagnitude = sawNaN ? nan : (empty ? 0 : largest)
    }
}

import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

/// The activation statistics `train --diagnose` and `diagnose` report, against the
/// definitions written out as plain loops, on random tensors of awkward sizes.
@Suite("Activation statistics")
struct ActivationStatisticsTests {
    /// Random outputs of `function` for a `[rows, units]` tensor: some ReLU columns all 0
    /// (dead units), tanh and sigmoid values near their bounds, and a NaN when asked.
    static func outputs(
        _ function: Op, rows: Int, units: Int, nan: Bool, generator: inout SeededGenerator
    ) -> (data: [Double], gradient: [Double]) {
        var data: [Double] = []
        var gradient: [Double] = []
        for row in 0..<rows {
            for unit in 0..<units {
                let z = generator.normal(standardDeviation: 3)
                switch function {
                case .relu: data.append(unit % 3 == 1 ? 0 : max(z, 0))
                case .tanh: data.append(Foundation.tanh(z))
                default: data.append(1 / (1 + Foundation.exp(-z)))
                }
                // Negative zeros and exact zeros among the gradients, too.
                gradient.append(row % 4 == 3 ? (unit % 2 == 0 ? -0.0 : 0) : generator.normal())
            }
        }
        if nan, !data.isEmpty { gradient[data.count / 2] = .nan }
        return (data, gradient)
    }

    @Test(arguments: [Op.relu, .tanh, .sigmoid])
    func aTensorMatchesTheDefinitions(function: Op) {
        var generator = SeededGenerator(seed: 11)
        let options = GradientFlowOptions()
        for (rows, units) in [(1, 1), (5, 3), (13, 7), (4, 16), (9, 1), (2, 5)] {
            for nan in [false, true] {
                let (data, gradient) = Self.outputs(function, rows: rows, units: units, nan: nan, generator: &generator)
                var accumulator = ActivationStatistics.Accumulator(options: options)
                accumulator.addTensor(function, data: data, gradient: gradient, units: units)
                let found = accumulator.result
                let count = Double(data.count)
                let mean = data.reduce(0, +) / count
                let variance = data.map { $0 * $0 }.reduce(0, +) / count - mean * mean
                let saturated = data.filter {
                    ActivationStatistics.isSaturated($0, function: function, margin: options.saturationMargin)
                }
                let dead =
                    function == .relu
                    ? (0..<units).filter { unit in (0..<rows).allSatisfy { data[$0 * units + unit] <= 0 } } : []
                #expect(found.count == data.count)
                #expect(found.unitCount == units)
                #expect(found.function == function)
                #expect(isClose(found.mean, mean, tolerance: 1e-12))
                #expect(isClose(found.standardDeviation, max(variance, 0).squareRoot(), tolerance: 1e-9))
                #expect(found.saturatedFraction == Double(saturated.count) / count)
                #expect(found.deadUnits == dead.count)
                #expect(accumulator.deadUnitPositions == dead)
                let magnitudes = gradient.map { abs($0) }
                if nan {
                    #expect(found.gradient.norm.isNaN && found.gradient.mean.isNaN && found.gradient.maximum.isNaN)
                } else {
                    #expect(isClose(found.gradient.norm, Self.norm(gradient), tolerance: 1e-12))
                    #expect(isClose(found.gradient.mean, magnitudes.reduce(0, +) / count, tolerance: 1e-12))
                    #expect(found.gradient.maximum == magnitudes.max())
                    #expect(found.gradient.minimum == magnitudes.min())
                    #expect(found.gradient.minimum.sign == .plus, "a magnitude is never -0")
                }
            }
        }
    }

    @Test(arguments: [Op.relu, .tanh, .sigmoid])
    func scalarsAddUpAsTheSameTensor(function: Op) {
        var generator = SeededGenerator(seed: 5)
        let (rows, units) = (6, 4)
        let (data, gradient) = Self.outputs(function, rows: rows, units: units, nan: false, generator: &generator)
        var tensor = ActivationStatistics.Accumulator(options: GradientFlowOptions())
        tensor.addTensor(function, data: data, gradient: gradient, units: units)
        var scalars = ActivationStatistics.Accumulator(options: GradientFlowOptions())
        for index in data.indices {
            scalars.addScalar(function, output: data[index], gradient: gradient[index], unit: index % units)
        }
        let a = tensor.result
        let b = scalars.result
        #expect(a.count == b.count && a.unitCount == b.unitCount && a.deadUnits == b.deadUnits)
        #expect(a.saturatedFraction == b.saturatedFraction)
        #expect(isClose(a.mean, b.mean, tolerance: 1e-12))
        #expect(isClose(a.standardDeviation, b.standardDeviation, tolerance: 1e-9))
        #expect(isClose(a.gradient.norm, b.gradient.norm, tolerance: 1e-12))
        #expect(a.gradient.maximum == b.gradient.maximum && a.gradient.minimum == b.gradient.minimum)
    }

    @Test func laneSumsMatchPlainLoops() {
        var generator = SeededGenerator(seed: 2)
        for count in 0..<14 {
            var values = (0..<count).map { _ in generator.normal(standardDeviation: 10) }
            if count > 2 { values[1] = -0.0 }
            let moments = values.withUnsafeBufferPointer { LaneSums.moments($0) }
            #expect(isClose(moments.total, values.reduce(0, +), tolerance: 1e-12))
            #expect(isClose(moments.squares, values.map { $0 * $0 }.reduce(0, +), tolerance: 1e-12))
            let figures = values.withUnsafeBufferPointer { LaneSums.magnitudes($0) }
            let magnitudes = values.map { abs($0) }
            #expect(isClose(figures.total, magnitudes.reduce(0, +), tolerance: 1e-12))
            #expect(figures.smallest == (magnitudes.min() ?? .infinity))
            #expect(figures.largest == (magnitudes.max() ?? 0))
            #expect(!figures.sawNaN)
            for position in values.indices {
                var withNaN = values
                withNaN[position] = .nan
                let seen = withNaN.withUnsafeBufferPointer { LaneSums.magnitudes($0) }
                #expect(seen.sawNaN)
                #expect(!seen.largest.isNaN && !seen.smallest.isNaN, "a NaN never becomes a bound")
            }
        }
    }

    static func norm(_ values: [Double]) -> Double { values.map { $0 * $0 }.reduce(0, +).squareRoot() }
}

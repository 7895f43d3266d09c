import Micrograd
import MicrogradViz

/// The classes a model predicts over the plane, with the training points on top, as SVG.
enum DecisionBoundaryPlot {
    /// Colours for classes 0, 1, 2, …: strong for points, pale for regions.
    static let colors = ["#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#4b5563"]
    static let tints = ["#dbeafe", "#ffedd5", "#dcfce7", "#f3e8ff", "#fee2e2", "#cffafe", "#fef9c3", "#e5e7eb"]

    /// Cells along each side of the grid the model is evaluated on.
    static let resolution = 60

    /// - Parameters:
    ///   - dataset: The training points (2-D).
    ///   - predict: The model's class for each of a list of points.
    ///   - title: The heading.
    ///   - pointsPerCall: How many grid points `predict` is given at once, which bounds
    ///     the memory a wide model needs.
    static func svg(
        dataset: ClassificationDataset, predict: ([[Double]]) -> [Int], title: String, pointsPerCall: Int = 3600
    ) -> String {
        let size = 480.0
        let margin = 40.0
        var plot = SVGPlot(width: size + 2 * margin, height: size + 2 * margin + 20)
        let xs = dataset.inputs.map { $0[0] }
        let ys = dataset.inputs.map { $0[1] }
        let (lowX, highX) = (xs.min() ?? 0, xs.max() ?? 1)
        let (lowY, highY) = (ys.min() ?? 0, ys.max() ?? 1)
        let padX: Double = (highX - lowX) * 0.1 + 1e-9
        let padY: Double = (highY - lowY) * 0.1 + 1e-9
        let (minX, maxX) = (lowX - padX, highX + padX)
        let (minY, maxY) = (lowY - padY, highY + padY)
        func px(_ x: Double) -> Double { margin + (x - minX) / (maxX - minX) * size }
        func py(_ y: Double) -> Double { margin + 20 + (maxY - y) / (maxY - minY) * size }

        plot.text(title, x: (size + 2 * margin) / 2, y: 26, size: 15)
        let cell = size / Double(resolution)
        var centres: [[Double]] = []
        for row in 0..<resolution {
            for column in 0..<resolution {
                centres.append([
                    minX + (Double(column) + 0.5) / Double(resolution) * (maxX - minX),
                    maxY - (Double(row) + 0.5) / Double(resolution) * (maxY - minY),
                ])
            }
        }
        var classes: [Int] = []
        classes.reserveCapacity(centres.count)
        for start in stride(from: 0, to: centres.count, by: max(1, pointsPerCall)) {
            classes += predict(Array(centres[start..<min(start + max(1, pointsPerCall), centres.count)]))
        }
        for row in 0..<resolution {
            // Runs of one class in a row become one rectangle.
            var column = 0
            while column < resolution {
                let label = classes[row * resolution + column]
                var end = column + 1
                while end < resolution && classes[row * resolution + end] == label { end += 1 }
                plot.add(
                    "<rect x=\"\(plot.n(margin + Double(column) * cell))\" y=\"\(plot.n(margin + 20 + Double(row) * cell))\" "
                        + "width=\"\(plot.n(Double(end - column) * cell))\" height=\"\(plot.n(cell))\" "
                        + "fill=\"\(tints[label % tints.count])\"/>")
                column = end
            }
        }
        for (point, label) in zip(dataset.inputs, dataset.labels) {
            plot.add(
                "<circle cx=\"\(plot.n(px(point[0])))\" cy=\"\(plot.n(py(point[1])))\" r=\"3.5\" "
                    + "fill=\"\(colors[label % colors.count])\" stroke=\"white\" stroke-width=\"0.8\"/>")
        }
        plot.add(
            "<rect x=\"\(plot.n(margin))\" y=\"\(plot.n(margin + 20))\" width=\"\(plot.n(size))\" height=\"\(plot.n(size))\" fill=\"none\" stroke=\"#374151\"/>"
        )
        return plot.document
    }
}

extension GraphView {
    /// The neighbourhood of `centres`: every drawn node within `radius` steps towards
    /// its inputs (what it was computed from) or towards its users (what it feeds, the
    /// way the gradient came back), and nothing else. Edges to nodes left out are counted
    /// in ``hiddenInputCounts`` and ``hiddenUserCounts``, so a diagram can mark where the
    /// graph continues.
    ///
    /// Focusing on a parameter with a radius as long as the graph is deep shows the
    /// path its gradient took from the output.
    ///
    /// - Parameters:
    ///   - centres: Drawn node ids; ids out of range are ignored. With none, the view is
    ///     the output alone.
    ///   - radius: Steps kept on each side; `nil` keeps every ancestor and descendant.
    /// - Returns: A view of the same snapshot.
    /// - Complexity: O(n + e) in the drawn graph.
    public func focused(on centres: [Int], radius: Int?) -> GraphView {
        let count = graph.nodes.count
        var users = [[Int]](repeating: [], count: count)
        for index in graph.nodes.indices {
            for input in graph.nodes[index].inputs { users[input].append(index) }
        }
        var kept = [Bool](repeating: false, count: count)
        let starts = centres.filter { (0..<count).contains($0) }
        // Breadth first, once towards inputs and once towards users.
        for towardsInputs in [true, false] {
            var distance = [Int](repeating: -1, count: count)
            var frontier = starts
            for start in starts { distance[start] = 0 }
            var steps = 0
            while !frontier.isEmpty, radius.map({ steps < $0 }) ?? true {
                steps += 1
                var next: [Int] = []
                for node in frontier {
                    for neighbour in towardsInputs ? graph.nodes[node].inputs : users[node]
                    where distance[neighbour] < 0 {
                        distance[neighbour] = steps
                        next.append(neighbour)
                    }
                }
                frontier = next
            }
            for index in 0..<count where distance[index] >= 0 { kept[index] = true }
        }
        if !kept.contains(true) { kept[outputID ?? count - 1] = true }
        return keepingDrawn(kept)
    }

    /// The part of this view made of the drawn nodes marked in `kept`, with the edges to
    /// the others added to the hidden counts.
    func keepingDrawn(_ kept: [Bool]) -> GraphView {
        var newID = [Int?](repeating: nil, count: kept.count)
        var next = 0
        for index in kept.indices where kept[index] {
            newID[index] = next
            next += 1
        }
        var hiddenUsers = [Int](repeating: 0, count: next)
        for index in graph.nodes.indices where !kept[index] {
            for input in graph.nodes[index].inputs {
                if let drawn = newID[input] { hiddenUsers[drawn] += 1 }
            }
        }
        var nodes: [GraphSnapshot.Node] = []
        var keptOrigins: [Origin] = []
        var edges: [[[Int]]] = []
        var hiddenInputs: [Int] = []
        for index in graph.nodes.indices where kept[index] {
            var node = graph.nodes[index]
            node.id = newID[index]!
            node.inputs = []
            var values: [[Int]] = []
            var hidden = hiddenInputCounts[index]
            for (slot, input) in graph.nodes[index].inputs.enumerated() {
                if let drawn = newID[input] {
                    node.inputs.append(drawn)
                    values.append(edgeValues[index][slot])
                } else {
                    hidden += 1
                }
            }
            nodes.append(node)
            keptOrigins.append(origins[index])
            edges.append(values)
            hiddenInputs.append(hidden)
            hiddenUsers[node.id] += hiddenUserCounts[index]
        }
        let output = outputID.flatMap { newID[$0] }
        return GraphView(
            snapshot: snapshot, graph: GraphSnapshot(nodes: nodes, rootID: output ?? nodes.count - 1),
            origins: keptOrigins, edgeValues: edges, outputID: output, hiddenInputCounts: hiddenInputs,
            hiddenUserCounts: hiddenUsers, drawnNodeOfValue: drawnNodeOfValue.map { $0.flatMap { newID[$0] } },
            splitScopes: splitScopes)
    }
}

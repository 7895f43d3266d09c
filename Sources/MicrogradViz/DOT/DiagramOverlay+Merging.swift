extension DiagramOverlay {
    /// This overlay with `other` drawn over it: where both mark a box or an edge, `other`'s
    /// colours and widths win, tags are joined with `, `, and lines are added after this
    /// overlay's; the key lists this overlay's entries, then `other`'s.
    ///
    /// ```swift
    /// let overlay = gradientColors.merging(findings)   // colours from one, markers from the other
    /// ```
    public func merging(_ other: DiagramOverlay) -> DiagramOverlay {
        var merged = self
        for (id, mark) in other.nodes {
            merged.nodes[id] = merged.nodes[id].map { $0.merging(mark) } ?? mark
        }
        for (id, mark) in other.edges {
            guard let existing = merged.edges[id] else {
                merged.edges[id] = mark
                continue
            }
            merged.edges[id] = EdgeMark(
                label: mark.label ?? existing.label, color: mark.color ?? existing.color,
                penWidth: mark.penWidth ?? existing.penWidth, dashed: mark.dashed || existing.dashed,
                tooltip: mark.tooltip ?? existing.tooltip)
        }
        merged.key += other.key
        merged.reversesEdges = reversesEdges || other.reversesEdges
        return merged
    }
}

extension DiagramOverlay.NodeMark {
    /// This mark with `other` over it; see ``DiagramOverlay/merging(_:)``.
    func merging(_ other: Self) -> Self {
        let tags = [tag, other.tag].compactMap { $0 }
        return Self(
            fill: other.fill ?? fill, border: other.border ?? border, penWidth: other.penWidth ?? penWidth,
            dashed: dashed || other.dashed, tag: tags.isEmpty ? nil : tags.joined(separator: ", "),
            lines: lines + other.lines, tooltipLines: tooltipLines + other.tooltipLines,
            hidesData: hidesData || other.hidesData, hidesGrad: hidesGrad || other.hidesGrad,
            fontColor: other.fontColor ?? fontColor)
    }
}

extension DiagramOverlay {
    /// This overlay with `other` laid over it: where both mark a box or an edge, `other`'s
    /// colours, widths, tag and label win, lines and tooltip lines are joined (this
    /// overlay's first), and hiding or dashing by either one counts. Key entries are
    /// joined; edges are reversed if either overlay reverses them.
    ///
    /// ```swift
    /// let overlay = DiagramOverlay.chainRule(snapshot).merged(with: .gradientCheck(check))
    /// ```
    ///
    /// - Parameter other: The overlay drawn on top.
    /// - Returns: The combined overlay.
    public func merged(with other: DiagramOverlay) -> DiagramOverlay {
        var result = self
        for (id, mark) in other.nodes {
            guard let base = result.nodes[id] else {
                result.nodes[id] = mark
                continue
            }
            result.nodes[id] = NodeMark(
                fill: mark.fill ?? base.fill, border: mark.border ?? base.border,
                penWidth: mark.penWidth ?? base.penWidth, dashed: base.dashed || mark.dashed, tag: mark.tag ?? base.tag,
                lines: base.lines + mark.lines, tooltipLines: base.tooltipLines + mark.tooltipLines,
                hidesData: base.hidesData || mark.hidesData, hidesGrad: base.hidesGrad || mark.hidesGrad)
        }
        for (id, mark) in other.edges {
            guard let base = result.edges[id] else {
                result.edges[id] = mark
                continue
            }
            result.edges[id] = EdgeMark(
                label: mark.label ?? base.label, color: mark.color ?? base.color,
                penWidth: mark.penWidth ?? base.penWidth, dashed: base.dashed || mark.dashed,
                tooltip: mark.tooltip ?? base.tooltip)
        }
        result.key += other.key
        result.reversesEdges = reversesEdges || other.reversesEdges
        return result
    }
}

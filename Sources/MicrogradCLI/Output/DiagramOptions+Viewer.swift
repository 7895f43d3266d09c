import MicrogradViz

extension DiagramOptions {
    /// The largest diagram an html page draws scope boxes in, from `--scopes`: every one
    /// for `on`, none for `off`, and for `auto` those of up to 500 nodes, the viewer's default
    /// (a page's diagrams of merged scopes are small even when the whole graph is not).
    var scopeBoxLimit: Int {
        switch scopes {
        case .on: Int.max
        case .off: 0
        case .auto: ViewerOptions().scopeBoxLimit
        }
    }
}

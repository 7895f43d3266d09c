import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The texts of each SVG group with an `id`, by id, decoded from XML, and whether
/// the document is well-formed.
public final class SVGTexts: NSObject, XMLParserDelegate {
    public private(set) var textsByGroup: [String: [String]] = [:]
    private var groupStack: [String?] = []
    private var currentText: String?
    public private(set) var parseError: Error?

    public init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        if !parser.parse() { parseError = parser.parserError ?? NSError(domain: "SVG", code: 1) }
    }

    public var isWellFormed: Bool { parseError == nil }

    public func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if element == "g" { groupStack.append(attributes["class"] == "node" ? attributes["id"] : nil) }
        if element == "text" { currentText = "" }
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        currentText? += string
    }

    public func parser(
        _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
    ) {
        if element == "g" { _ = groupStack.popLast() }
        if element == "text", let text = currentText {
            if let group = groupStack.compactMap({ $0 }).last { textsByGroup[group, default: []].append(text) }
            currentText = nil
        }
    }
}

import Foundation

/// One tab of a ``HeadlessBrowser``: open a file, run JavaScript, click, type, press keys,
/// take screenshots, and read what the page logged and requested.
public final class BrowserPage: @unchecked Sendable {
    private let browser: HeadlessBrowser
    private let session: String

    init(browser: HeadlessBrowser, session: String) {
        self.browser = browser
        self.session = session
    }

    /// Opens `url` and waits until `readyExpression` is true.
    ///
    /// - Parameters:
    ///   - url: A `file://` URL.
    ///   - readyExpression: JavaScript that becomes true when the page is ready.
    ///   - timeout: How long to wait, in seconds.
    /// - Returns: The seconds from the navigation command until the page was ready (as the test saw it).
    @discardableResult
    public func open(
        _ url: URL,
        until readyExpression: String =
            "document.documentElement?.dataset.ready === 'true' && document.readyState === 'complete'",
        timeout: TimeInterval = 60
    ) throws -> TimeInterval {
        let start = Date()
        try browser.send("Page.navigate", ["url": url.absoluteString], session: session)
        try waitUntil(readyExpression, timeout: timeout)
        return Date().timeIntervalSince(start)
    }

    /// Waits until the JavaScript `expression` is true.
    ///
    /// - Throws: ``BrowserError`` naming the expression when it does not become true in time,
    ///   with the page's errors so far.
    public func waitUntil(_ expression: String, timeout: TimeInterval = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? evaluate("Boolean(\(expression))")) as? Bool == true { return }
            usleep(20_000)
        }
        throw BrowserError(
            "waited \(Int(timeout)) s for `\(expression)`; the page's errors: \(consoleErrors.joined(separator: "; "))")
    }

    /// Runs JavaScript in the page (awaiting a promise) and returns its value as JSON
    /// would decode it: numbers, strings, booleans, arrays, dictionaries or `nil`.
    ///
    /// - Throws: ``BrowserError`` with the exception the script threw.
    @discardableResult
    public func evaluate(_ expression: String) throws -> Any? {
        let reply = try browser.send(
            "Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true],
            session: session)
        if let exception = reply["exceptionDetails"] as? [String: Any] {
            let detail = (exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? exception
            throw BrowserError("`\(expression)` threw: \(detail)")
        }
        return (reply["result"] as? [String: Any])?["value"]
    }

    /// A real mouse click (press and release of the left button) at a point of the viewport.
    public func click(x: Double, y: Double) throws {
        try browser.send("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": x, "y": y], session: session)
        for type in ["mousePressed", "mouseReleased"] {
            try browser.send(
                "Input.dispatchMouseEvent", ["type": type, "x": x, "y": y, "button": "left", "clickCount": 1],
                session: session)
        }
    }

    /// Types text into the focused element, as a keyboard would.
    public func type(_ text: String) throws {
        try browser.send("Input.insertText", ["text": text], session: session)
    }

    /// Presses and releases one key: `Enter`, `Tab`, `Escape`, `ArrowDown`, or a character.
    public func press(_ key: String, shift: Bool = false) throws {
        let codes: [String: (code: String, keyCode: Int)] = [
            "Enter": ("Enter", 13), "Tab": ("Tab", 9), "Escape": ("Escape", 27), "ArrowDown": ("ArrowDown", 40),
            "ArrowUp": ("ArrowUp", 38), "ArrowLeft": ("ArrowLeft", 37), "ArrowRight": ("ArrowRight", 39),
            " ": ("Space", 32),
        ]
        let (code, keyCode) =
            codes[key] ?? ("Key" + key.uppercased(), Int(key.uppercased().unicodeScalars.first?.value ?? 0))
        var parameters: [String: Any] = [
            "key": key, "code": code, "windowsVirtualKeyCode": keyCode, "modifiers": shift ? 8 : 0,
        ]
        parameters["type"] = "keyDown"
        // Text makes the key type (and makes Enter and Space press a focused button).
        if key.count == 1 { parameters["text"] = key } else if key == "Enter" { parameters["text"] = "\r" }
        try browser.send("Input.dispatchKeyEvent", parameters, session: session)
        parameters["type"] = "keyUp"
        parameters.removeValue(forKey: "text")
        try browser.send("Input.dispatchKeyEvent", parameters, session: session)
    }

    /// Asks the page to follow a light or dark system setting (`prefers-color-scheme`).
    public func emulateColorScheme(_ scheme: String) throws {
        try browser.send(
            "Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": scheme]]],
            session: session)
    }

    /// A PNG of the viewport.
    public func screenshot() throws -> Data {
        let reply = try browser.send("Page.captureScreenshot", ["format": "png"], session: session)
        guard let text = reply["data"] as? String, let data = Data(base64Encoded: text) else {
            throw BrowserError("Page.captureScreenshot returned no image")
        }
        return data
    }

    /// Every error the page reported: uncaught exceptions, `console.error` and `console.warn`,
    /// and errors and warnings the browser logged (failed loads, security messages).
    public var consoleErrors: [String] {
        browser.events(session: session).compactMap { event -> String? in
            let parameters = event["params"] as? [String: Any] ?? [:]
            switch event["method"] as? String {
            case "Runtime.exceptionThrown":
                let details = parameters["exceptionDetails"] as? [String: Any] ?? [:]
                let exception = details["exception"] as? [String: Any]
                return "exception: \(exception?["description"] ?? details["text"] ?? details)"
            case "Runtime.consoleAPICalled":
                let type = parameters["type"] as? String ?? ""
                guard type == "error" || type == "warning" || type == "assert" else { return nil }
                let arguments = (parameters["args"] as? [[String: Any]] ?? []).map {
                    "\($0["value"] ?? $0["description"] ?? "")"
                }
                return "console.\(type): " + arguments.joined(separator: " ")
            case "Log.entryAdded":
                let entry = parameters["entry"] as? [String: Any] ?? [:]
                let level = entry["level"] as? String ?? ""
                guard level == "error" || level == "warning" else { return nil }
                return "log \(level): \(entry["text"] ?? "") \(entry["url"] ?? "")"
            default:
                return nil
            }
        }
    }

    /// The URL of every request the page made, in order, including the page itself.
    public var requestedURLs: [String] {
        browser.events(session: session).compactMap { event in
            guard event["method"] as? String == "Network.requestWillBeSent" else { return nil }
            let request = (event["params"] as? [String: Any])?["request"] as? [String: Any]
            return request?["url"] as? String
        }
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the browser tests could not drive a browser.
public struct BrowserError: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`):
/// the browser reads JSON commands, each ended by a NUL byte, on its file descriptor 3 and
/// writes replies and events the same way on descriptor 4. No WebDriver, no WebSocket,
/// no network port.
///
/// ```swift
/// let browser = try HeadlessBrowser()
/// defer { browser.close() }
/// let page = try browser.newPage()
/// try page.open(fileURL)
/// let title = try page.evaluate("document.title") as? String
/// ```
public final class HeadlessBrowser: @unchecked Sendable {
    private let process: pid_t
    private let commands: Int32
    private let replies: Int32
    private let profile: URL
    private let lock = NSCondition()
    private var nextID = 0
    private var answered: [Int: [String: Any]] = [:]
    private var events: [[String: Any]] = []
    private var closedReason: String?
    private var reader: Thread?

    /// How long a command may take before the browser is declared stuck.
    public static let commandTimeout: TimeInterval = 60

    /// The Chromium executable: `$MICROGRAD_CHROMIUM`, or `chromium`/`chromium-browser`/`google-chrome` on the path.
    public static func executable() -> String? {
        if let chosen = ProcessInfo.processInfo.environment["MICROGRAD_CHROMIUM"], !chosen.isEmpty {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in path.split(separator: ":") {
                let candidate = String(directory) + "/" + name
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Starts a headless browser with an empty profile of its own.
    ///
    /// - Throws: ``BrowserError`` saying how to install Chromium when it is missing, or
    ///   what it printed when it does not start.
    public init() throws {
        guard let executable = Self.executable() else {
            if let chosen = ProcessInfo.processInfo.environment["MICROGRAD_CHROMIUM"], !chosen.isEmpty {
                throw BrowserError(
                    "MICROGRAD_CHROMIUM is '\(chosen)', which is not an executable; point it at Chromium or Chrome, "
                        + "or unset it to use chromium from the PATH.")
            }
            throw BrowserError(
                "Chromium is not installed, so the viewer cannot be tested in a browser. Install it with `make deps` "
                    + "(apt-get install chromium), or set MICROGRAD_CHROMIUM to a Chromium or Chrome executable.")
        }
        // A browser that exits must not take the tests with it: writing to its closed pipe
        // then fails with EPIPE instead of killing this process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "micrograd-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let log = profile.appendingPathComponent("chromium.log")
        var toBrowser: [Int32] = [0, 0]
        var fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw BrowserError("cannot make pipes: \(errno)") }
        var actions: posix_spawn_file_actions_t = Self.makeFileActions()
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        for descriptor in [toBrowser[0], toBrowser[1], fromBrowser[0], fromBrowser[1]] where descriptor > 4 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let arguments = [
            executable, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--hide-scrollbars", "--mute-audio", "--user-data-dir=" + profile.path, "about:blank",
        ]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var environment: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { for pointer in argv + environment { free(pointer) } }
        // Its own process group, so that closing can end every process the browser starts.
        var attributes = Self.makeSpawnAttributes()
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, &argv, &environment)
        closeDescriptor(toBrowser[0])
        closeDescriptor(fromBrowser[1])
        guard status == 0 else {
            closeDescriptor(toBrowser[1])
            closeDescriptor(fromBrowser[0])
            throw BrowserError("cannot start \(executable): error \(status)")
        }
        process = pid
        commands = toBrowser[1]
        replies = fromBrowser[0]
        let thread = Thread { [unowned self] in self.readReplies() }
        reader = thread
        thread.start()
        do {
            _ = try send("Browser.getVersion")
        } catch {
            let printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            close()
            throw BrowserError(
                "Chromium (\(executable)) did not start: \(error). It printed:\n"
                    + printed.split(separator: "\n").suffix(15).joined(separator: "\n"))
        }
    }

    private static func makeFileActions() -> posix_spawn_file_actions_t {
        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        return actions
    }

    private static func makeSpawnAttributes() -> posix_spawnattr_t {
        #if canImport(Glibc)
            var attributes = posix_spawnattr_t()
        #else
            var attributes: posix_spawnattr_t?
        #endif
        posix_spawnattr_init(&attributes)
        return attributes
    }

    deinit {
        close()
    }

    /// Ends the browser (and the processes it started) and removes its profile. Safe to call more than once.
    public func close() {
        lock.lock()
        let alreadyClosed = closedReason == "closed"
        closedReason = "closed"
        lock.broadcast()
        lock.unlock()
        guard !alreadyClosed else { return }
        closeDescriptor(commands)
        // The browser exits when its command pipe closes; if it does not, end its process group.
        var status: Int32 = 0
        var exited = false
        for _ in 0..<250 {
            if waitpid(process, &status, WNOHANG) == process {
                exited = true
                break
            }
            usleep(20_000)
        }
        if !exited {
            kill(-process, SIGKILL)
            waitpid(process, &status, 0)
        }
        for _ in 0..<100 where reader?.isFinished == false { usleep(20_000) }
        closeDescriptor(replies)
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: - The protocol

    /// Sends a command and waits for its reply.
    ///
    /// - Parameters:
    ///   - method: A DevTools method, such as `Page.navigate`.
    ///   - parameters: Its parameters.
    ///   - session: The page session it is for, if any.
    /// - Returns: The reply's `result`.
    /// - Throws: ``BrowserError`` with the protocol's error, or when the browser does not answer in time.
    @discardableResult
    public func send(_ method: String, _ parameters: [String: Any] = [:], session: String? = nil) throws -> [String:
        Any]
    {
        lock.lock()
        nextID += 1
        let id = nextID
        lock.unlock()
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = write(commands, bytes.baseAddress! + offset, bytes.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        guard written else { throw BrowserError("the browser closed its command pipe (\(method))") }
        let deadline = Date().addingTimeInterval(Self.commandTimeout)
        lock.lock()
        defer { lock.unlock() }
        while answered[id] == nil {
            if let closedReason { throw BrowserError("the browser stopped (\(closedReason)) during \(method)") }
            guard lock.wait(until: deadline) else {
                throw BrowserError("the browser did not answer \(method) in \(Int(Self.commandTimeout)) s")
            }
        }
        let reply = answered.removeValue(forKey: id)!
        if let error = reply["error"] as? [String: Any] {
            throw BrowserError("\(method) failed: \(error["message"] ?? error)")
        }
        return reply["result"] as? [String: Any] ?? [:]
    }

    /// The events received so far for `session` (all of them for `nil`), oldest first.
    public func events(session: String?) -> [[String: Any]] {
        lock.lock()
        defer { lock.unlock() }
        guard let session else { return events }
        return events.filter { $0["sessionId"] as? String == session }
    }

    /// Reads NUL-ended messages until the pipe closes.
    private func readReplies() {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            while let end = pending.firstIndex(of: 0) {
                let message = pending[pending.startIndex..<end]
                pending = Data(pending[(end + 1)...])
                guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any] else { continue }
                lock.lock()
                if let id = object["id"] as? Int {
                    answered[id] = object
                } else {
                    events.append(object)
                }
                lock.broadcast()
                lock.unlock()
            }
        }
        lock.lock()
        if closedReason == nil { closedReason = "its pipe closed" }
        lock.broadcast()
        lock.unlock()
    }

    // MARK: - Pages

    /// Opens a new tab of the given size, with the protocol domains the tests read enabled.
    ///
    /// - Parameters:
    ///   - width: The viewport's width in CSS pixels.
    ///   - height: The viewport's height.
    public func newPage(width: Int = 1400, height: Int = 900) throws -> BrowserPage {
        let target = try send("Target.createTarget", ["url": "about:blank"])["targetId"] as! String
        let session = try send("Target.attachToTarget", ["targetId": target, "flatten": true])["sessionId"] as! String
        for domain in ["Page", "Runtime", "Log", "Network"] { try send(domain + ".enable", session: session) }
        try send(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false], session: session)
        return BrowserPage(browser: self, session: session)
    }
}

/// `close(2)`, which the browser's own `close()` hides inside its methods.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

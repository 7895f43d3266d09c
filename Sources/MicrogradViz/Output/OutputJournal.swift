import CGraphviz
import Foundation

/// Swift's handle on one C journal (Sources/CGraphviz/micrograd_output.h): the record of what an
/// ``OutputTransaction`` has made on disk, kept where a SIGINT/SIGTERM handler can undo it.
///
/// This is the only file that calls `micrograd_journal_*`: the C functions are `static inline`, so
/// each Swift file calling them would get a journal list (and a signal handler) of its own.
final class OutputJournal {
    /// One recorded temporary file or directory.
    struct Entry {
        fileprivate let pointer: UnsafeMutablePointer<micrograd_entry>
    }

    private let journal: UnsafeMutablePointer<micrograd_journal>

    init() {
        guard let journal = micrograd_journal_open() else { fatalError("out of memory opening an output journal") }
        self.journal = journal
    }

    deinit { micrograd_journal_close(journal) }

    /// Installs the interrupt handler (idempotent).
    ///
    /// - Returns: Whether it could be installed.
    static func installInterruptHandler() -> Bool {
        micrograd_journal_install_handlers() == 0
    }

    /// Creates a directory and records it, so that undoing removes it.
    ///
    /// - Returns: 0, or an `errno` value (`EEXIST` when something is already there).
    func makeDirectory(_ path: String) -> Int32 {
        micrograd_journal_make_directory(journal, path)
    }

    /// Records a file to be staged at `temporary`, placed at `target`, with `backup` as the name the
    /// original target (if any) has while the transaction commits.
    func addFile(temporary: String, target: String, backup: String) -> Entry {
        guard
            let entry = micrograd_journal_add(
                journal, Int32(MICROGRAD_ENTRY_FILE), Int32(MICROGRAD_STAGING), temporary, target, backup)
        else { fatalError("out of memory recording an output file") }
        return Entry(pointer: entry)
    }

    /// Writes the entry's temporary file (new, or appended to) and syncs it.
    ///
    /// - Returns: 0, or an `errno` value (the temporary file is then gone).
    func write(_ data: Data, to entry: Entry, appending: Bool) -> Int32 {
        data.withUnsafeBytes { bytes in
            micrograd_journal_write(entry.pointer, bytes.baseAddress, bytes.count, appending ? 1 : 0)
        }
    }

    /// Removes the entry's temporary file; the entry no longer counts.
    func discard(_ entry: Entry) {
        micrograd_journal_discard(entry.pointer)
    }

    /// Moves the entry's temporary file over its target, keeping the original as the backup.
    ///
    /// - Returns: 0, or an `errno` value.
    func place(_ entry: Entry) -> Int32 {
        micrograd_journal_place(entry.pointer)
    }

    /// Undoes every recorded step: the files and directories are as they were.
    func rollBack() {
        micrograd_journal_roll_back(journal)
    }

    /// Keeps the placed files and removes the backups of the ones they replaced.
    func finish() {
        micrograd_journal_finish(journal)
    }
}

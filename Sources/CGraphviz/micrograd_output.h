// The journal behind MicrogradViz's OutputTransaction: which temporary files, backups and
// directories a set of output files has made, kept where a SIGINT/SIGTERM handler can undo them.
//
// Everything here is `static inline` (a system-library module has no C files of its own), so each
// Swift file that called these functions would get its own journal: only
// Sources/MicrogradViz/Output/OutputJournal.swift calls them.
//
// Concurrency: every change to the journal, and every file operation it records, runs between
// micrograd_journal_enter() and micrograd_journal_leave(). The signal handler first raises
// `interrupted` (after which no thread enters again), then waits until no other thread is inside,
// then undoes what the journal records, then lets the signal end the process. A thread the signal
// interrupted while inside may have done its file operation without recording it yet, so undoing
// looks at which files exist.
#ifndef MICROGRAD_OUTPUT_H
#define MICROGRAD_OUTPUT_H

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/// What one journal entry is and how far it got.
enum {
    MICROGRAD_ENTRY_FILE = 1,
    MICROGRAD_ENTRY_DIRECTORY = 2,

    MICROGRAD_STAGING = 1,     // the temporary file may exist
    MICROGRAD_STAGED = 2,      // the temporary file exists
    MICROGRAD_BACKING_UP = 3,  // a hard link `backup` to the original target may exist
    MICROGRAD_MOVING_AWAY = 4, // the original target may have been renamed to `backup` (no hard links here)
    MICROGRAD_PLACING = 5,     // the temporary file may have been renamed over the target
    MICROGRAD_PLACED = 6,      // the target is the new file; the original, if any, is `backup`
    MICROGRAD_DISCARDED = 7,   // nothing left to undo
    MICROGRAD_CREATED = 8,     // a directory this journal created
};

typedef struct micrograd_entry {
    struct micrograd_entry *_Atomic next;
    int kind;
    _Atomic int state;
    _Atomic int had_original;
    char *temporary;
    char *target;
    char *backup;
} micrograd_entry;

typedef struct micrograd_journal {
    struct micrograd_journal *_Atomic next;
    micrograd_entry *_Atomic entries;  // newest first
    _Atomic int committed;              // only backups are left to remove
} micrograd_journal;

static micrograd_journal *_Atomic micrograd_journals = NULL;
static pthread_mutex_t micrograd_journals_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic int micrograd_inside = 0;     // threads between enter and leave
static _Atomic int micrograd_interrupted = 0;  // a handler has started
static _Thread_local int micrograd_depth = 0;  // this thread's nesting of enter/leave
static _Atomic int micrograd_handlers_installed = 0;

static inline void micrograd_journal_enter(void) {
    if (micrograd_depth++ > 0) return;
    atomic_fetch_add(&micrograd_inside, 1);
    if (atomic_load(&micrograd_interrupted)) {
        // A handler is undoing everything and will end the process: do nothing more.
        atomic_fetch_sub(&micrograd_inside, 1);
        for (;;) pause();
    }
}

static inline void micrograd_journal_leave(void) {
    if (--micrograd_depth > 0) return;
    atomic_fetch_sub(&micrograd_inside, 1);
}

static inline int micrograd_exists(const char *path) {
    struct stat status;
    return path && lstat(path, &status) == 0;
}

/// Undoes one entry, whatever its state, using only async-signal-safe calls.
static inline void micrograd_undo_entry(micrograd_entry *entry, int committed) {
    int state = atomic_load(&entry->state);
    if (entry->kind == MICROGRAD_ENTRY_DIRECTORY) {
        if (!committed && state == MICROGRAD_CREATED) rmdir(entry->target);
        return;
    }
    if (committed) {
        if (entry->backup) unlink(entry->backup);
        return;
    }
    switch (state) {
        case MICROGRAD_STAGING:
        case MICROGRAD_STAGED:
            unlink(entry->temporary);
            break;
        case MICROGRAD_BACKING_UP:
            unlink(entry->temporary);
            unlink(entry->backup);
            break;
        case MICROGRAD_MOVING_AWAY:
            if (!micrograd_exists(entry->target) && micrograd_exists(entry->backup)) rename(entry->backup, entry->target);
            unlink(entry->temporary);
            break;
        case MICROGRAD_PLACING:
        case MICROGRAD_PLACED:
            if (state == MICROGRAD_PLACING && micrograd_exists(entry->temporary)) {
                // Not moved yet: the target still holds the original (or a hard link to it is the backup).
                unlink(entry->temporary);
                if (atomic_load(&entry->had_original) && !micrograd_exists(entry->target))
                    rename(entry->backup, entry->target);
                else
                    unlink(entry->backup);
            } else if (atomic_load(&entry->had_original)) {
                rename(entry->backup, entry->target);
            } else {
                unlink(entry->target);
            }
            break;
        default:
            break;
    }
}

/// Undoes every entry of a journal, newest first (so directories go after their files).
static inline void micrograd_undo_journal(micrograd_journal *journal) {
    int committed = atomic_load(&journal->committed);
    for (micrograd_entry *entry = atomic_load(&journal->entries); entry; entry = atomic_load(&entry->next))
        micrograd_undo_entry(entry, committed);
}

static void micrograd_interrupt_handler(int signal_number) {
    if (atomic_exchange(&micrograd_interrupted, 1)) {
        for (;;) pause();  // another thread is already undoing; it ends the process
    }
    // Wait (up to about two seconds) for other threads to finish their current step.
    int mine = micrograd_depth > 0 ? 1 : 0;
    struct timespec pause_time = {0, 1000000};
    for (int i = 0; i < 2000 && atomic_load(&micrograd_inside) > mine; i++) nanosleep(&pause_time, NULL);
    for (micrograd_journal *journal = atomic_load(&micrograd_journals); journal; journal = atomic_load(&journal->next))
        micrograd_undo_journal(journal);
    // End the process as the signal would have.
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal_number, &fallback, NULL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signal_number);
    pthread_sigmask(SIG_UNBLOCK, &only, NULL);
    raise(signal_number);
    _exit(128 + signal_number);
}

/// Installs the handler for SIGINT, SIGTERM and SIGHUP where the signal still has its default
/// action (a program that ignores or handles one itself keeps its choice). Returns 0, or -1 with
/// errno set.
static inline int micrograd_journal_install_handlers(void) {
    if (atomic_exchange(&micrograd_handlers_installed, 1)) return 0;
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < 3; i++) {
        struct sigaction current;
        if (sigaction(signals[i], NULL, &current) != 0) return -1;
        if ((current.sa_flags & SA_SIGINFO) || current.sa_handler != SIG_DFL) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = micrograd_interrupt_handler;
        sigemptyset(&action.sa_mask);
        sigaddset(&action.sa_mask, SIGINT);
        sigaddset(&action.sa_mask, SIGTERM);
        sigaddset(&action.sa_mask, SIGHUP);
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
    }
    return 0;
}

/// A new, empty journal, listed where the handler finds it.
static inline micrograd_journal *micrograd_journal_open(void) {
    micrograd_journal *journal = (micrograd_journal *)calloc(1, sizeof *journal);
    if (!journal) return NULL;
    micrograd_journal_enter();
    pthread_mutex_lock(&micrograd_journals_lock);
    atomic_store(&journal->next, atomic_load(&micrograd_journals));
    atomic_store(&micrograd_journals, journal);
    pthread_mutex_unlock(&micrograd_journals_lock);
    micrograd_journal_leave();
    return journal;
}

static inline char *micrograd_copy(const char *text) { return text ? strdup(text) : NULL; }

/// Records an entry (before its file operation happens). Returns NULL when out of memory.
static inline micrograd_entry *micrograd_journal_add(micrograd_journal *journal, int kind, int state,
                                                     const char *temporary, const char *target, const char *backup) {
    micrograd_entry *entry = (micrograd_entry *)calloc(1, sizeof *entry);
    if (!entry) return NULL;
    entry->kind = kind;
    atomic_store(&entry->state, state);
    entry->temporary = micrograd_copy(temporary);
    entry->target = micrograd_copy(target);
    entry->backup = micrograd_copy(backup);
    micrograd_journal_enter();
    atomic_store(&entry->next, atomic_load(&journal->entries));
    atomic_store(&journal->entries, entry);
    micrograd_journal_leave();
    return entry;
}

static inline void micrograd_entry_set_state(micrograd_entry *entry, int state) { atomic_store(&entry->state, state); }

static inline int micrograd_entry_state(micrograd_entry *entry) { return atomic_load(&entry->state); }

/// Creates a directory and records it. Returns 0, or an errno value (EEXIST when it exists).
static inline int micrograd_journal_make_directory(micrograd_journal *journal, const char *path) {
    micrograd_entry *entry = micrograd_journal_add(journal, MICROGRAD_ENTRY_DIRECTORY, MICROGRAD_DISCARDED, NULL, path, NULL);
    if (!entry) return ENOMEM;
    micrograd_journal_enter();
    int result = mkdir(path, 0777) == 0 ? 0 : errno;
    if (result == 0) atomic_store(&entry->state, MICROGRAD_CREATED);
    micrograd_journal_leave();
    return result;
}

/// Writes `length` bytes to the entry's temporary file (created, never reused) and syncs it.
/// Returns 0 or an errno value; on failure the temporary file is gone.
static inline int micrograd_journal_write(micrograd_entry *entry, const void *bytes, size_t length, int append) {
    micrograd_journal_enter();
    int flags = append ? (O_WRONLY | O_APPEND | O_CLOEXEC) : (O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC);
    int fd = open(entry->temporary, flags, 0666);
    int failure = fd < 0 ? errno : 0;
    const char *p = (const char *)bytes;
    size_t left = length;
    while (failure == 0 && left > 0) {
        ssize_t written = write(fd, p, left);
        if (written < 0) {
            if (errno == EINTR) continue;
            failure = errno;
        } else {
            p += written;
            left -= (size_t)written;
        }
    }
    if (fd >= 0) {
        if (failure == 0 && fsync(fd) != 0) failure = errno;
        if (close(fd) != 0 && failure == 0) failure = errno;
    }
    if (failure == 0) {
        atomic_store(&entry->state, MICROGRAD_STAGED);
    } else {
        unlink(entry->temporary);
        atomic_store(&entry->state, MICROGRAD_DISCARDED);
    }
    micrograd_journal_leave();
    return failure;
}

/// Drops a staged file (its temporary file is removed).
static inline void micrograd_journal_discard(micrograd_entry *entry) {
    micrograd_journal_enter();
    unlink(entry->temporary);
    atomic_store(&entry->state, MICROGRAD_DISCARDED);
    micrograd_journal_leave();
}

/// Moves one staged file into place, keeping the original (if any) as its backup.
/// Returns 0 or an errno value; on failure the entry's state says what to undo.
static inline int micrograd_journal_place(micrograd_entry *entry) {
    micrograd_journal_enter();
    int failure = 0;
    struct stat status;
    if (lstat(entry->target, &status) == 0) {
        if (S_ISDIR(status.st_mode)) {
            failure = EISDIR;
        } else {
            atomic_store(&entry->had_original, 1);
            atomic_store(&entry->state, MICROGRAD_BACKING_UP);
            if (link(entry->target, entry->backup) != 0) {
                // No hard links on this file system: move the original aside instead.
                atomic_store(&entry->state, MICROGRAD_MOVING_AWAY);
                if (rename(entry->target, entry->backup) != 0) failure = errno;
            }
        }
    } else if (errno != ENOENT) {
        failure = errno;
    }
    if (failure == 0) {
        atomic_store(&entry->state, MICROGRAD_PLACING);
        if (rename(entry->temporary, entry->target) != 0) {
            failure = errno;
        } else {
            atomic_store(&entry->state, MICROGRAD_PLACED);
        }
    }
    micrograd_journal_leave();
    return failure;
}

/// Undoes everything the journal recorded: the directory is as it was before.
static inline void micrograd_journal_roll_back(micrograd_journal *journal) {
    micrograd_journal_enter();
    micrograd_undo_journal(journal);
    for (micrograd_entry *entry = atomic_load(&journal->entries); entry; entry = atomic_load(&entry->next))
        atomic_store(&entry->state, MICROGRAD_DISCARDED);
    micrograd_journal_leave();
}

/// Marks the journal committed and removes the backups of replaced files.
static inline void micrograd_journal_finish(micrograd_journal *journal) {
    micrograd_journal_enter();
    atomic_store(&journal->committed, 1);
    for (micrograd_entry *entry = atomic_load(&journal->entries); entry; entry = atomic_load(&entry->next)) {
        if (entry->kind == MICROGRAD_ENTRY_FILE && atomic_load(&entry->had_original)) unlink(entry->backup);
        atomic_store(&entry->state, MICROGRAD_DISCARDED);
    }
    micrograd_journal_leave();
}

/// Takes a finished or rolled-back journal off the list and frees it.
static inline void micrograd_journal_close(micrograd_journal *journal) {
    micrograd_journal_enter();
    pthread_mutex_lock(&micrograd_journals_lock);
    micrograd_journal *_Atomic *link = &micrograd_journals;
    while (atomic_load(link) && atomic_load(link) != journal) link = &atomic_load(link)->next;
    if (atomic_load(link) == journal) atomic_store(link, atomic_load(&journal->next));
    pthread_mutex_unlock(&micrograd_journals_lock);
    micrograd_journal_leave();
    // Unlinked, and no handler runs past `interrupted` while we were inside: safe to free.
    micrograd_entry *entry = atomic_load(&journal->entries);
    while (entry) {
        micrograd_entry *next = atomic_load(&entry->next);
        free(entry->temporary);
        free(entry->target);
        free(entry->backup);
        free(entry);
        entry = next;
    }
    free(journal);
}

#endif

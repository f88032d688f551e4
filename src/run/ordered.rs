//! Parallel map with results in input order, streaming: the engine of the batch driver.
//!
//! `threads` threads (the calling one and `threads - 1` workers) pull items from an
//! iterator a few at a time (a chunk), map them, and hand the results to a sink in the
//! order they were pulled, whatever order the chunks finish in. There is no writing
//! thread: the thread that finishes the oldest chunk not yet sunk sinks it, and every later
//! chunk already finished, then goes back to work. At most `window` items are between the
//! oldest one the sink has not had and the newest one pulled, so memory is bounded by the
//! window, never by the input, even when one item is slow. A sink error stops the pulling
//! and is returned once every thread is done. With one thread nothing is shared: items are
//! mapped and sunk on the calling thread, one at a time. Nothing here knows what an item
//! is.
//!
//! Why this shape: handing every item to a writing thread (a channel message, a wake-up
//! and a reorder step each) cost about 40% more CPU than the work itself on news-sized
//! documents, most of it in waking a third thread on a machine with two cores. Chunks pay
//! the locking once per few items, and sinking on the thread that has the results needs no
//! wake-up at all.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

/// How far the sink has come, shared between the threads that pull and the one that sinks.
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
}

struct GateState {
    /// Items the sink has had.
    done: u64,
    /// The sink failed, or something panicked: pull nothing more.
    stopped: bool,
}

impl Gate {
    /// Waits until items up to `end` (exclusive) may be pulled; false when the run has
    /// stopped.
    fn admit(&self, end: u64, window: u64) -> bool {
        let mut state = lock(&self.state);
        while !state.stopped && end > state.done + window {
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !state.stopped
    }

    /// The sink has had `done` items. (Two threads may report one after the other in
    /// either order: the count only grows.)
    fn advance(&self, done: u64) {
        let mut state = lock(&self.state);
        state.done = state.done.max(done);
        drop(state);
        self.moved.notify_all();
    }

    fn stop(&self) {
        lock(&self.state).stopped = true;
        self.moved.notify_all();
    }

    fn stopped(&self) -> bool {
        lock(&self.state).stopped
    }
}

/// Stops the run when `work` or the sink panics: the other threads would wait for that
/// chunk's results forever. The panic then reaches the caller.
struct StopOnPanic<'a>(&'a Gate);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// The items not pulled yet.
struct Source<I> {
    items: I,
    /// Items pulled so far.
    pulled: u64,
    /// Chunks pulled so far: the next chunk's number.
    chunks: u64,
    /// The iterator has ended.
    ended: bool,
}

/// Finished chunks waiting for the ones before them, and who is sinking.
struct Reorder<R, E> {
    waiting: BTreeMap<u64, Vec<R>>,
    /// The number of the next chunk to sink.
    next: u64,
    /// Items sunk so far.
    done: u64,
    /// A thread is sinking: it takes every chunk that becomes ready meanwhile.
    sinking: bool,
    /// The sink's first error.
    outcome: Result<(), E>,
}

/// What the threads share.
struct Shared<I, R, E, S> {
    gate: Gate,
    source: Mutex<Source<I>>,
    reorder: Mutex<Reorder<R, E>>,
    /// Taken only by the thread that set `Reorder::sinking`, so never waited for.
    sink: Mutex<S>,
    chunk: u64,
    window: u64,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// How many items a thread pulls at once: enough that locking costs little per item, few
/// enough that every thread holds about two chunks of the window, so that none waits at
/// the window's edge while another finishes the oldest chunk.
fn chunk_size(threads: usize, window: u64) -> u64 {
    (window / (2 * threads as u64)).max(1)
}

/// Maps `items` through `work` on `threads` threads (the calling thread among them) and
/// gives the results to `sink` in input order, with at most `window` items in flight.
/// Returns the first error of `sink`, after which no more items are pulled. The sink runs
/// on whichever thread has the next results, one thread at a time.
pub fn ordered_map<T, R, E, S>(
    threads: usize,
    window: usize,
    items: impl Iterator<Item = T> + Send,
    work: impl Fn(T) -> R + Sync,
    mut sink: S,
) -> Result<(), E>
where
    T: Send,
    R: Send,
    E: Send,
    S: FnMut(R) -> Result<(), E> + Send,
{
    if threads <= 1 {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    let window = window.max(1) as u64;
    let shared = Shared {
        gate: Gate {
            state: Mutex::new(GateState {
                done: 0,
                stopped: false,
            }),
            moved: Condvar::new(),
        },
        source: Mutex::new(Source {
            items,
            pulled: 0,
            chunks: 0,
            ended: false,
        }),
        reorder: Mutex::new(Reorder {
            waiting: BTreeMap::new(),
            next: 0,
            done: 0,
            sinking: false,
            outcome: Ok(()),
        }),
        sink: Mutex::new(sink),
        chunk: chunk_size(threads, window),
        window,
    };
    std::thread::scope(|scope| {
        let shared = &shared;
        let work = &work;
        let workers: Vec<_> = (1..threads)
            .map(|i| {
                std::thread::Builder::new()
                    .name(format!("presswash-worker-{i}"))
                    .spawn_scoped(scope, move || run_worker(shared, work))
                    .expect("the worker threads start")
            })
            .collect();
        run_worker(shared, work);
        for worker in workers {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    let reorder = shared
        .reorder
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    reorder.outcome
}

/// One thread's loop: pull a chunk, map it, sink what is ready; until the items end or
/// the run stops.
fn run_worker<I, T, R, E, S>(shared: &Shared<I, R, E, S>, work: &(impl Fn(T) -> R + Sync))
where
    I: Iterator<Item = T>,
    S: FnMut(R) -> Result<(), E>,
{
    let _guard = StopOnPanic(&shared.gate);
    while let Some((number, pulled)) = pull(shared) {
        let results: Vec<R> = pulled.into_iter().map(work).collect();
        finish(shared, number, results);
    }
}

/// Takes the next chunk once the window has room for it: its number and its items;
/// `None` when the items have ended or the run has stopped.
fn pull<I: Iterator, R, E, S>(shared: &Shared<I, R, E, S>) -> Option<(u64, Vec<I::Item>)> {
    let mut source = lock(&shared.source);
    let end = source.pulled + shared.chunk;
    if source.ended || !shared.gate.admit(end, shared.window) {
        return None;
    }
    let taken: Vec<I::Item> = source.items.by_ref().take(shared.chunk as usize).collect();
    if (taken.len() as u64) < shared.chunk {
        source.ended = true;
    }
    if taken.is_empty() {
        return None;
    }
    source.pulled += taken.len() as u64;
    let number = source.chunks;
    source.chunks += 1;
    Some((number, taken))
}

/// Files a finished chunk; if it is the next to sink and no thread is sinking, sinks it
/// and every chunk that is ready after it, opening the window after each.
fn finish<I, R, E, S>(shared: &Shared<I, R, E, S>, number: u64, results: Vec<R>)
where
    S: FnMut(R) -> Result<(), E>,
{
    let mut ready = {
        let mut reorder = lock(&shared.reorder);
        if reorder.outcome.is_err() || shared.gate.stopped() {
            return;
        }
        reorder.waiting.insert(number, results);
        if reorder.sinking {
            // The thread sinking looks for this chunk before it stops.
            return;
        }
        match take_next(&mut reorder) {
            Some(ready) => ready,
            None => return,
        }
    };
    loop {
        let mut sunk = 0;
        let mut failed = None;
        {
            let mut sink = lock(&shared.sink);
            for result in ready {
                sunk += 1;
                if let Err(err) = (*sink)(result) {
                    failed = Some(err);
                    break;
                }
            }
        }
        let mut reorder = lock(&shared.reorder);
        reorder.done += sunk;
        if let Some(err) = failed {
            // `sinking` stays set: nothing more is sunk.
            reorder.outcome = Err(err);
            reorder.waiting.clear();
            shared.gate.stop();
            return;
        }
        let done = reorder.done;
        let more = take_next(&mut reorder);
        drop(reorder);
        // Outside the lock, so that the other threads file their chunks meanwhile.
        shared.gate.advance(done);
        match more {
            Some(more) => ready = more,
            None => return,
        }
    }
}

/// The next chunk to sink, if it is ready, with `sinking` set to say whether a thread
/// (the caller) now sinks it.
fn take_next<R, E>(reorder: &mut Reorder<R, E>) -> Option<Vec<R>> {
    let next = reorder.next;
    let ready = reorder.waiting.remove(&next);
    if ready.is_some() {
        reorder.next += 1;
    }
    reorder.sinking = ready.is_some();
    ready
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        // Windows of 8 and 64 items: chunks of 1 to 16 items.
        for (threads, window) in [(1, 8), (2, 8), (4, 8), (2, 64), (3, 64)] {
            let mut seen = Vec::new();
            ordered_map(
                threads,
                window,
                0..500u64,
                |i| {
                    // Uneven work, so that chunks finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                    i * 2
                },
                |r| {
                    seen.push(r);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            let expected: Vec<u64> = (0..500).map(|i| i * 2).collect();
            assert_eq!(seen, expected, "{threads} threads, window {window}");
        }
    }

    #[test]
    fn the_window_bounds_what_is_in_flight() {
        // Chunks of 8 and of 5 items; item 20 is slow, so the other threads run ahead of
        // the sink until the window stops them.
        for (threads, window) in [(2, 32u64), (3, 30)] {
            assert!(chunk_size(threads, window) > 1);
            let pulled = AtomicU64::new(0);
            let written = AtomicU64::new(0);
            let widest = AtomicU64::new(0);
            let items = (0..400u64).inspect(|_| {
                let now = pulled.fetch_add(1, Ordering::SeqCst) + 1;
                let sunk = written.load(Ordering::SeqCst);
                // Checked as each item is pulled: never more than the window ahead of
                // what the sink has had.
                assert!(now <= sunk + window, "{now} pulled, {sunk} written");
                widest.fetch_max(now - sunk, Ordering::SeqCst);
            });
            ordered_map(
                threads,
                window as usize,
                items,
                |i| {
                    if i == 20 {
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                    i
                },
                |_| {
                    written.fetch_add(1, Ordering::SeqCst);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(written.load(Ordering::SeqCst), 400);
            // The slow item held the window open to its full width: the bound above was
            // reached, not merely never approached.
            assert_eq!(widest.load(Ordering::SeqCst), window);
        }
    }

    #[test]
    #[should_panic(expected = "bug in sink")]
    fn a_panic_in_the_sink_reaches_the_caller_instead_of_hanging() {
        let _ = ordered_map(
            2,
            32,
            0..1000u64,
            |i| i,
            |i| {
                assert!(i < 10, "bug in sink");
                Ok::<(), ()>(())
            },
        );
    }

    #[test]
    #[should_panic(expected = "bug in work")]
    fn a_panic_in_work_reaches_the_caller_instead_of_hanging() {
        let _ = ordered_map(
            2,
            32,
            0..1000u64,
            |i| {
                if i == 5 {
                    panic!("bug in work");
                }
                i
            },
            |_| Ok::<(), ()>(()),
        );
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        for (threads, window) in [(1, 4), (2, 4), (2, 64)] {
            let mut seen = 0;
            let result = ordered_map(
                threads,
                window,
                0..1_000_000u64,
                |i| i,
                |i| {
                    seen += 1;
                    if i == 10 {
                        Err("full")
                    } else {
                        Ok(())
                    }
                },
            );
            assert_eq!(result, Err("full"));
            assert_eq!(seen, 11, "{threads} threads, window {window}");
        }
    }
}

//! Parallel map with results in input order, streaming: the engine of the batch driver.
//!
//! Items are pulled from an iterator by `threads` rayon workers, mapped, and handed to a
//! sink on the calling thread in the order they were pulled, whatever order the workers
//! finish in. At most `window` items are between the oldest one the sink has not had and
//! the newest one pulled, so memory is bounded by the window, never by the input, even
//! when one item is slow. A sink error stops the pulling and is returned once the workers
//! are done. Nothing here knows what an item is.

use std::collections::BTreeMap;
use std::sync::{mpsc, Condvar, Mutex};

use rayon::iter::{ParallelBridge, ParallelIterator};

/// How far the sink has come, shared between the puller and the sink.
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
}

struct GateState {
    /// Items the sink has had.
    done: u64,
    /// The sink failed: pull nothing more.
    stopped: bool,
}

impl Gate {
    /// Waits until item `seq` may be pulled; false when the run has stopped.
    fn admit(&self, seq: u64, window: u64) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !state.stopped && seq >= state.done + window {
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !state.stopped
    }

    fn advance(&self, done: u64) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).done = done;
        self.moved.notify_all();
    }

    fn stop(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).stopped = true;
        self.moved.notify_all();
    }
}

/// Stops the run when `work` or the sink panics: the sink would wait for that item's
/// result forever, or the puller for the sink. The panic then reaches the caller.
struct StopOnPanic<'a>(&'a Gate);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Maps `items` through `work` on a pool of `threads` threads and gives the results to
/// `sink` in input order, with at most `window` items in flight. Returns the first error of
/// `sink`, after which no more items are pulled.
pub fn ordered_map<T, R, E>(
    threads: usize,
    window: usize,
    items: impl Iterator<Item = T> + Send,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let window = window.max(1) as u64;
    let gate = Gate {
        state: Mutex::new(GateState {
            done: 0,
            stopped: false,
        }),
        moved: Condvar::new(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("presswash-worker-{i}"))
        .build()
        .expect("the worker threads start");
    let (tx, rx) = mpsc::channel::<(u64, R)>();
    std::thread::scope(|scope| {
        let gate = &gate;
        let work = &work;
        let puller = scope.spawn(move || {
            let admitted = items
                .enumerate()
                .map(|(seq, item)| (seq as u64, item))
                .take_while(|(seq, _)| gate.admit(*seq, window));
            pool.install(|| {
                admitted.par_bridge().for_each_with(tx, |tx, (seq, item)| {
                    let guard = StopOnPanic(gate);
                    let result = work(item);
                    std::mem::forget(guard);
                    // The sink may have stopped listening; the result is not needed then.
                    let _ = tx.send((seq, result));
                });
            });
        });
        let mut waiting: BTreeMap<u64, R> = BTreeMap::new();
        let mut next = 0u64;
        let mut outcome = Ok(());
        // A panic in `sink` must stop the pulling too, or the puller waits at the gate
        // forever and the scope never ends.
        let sink_guard = StopOnPanic(gate);
        for (seq, result) in rx {
            if outcome.is_err() {
                continue;
            }
            waiting.insert(seq, result);
            while let Some(result) = waiting.remove(&next) {
                next += 1;
                if let Err(err) = sink(result) {
                    outcome = Err(err);
                    gate.stop();
                    waiting.clear();
                    break;
                }
            }
            gate.advance(next);
        }
        std::mem::forget(sink_guard);
        if let Err(panic) = puller.join() {
            std::panic::resume_unwind(panic);
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        for threads in [1, 2, 4] {
            let mut seen = Vec::new();
            ordered_map(
                threads,
                8,
                0..500u64,
                |i| {
                    // Uneven work, so that workers finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                    i * 2
                },
                |r| {
                    seen.push(r);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_window_bounds_what_is_in_flight() {
        use std::sync::atomic::{AtomicU64, Ordering};
        let pulled = AtomicU64::new(0);
        let mut written = 0u64;
        let items = (0..200u64).inspect(|_| {
            pulled.fetch_add(1, Ordering::SeqCst);
        });
        ordered_map(
            2,
            5,
            items,
            |i| i,
            |_| {
                written += 1;
                // Pulled items never run more than the window ahead of the sink (one more may
                // wait at the gate).
                assert!(pulled.load(Ordering::SeqCst) <= written + 5 + 1);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(written, 200);
    }

    #[test]
    #[should_panic(expected = "bug in sink")]
    fn a_panic_in_the_sink_reaches_the_caller_instead_of_hanging() {
        let _ = ordered_map(
            2,
            4,
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
            2,
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
        let mut seen = 0;
        let result = ordered_map(
            2,
            4,
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
        assert_eq!(seen, 11);
    }
}

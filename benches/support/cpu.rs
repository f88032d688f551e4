//! CPU time of this process, for speeds "on one core": a pass's docs/s is the pages over
//! the CPU seconds the pass used, so a busy machine (other processes on the same cores)
//! slows the figure far less than it slows the wall clock. The Python scripts that run the
//! other tools measure with `time.process_time()`, the same clock.

/// Seconds of CPU time this process has used so far (user and system, all threads).
pub fn process_seconds() -> f64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; CLOCK_PROCESS_CPUTIME_ID is always
    // available on Linux and the BSDs.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
    now.tv_sec as f64 + now.tv_nsec as f64 / 1e9
}

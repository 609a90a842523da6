//! Independent per-scene work (pictures, voices) spread over the cores. Each result goes back to
//! the calling thread, the only one that touches the run's checkpoint and progress, so the
//! stages stay simple while the work runs side by side.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// Runs `work` on every item, up to one item per core at a time, and hands each result to
/// `done` on this thread as it arrives. After `done` fails no new item starts; the first
/// failure is returned once the items already started have finished.
pub fn each_in_parallel<T, R, E>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    each_in_parallel_pulsing(items, work, |arrival| match arrival {
        Some((item, result)) => done(item, result),
        None => Ok(()),
    })
}

/// How long the calling thread waits for a result before it is called with `None`, so a
/// stage whose items each take long can still show it is going.
pub const PULSE: Duration = Duration::from_millis(900);

/// Like [`each_in_parallel`]; `handle` is also called with `None` every [`PULSE`] that passes
/// with no result.
pub fn each_in_parallel_pulsing<T, R, E>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut handle: impl FnMut(Option<(&T, R)>) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let workers = cores.min(items.len());
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (results, received) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let results = results.clone();
            let (work, next, stop) = (&work, &next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    if results.send((index, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(results);
        let mut failure = None;
        loop {
            let arrival = match received.recv_timeout(PULSE) {
                Ok((index, result)) => Some((&items[index], result)),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            if failure.is_some() {
                continue;
            }
            if let Err(error) = handle(arrival) {
                stop.store(true, Ordering::Relaxed);
                failure = Some(error);
            }
        }
        failure.map_or(Ok(()), Err)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_worked_once_and_handed_back() {
        let items: Vec<u32> = (1..=20).collect();
        let mut seen = Vec::new();
        each_in_parallel(
            &items,
            |n| n * 10,
            |n, result| -> Result<(), ()> {
                assert_eq!(result, n * 10);
                seen.push(*n);
                Ok(())
            },
        )
        .expect("no failure");
        seen.sort_unstable();
        assert_eq!(seen, items);
    }

    #[test]
    fn a_failure_stops_new_work_and_is_returned() {
        let items: Vec<u32> = (0..200).collect();
        let worked = AtomicUsize::new(0);
        let result = each_in_parallel(
            &items,
            |n| {
                worked.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_millis(1));
                *n
            },
            |n, _| if *n == 3 { Err("scene 4 failed") } else { Ok(()) },
        );
        assert_eq!(result, Err("scene 4 failed"));
        assert!(worked.load(Ordering::Relaxed) < items.len(), "work stopped early");
    }
}

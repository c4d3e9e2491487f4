//! Crash safety: every write the store acknowledged survives the writer being SIGKILLed at a
//! random moment, and the file stays sound. Runs the `kill-writer` binary over and over.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rand::Rng;
use ready20k_store::Project;
use ready20k_tests::{KILL_WRITER_FIRM, ack_numbers, fixed_clock, integrity_check};

const KILLS: usize = 120;

/// Kills the child if the test panics before it does.
struct Killer(Child);

impl Drop for Killer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs one writer starting at `first`, kills it after `delay` (counted from the start, or
/// from the moment it says the project is open when `after_open`), returns the acknowledged
/// numbers (complete stdout lines only).
fn write_then_kill(path: &Path, first: u64, delay: Duration, after_open: bool) -> Vec<u64> {
    let child = Command::new(env!("CARGO_BIN_EXE_kill-writer"))
        .arg("write")
        .arg(path)
        .arg(first.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = Killer(child);
    let mut errors = BufReader::new(child.0.stderr.take().unwrap());
    let mut stderr = String::new();
    if after_open {
        // Opening can take longer than any delay on a loaded machine (creation syncs the file
        // and its folder); counted from the open, the kill lands among the writes.
        errors.read_line(&mut stderr).unwrap();
    }
    std::thread::sleep(delay);
    // Child::kill sends SIGKILL on unix.
    let _ = child.0.kill();
    let status = child.0.wait().unwrap();
    let mut stdout = String::new();
    child
        .0
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    errors.read_to_string(&mut stderr).unwrap();
    assert!(
        status.code().is_none(),
        "the writer must die by the signal, not exit ({status}); stderr: {stderr}"
    );
    let complete = match stdout.rfind('\n') {
        Some(end) => &stdout[..end],
        None => "",
    };
    complete
        .lines()
        .map(|l| l.parse::<u64>().unwrap())
        .collect()
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kill.r20k");
    let mut rng = rand::rng();
    let mut next = 1u64;
    let mut kills_with_acks = 0usize;
    let mut total_acked = 0usize;
    for round in 0..KILLS {
        let delay = Duration::from_millis(rng.random_range(5..=80));
        // Odd rounds time the kill from the open; even ones from the start, so some kills
        // also land while the project is being created or opened.
        let acked = write_then_kill(&path, next, delay, round % 2 == 1);
        // The acknowledged numbers are the next ones, in order, without gaps.
        let expected: Vec<u64> = (next..next + acked.len() as u64).collect();
        assert_eq!(acked, expected, "round {round}: odd acknowledgements");
        if !acked.is_empty() {
            kills_with_acks += 1;
            total_acked += acked.len();
        }
        if !path.exists() {
            // Killed before the project was even created.
            assert!(acked.is_empty());
            continue;
        }

        let project = Project::open(&path, fixed_clock())
            .unwrap_or_else(|e| panic!("round {round}: reopen after SIGKILL failed: {e}"));
        assert_eq!(
            integrity_check(project.conn()).unwrap(),
            vec!["ok".to_string()]
        );
        assert_eq!(project.firm_name().unwrap(), KILL_WRITER_FIRM);
        let present = ack_numbers(project.conn()).unwrap();
        let max = present.last().copied().unwrap_or(0);
        // Everything acknowledged is there, and nothing earlier went missing.
        for n in &acked {
            assert!(
                present.binary_search(n).is_ok(),
                "round {round}: acknowledged {n} lost"
            );
        }
        assert_eq!(
            present,
            (1..=max).collect::<Vec<_>>(),
            "round {round}: gaps in the journal"
        );
        // At most the one write in flight at the kill got in without being acknowledged.
        let acked_max = acked.last().copied().unwrap_or(next - 1);
        assert!(
            max == acked_max || max == acked_max + 1,
            "round {round}: {max} vs {acked_max}"
        );
        next = max + 1;
        // Alternate between a clean close and a plain drop of the verifying handle.
        if round % 2 == 0 {
            project.close().unwrap();
        } else {
            drop(project);
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "kill test: {KILLS} kills, {kills_with_acks} with acknowledged writes, \
         {total_acked} writes acknowledged, {} rows at the end, {elapsed:.1?}",
        next - 1
    );
    // The test only means something if most kills timed from the open landed while the
    // writer was writing.
    assert!(
        kills_with_acks >= KILLS / 4,
        "only {kills_with_acks} of {KILLS} kills hit writes"
    );
}

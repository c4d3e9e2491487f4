//! `kill-writer`: a helper process for the store's crash-safety and double-open tests.
//!
//! - `kill-writer write <file> <first>`: opens the project (creating it for firm
//!   "Kill Test" if missing) and says `opened` on stderr, then appends journal rows of kind `ack` with details `first`,
//!   `first + 1`, ... for ever. After each insert returned `Ok` it prints the number on stdout
//!   and flushes: every printed number is a write the store acknowledged. The test kills it.
//! - `kill-writer hold <file>`: opens the project and prints `opened`, then keeps it open
//!   until stdin is closed; if the open is refused it prints the error code and exits 3.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use ready20k_domain::clock::SystemClock;
use ready20k_store::{Project, StoreError, journal};
use ready20k_tests::{ACK_KIND, HOLD_OPENED, HOLD_REFUSED_EXIT, KILL_WRITER_FIRM};

const USAGE: &str = "usage: kill-writer write <file> <first> | kill-writer hold <file>";

#[derive(Debug)]
enum Failure {
    Usage,
    Store(StoreError),
    Io(std::io::Error),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

fn open_or_create(path: &Path) -> Result<Project, StoreError> {
    let clock = Arc::new(SystemClock);
    if path.exists() {
        Project::open(path, clock)
    } else {
        Project::create(path, KILL_WRITER_FIRM, clock)
    }
}

/// Appends `ack` rows until killed (or stdout is closed, which ends the loop with an error).
fn write(path: &Path, first: u64) -> Result<(), Failure> {
    let project = open_or_create(path)?;
    // Tells the test the project is open, so that it can time its kill among the writes.
    eprintln!("opened");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut seq = first;
    loop {
        journal::insert(project.conn(), &project.now(), ACK_KIND, &seq.to_string())?;
        writeln!(out, "{seq}")?;
        out.flush()?;
        seq += 1;
    }
}

/// Holds the project open until stdin reaches end of file.
fn hold(path: &Path) -> Result<ExitCode, Failure> {
    let mut out = std::io::stdout();
    match Project::open(path, Arc::new(SystemClock)) {
        Ok(project) => {
            writeln!(out, "{HOLD_OPENED}")?;
            out.flush()?;
            let mut sink = Vec::new();
            std::io::stdin().read_to_end(&mut sink)?;
            project.close()?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            writeln!(out, "{}", e.code())?;
            out.flush()?;
            Ok(ExitCode::from(HOLD_REFUSED_EXIT))
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    match args {
        [mode, file, first] if mode == "write" => {
            let first = first.parse::<u64>().map_err(|_| Failure::Usage)?;
            write(Path::new(file), first).map(|()| ExitCode::SUCCESS)
        }
        [mode, file] if mode == "hold" => hold(Path::new(file)),
        _ => Err(Failure::Usage),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage) => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Store(e)) => {
            eprintln!("kill-writer: {} ({})", e, e.code());
            ExitCode::FAILURE
        }
        Err(Failure::Io(e)) => {
            eprintln!("kill-writer: {e}");
            ExitCode::FAILURE
        }
    }
}

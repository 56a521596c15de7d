//! The interactive shell in a real terminal (tmux): multi-line input decided by the query
//! lexer, "did you mean" for a mistyped meta-command, history saved after each statement,
//! the Markdown mode. Skipped with a note when tmux is not installed.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server of its own (its socket in a temporary directory) running one shell.
struct Terminal {
    socket: PathBuf,
}

impl Terminal {
    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    fn start(dir: &Path, command: &str) -> Terminal {
        let terminal = Terminal {
            socket: dir.join("tmux.sock"),
        };
        let out = terminal.tmux(&["new-session", "-d", "-x", "180", "-y", "60", command]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        terminal
    }

    /// Types a line and presses Enter.
    fn type_line(&self, text: &str) {
        assert!(self.tmux(&["send-keys", "-l", text]).status.success());
        assert!(self.tmux(&["send-keys", "Enter"]).status.success());
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(
            &self
                .tmux(&["capture-pane", "-p", "-J", "-S", "-200"])
                .stdout,
        )
        .into_owned()
    }

    /// Waits until the screen shows `text` `times` times (a minute at most: a loaded
    /// machine runs the other tests beside it); the screen then.
    fn wait_for(&self, text: &str, times: usize) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.matches(text).count() >= times {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "waited for {text:?} ({times}×); the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

#[test]
fn the_shell_continues_unfinished_queries_and_saves_history_as_it_goes() {
    if Command::new("tmux").arg("-V").output().is_err() {
        return common::skip("tmux is not installed (Debian: apt-get install tmux)");
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    common::cg(&store)
        .arg("ingest")
        .arg(common::fixture("aleppo.jsonl"))
        .assert()
        .success();
    let history = dir.path().join("history");
    let command = format!(
        "{} --store {} shell --history {}",
        env!("CARGO_BIN_EXE_claimgraph"),
        store.display(),
        history.display()
    );
    let terminal = Terminal::start(dir.path(), &command);
    terminal.wait_for("claims> ", 1);

    // A parenthesis and a pipe inside a string are text: the query runs at once.
    terminal.type_line(r#"claims where text ~ "a (b |" | count"#);
    terminal.wait_for("(1 row)", 1);
    // Saved before the shell exits.
    let saved = std::fs::read_to_string(&history).unwrap_or_default();
    assert!(
        saved.contains(r#"claims where text ~ "a (b |" | count"#),
        "{saved}"
    );

    // An open parenthesis continues on the next line; closing it runs the query.
    terminal.type_line("claims denying (claims by Russia");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(terminal.screen().matches("(1 row)").count(), 1);
    terminal.type_line(") | count");
    terminal.wait_for("(1 row)", 2);
    // So does an open string.
    terminal.type_line(r#"claims where text ~ "Geneva"#);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(terminal.screen().matches("(1 row)").count(), 2);
    terminal.type_line(r#"" | count"#);
    terminal.wait_for("(1 row)", 3);

    terminal.type_line(".heders off");
    terminal.wait_for("did you mean '.headers'?", 1);
    terminal.type_line(".mode markdown");
    terminal.type_line("claims by Russia | count");
    let screen = terminal.wait_for("| --- |", 1);
    assert!(screen.contains("| claims |"), "{screen}");
    terminal.type_line(".quit");
}

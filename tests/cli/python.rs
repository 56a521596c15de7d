//! The Python side: the `claimgraph` package (crates/python), the Spark job
//! (examples/spark/extract_job.py) and the Parquet export read by DuckDB and Spark, tested
//! by pytest (python/tests/) against this build's binary.
//!
//! They run when a Python with the package and its test modules is on PATH (CI builds the
//! package into a virtual environment: `.ci/run`), and Java for Spark; otherwise they are
//! skipped, and `CLAIMGRAPH_REQUIRE_PYTHON=1` (set by CI) makes that a failure.

use crate::common;
use std::path::{Path, PathBuf};
use std::process::Command;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The Python to run: `CLAIMGRAPH_PYTHON`, else `python3` on PATH.
fn python() -> String {
    std::env::var("CLAIMGRAPH_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Whether `python` imports every module of `modules`.
fn imports(python: &str, modules: &[&str]) -> bool {
    let script = format!("import {}", modules.join(", "));
    Command::new(python)
        .args(["-c", &script])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn java_present() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The Python when it has `modules` (and Java when `java` is set); otherwise notes the
/// skip, or fails under `CLAIMGRAPH_REQUIRE_PYTHON`.
fn python_with(modules: &[&str], java: bool) -> Option<String> {
    let python = python();
    let missing = if !imports(&python, modules) {
        Some(format!(
            "{python} cannot import {} (pip install . and pip install {})",
            modules.join(", "),
            modules[1..].join(" ")
        ))
    } else if java && !java_present() {
        Some("Spark needs a Java runtime (apt-get install openjdk-17-jre-headless)".into())
    } else {
        None
    };
    let Some(why) = missing else {
        return Some(python);
    };
    assert!(
        std::env::var_os("CLAIMGRAPH_REQUIRE_PYTHON").is_none(),
        "CLAIMGRAPH_REQUIRE_PYTHON is set but {why}"
    );
    common::skip(&format!("the Python tests: {why}"));
    None
}

/// Runs one pytest file against this build's binary and fails with pytest's report.
fn pytest(python: &str, file: &str, shared: Option<&Path>) {
    let bin = assert_cmd::cargo::cargo_bin("claimgraph");
    let work = tempfile::tempdir().unwrap();
    let mut command = Command::new(python);
    command
        .current_dir(REPO)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp"])
        .arg(work.path().join("pytest"))
        .arg(PathBuf::from(REPO).join("python/tests").join(file))
        .env("CLAIMGRAPH_BIN", &bin)
        .env_remove("CLAIMGRAPH_STORE");
    if let Some(shared) = shared {
        command.env("CLAIMGRAPH_SHARED", shared);
    }
    let out = command.output().expect("running pytest");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "pytest {file} failed:\n{report}");
    // A run that skipped everything proves nothing: pytest must have passed some tests.
    assert!(
        report.contains(" passed"),
        "pytest {file} ran no test:\n{report}"
    );
    eprintln!("{}", report.lines().last().unwrap_or_default());
}

#[test]
fn the_python_package_extracts_ingests_and_queries_like_the_cli() {
    if let Some(python) = python_with(&["claimgraph", "pytest", "pyarrow"], false) {
        pytest(&python, "test_package.py", None);
    }
}

#[test]
fn the_parquet_export_answers_q1_to_q4_in_duckdb_and_spark_like_claimgraph() {
    let Some(shared) = common::shared() else {
        common::skip("the Parquet peer questions: ../shared is absent");
        return;
    };
    if let Some(python) = python_with(
        &["claimgraph", "pytest", "pyarrow", "duckdb", "pyspark"],
        true,
    ) {
        pytest(&python, "test_parquet_export.py", Some(&shared));
    }
}

#[test]
fn the_spark_job_extracts_the_vmds_feed_to_what_ingest_stores() {
    let Some(shared) = common::shared() else {
        common::skip("the Spark job on VietnameseMDS: ../shared is absent");
        return;
    };
    if let Some(python) = python_with(
        &["claimgraph", "pytest", "pyarrow", "pandas", "pyspark"],
        true,
    ) {
        pytest(&python, "test_spark_job.py", Some(&shared));
    }
}

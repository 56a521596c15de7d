//! `timeline`, `dot` and `export` of query results through the binary, against a store
//! built from the example record; DOT is checked by real Graphviz (required on CI).

use crate::common;

use std::path::{Path, PathBuf};

use crate::common::cg;

fn example_store(dir: &Path) -> PathBuf {
    let store = dir.join("db");
    cg(&store)
        .args(["ingest", &common::fixture("aleppo.jsonl")])
        .assert()
        .success();
    store
}

fn graphviz() -> bool {
    let found = std::process::Command::new("dot").arg("-V").output().is_ok();
    assert!(
        found || std::env::var_os("CI").is_none(),
        "CI must install Graphviz"
    );
    found
}

#[test]
fn timeline_of_a_query_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let md = cg(&store)
        .args(["timeline", "claims by Russia or by members of Russia"])
        .output()
        .unwrap();
    assert!(
        md.status.success(),
        "{}",
        String::from_utf8_lossy(&md.stderr)
    );
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("## 2016-12-11"), "{md}");
    assert!(md.contains("Sergei Ryabkov"));
    assert!(
        !md.contains("Syrian Observatory"),
        "only the query's claims: {md}"
    );
    for format in ["csv", "json", "timelinejs", "html"] {
        let out = cg(&store)
            .args(["timeline", "claims about Aleppo", "--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty());
    }
    let js = cg(&store)
        .args(["timeline", "--format", "timelinejs"])
        .output()
        .unwrap();
    let js: serde_json::Value = serde_json::from_slice(&js.stdout).unwrap();
    assert!(js["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["start_date"]["year"].is_string() || e["start_date"]["year"].is_number()));
}

#[test]
fn exports_refuse_queries_that_do_not_return_claims() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    for cmd in ["timeline", "dot", "export"] {
        let out = cg(&store).args([cmd, "claims | count"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("needs a query that returns claims"));
    }
    let bad = cg(&store).args(["dot", "claims by"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let render = cg(&store)
        .args(["dot", "--render", "svg"])
        .output()
        .unwrap();
    assert_eq!(render.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&render.stderr).contains("-o"));
}

#[test]
fn dot_of_a_query_is_accepted_by_graphviz_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let out = cg(&store)
        .args(["dot", "claims about Aleppo", "--cluster", "speaker"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph"));
    assert!(
        dot.contains("denies"),
        "the denial of the rebels' claim is drawn"
    );
    if !graphviz() {
        common::skip("the Graphviz half: dot is not installed");
        return;
    }
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let parsed = child.wait_with_output().unwrap();
    assert!(parsed.status.success(), "Graphviz rejected the DOT");
    let svg = dir.path().join("g.svg");
    cg(&store)
        .args(["dot", "claims by Russia", "--render", "svg", "-o"])
        .arg(&svg)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
}

#[test]
fn graph_exports_carry_nodes_and_edges() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let out = cg(&store)
        .args(["export", "claims by Russia", "--format", "json"])
        .output()
        .unwrap();
    let graph: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!graph["nodes"].as_array().unwrap().is_empty());
    assert!(graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "denies"));
    let xml = dir.path().join("g.graphml");
    cg(&store)
        .args(["export", "--format", "graphml", "-o"])
        .arg(&xml)
        .assert()
        .success();
    let xml = std::fs::read_to_string(xml).unwrap();
    assert!(xml.contains("<graphml") && xml.contains("<key "));
}

#[test]
fn event_timeline_of_the_whole_store_keeps_undated_claims() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let rows = |args: &[&str]| -> Vec<String> {
        let out = cg(&store).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut lines: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .skip(1)
            .map(str::to_string)
            .collect();
        lines.sort();
        lines
    };
    // Streamed (no query) and queried timelines show the same entries, undated ones too.
    let streamed = rows(&["timeline", "--axis", "event", "--format", "csv"]);
    let queried = rows(&["timeline", "claims", "--axis", "event", "--format", "csv"]);
    assert_eq!(streamed.len(), 11, "{streamed:#?}");
    assert_eq!(streamed, queried);
    assert!(streamed
        .iter()
        .any(|r| r.starts_with("on or before 2016-12-12,")));
}

#[test]
fn whole_store_timeline_places_undated_claims_at_publication_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let jsonl = dir.path().join("two-days.jsonl");
    // Two articles: the later one's undated claim must stand before the earlier day's
    // dated claim of the later article, not after every dated claim.
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"article":{"id":"a1","published":"2016-12-10"},"claims":[{"id":"a1#0","speaker":"Russia","stance":"deny","text":"No letter was sent."},{"id":"a1#1","speaker":"Rebels","stance":"assert","text":"We got a letter.","said":"2016-12-09"}]}"#,
            "\n",
            r#"{"article":{"id":"a2","published":"2016-12-12"},"claims":[{"id":"a2#0","speaker":"Ryabkov","stance":"assert","text":"Talks go on.","said":"2016-12-12"},{"id":"a2#1","speaker":"SOHR","stance":"assert","text":"120,000 left."}]}"#,
            "\n"
        ),
    )
    .unwrap();
    cg(&store)
        .args(["ingest", "--no-link"])
        .arg(&jsonl)
        .assert()
        .success();
    let lines = |args: &[&str]| -> Vec<String> {
        let out = cg(&store).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split(',').take(1).collect::<String>())
            .collect()
    };
    let streamed = lines(&["timeline", "--format", "csv"]);
    assert_eq!(
        streamed,
        [
            "2016-12-09",
            "on or before 2016-12-10",
            "2016-12-12",
            "on or before 2016-12-12"
        ],
        "{streamed:#?}"
    );
    // A query's timeline sorts in memory; the streamed one must agree with it.
    assert_eq!(streamed, lines(&["timeline", "claims", "--format", "csv"]));
}

#[test]
fn csv_outputs_are_safe_for_spreadsheets_unless_raw() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let jsonl = dir.path().join("formulas.jsonl");
    std::fs::write(
        &jsonl,
        r#"{"article":{"id":"f1","title":"@SUM(1+1)*cmd","published":"2016-12-12"},"claims":[{"id":"f1#0","speaker":"=HYPERLINK(\"http://x\")","stance":"assert","text":"-2+3 or +1","said":"2016-12-11"},{"id":"f1#1","speaker":"Russia","stance":"assert","text":"\t=1+1","said":"2016-12-11"}]}"#,
    )
    .unwrap();
    cg(&store).args(["ingest"]).arg(&jsonl).assert().success();
    let commands: [&[&str]; 4] = [
        &["claims", "--format", "csv"],
        &["query", "claims", "--format", "csv"],
        &["query", "claims | group speaker", "--format", "csv"],
        &["timeline", "--format", "csv"],
    ];
    for args in commands {
        let cells = |raw: bool| -> Vec<String> {
            let mut c = cg(&store);
            if raw {
                c.arg("--raw-csv");
            }
            let out = c.args(args).output().unwrap();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
            reader
                .records()
                .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
                .collect()
        };
        let safe = cells(false);
        assert!(
            safe.iter().any(|c| c.starts_with("'=HYPERLINK")),
            "{args:?}: {safe:?}"
        );
        for cell in &safe {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{args:?}: a formula cell {cell:?}"
            );
        }
        let raw = cells(true);
        assert!(
            raw.iter().any(|c| c.starts_with("=HYPERLINK")),
            "{args:?}: {raw:?}"
        );
    }
}

/// A store of `articles` synthetic articles (1 to 9 claims each, some answering others).
fn synthetic_store(dir: &Path, articles: usize) -> PathBuf {
    let store = dir.join("synthetic");
    let jsonl = dir.join("synthetic.jsonl");
    std::fs::write(&jsonl, common::synthetic_jsonl(articles)).unwrap();
    // Storage and export only: linking the look-alike synthetic articles is not tested here.
    cg(&store)
        .args(["ingest", "--no-link"])
        .arg(&jsonl)
        .assert()
        .success();
    store
}

#[test]
fn dot_over_more_claims_than_the_cap_says_so_and_graphviz_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = synthetic_store(dir.path(), 40);
    let total: usize = (0..40).map(common::claims_in).sum();
    let out = cg(&store)
        .args(["dot", "--max-claims", "25"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("drew 25 claims")
            && stderr.contains(&format!("left out {}", total - 25))
            && stderr.contains("--max-claims"),
        "{stderr}"
    );
    let dot = String::from_utf8(out.stdout).unwrap();
    let claim_node = regex::Regex::new(r"^\s*c\d+ \[").unwrap();
    let claims = dot.lines().filter(|l| claim_node.is_match(l)).count();
    assert!(
        (25..=50).contains(&claims),
        "25 claims and at most 25 neighbours, got {claims}"
    );
    // Under the cap: no note.
    let all = cg(&store)
        .args(["dot", "--max-claims", "1000"])
        .output()
        .unwrap();
    assert!(all.status.success());
    assert!(
        all.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&all.stderr)
    );
    // A query over the cap is cut too.
    let q = cg(&store)
        .args(["dot", "claims", "--max-claims", "10"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&q.stderr).contains("drew 10 claims (the query's first)"));
    let zero = cg(&store)
        .args(["dot", "--max-claims", "0"])
        .output()
        .unwrap();
    assert_eq!(zero.status.code(), Some(1));

    if !graphviz() {
        common::skip("the Graphviz half: dot is not installed");
        return;
    }
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let parsed = child.wait_with_output().unwrap();
    assert!(parsed.status.success(), "Graphviz rejected the capped DOT");
}

/// Nodes named by their attributes, edges by kind and ends: ids differ between the
/// streamed (whole store) and the in-memory (query) exports by design.
fn graph_shape(json: &[u8]) -> (Vec<String>, Vec<String>) {
    let doc: serde_json::Value = serde_json::from_slice(json).unwrap();
    let mut names = std::collections::HashMap::new();
    for n in doc["nodes"].as_array().unwrap() {
        let mut attrs: Vec<String> = n
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| *k != "id")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        attrs.sort();
        names.insert(n["id"].as_str().unwrap().to_string(), attrs.join(" "));
    }
    let mut edges: Vec<String> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {} -> {}",
                e["kind"],
                e["order"],
                names[e["source"].as_str().unwrap()],
                names[e["target"].as_str().unwrap()]
            )
        })
        .collect();
    edges.sort();
    let mut nodes: Vec<String> = names.into_values().collect();
    nodes.sort();
    (nodes, edges)
}

#[test]
fn whole_store_export_streams_the_same_graph_as_a_query_of_everything() {
    let dir = tempfile::tempdir().unwrap();
    let store = synthetic_store(dir.path(), 30);
    let streamed = cg(&store)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        streamed.status.success(),
        "{}",
        String::from_utf8_lossy(&streamed.stderr)
    );
    let queried = cg(&store)
        .args(["export", "claims | limit 100000", "--format", "json"])
        .output()
        .unwrap();
    assert!(queried.status.success());
    let (nodes, edges) = graph_shape(&streamed.stdout);
    assert_eq!((nodes, edges), graph_shape(&queried.stdout));
    // GraphML of the store has as many nodes and edges.
    let xml = cg(&store)
        .args(["export", "--format", "graphml"])
        .output()
        .unwrap();
    let xml = String::from_utf8(xml.stdout).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&streamed.stdout).unwrap();
    assert_eq!(
        xml.matches("<node ").count(),
        doc["nodes"].as_array().unwrap().len()
    );
    assert_eq!(
        xml.matches("<edge ").count(),
        doc["edges"].as_array().unwrap().len()
    );
}

//! The gallery in `docs/gallery/` must be what the current code produces from the seed
//! article; `scripts/gen-docs.sh` regenerates it.

use std::path::Path;

const TITLE: &str = "Aleppo, December 2016 (Pháp luật TPHCM)";

use crate::common::cg;

fn gallery(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/gallery")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn gallery_is_current() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("seed.db");
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/aleppo.vi.txt");
    cg(&store)
        .args(["ingest", seed, "--published", "2016-12-12"])
        .assert()
        .success();
    let stale = "is stale: run scripts/gen-docs.sh and commit docs/gallery";
    for (file, args) in [
        (
            "aleppo-timeline.md",
            vec!["timeline", "--format", "md", "--title", TITLE],
        ),
        (
            "aleppo-timeline.html",
            vec!["timeline", "--format", "html", "--title", TITLE],
        ),
        ("aleppo.dot", vec!["dot"]),
        ("aleppo-full.dot", vec!["dot", "--view", "full"]),
    ] {
        let out = cg(&store).args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8(out.stdout).unwrap() == gallery(file),
            "docs/gallery/{file} {stale}"
        );
    }
    // An SVG depends on the Graphviz version: check it draws every node of its DOT.
    for picture in ["aleppo", "aleppo-full"] {
        svg_draws_every_node(
            &gallery(&format!("{picture}.svg")),
            &gallery(&format!("{picture}.dot")),
            picture,
        );
    }
}

fn svg_draws_every_node(svg: &str, dot: &str, picture: &str) {
    let stale = "is stale: run scripts/gen-docs.sh and commit docs/gallery";
    let nodes: Vec<&str> = dot
        .lines()
        .filter_map(|l| l.trim_start().split_once(" [").map(|(id, _)| id.trim()))
        .filter(|id| id.chars().all(|c| c.is_ascii_alphanumeric()) && !id.is_empty())
        .filter(|id| !matches!(*id, "graph" | "node" | "edge"))
        .collect();
    assert!(nodes.len() > 20, "{nodes:?}");
    for id in nodes {
        assert!(
            svg.contains(&format!("<title>{id}</title>")),
            "{picture}.svg lacks node {id}: {stale}"
        );
    }
}

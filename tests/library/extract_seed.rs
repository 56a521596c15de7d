//! The seed article (`examples/aleppo.vi.txt`, word-segmented Vietnamese) yields the claims
//! a careful reader sees in it.

use claimgraph_extract::{extract, ExtractOptions};
use claimgraph_model::record::{ArticleRecord, ClaimRecord};

const SEED: &str = include_str!("../../examples/aleppo.vi.txt");

fn record(published: Option<&str>) -> ArticleRecord {
    let opts = ExtractOptions {
        published: published.map(str::to_string),
        ..ExtractOptions::default()
    };
    extract(SEED, &opts).expect("the seed extracts")
}

fn find<'a>(r: &'a ArticleRecord, speaker: &str, cue: &str) -> &'a ClaimRecord {
    r.claims
        .iter()
        // The record's cue is its display form: `cho_biết` reads "cho biết".
        .find(|c| c.speaker == speaker && c.cue.as_deref() == Some(&cue.replace('_', " ")))
        .unwrap_or_else(|| panic!("no claim by {speaker} with cue {cue}: {:#?}", r.claims))
}

fn actor<'a>(r: &'a ArticleRecord, name: &str) -> &'a claimgraph_model::record::ActorRecord {
    r.actors
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no actor {name}: {:#?}", r.actors))
}

#[test]
fn rebels_say_and_three_leaders_via_reuters() {
    let r = record(None);
    let rebels = find(&r, "rebels", "nói");
    assert_eq!(rebels.stance, "assert");
    assert_eq!(rebels.speaker_text.as_deref(), Some("Phe nổi_dậy"));
    let three = r
        .claims
        .iter()
        .find(|c| c.cue.as_deref() == Some("cho biết") && c.via == ["Reuters"])
        .expect("three rebel leaders via Reuters");
    assert!(
        three.speaker.contains("ba lãnh đạo phe nổi dậy"),
        "{}",
        three.speaker
    );
    assert!(
        three.text.starts_with("phe này vừa nhận được"),
        "{}",
        three.text
    );
    assert_eq!(actor(&r, &three.speaker).member_of, ["rebels"]);
}

#[test]
fn direct_quotation_before_the_dash() {
    let r = record(None);
    let c = r
        .claims
        .iter()
        .find(|c| c.cue.as_deref() == Some("trả lời"))
        .expect("a rebel leader answers");
    assert!(c.speaker.contains("lãnh đạo phe nổi dậy"));
    assert!(
        c.text.starts_with("Họ gửi chúng tôi một bức thư"),
        "{}",
        c.text
    );
    assert!(c.text.ends_with("Chúng tôi chưa trả lời"), "{}", c.text);
    assert_eq!(actor(&r, &c.speaker).kind.as_deref(), Some("unknown"));
}

#[test]
fn russia_denies_the_reuters_report() {
    let r = record(None);
    let deny = find(&r, "Russia", "phủ_nhận");
    assert_eq!(deny.stance, "deny");
    assert_eq!(deny.speaker_text.as_deref(), Some("phía Nga"));
    let three = r
        .claims
        .iter()
        .find(|c| c.cue.as_deref() == Some("cho biết") && c.via == ["Reuters"])
        .unwrap();
    assert!(
        deny.denies.contains(&three.id),
        "{:?} vs {}",
        deny.denies,
        three.id
    );
}

#[test]
fn ryabkov_said_on_the_eleventh_and_via_ria() {
    let r = record(None);
    let said = find(&r, "Sergei Ryabkov", "cho_biết");
    assert_eq!(said.said.as_deref(), Some("XXXX-12-11"));
    let ria = find(&r, "Sergei Ryabkov", "dẫn lời");
    assert_eq!(ria.via, ["RIA"]);
    assert!(
        ria.text
            .contains("thỏa thuận về chuyện này vẫn chưa thống nhất"),
        "{}",
        ria.text
    );
    let ry = actor(&r, "Sergei Ryabkov");
    assert_eq!(ry.role.as_deref(), Some("deputy foreign minister"));
    assert_eq!(ry.member_of, ["Russia"]);
    assert_eq!(ry.kind.as_deref(), Some("person"));

    let resolved = record(Some("2016-12-12"));
    assert_eq!(
        find(&resolved, "Sergei Ryabkov", "cho_biết")
            .said
            .as_deref(),
        Some("2016-12-11")
    );
}

#[test]
fn refusals_to_comment() {
    let r = record(None);
    for speaker in ["Syrian government", "Staffan de Mistura"] {
        let c = r
            .claims
            .iter()
            .find(|c| c.speaker == speaker)
            .unwrap_or_else(|| panic!("{speaker}"));
        assert_eq!(c.stance, "refuse_comment", "{speaker}");
    }
    assert_eq!(
        actor(&r, "Staffan de Mistura").member_of,
        ["United Nations"]
    );
}

#[test]
fn western_diplomat_via_reuters() {
    let r = record(None);
    let c = r
        .claims
        .iter()
        .find(|c| c.cue.as_deref() == Some("cho rằng"))
        .expect("cho_rằng");
    assert!(
        c.speaker.contains("nhà ngoại giao phương Tây"),
        "{}",
        c.speaker
    );
    assert_eq!(c.via, ["Reuters"]);
    assert_eq!(actor(&r, &c.speaker).kind.as_deref(), Some("unknown"));
}

#[test]
fn observatory_counts_civilians() {
    let r = record(None);
    let c = find(&r, "Syrian Observatory for Human Rights", "cho biết");
    assert_eq!(c.quantities[0].value, 120000.0);
    assert!(!c.quantities[0].approximate);
    assert!(c
        .quantities
        .iter()
        .any(|q| q.approximate && q.value == 10000.0));
    assert!(c.about.iter().any(|a| a == "Aleppo"));
}

#[test]
fn byline_splits_author_and_outlet() {
    let r = record(None);
    assert_eq!(r.article.author.as_deref(), Some("Đăng Khoa"));
    assert_eq!(r.article.publisher.as_deref(), Some("Pháp luật TPHCM"));
    assert!(r.claims.iter().all(|c| !c.text.contains("KhoaPháp")));
}

#[test]
fn narrative_background_events() {
    let r = record(Some("2016-12-12"));
    let narrative: Vec<&ClaimRecord> = r
        .claims
        .iter()
        .filter(|c| c.kind.as_deref() == Some("narrative"))
        .collect();
    assert!(narrative
        .iter()
        .all(|c| c.cue.is_none() && c.speaker == "Pháp luật TPHCM"));
    let advancing = narrative
        .iter()
        .find(|c| c.text.contains("tiếp tục thắng thế"))
        .expect("government forces advancing as of 11-12");
    assert_eq!(
        advancing.when.as_ref().and_then(|w| w.start.as_deref()),
        Some("2016-12-11")
    );
    assert!(narrative
        .iter()
        .any(|c| c.text.contains("tách ra hồi tháng 7")));
    let none = extract(
        SEED,
        &ExtractOptions {
            narrative: false,
            ..ExtractOptions::default()
        },
    )
    .unwrap();
    assert!(none
        .claims
        .iter()
        .all(|c| c.kind.as_deref() == Some("reported")));
}

#[test]
fn spans_and_ids_are_consistent() {
    let r = record(None);
    for (i, c) in r.claims.iter().enumerate() {
        assert_eq!(c.id, format!("{}#{i}", r.article.id));
        let [a, b] = c.span.unwrap();
        assert!(SEED.get(a as usize..b as usize).is_some());
    }
    assert!(r.article.id.starts_with("txt-"));
}

#[test]
fn binary_prints_one_json_record() {
    let out = assert_cmd::Command::cargo_bin("claimgraph")
        .unwrap()
        .args([
            "extract",
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/aleppo.vi.txt"),
        ])
        .args(["--published", "2016-12-12"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rec: ArticleRecord = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rec.article.lang.as_deref(), Some("vi"));
    assert!(rec.claims.len() >= 10);
}

#[test]
fn decomposed_input_gives_the_same_claims() {
    use unicode_normalization::UnicodeNormalization;
    let opts = ExtractOptions {
        published: Some("2016-12-12".to_string()),
        ..ExtractOptions::default()
    };
    let composed = extract(SEED, &opts).expect("the seed extracts");
    let decomposed_text: String = SEED.nfd().collect();
    assert_ne!(decomposed_text, SEED, "the seed has letters that decompose");
    let decomposed = extract(&decomposed_text, &opts).expect("the NFD seed extracts");
    assert!(composed.claims.len() >= 10, "{:#?}", composed.claims);
    assert_eq!(
        serde_json::to_value(&decomposed).expect("record serializes"),
        serde_json::to_value(&composed).expect("record serializes")
    );
}

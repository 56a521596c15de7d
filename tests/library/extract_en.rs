//! English attribution patterns on a small article written for the test.

use claimgraph_extract::{extract, ExtractOptions};
use claimgraph_model::record::ArticleRecord;

const ARTICLE: &str = r#"Russian forces advanced in eastern Aleppo on Monday, the Syrian Observatory for Human Rights said.

Russia's Deputy Foreign Minister Sergei Ryabkov said on Sunday that no agreement had been reached. "The talks will go on," he added.

Rebels told Reuters they had received a proposal to leave the city. The Russian Foreign Ministry denied the report. The ministry said talks in Geneva were continuing.

"We will not comment on rumours," said Maria Zakharova, the ministry's spokeswoman.

According to the United Nations, about 3 million people need aid, including 120,000 civilians who fled in the past week.

The Syrian government declined to comment. A Western diplomat said the rebels would not trust the offer.
"#;

fn record() -> ArticleRecord {
    let opts = ExtractOptions {
        lang: Some("en".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    extract(ARTICLE, &opts).unwrap()
}

fn by<'a>(
    r: &'a ArticleRecord,
    speaker: &str,
    cue: &str,
) -> &'a claimgraph_model::record::ClaimRecord {
    r.claims
        .iter()
        .find(|c| c.speaker == speaker && c.cue.as_deref() == Some(cue))
        .unwrap_or_else(|| panic!("{speaker} / {cue}: {:#?}", r.claims))
}

#[test]
fn trailing_and_inverted_attributions() {
    let r = record();
    let c = by(&r, "Syrian Observatory for Human Rights", "said");
    assert_eq!(
        c.text,
        "Russian forces advanced in eastern Aleppo on Monday"
    );
    let z = by(&r, "Maria Zakharova", "said");
    assert_eq!(z.text, "We will not comment on rumours");
}

#[test]
fn titles_pronouns_and_the_ministry() {
    let r = record();
    assert_eq!(
        by(&r, "Sergei Ryabkov", "said").text,
        "no agreement had been reached"
    );
    assert_eq!(
        by(&r, "Sergei Ryabkov", "added").text,
        "The talks will go on"
    );
    let ry = r
        .actors
        .iter()
        .find(|a| a.name == "Sergei Ryabkov")
        .unwrap();
    assert_eq!(ry.member_of, ["Russia"]);
    assert_eq!(ry.role.as_deref(), Some("deputy foreign minister"));
    let ministry = by(&r, "Russian Foreign Ministry", "said");
    assert_eq!(ministry.speaker_text.as_deref(), Some("The ministry"));
    let kind = r
        .actors
        .iter()
        .find(|a| a.name == "Russian Foreign Ministry")
        .unwrap()
        .kind
        .clone();
    assert_eq!(kind.as_deref(), Some("organization"));
}

#[test]
fn relays_denials_refusals_and_figures() {
    let r = record();
    let told = by(&r, "rebels", "told");
    assert_eq!(told.via, ["Reuters"]);
    assert!(told.text.starts_with("they had received a proposal"));
    let deny = by(&r, "Russian Foreign Ministry", "denied");
    assert_eq!(deny.stance, "deny");
    assert_eq!(deny.denies, std::slice::from_ref(&told.id));
    assert_eq!(
        by(&r, "Syrian government", "declined to comment").stance,
        "refuse_comment"
    );
    let un = by(&r, "United Nations", "According to");
    assert!(un
        .quantities
        .iter()
        .any(|q| q.value == 3_000_000.0 && q.approximate));
    assert!(un
        .quantities
        .iter()
        .any(|q| q.value == 120_000.0 && !q.approximate));
    let diplomat = by(&r, "A Western diplomat", "said");
    let kind = r
        .actors
        .iter()
        .find(|a| a.name == diplomat.speaker)
        .unwrap()
        .kind
        .clone();
    assert_eq!(kind.as_deref(), Some("unknown"));
}

/// The learned tagger proposes cues the lexicon does not list; the rules read them.
#[test]
fn the_tagger_adds_cues_the_lexicon_lacks() {
    let text = "Senator Ana Lima quipped that the budget was a mess.\n\n\
                Ben Cruz, the mayor of the town, groused that taxes were too high.";
    let extract_with = |tagger: bool| {
        let opts = ExtractOptions {
            lang: Some("en".into()),
            narrative: false,
            tagger,
            ..ExtractOptions::default()
        };
        extract(text, &opts).unwrap()
    };
    let rules_only = extract_with(false);
    assert!(rules_only.claims.is_empty(), "{:#?}", rules_only.claims);
    let r = extract_with(true);
    assert_eq!(by(&r, "Ana Lima", "quipped").text, "the budget was a mess");
    assert_eq!(by(&r, "Ben Cruz", "groused").text, "taxes were too high");
}

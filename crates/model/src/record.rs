//! The article-record interchange format (JSON Lines, one article per line), as
//! `../shared/bench/README.md` defines it, plus the optional fields text extraction adds
//! (`text`, `times`, `actors`, and per claim `speaker_text`, `sentence`, `span`, `kind`,
//! `denies`, `supports`, `said_basis`, `cue_span`, `speaker_span`, `content_span`). These serde types are the wire format of `ingest` and `extract`;
//! `schema/article.schema.json` is generated from them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One line of a JSON Lines file: an article and the claims reported in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleRecord {
    /// The article's metadata.
    pub article: ArticleMeta,
    /// The claims the article reports, in text order.
    #[serde(default)]
    pub claims: Vec<ClaimRecord>,
    /// Actors known to the producer of the record (extraction fills it): kinds, roles,
    /// membership and aliases of speakers and relays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorRecord>,
    /// Every temporal expression found in the text (extraction only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<TimeMention>,
}

/// The article part of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// Unique in the store.
    pub id: String,
    /// Name of the outlet that published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Byline, as written.
    #[serde(default)]
    pub author: Option<String>,
    /// Publication time: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an RFC 3339 datetime.
    #[serde(default)]
    pub published: Option<String>,
    /// Language code of the text (`vi`, `en`).
    #[serde(default)]
    pub lang: Option<String>,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Where the article was published online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article text, when the record came from text; provenance spans index into it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One claim of a record, with names still as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// Unique in the store; by convention `<article id>#<index in article>`.
    pub id: String,
    /// Canonical name of who made the claim.
    pub speaker: String,
    /// The reporting word as written ("said", "phủ_nhận"); null for the article's own voice.
    #[serde(default)]
    pub cue: Option<String>,
    /// assert, deny, propose, confirm, refuse_comment, question or report.
    pub stance: String,
    /// The content of the claim.
    pub text: String,
    /// When it was said: a date, month, year or RFC 3339 datetime.
    #[serde(default)]
    pub said: Option<String>,
    /// When the event it is about happened.
    #[serde(default)]
    pub when: Option<WhenRecord>,
    /// Relay chain, innermost first.
    #[serde(default)]
    pub via: Vec<String>,
    /// Topics the claim is about.
    #[serde(default)]
    pub about: Vec<String>,
    /// Figures stated in the claim.
    #[serde(default)]
    pub quantities: Vec<QuantityRecord>,
    /// Earlier claims this one answers; with stance deny it is a denial, with assert or
    /// confirm a support (see `docs/storage.md`).
    #[serde(default)]
    pub responds_to: Vec<String>,
    /// External ids of claims this one denies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub denies: Vec<String>,
    /// External ids of claims this one supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<String>,
    /// `reported` (default) or `narrative` (the article's own voice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The speaker as written in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
    /// 0-based sentence index in the article text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<u32>,
    /// Byte offsets `[start, end)` of the claim in the article text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<[u32; 2]>,
    /// How the said time was decided: `explicit` (a time phrase in the claim's own
    /// reporting clause), `inherited` (from the lead's event date or the previous claim),
    /// or `none` (no said time). Absent when the record does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_basis: Option<String>,
    /// Character offsets `[start, end)` of the reporting cue in the article text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_span: Option<[u32; 2]>,
    /// Character offsets `[start, end)` of the speaker mention in the article text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<[u32; 2]>,
    /// Character offsets of the content in the article text; several spans when the
    /// content is discontinuous (a quotation broken by its reporting clause).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_span: Vec<[u32; 2]>,
}

/// An event time: either end may be missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct WhenRecord {
    /// Beginning, in any form `said` accepts; missing is open to the past.
    #[serde(default)]
    pub start: Option<String>,
    /// End, in any form `said` accepts; missing is open to the future.
    #[serde(default)]
    pub end: Option<String>,
}

/// A figure stated in a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct QuantityRecord {
    /// The number, in `unit`s.
    pub value: f64,
    /// What is counted or measured ("people", "km").
    #[serde(default)]
    pub unit: Option<String>,
    /// The figure as written ("120.000", "hàng chục ngàn").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// True for "about 3 million", "tens of thousands".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// What the producer of a record knows about one actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ActorRecord {
    /// Canonical name, as claims' `speaker` and `via` write it.
    pub name: String,
    /// person, organization, country, group, media or unknown (unnamed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Title or function, e.g. "Deputy Foreign Minister".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Names of the organizations or countries the actor belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_of: Vec<String>,
    /// Other names the actor goes by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A temporal expression found in text, with its TIMEX3-style value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct TimeMention {
    /// The expression as written.
    pub text: String,
    /// Byte offsets `[start, end)` in the article text.
    pub span: [u32; 2],
    /// TIMEX3 value: `2016-12-11`, `XXXX-12-11`, `PT48H`, `PAST_REF`, ...
    pub value: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

/// The JSON Schema of one record line, as checked in at `schema/article.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ArticleRecord);
    // A schema of our own types always serializes.
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_example() {
        let line = r#"{"article": {"id": "art-000001", "publisher": "Reuters", "author": "Jane Roe", "published": "2016-12-12T08:00:00Z", "lang": "en", "title": "..."}, "claims": [{"id": "art-000001#0", "speaker": "Russia", "cue": "denied", "stance": "deny", "text": "no agreement", "said": "2016-12-11", "when": {"start": "2016-12-11", "end": null}, "via": ["RIA"], "about": ["Aleppo", "rebels"], "quantities": [{"value": 120000, "unit": "civilians"}], "responds_to": ["art-000000#3"]}]}"#;
        let rec: ArticleRecord = serde_json::from_str(line).unwrap();
        assert_eq!(rec.claims[0].via, ["RIA"]);
        assert_eq!(rec.claims[0].quantities[0].value, 120000.0);
    }

    #[test]
    fn checked_in_schema_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schema/article.schema.json"
        );
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(path, json_schema()).unwrap();
            return;
        }
        assert_eq!(
            on_disk,
            json_schema(),
            "schema/article.schema.json is stale: run UPDATE_SCHEMA=1 cargo test checked_in_schema"
        );
    }
}

//! The article's own voice: sentences that attribute nothing but state a time, a figure or
//! an event become claims of the outlet (`kind` narrative, no cue), so that timelines carry
//! the background events too.

use super::actors::ActorBook;
use super::lang::LangData;
use super::quantity;
use super::sentence::{is_open_quote, Sentence};
use super::times::TimeHit;
use super::token::{Token, TokenKind};
use claimgraph_model::names;
use claimgraph_model::record::{ClaimRecord, WhenRecord};
use claimgraph_model::TimePoint;

pub struct Input<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    pub lang: &'a LangData,
    pub times: &'a [TimeHit],
    pub skip: &'a [Option<usize>],
    pub attributed: &'a [usize],
    pub outlet: &'a str,
    pub published: Option<&'a TimePoint>,
    pub book: &'a ActorBook<'a>,
}

/// Fewer words than this make a caption or a fragment, not a statement.
const MIN_WORDS: usize = 5;

pub fn claims(input: &Input) -> Vec<ClaimRecord> {
    let mut out = Vec::new();
    let spans: Vec<(usize, usize)> = input.times.iter().map(|t| (t.start, t.end)).collect();
    for (idx, s) in input.sentences.iter().enumerate() {
        if input.skip.contains(&Some(idx)) || input.attributed.contains(&idx) {
            continue;
        }
        let toks = &input.tokens[s.first..s.end];
        let words = toks.iter().filter(|t| t.kind != TokenKind::Punct).count();
        if words < MIN_WORDS
            || toks
                .first()
                .is_some_and(|t| is_open_quote(&t.key) || t.key == "\"")
        {
            continue;
        }
        let times: Vec<&TimeHit> = input
            .times
            .iter()
            .filter(|t| t.start >= s.start_byte && t.end <= s.end_byte)
            .collect();
        let quantities = quantity::find(toks, input.text, input.lang, &spans);
        if times.is_empty() && quantities.is_empty() {
            continue;
        }
        let when = times.iter().find_map(|t| t.point).map(|p| WhenRecord {
            start: Some(p.to_string()),
            end: None,
        });
        let mut text = names::display(&input.text[s.start_byte..s.end_byte]);
        if text.ends_with(" .") {
            text.truncate(text.len() - 2);
        }
        out.push(ClaimRecord {
            id: String::new(),
            speaker: input.outlet.to_string(),
            cue: None,
            stance: "assert".into(),
            text,
            said: input.published.map(|p| p.to_string()),
            when,
            about: input.book.topics(input.text, toks),
            quantities,
            kind: Some("narrative".into()),
            sentence: Some(idx as u32),
            span: Some([s.start_byte as u32, s.end_byte as u32]),
            ..ClaimRecord::default()
        });
    }
    out
}

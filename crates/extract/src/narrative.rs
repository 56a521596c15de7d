//! The article's own voice: sentences that attribute nothing but state a time, a figure or
//! an event become claims of the outlet (`kind` narrative, no cue), so that timelines carry
//! the background events too.

use super::actors::ActorBook;
use super::claim::Claim;
use super::lang::LangData;
use super::quantity;
use super::sentence::{is_open_quote, Sentence};
use super::times;
use super::timex::TimexMatch;
use super::token::{Token, TokenKind};
use claimgraph_model::{ClaimKind, Stance, TimePoint};

/// What the narrative step reads.
pub(crate) struct Input<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    pub(crate) sentences: &'a [Sentence],
    pub(crate) lang: &'a LangData,
    pub(crate) times: &'a [TimexMatch],
    pub(crate) skip: &'a [Option<usize>],
    pub(crate) attributed: &'a [usize],
    pub(crate) outlet: &'a str,
    pub(crate) published: Option<&'a TimePoint>,
    pub(crate) book: &'a ActorBook<'a>,
}

/// Fewer words than this make a caption or a fragment, not a statement.
const MIN_WORDS: usize = 5;

/// The article's own statements, numbered later.
pub(crate) fn claims(input: &Input) -> Vec<Claim> {
    let mut out = Vec::new();
    let spans: Vec<(usize, usize)> = input.times.iter().map(|t| t.span).collect();
    // A flag per sentence: asking `attributed.contains` per sentence was quadratic.
    let mut attributed = vec![false; input.sentences.len()];
    for &i in input.attributed {
        if let Some(flag) = attributed.get_mut(i) {
            *flag = true;
        }
    }
    for (idx, s) in input.sentences.iter().enumerate() {
        crate::work::step(1);
        if input.skip.contains(&Some(idx)) || attributed[idx] {
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
        let times: Vec<&TimexMatch> = times::starting_in(input.times, s.start_byte, s.end_byte)
            .iter()
            .filter(|t| t.span.0 >= s.start_byte && t.span.1 <= s.end_byte)
            .collect();
        let quantities = quantity::find(toks, input.text, input.lang, &spans);
        if times.is_empty() && quantities.is_empty() {
            continue;
        }
        let when = times.iter().find_map(|t| t.point);
        let raw = input.text[s.start_byte..s.end_byte].trim_end();
        // A segmented sentence's detached final stop ("… mở lại .") is left out.
        let text = super::display::prose(raw.strip_suffix(" .").unwrap_or(raw));
        let content_bytes = (s.start_byte, input.text[..s.end_byte].trim_end().len());
        let mut claim = Claim::new(
            input.outlet.to_string(),
            Stance::Assert,
            text,
            ClaimKind::Narrative,
        );
        claim.said = input.published.copied();
        // The outlet says it when it publishes: the said time comes from the article.
        claim.said_basis = crate::said::SaidBasis::Inherited;
        claim.when = when;
        claim.about = input.book.topics(input.text, toks);
        claim.quantities = quantities;
        claim.sentence = idx as u32;
        claim.span = [s.start_byte as u32, s.end_byte as u32];
        claim.content_bytes = vec![content_bytes];
        out.push(claim);
    }
    out
}

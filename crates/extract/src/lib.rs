//! Text extraction: an article's text → an [`ArticleRecord`] with the claims a careful reader
//! sees in it (who said what, when, relayed by whom, denying what, with the numbers).
//!
//! The pipeline, one small private module each: `token` (tokenizer) → `sentence` (splitter)
//! → `attribution` (cue matcher and patterns) → `actors` (speaker resolver, gazetteer,
//! anaphora) → `links` (denials and confirmations of earlier claims) → `narrative` (the
//! article's own voice) with `byline`, `quantity` and `times` (the bridge to [`timex`]).
//! Claims stay typed (`claim`) until the record is written. Language knowledge lives in
//! `schema/` and is loaded by [`lang`], whose registry lists the languages. See
//! `docs/extraction.md`.
//!
//! The public API: [`extract`], [`extract_bytes`], [`ExtractOptions`], [`ExtractError`],
//! [`enrich`], [`text_id`], [`detect_lang`], the time tagger ([`timex::find_times`]), the
//! languages ([`lang::languages`], [`lang::parse_actor_file`]) and the learned cue tagger's
//! training ([`tagger::train`], [`tagger::evaluate`], [`tagger::Model`]).

#![warn(missing_docs)]

mod actors;
mod attribution;
mod byline;
mod claim;
mod display;
mod enrich;
pub use enrich::enrich;
mod fasthash;
pub mod feed;
pub mod lang;
mod links;
mod narrative;
mod offsets;
mod passive;
mod quantity;
mod said;
mod sentence;
mod tagged;
pub mod tagger;
mod times;
pub mod timex;
mod token;
mod work;

use actors::{Actor, ActorBook, Gazetteer};
use attribution::{Found, SentenceReader};
use claim::Claim;
use claimgraph_model::record::{ArticleMeta, ArticleRecord, QuantityRecord};
use claimgraph_model::{ClaimKind, TimeError, TimePoint};
use lang::{ActorEntry, LangError};
use sha2::{Digest, Sha256};
use timex::TimexMatch;
use token::{Token, TokenKind};

/// What the caller knows about the article.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// `vi` or `en`; `None` detects the language.
    pub lang: Option<String>,
    /// Publication date (`YYYY-MM-DD` or RFC 3339): resolves partial dates.
    pub published: Option<String>,
    /// The outlet, when the byline does not name it.
    pub publisher: Option<String>,
    /// Article id; defaults to `txt-` and the first 12 hex digits of the text's SHA-256.
    pub id: Option<String>,
    /// The headline; default: a short first paragraph followed by a blank line.
    pub title: Option<String>,
    /// Emit the article's own statements (time, figures, events) as narrative claims.
    pub narrative: bool,
    /// Extra gazetteer entries (a user's `--actors` file); they win over built-in ones.
    pub extra_actors: Vec<ActorEntry>,
    /// Let the language's learned cue tagger, when it has one, add cues the lexicon lacks.
    pub tagger: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            lang: None,
            published: None,
            publisher: None,
            id: None,
            title: None,
            narrative: true,
            extra_actors: Vec::new(),
            tagger: true,
        }
    }
}

/// Why an article could not be extracted.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// No text, or only whitespace.
    #[error("the input is empty")]
    Empty,
    /// A NUL byte: not text.
    #[error("the input looks binary (NUL byte at offset {offset}), not text")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// Bytes that are not UTF-8.
    #[error("the input is not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 {
        /// Byte offset of the first bad byte.
        offset: usize,
    },
    /// An unknown language, or language data that does not parse.
    #[error(transparent)]
    Lang(#[from] LangError),
    /// A publication date that is not a date.
    #[error("--published: {0}")]
    Published(#[from] TimeError),
}

/// Extracts from raw bytes, checking that they are text first.
pub fn extract_bytes(bytes: &[u8], opts: &ExtractOptions) -> Result<ArticleRecord, ExtractError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Some(offset) = bytes.iter().take(1 << 16).position(|&b| b == 0) {
        return Err(ExtractError::Binary { offset });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ExtractError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    extract(text, opts)
}

/// The default article id of a text.
pub fn text_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("txt-{hex}")
}

pub use lang::detect_lang;

fn surface<'t>(text: &'t str, tokens: &[Token], (a, b): (usize, usize)) -> &'t str {
    if a >= b {
        return "";
    }
    &text[tokens[a].start..tokens[b - 1].end]
}

/// The content's tokens without the quotation marks around it and its closing punctuation.
fn content_range(tokens: &[Token], (mut a, mut b): (usize, usize)) -> (usize, usize) {
    let quote = |t: &Token| {
        sentence::is_open_quote(&t.key) || sentence::is_close_quote(&t.key) || t.key == "\""
    };
    while a < b && quote(&tokens[a]) {
        a += 1;
    }
    while b > a && (quote(&tokens[b - 1]) || matches!(tokens[b - 1].key.as_str(), "," | "." | ";"))
    {
        b -= 1;
    }
    (a, b)
}

/// The bytes of a token range (`None` when it is empty).
fn byte_range(tokens: &[Token], (a, b): (usize, usize)) -> Option<(usize, usize)> {
    (a < b).then(|| (tokens[a].start, tokens[b - 1].end))
}

/// Extracts the claims of one article.
pub fn extract(text: &str, opts: &ExtractOptions) -> Result<ArticleRecord, ExtractError> {
    check_text(text)?;
    // Decomposed input (NFD, as some Vietnamese keyboards and macOS write it) would match no
    // cue, title or alias of the NFC language data; every step reads the composed text, and
    // the record keeps it so spans point into `article.text`.
    let composed = composed(text);
    let text: &str = &composed;
    let lang_code = match opts.lang.as_deref() {
        None | Some(AUTO) => detect_lang(text),
        Some(code) => code,
    };
    let data = lang::lang_data(lang_code)?;
    let published_text = opts
        .published
        .clone()
        .or_else(|| byline::dateline(text, data));
    let published = published_text
        .as_deref()
        .map(TimePoint::parse)
        .transpose()?;
    let own_gazetteer;
    let gazetteer: &Gazetteer = if opts.extra_actors.is_empty() {
        &data.gazetteer
    } else {
        own_gazetteer = Gazetteer::new([data.actors.as_slice(), opts.extra_actors.as_slice()]);
        &own_gazetteer
    };
    let tokens = token::tokenize(text);
    let sentences = sentence::split(&tokens, data);
    let tags = match tagger::model_for(lang_code).filter(|_| opts.tagger) {
        Some(model) => tagger::tag_document(model, text, &tokens, &sentences, data),
        None => Vec::new(),
    };
    let doc = Doc {
        text,
        tokens: &tokens,
        sentences: &sentences,
        data,
        published: published.as_ref(),
        tags: &tags,
    };
    let id = opts.id.clone().unwrap_or_else(|| text_id(text));
    let (by, byline_sentence) = doc.byline();
    let publisher = opts.publisher.clone().or(by.publisher.clone());
    let title_sentence = title_sentence(&tokens, &sentences);
    let title = opts.title.clone().or_else(|| {
        title_sentence
            .map(|i| display::prose(&text[sentences[i].start_byte..sentences[i].end_byte]))
    });
    let times = times::find(text, lang_code, published.as_ref());
    let time_spans: Vec<(usize, usize)> = times.iter().map(|t| t.span).collect();

    let mut book = ActorBook::new(data, gazetteer);
    let found = doc.attributions(&mut book, gazetteer, &time_spans, byline_sentence);
    let mut claims = doc.reported_claims(
        &found,
        &times,
        &time_spans,
        &book,
        &id,
        &[byline_sentence, title_sentence],
    );
    links::link(&mut claims, &found, &tokens, data);
    if opts.narrative {
        let outlet = publisher.clone().unwrap_or_else(|| id.clone());
        let input = narrative::Input {
            text,
            tokens: &tokens,
            sentences: &sentences,
            lang: data,
            times: &times,
            skip: &[byline_sentence, title_sentence],
            attributed: &found.iter().map(|f| f.sentence).collect::<Vec<_>>(),
            outlet: &outlet,
            published: published.as_ref(),
            book: &book,
        };
        let narrative = narrative::claims(&input);
        if !narrative.is_empty() {
            book.add_outlet(&outlet);
        }
        add_in_text_order(&mut claims, narrative, &id);
    }
    if let Some(p) = &publisher {
        book.add_outlet(p);
    }

    Ok(ArticleRecord {
        article: ArticleMeta {
            id,
            publisher,
            author: by.author,
            published: published_text,
            lang: Some(lang_code.to_string()),
            title,
            url: None,
            text: Some(text.to_string()),
        },
        claims: {
            let chars = offsets::CharIndex::new(text);
            claims.into_iter().map(|c| c.into_record(&chars)).collect()
        },
        actors: book.actors.iter().map(Actor::record).collect(),
        times: times.iter().map(times::mention).collect(),
    })
}

/// `text` in Unicode normalization form C, borrowed when it already is.
fn composed(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// `--lang auto`: detect the language.
const AUTO: &str = "auto";

/// Empty or binary text is not an article.
fn check_text(text: &str) -> Result<(), ExtractError> {
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    if let Some(offset) = text.bytes().take(1 << 16).position(|b| b == 0) {
        return Err(ExtractError::Binary { offset });
    }
    Ok(())
}

/// The article being extracted: its text, tokens, sentences and language.
struct Doc<'a> {
    text: &'a str,
    tokens: &'a [Token],
    sentences: &'a [sentence::Sentence],
    data: &'a lang::LangData,
    /// The publication time: no claim was said after it.
    published: Option<&'a TimePoint>,
    /// The learned tagger's tags of every token (empty without a tagger).
    tags: &'a [(tagger::Tag, f32)],
}

impl Doc<'_> {
    /// The byline, at the very end (or start) of the article, and its sentence; else a
    /// closing author line.
    fn byline(&self) -> (byline::Byline, Option<usize>) {
        let (text, tokens, sentences) = (self.text, self.tokens, self.sentences);
        for idx in [sentences.len().checked_sub(1), Some(0)]
            .into_iter()
            .flatten()
            .filter(|&i| i < sentences.len())
        {
            let s = sentences[idx];
            if let Some(b) =
                byline::parse(&text[s.start_byte..s.end_byte], &self.data.byline_prefix)
            {
                return (b, Some(idx));
            }
        }
        let mut by = byline::Byline::default();
        if let Some(last) = sentences.len().checked_sub(1).filter(|&i| i > 0) {
            let s = sentences[last];
            if let Some(author) = byline::author_line(text, &tokens[s.first..s.end], self.data) {
                by.author = Some(author);
                return (by, Some(last));
            }
        }
        (by, None)
    }

    /// The attributions of every sentence but the byline; a sentence that only goes on with
    /// the quotation before extends that attribution's content.
    fn attributions(
        &self,
        book: &mut ActorBook,
        gazetteer: &Gazetteer,
        time_spans: &[(usize, usize)],
        byline_sentence: Option<usize>,
    ) -> Vec<Found> {
        let tokens = self.tokens;
        let mut found: Vec<Found> = Vec::new();
        for (idx, s) in self.sentences.iter().enumerate() {
            if Some(idx) == byline_sentence {
                continue;
            }
            let reader = SentenceReader::new(self.text, tokens, self.data, *s)
                .with_gazetteer(gazetteer)
                .with_times(time_spans)
                .with_tags(self.tags);
            let here = reader.attributions(book, idx);
            // "He said:" closing its sentence: the sentence after it is what was said.
            if let Some(last) = found.last_mut().filter(|f| {
                here.is_empty()
                    && f.sentence + 1 == idx
                    && f.content.is_none()
                    && ends_with_colon(tokens, self.sentences[f.sentence], f.cue_tokens.1)
            }) {
                if let Some(content) = without_edge_punctuation(tokens, *s) {
                    last.content = Some(content);
                    continue;
                }
            }
            if here.is_empty() && continues_quote(tokens, self.sentences, idx) {
                // The last part of the attribution (its content, or a quotation that
                // went on after the speaker) is in the sentence before.
                let prev = self.sentences[idx - 1];
                if let Some(last) = found.last_mut().filter(|f| {
                    let end = f
                        .more
                        .last()
                        .copied()
                        .or(f.content)
                        .map_or(f.cue_tokens.1, |r| r.1);
                    prev.first < end && end <= prev.end
                }) {
                    if let Some(part) = without_edge_punctuation(tokens, *s) {
                        last.more.push(part);
                    }
                    continue;
                }
            }
            found.extend(here);
            book.note_mentions(&tokens[s.first..s.end]);
        }
        found
    }

    /// One claim per attribution, numbered in the order found.
    fn reported_claims(
        &self,
        found: &[Found],
        times: &[TimexMatch],
        time_spans: &[(usize, usize)],
        book: &ActorBook,
        id: &str,
        skip: &[Option<usize>],
    ) -> Vec<Claim> {
        let (text, tokens) = (self.text, self.tokens);
        let mut claims: Vec<Claim> = Vec::new();
        let mut said_times = said::SaidTimes::new(self.said_context(times, skip));
        for f in found {
            let content_bytes = f.content.map(|(a, b)| (tokens[a].start, tokens[b - 1].end));
            let (said, said_basis) = said_times.next(f);
            let when = content_bytes
                .map_or(&[][..], |(a, b)| times::starting_in(times, a, b))
                .iter()
                .find(|t| inside(t, content_bytes) && t.point.is_some())
                .and_then(|t| t.point);
            let content = self.content(f, book, time_spans);
            // The mention ends where its actor's name does ("Tờ Asahi của Nhật" → "Tờ Asahi").
            let speaker_tokens = (
                f.speaker_tokens.0,
                attribution::without_possessive_place(tokens, book, f.speaker_tokens)
                    .max(f.speaker_tokens.0 + 1)
                    .min(f.speaker_tokens.1),
            );
            let mut lo = f.speaker_tokens.0.min(f.cue_tokens.0);
            let mut hi = f.speaker_tokens.1.max(f.cue_tokens.1);
            for &(a, b) in f.content.iter().chain(&f.more) {
                lo = lo.min(a);
                hi = hi.max(b);
            }
            let speaker_text = f
                .speaker_text
                .clone()
                .unwrap_or_else(|| surface(text, tokens, speaker_tokens).to_string());
            let mut claim = Claim::new(
                f.speaker.name.clone(),
                f.stance,
                content.text,
                ClaimKind::Reported,
            );
            claim.id = format!("{id}#{}", claims.len());
            claim.cue = Some(display::prose(surface(text, tokens, f.cue_tokens)));
            claim.said = said;
            claim.said_basis = said_basis;
            claim.when = when;
            claim.via = f.via.clone();
            claim.about = content.about;
            claim.quantities = content.quantities;
            claim.speaker_text = Some(speaker_text);
            claim.cue_bytes = byte_range(tokens, f.cue_tokens);
            claim.speaker_bytes = byte_range(tokens, speaker_tokens);
            claim.content_bytes = content.spans;
            claim.sentence = f.sentence as u32;
            claim.span = [tokens[lo].start as u32, tokens[hi - 1].end as u32];
            claims.push(claim);
        }
        claims
    }

    /// What said times are decided from; `skip` are the byline and title sentences.
    fn said_context<'t>(
        &'t self,
        times: &'t [TimexMatch],
        skip: &[Option<usize>],
    ) -> said::SaidContext<'t> {
        let mut cx = said::SaidContext {
            text: self.text,
            tokens: self.tokens,
            sentences: self.sentences,
            data: self.data,
            times,
            published: self.published,
            doc_year: said::doc_year(times),
            lead: None,
        };
        cx.lead = said::lead_date(&cx, skip);
        cx
    }

    /// A claim's text, figures, topics and content spans: its content and the quotations
    /// that go on with it, or the cue alone.
    fn content(&self, f: &Found, book: &ActorBook, time_spans: &[(usize, usize)]) -> Content {
        let (text, tokens, data) = (self.text, self.tokens, self.data);
        let Some(range) = f.content else {
            return Content {
                text: display::prose(surface(text, tokens, f.cue_tokens)),
                ..Content::default()
            };
        };
        let toks = &tokens[range.0..range.1];
        let mut about = book.topics(text, toks);
        about.retain(|a| *a != f.speaker.name && !f.via.contains(a));
        let mut out = Content {
            quantities: quantity::find(toks, text, data, time_spans),
            about,
            ..Content::default()
        };
        for (i, &part) in std::iter::once(&range).chain(&f.more).enumerate() {
            let trimmed = content_range(tokens, part);
            if i > 0 {
                out.text.push(' ');
                out.quantities.extend(quantity::find(
                    &tokens[part.0..part.1],
                    text,
                    data,
                    time_spans,
                ));
            }
            out.text
                .push_str(&display::prose(surface(text, tokens, trimmed)));
            out.spans.extend(byte_range(tokens, trimmed));
        }
        out
    }
}

/// What a claim says, as [`Doc::content`] reads it.
#[derive(Default)]
struct Content {
    text: String,
    quantities: Vec<QuantityRecord>,
    about: Vec<String>,
    /// Byte ranges of the content in the text.
    spans: Vec<(usize, usize)>,
}

/// Whether a time lies inside a byte range.
fn inside(t: &TimexMatch, range: Option<(usize, usize)>) -> bool {
    range.is_some_and(|(a, b)| a <= t.span.0 && t.span.1 <= b)
}

/// Adds the narrative claims and puts all claims in text order, ids following it.
fn add_in_text_order(claims: &mut Vec<Claim>, narrative: Vec<Claim>, id: &str) {
    for mut c in narrative {
        c.id = format!("{id}#{}", claims.len());
        claims.push(c);
    }
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&i| (claims[i].span[0], i));
    renumber(claims, &order, id);
}

/// Reorders claims and rewrites their ids and the ids their links name.
fn renumber(claims: &mut Vec<Claim>, order: &[usize], id: &str) {
    let old_ids: Vec<String> = claims.iter().map(|c| c.id.clone()).collect();
    let mut new_id = std::collections::HashMap::new();
    for (new, &old) in order.iter().enumerate() {
        new_id.insert(old_ids[old].clone(), format!("{id}#{new}"));
    }
    let mut taken: Vec<Option<Claim>> = std::mem::take(claims).into_iter().map(Some).collect();
    for &old in order {
        if let Some(mut c) = taken[old].take() {
            for list in [&mut c.denies, &mut c.supports, &mut c.responds_to] {
                for target in list.iter_mut() {
                    if let Some(n) = new_id.get(target) {
                        *target = n.clone();
                    }
                }
            }
            c.id = new_id.get(&c.id).cloned().unwrap_or(c.id);
            claims.push(c);
        }
    }
}

/// A sentence that only goes on with the quotation of the sentence before, in the same
/// paragraph: `"A," he said. "B."`.
/// The tokens of a sentence without the punctuation (quotation marks included) at its
/// edges; `None` when nothing else is left.
fn without_edge_punctuation(tokens: &[Token], s: sentence::Sentence) -> Option<(usize, usize)> {
    let (mut a, mut b) = (s.first, s.end);
    while a < b && tokens[a].kind == TokenKind::Punct {
        a += 1;
    }
    while b > a && tokens[b - 1].kind == TokenKind::Punct {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// Whether only a colon (and closing punctuation) follows the cue ending at `cue_end` in its
/// sentence `s`: "Caddell continued:", "The Times reports:".
fn ends_with_colon(tokens: &[Token], s: sentence::Sentence, cue_end: usize) -> bool {
    let rest = &tokens[cue_end.min(s.end)..s.end];
    rest.first().is_some_and(|t| t.key == ":") && rest.iter().all(|t| t.kind == TokenKind::Punct)
}

fn continues_quote(tokens: &[Token], sentences: &[sentence::Sentence], idx: usize) -> bool {
    let s = sentences[idx];
    let first = &tokens[s.first];
    idx > 0
        && first.newlines_before == 0
        && (sentence::is_open_quote(&first.key) || first.key == "\"")
}

/// The headline: a short first paragraph of one sentence followed by a blank line.
fn title_sentence(tokens: &[Token], sentences: &[sentence::Sentence]) -> Option<usize> {
    let first = sentences.first()?;
    let next = sentences.get(1)?;
    let blank_after = tokens
        .get(next.first)
        .is_some_and(|t| t.newlines_before >= 2);
    let words = tokens[first.first..first.end]
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .count();
    (blank_after && words <= 30).then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_model::Stance;

    fn doc_parts(text: &str) -> (Vec<Token>, Vec<sentence::Sentence>) {
        let data = lang::lang_data("vi").unwrap();
        let tokens = token::tokenize(text);
        let sentences = sentence::split(&tokens, data);
        (tokens, sentences)
    }

    #[test]
    fn empty_and_binary_text_are_refused() {
        assert!(matches!(check_text(" \n"), Err(ExtractError::Empty)));
        assert!(matches!(
            check_text("ab\0c"),
            Err(ExtractError::Binary { offset: 2 })
        ));
        assert!(check_text("Ông Đức nói.").is_ok());
    }

    #[test]
    fn the_byline_is_found_at_the_end() {
        let text = "Ông Đức cho biết việc này là vô lý.\nTheo Đăng KhoaPháp luật TPHCM";
        let (tokens, sentences) = doc_parts(text);
        let doc = Doc {
            text,
            tokens: &tokens,
            sentences: &sentences,
            data: lang::lang_data("vi").unwrap(),
            published: None,
            tags: &[],
        };
        let (by, at) = doc.byline();
        assert_eq!(at, Some(sentences.len() - 1));
        assert_eq!(by.author.as_deref(), Some("Đăng Khoa"));
    }

    #[test]
    fn a_short_first_paragraph_is_the_title() {
        let (tokens, sentences) = doc_parts("Tiêu đề ngắn\n\nÔng Đức cho biết việc này là vô lý.");
        assert_eq!(title_sentence(&tokens, &sentences), Some(0));
        let (tokens, sentences) = doc_parts("Ông Đức cho biết việc này là vô lý.");
        assert_eq!(title_sentence(&tokens, &sentences), None);
    }

    #[test]
    fn narrative_claims_take_their_place_in_text_order() {
        let claim = |at: u32, id: &str| {
            let mut c = Claim::new("X".into(), Stance::Assert, id.into(), ClaimKind::Reported);
            c.span = [at, at + 1];
            c.id = id.into();
            c
        };
        let mut first = claim(10, "a#0");
        first.responds_to = vec!["a#1".into()];
        let mut claims = vec![first, claim(30, "a#1")];
        let narrative = vec![claim(20, "")];
        add_in_text_order(&mut claims, narrative, "a");
        let ids: Vec<(&str, u32)> = claims.iter().map(|c| (c.id.as_str(), c.span[0])).collect();
        assert_eq!(ids, [("a#0", 10), ("a#1", 20), ("a#2", 30)]);
        // Links follow the renumbering.
        assert_eq!(claims[0].responds_to, ["a#2"]);
    }

    /// Extraction's work on `article` repeated to about `size` bytes, as one text with its
    /// paragraphs and, with `one_sentence`, with no sentence or clause breaks at all.
    fn work_on(article: &str, size: usize, lang: &str, one_sentence: bool) -> u64 {
        let mut text = String::new();
        while text.len() < size {
            text.push_str(article);
            text.push_str("\n\n");
        }
        if one_sentence {
            text = text.replace(['.', '!', '?', ';', '\n'], " ");
        }
        let opts = ExtractOptions {
            lang: Some(lang.to_string()),
            published: Some("2016-12-12".to_string()),
            ..ExtractOptions::default()
        };
        work::take();
        assert!(extract(&text, &opts).is_ok());
        work::take()
    }

    /// Four times the text must cost at most about four times the work: the loops that once
    /// rescanned the whole article per sentence, cue or time expression made 1 MB take 10 s
    /// and 16 MB not finish. Counted, not timed.
    #[test]
    fn work_grows_linearly() {
        let vi = "Hà_Nội , ngày 11-12-2016 . Phe nổi_dậy nói có nhận một bức thư - Ảnh : AFP \
                  Theo Hãng tin AFP , phe nổi_dậy sẽ rời đi . \
                  Ông Nguyễn_Văn_A , người_phát_ngôn Bộ Ngoại_giao , cho biết hôm_qua \
                  120.000 dân_thường đã rời khỏi thành_phố trong 48 tiếng . \
                  \"Chúng_tôi sẽ tiếp_tục hỗ_trợ\" , ông nói vào tháng 12 tới . \
                  Theo báo Tuổi_Trẻ , hàng chục ngàn người vẫn kẹt lại từ tuần trước .";
        let en = "WASHINGTON, Dec. 11, 2016 (AP) The rebels said on Tuesday they had \
                  received a letter. \"We will keep helping,\" the spokesman said last \
                  week. About 3 million people left the city in 48 hours, officials told \
                  Reuters on December 10. He denied that 120,000 civilians were trapped; \
                  the ministry said it will open talks next May.";
        for (article, lang) in [(vi, "vi"), (en, "en")] {
            for one_sentence in [false, true] {
                let small = work_on(article, 40_000, lang, one_sentence);
                let large = work_on(article, 160_000, lang, one_sentence);
                assert!(small > 0);
                let ratio = large as f64 / small as f64;
                assert!(
                    ratio < 4.5,
                    "{lang}, one sentence {one_sentence}: work {small} → {large} (×{ratio:.2})"
                );
            }
        }
    }
}

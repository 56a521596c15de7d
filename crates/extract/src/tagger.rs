//! A learned cue and source tagger: an averaged perceptron that tags each token of a
//! sentence `O`, `B-CUE`, `I-CUE`, `B-SRC` or `I-SRC`, read greedily left to right.
//!
//! The tagger proposes; the rules dispose. `attribution` reads a tagged cue that the lexicon
//! does not list like any verb cue (speaker, content, relays, stance and said time stay the
//! rules' work); `tagged` reads a tagged cue the rules found no speaker for with the tagged
//! source nearest to it. (Letting the tagger veto lexicon cues lowered PolNeAR dev recall
//! more than it raised precision, so it does not.) A
//! language has a tagger when `schema/lang/tagger.<lang>.bin` holds weights; it is embedded
//! by the language registry and read once. Training ([`train`]) takes annotated articles (character spans of cues and
//! sources) and is deterministic for a seed: `cargo run --release --example train_tagger`.
//!
//! Features are hashed (FNV-1a of a template number and the words it reads) into a fixed
//! table of 2^18 rows, one weight per tag; the file keeps the non-zero rows,
//! quantized to 16 bits.

use super::fasthash::Fnv;
use super::lang::{CueKind, LangData};
use super::sentence::{self, Sentence};
use super::token::{self, Token, TokenKind};
use std::hash::Hasher;
use std::sync::OnceLock;

/// The tags, in weight-row order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Outside any cue or source.
    O,
    /// First token of a cue.
    CueBegin,
    /// A later token of a cue.
    CueInside,
    /// First token of a source.
    SourceBegin,
    /// A later token of a source.
    SourceInside,
}

const TAGS: [Tag; 5] = [
    Tag::O,
    Tag::CueBegin,
    Tag::CueInside,
    Tag::SourceBegin,
    Tag::SourceInside,
];
const NTAGS: usize = TAGS.len();

/// Rows of the hashed weight table.
const BUCKETS: usize = 1 << 18;
/// The file's first bytes, with its format version.
const MAGIC: &[u8; 8] = b"CGTAG\x00\x00\x01";

impl Tag {
    fn index(self) -> usize {
        self as usize
    }

    /// A cue's tag.
    pub fn is_cue(self) -> bool {
        matches!(self, Tag::CueBegin | Tag::CueInside)
    }

    /// A source's tag.
    pub fn is_source(self) -> bool {
        matches!(self, Tag::SourceBegin | Tag::SourceInside)
    }
}

/// Why a tagger could not be trained or loaded.
#[derive(Debug, thiserror::Error)]
pub enum TaggerError {
    /// The weights file is not one this version writes.
    #[error("the tagger file is not a claimgraph tagger (bad header or length)")]
    BadFile,
    /// No language data for the language.
    #[error(transparent)]
    Lang(#[from] super::lang::LangError),
}

/// The role of an annotated span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The words that signal an attribution ("said", "according to").
    Cue,
    /// Who the content is attributed to.
    Source,
}

/// One article with its annotated cue and source spans, in character offsets.
#[derive(Debug, Clone, Default)]
pub struct Annotated {
    /// The article text.
    pub text: String,
    /// `(role, first character, end character)`.
    pub spans: Vec<(Role, usize, usize)>,
}

/// Lanes of a weight row: the tags, padded with zeros to 32 bytes, so a row never straddles
/// two cache lines (tagging reads one random row per feature) and adds as whole vectors.
const LANES: usize = 8;

/// One hashed feature's weight per tag (lanes past the tags stay zero).
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Row([f32; LANES]);

/// The learned weights: one row of tag scores per hashed feature.
pub struct Model {
    weights: Vec<Row>,
}

impl Model {
    /// Reads a weights file ([`Model::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, TaggerError> {
        let body = bytes.strip_prefix(MAGIC).ok_or(TaggerError::BadFile)?;
        let (scale, rows) = body.split_at_checked(4).ok_or(TaggerError::BadFile)?;
        let scale = f32::from_le_bytes(scale.try_into().map_err(|_| TaggerError::BadFile)?);
        const ROW: usize = 4 + 2 * NTAGS;
        if rows.len() % ROW != 0 {
            return Err(TaggerError::BadFile);
        }
        let mut weights = vec![Row::default(); BUCKETS];
        for row in rows.chunks_exact(ROW) {
            let bucket = u32::from_le_bytes([row[0], row[1], row[2], row[3]]) as usize;
            let slot = weights.get_mut(bucket).ok_or(TaggerError::BadFile)?;
            for (t, w) in slot.0.iter_mut().take(NTAGS).enumerate() {
                let q = i16::from_le_bytes([row[4 + 2 * t], row[5 + 2 * t]]);
                *w = f32::from(q) * scale;
            }
        }
        Ok(Model { weights })
    }

    /// The weights file: a header, the quantization scale, then the non-zero rows.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .weights
            .iter()
            .flat_map(|row| &row.0[..NTAGS])
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut out = MAGIC.to_vec();
        out.extend(scale.to_le_bytes());
        for (bucket, row) in self.weights.iter().enumerate() {
            let q: Vec<i16> = row.0[..NTAGS]
                .iter()
                .map(|w| (w / scale).round() as i16)
                .collect();
            if q.iter().all(|&v| v == 0) {
                continue;
            }
            out.extend((bucket as u32).to_le_bytes());
            for v in q {
                out.extend(v.to_le_bytes());
            }
        }
        out
    }

    /// The sum of a token's feature rows, in feature order. It does not depend on the
    /// previous tag, so a sentence's sums are read in one pass whose random reads overlap.
    fn feature_sum(&self, features: &[u32]) -> [f32; LANES] {
        let mut sum = [0.0; LANES];
        for &f in features {
            for (acc, w) in sum.iter_mut().zip(&self.weights[f as usize].0) {
                *acc += w;
            }
        }
        sum
    }

    /// The tag scores: the feature sum plus the previous tag's row, added last, as the
    /// trained scores were.
    fn with_transition(&self, mut sum: [f32; LANES], prev: Tag) -> [f32; NTAGS] {
        for (acc, w) in sum
            .iter_mut()
            .zip(&self.weights[transition(prev) as usize].0)
        {
            *acc += w;
        }
        let mut s = [0.0; NTAGS];
        s.copy_from_slice(&sum[..NTAGS]);
        s
    }

    fn scores(&self, features: &[u32], prev: Tag) -> [f32; NTAGS] {
        self.with_transition(self.feature_sum(features), prev)
    }

    /// The tags of one sentence's tokens, with each tag's margin over the best other tag.
    pub(crate) fn tag(&self, sent: &SentenceFeatures) -> Vec<(Tag, f32)> {
        let sums: Vec<[f32; LANES]> = sent.tokens().map(|f| self.feature_sum(f)).collect();
        let mut out = Vec::with_capacity(sums.len());
        let mut prev = Tag::O;
        for sum in sums {
            let s = self.with_transition(sum, prev);
            let (best, second) = top_two(&s);
            let tag = allowed(prev, TAGS[best]);
            out.push((tag, s[best] - s[second]));
            prev = tag;
        }
        out
    }
}

/// An inside tag after a tag of another role is read as that role's beginning.
fn allowed(prev: Tag, tag: Tag) -> Tag {
    match tag {
        Tag::CueInside if !prev.is_cue() => Tag::CueBegin,
        Tag::SourceInside if !prev.is_source() => Tag::SourceBegin,
        t => t,
    }
}

fn top_two(s: &[f32; NTAGS]) -> (usize, usize) {
    let mut best = 0;
    for t in 1..NTAGS {
        if s[t] > s[best] {
            best = t;
        }
    }
    let second = (0..NTAGS)
        .filter(|&t| t != best)
        .fold(None, |acc: Option<usize>, t| match acc {
            Some(b) if s[b] >= s[t] => Some(b),
            _ => Some(t),
        })
        .unwrap_or(best);
    (best, second)
}

/// The hashed bucket of the previous-tag feature.
fn transition(prev: Tag) -> u32 {
    let mut h = Fnv::default();
    h.write(&[0xff, prev as u8]);
    (h.finish() as usize % BUCKETS) as u32
}

/// The feature buckets of every token of a sentence, in one buffer (one allocation per
/// sentence instead of one per token).
pub(crate) struct SentenceFeatures {
    buckets: Vec<u32>,
    /// Where each token's buckets end in `buckets`.
    ends: Vec<usize>,
}

impl SentenceFeatures {
    /// Each token's feature buckets, in token order.
    fn tokens(&self) -> impl Iterator<Item = &[u32]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.buckets[start..end])
    }
}

/// Builds hashed features: a template number and the strings it reads.
struct FeatureHasher {
    out: Vec<u32>,
}

impl FeatureHasher {
    /// The bucket is FNV-1a over the template byte, then each part followed by a zero byte:
    /// the trained weights are indexed by exactly these hashes.
    fn add(&mut self, template: u8, parts: &[&str]) {
        let mut h = Fnv::default();
        h.write(&[template]);
        for p in parts {
            h.write(p.as_bytes());
            h.write(&[0]);
        }
        self.out.push((h.finish() as usize % BUCKETS) as u32);
    }
}

/// What the lexicon says about each token of a sentence.
#[derive(Clone, Copy, Default)]
struct LexiconMark {
    /// Starts or continues a lexicon cue, and of which kind.
    cue: Option<(u8, bool)>,
}

fn cue_kind_code(kind: &CueKind) -> u8 {
    match kind {
        CueKind::Verb(_) => 1,
        CueKind::Relay => 2,
        CueKind::Prefix(_) => 3,
        CueKind::Refusal => 4,
        CueKind::ViaPrefix => 5,
    }
}

/// Appends a word's shape to `out`: `Xx`, `x`, `X`, `d`, or the punctuation itself.
fn push_shape(t: &Token, text: &str, out: &mut String) {
    if t.kind == TokenKind::Punct {
        out.push_str(&t.key);
        return;
    }
    let mut last = None;
    for c in text[t.start..t.end].chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if last != Some(s) {
            out.push(s);
            last = Some(s);
        }
    }
}

/// The shapes of a sentence's tokens, written into one string.
fn shapes<'s>(toks: &[Token], text: &str, arena: &'s mut String) -> Vec<&'s str> {
    let mut ends = Vec::with_capacity(toks.len());
    for t in toks {
        push_shape(t, text, arena);
        ends.push(arena.len());
    }
    let arena: &'s str = arena;
    let starts = std::iter::once(0).chain(ends.iter().copied());
    starts.zip(&ends).map(|(a, &b)| &arena[a..b]).collect()
}

fn suffix(word: &str, n: usize) -> &str {
    let start = word
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &word[start..]
}

/// The features of every token of the sentence `s`.
pub(crate) fn features(
    text: &str,
    tokens: &[Token],
    s: Sentence,
    lang: &LangData,
) -> SentenceFeatures {
    let toks = &tokens[s.first..s.end];
    let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
    let mut marks = vec![LexiconMark::default(); toks.len()];
    let mut i = 0;
    while i < keys.len() {
        if let Some((len, kind)) = lang.cues.longest(&keys, i) {
            let code = cue_kind_code(kind);
            for (j, m) in marks.iter_mut().enumerate().skip(i).take(len) {
                m.cue = Some((code, j == i));
            }
            i += len;
        } else {
            i += 1;
        }
    }
    let mut in_quote = false;
    let mut quoted = Vec::with_capacity(toks.len());
    for t in toks {
        let k = t.key.as_str();
        if sentence::is_open_quote(k) || (k == "\"" && !in_quote) {
            in_quote = true;
        } else if sentence::is_close_quote(k) || k == "\"" {
            in_quote = false;
        }
        quoted.push(in_quote);
    }
    fn lemma_of<'k>(lang: &'k LangData, k: &'k str) -> &'k str {
        lang.lemmas.get(k).map_or(k, String::as_str)
    }
    let mut shape_arena = String::with_capacity(toks.len() * 3);
    let shapes = shapes(toks, text, &mut shape_arena);
    let shape_at = |j: isize| -> &str {
        usize::try_from(j)
            .ok()
            .and_then(|j| shapes.get(j).copied())
            .unwrap_or("<>")
    };
    let quote_around = quote_around(&quoted);
    let word = |j: isize| -> &str {
        usize::try_from(j)
            .ok()
            .and_then(|j| keys.get(j).copied())
            .unwrap_or(if j < 0 { "<s>" } else { "</s>" })
    };
    // One lemma look-up per token (and one per sentence edge), not three.
    let lemmas: Vec<&str> = keys.iter().map(|k| lemma_of(lang, k)).collect();
    let edge_lemmas = (lemma_of(lang, "<s>"), lemma_of(lang, "</s>"));
    let lemma_at = |j: isize| -> &str {
        usize::try_from(j)
            .ok()
            .and_then(|j| lemmas.get(j).copied())
            .unwrap_or(if j < 0 { edge_lemmas.0 } else { edge_lemmas.1 })
    };
    let nearest_cue = |from: usize, step: isize| -> Option<usize> {
        let mut j = from as isize;
        for d in 1..=6 {
            j += step;
            let m = usize::try_from(j).ok().and_then(|j| marks.get(j))?;
            if m.cue.is_some_and(|(_, first)| first) {
                return Some(d);
            }
        }
        None
    };
    let mut f = FeatureHasher {
        out: Vec::with_capacity(toks.len() * 36),
    };
    let mut ends = Vec::with_capacity(toks.len());
    for i in 0..toks.len() {
        let ii = i as isize;
        let w = keys[i];
        let l = lemmas[i];
        let sh = shapes[i];
        f.add(0, &[]);
        f.add(1, &[w]);
        f.add(2, &[l]);
        f.add(3, &[sh]);
        f.add(4, &[suffix(w, 3)]);
        f.add(5, &[suffix(w, 2)]);
        f.add(6, &[word(ii - 1)]);
        f.add(7, &[word(ii + 1)]);
        f.add(8, &[word(ii - 2)]);
        f.add(9, &[word(ii + 2)]);
        f.add(10, &[lemma_at(ii - 1), l]);
        f.add(11, &[l, lemma_at(ii + 1)]);
        f.add(12, &[if quoted[i] { "q" } else { "-" }, sh]);
        f.add(13, &[shape_at(ii - 1), sh]);
        f.add(14, &[sh, shape_at(ii + 1)]);
        if i == 0 {
            f.add(15, &[sh]);
        }
        if i + 1 == toks.len() || (i + 2 == toks.len() && toks[i + 1].kind == TokenKind::Punct) {
            f.add(16, &[sh]);
        }
        if let Some((code, first)) = marks[i].cue {
            let code = DIGITS[usize::from(code)];
            f.add(17, &[code, if first { "b" } else { "i" }]);
            f.add(18, &[code, word(ii - 1)]);
            f.add(19, &[code, word(ii + 1)]);
        }
        if let Some(d) = nearest_cue(i, 1) {
            f.add(20, &[DIGITS[d], sh]);
            f.add(21, &[DIGITS[d], w]);
        }
        if let Some(d) = nearest_cue(i, -1) {
            f.add(22, &[DIGITS[d], sh]);
            f.add(23, &[DIGITS[d], w]);
        }
        if lang.pronouns.contains_key(w) {
            f.add(24, &[]);
        }
        if lang.person_nouns.longest(&keys, i).is_some() {
            f.add(25, &[]);
        }
        if lang.titles.longest(&keys, i).is_some() {
            f.add(26, &[]);
        }
        f.add(27, &[quote_around[i]]);
        f.add(28, &[w, word(ii + 1)]);
        f.add(29, &[word(ii - 1), w]);
        f.add(30, &[word(ii - 3)]);
        f.add(31, &[word(ii + 3)]);
        f.add(32, &[l, shape_at(ii + 1)]);
        f.add(33, &[shape_at(ii - 1), l]);
        ends.push(f.out.len());
    }
    SentenceFeatures {
        buckets: f.out,
        ends,
    }
}

/// Small numbers as feature strings, without formatting them per token.
const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// For each token, whether the sentence has quoted tokens before and after it, as two
/// digits; one pass each way, so a long sentence costs its length.
fn quote_around(quoted: &[bool]) -> Vec<&'static str> {
    let mut after = vec![false; quoted.len()];
    let mut seen = false;
    for i in (0..quoted.len()).rev() {
        after[i] = seen;
        seen |= quoted[i];
    }
    let mut before = false;
    let mut out = Vec::with_capacity(quoted.len());
    for (i, &q) in quoted.iter().enumerate() {
        out.push(match (before, after[i]) {
            (false, false) => "00",
            (false, true) => "01",
            (true, false) => "10",
            (true, true) => "11",
        });
        before |= q;
    }
    out
}

/// The tagger of a language, read once from its embedded file; `None` for a language
/// without one.
pub(crate) fn model_for(lang: &str) -> Option<&'static Model> {
    static MODELS: OnceLock<Vec<(&'static str, Option<Model>)>> = OnceLock::new();
    let models = MODELS.get_or_init(|| {
        super::lang::BUILTIN
            .iter()
            .map(|b| {
                // A file with no weight rows is a language still without a trained tagger.
                let trained = b.tagger.len() > MAGIC.len() + 4;
                (b.code, Model::from_bytes(b.tagger).ok().filter(|_| trained))
            })
            .collect()
    });
    models
        .iter()
        .find(|(code, _)| *code == lang)
        .and_then(|(_, m)| m.as_ref())
}

/// Tags of every token of the text, sentence by sentence (`O` where no tagger exists).
pub(crate) fn tag_document(
    model: &Model,
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    lang: &LangData,
) -> Vec<(Tag, f32)> {
    let mut out = vec![(Tag::O, 0.0); tokens.len()];
    for &s in sentences {
        let feats = features(text, tokens, s, lang);
        for (slot, tagged) in out[s.first..s.end].iter_mut().zip(model.tag(&feats)) {
            *slot = tagged;
        }
    }
    out
}

/// The gold tags of an annotated article's sentences.
fn gold_tags(article: &Annotated, tokens: &[Token]) -> Vec<Tag> {
    let mut byte_of_char: Vec<usize> = article.text.char_indices().map(|(b, _)| b).collect();
    byte_of_char.push(article.text.len());
    let mut tags = vec![Tag::O; tokens.len()];
    let mut owner: Vec<Option<usize>> = vec![None; tokens.len()];
    for (n, &(role, start, end)) in article.spans.iter().enumerate() {
        let (Some(&a), Some(&b)) = (byte_of_char.get(start), byte_of_char.get(end)) else {
            continue;
        };
        let first = tokens.partition_point(|t| t.end <= a);
        for (i, t) in tokens.iter().enumerate().skip(first) {
            if t.start >= b {
                break;
            }
            if tags[i] != Tag::O {
                continue;
            }
            let begin = i == 0 || owner[i - 1] != Some(n);
            tags[i] = match (role, begin) {
                (Role::Cue, true) => Tag::CueBegin,
                (Role::Cue, false) => Tag::CueInside,
                (Role::Source, true) => Tag::SourceBegin,
                (Role::Source, false) => Tag::SourceInside,
            };
            owner[i] = Some(n);
        }
    }
    tags
}

/// One training sentence: its features and gold tags.
type Example = (SentenceFeatures, Vec<Tag>);

fn examples(articles: &[Annotated], lang: &LangData) -> Vec<Example> {
    let mut out = Vec::new();
    for a in articles {
        let text = a.text.as_str();
        let tokens = token::tokenize(text);
        let gold = gold_tags(a, &tokens);
        for s in sentence::split(&tokens, lang) {
            out.push((
                features(text, &tokens, s, lang),
                gold[s.first..s.end].to_vec(),
            ));
        }
    }
    out
}

/// Trains a tagger for `lang` on annotated articles: `epochs` passes in an order shuffled
/// by `seed`, weights averaged over every step.
pub fn train(
    articles: &[Annotated],
    lang: &str,
    epochs: usize,
    seed: u64,
) -> Result<Model, TaggerError> {
    let data = super::lang::lang_data(lang)?;
    let examples = examples(articles, data);
    let mut model = Model {
        weights: vec![Row::default(); BUCKETS],
    };
    // Averaging: `totals` accumulates each weight times the steps it held that value.
    let mut totals = vec![[0.0f64; NTAGS]; BUCKETS];
    let mut stamps = vec![[0u64; NTAGS]; BUCKETS];
    let mut step = 0u64;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed | 1;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &e in &order {
            let (sent, gold) = &examples[e];
            let mut prev_guess = Tag::O;
            let mut prev_gold = Tag::O;
            for (feats, &truth) in sent.tokens().zip(gold) {
                step += 1;
                let s = model.scores(feats, prev_guess);
                let guess = TAGS[top_two(&s).0];
                if guess != truth {
                    let mut update = |bucket: u32, tag: Tag, delta: f32| {
                        let (b, t) = (bucket as usize, tag.index());
                        totals[b][t] +=
                            f64::from(model.weights[b].0[t]) * (step - stamps[b][t]) as f64;
                        stamps[b][t] = step;
                        model.weights[b].0[t] += delta;
                    };
                    for &f in feats {
                        update(f, truth, 1.0);
                        update(f, guess, -1.0);
                    }
                    update(transition(prev_gold), truth, 1.0);
                    update(transition(prev_guess), guess, -1.0);
                }
                prev_guess = guess;
                prev_gold = truth;
            }
        }
    }
    for ((row, total), stamp) in model.weights.iter_mut().zip(&totals).zip(&stamps) {
        for t in 0..NTAGS {
            let sum = total[t] + f64::from(row.0[t]) * (step - stamp[t]) as f64;
            row.0[t] = (sum / step.max(1) as f64) as f32;
        }
    }
    Ok(model)
}

/// Span-level precision, recall and F1 of the tagger's cues and sources on annotated
/// articles: `[(cue matched, predicted, gold), (source …)]`, a span matching when it
/// overlaps a gold span of its role.
pub fn evaluate(
    model: &Model,
    articles: &[Annotated],
    lang: &str,
) -> Result<[(usize, usize, usize); 2], TaggerError> {
    let data = super::lang::lang_data(lang)?;
    let mut counts = [(0, 0, 0); 2];
    for a in articles {
        let text = a.text.as_str();
        let tokens = token::tokenize(text);
        let sentences = sentence::split(&tokens, data);
        let gold = gold_tags(a, &tokens);
        let guess: Vec<Tag> = tag_document(model, text, &tokens, &sentences, data)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        for (r, is_role) in [(0, Tag::is_cue as fn(Tag) -> bool), (1, Tag::is_source)] {
            let g = spans(&gold, is_role);
            let p = spans(&guess, is_role);
            counts[r].0 += p
                .iter()
                .filter(|&&(a, b)| g.iter().any(|&(c, d)| a < d && c < b))
                .count();
            counts[r].1 += p.len();
            counts[r].2 += g.len();
        }
    }
    Ok(counts)
}

/// Token ranges of one role's spans in a tag sequence.
pub(crate) fn spans(tags: &[Tag], is_role: fn(Tag) -> bool) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        if !is_role(t) {
            continue;
        }
        let begins = matches!(t, Tag::CueBegin | Tag::SourceBegin);
        match out.last_mut() {
            Some(last) if last.1 == i && !begins => last.1 = i + 1,
            _ => out.push((i, i + 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_begin_and_inside_tags() {
        use Tag::*;
        let tags = [O, CueBegin, CueInside, SourceBegin, CueBegin, CueBegin, O];
        assert_eq!(spans(&tags, Tag::is_cue), [(1, 3), (4, 5), (5, 6)]);
        assert_eq!(spans(&tags, Tag::is_source), [(3, 4)]);
    }

    #[test]
    fn a_model_survives_its_file() {
        let mut weights = vec![Row::default(); BUCKETS];
        weights[7] = Row([1.0, -2.0, 0.5, 0.0, 0.25, 0.0, 0.0, 0.0]);
        let bytes = Model { weights }.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert!((back.weights[7].0[1] + 2.0).abs() < 1e-3);
        assert!(Model::from_bytes(b"nonsense").is_err());
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn training_learns_a_cue_it_was_shown() {
        let text = "Ana Lima grumbled that taxes rose. Ben Cruz grumbled that fees fell.";
        let article = Annotated {
            text: text.into(),
            spans: vec![
                (Role::Source, 0, 8),
                (Role::Cue, 9, 17),
                (Role::Source, 35, 43),
                (Role::Cue, 44, 52),
            ],
        };
        let model = train(std::slice::from_ref(&article), "en", 5, 7).unwrap();
        let counts = evaluate(&model, &[article], "en").unwrap();
        assert_eq!(counts[0], (2, 2, 2));
        assert_eq!(counts[1], (2, 2, 2));
    }
}

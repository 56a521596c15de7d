//! The cue matcher and the attribution patterns: for each sentence, the reported-speech acts
//! in it, each with its speaker phrase, cue, stance, content and relay chain.
//!
//! Patterns: `X <verb> C` and trailing `C, X <verb>` / `“C” – X <verb>` / `“C,” <verb> X`;
//! "Theo X, C" / "C, according to X"; "X dẫn lời Y [verb] C" and "X quoted Y as saying C"
//! (Y speaks, via X); `Nói với Reuters, X <verb> C` and "X told Reuters C" (via Reuters);
//! "X chưa bình luận" / "X declined to comment" (refuse_comment). Cues inside quotations
//! belong to the quoted speaker's words and are not attributions of the article.

use super::actors::{ActorBook, Resolved};
use super::lang::{CueKind, LangData, PrefixCue, PronounClass, VerbCue};
use super::sentence::{is_close_quote, is_dash, is_open_quote, Sentence};
use super::tagger::{self, Tag};
use super::token::{Token, TokenKind};
use claimgraph_model::{ActorKind, Stance};

/// The longest time or place phrase after a cue that leaves the content before it.
const ADJUNCT_MAX_WORDS: usize = 4;
/// How sure (score margin over the next best tag) the tagger must be of each word of a
/// cue the lexicon lacks to add it.
const TAGGER_ADD_MARGIN: f32 = 0.0;

/// How many words into a content a clause opener may come ("agrees on who", "found in
/// a study that").
const CLAUSE_OPENER_REACH: usize = 3;

/// One attribution found in a sentence. Token indices are into the article's token list.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) sentence: usize,
    pub(crate) speaker: Resolved,
    pub(crate) speaker_tokens: (usize, usize),
    /// The speaker as written when it differs from the speaker tokens ("who").
    pub(crate) speaker_text: Option<String>,
    pub(crate) cue_tokens: (usize, usize),
    pub(crate) stance: Stance,
    pub(crate) content: Option<(usize, usize)>,
    /// Quotations in following sentences that go on with the same content.
    pub(crate) more: Vec<(usize, usize)>,
    pub(crate) via: Vec<String>,
}

impl Found {
    /// An attribution whose speaker is written at `speaker_tokens`, with no quotation after.
    pub(crate) fn new(
        sentence: usize,
        speaker: Resolved,
        speaker_tokens: Range,
        cue_tokens: Range,
        stance: Stance,
        content: Option<Range>,
        via: Vec<String>,
    ) -> Found {
        Found {
            sentence,
            speaker,
            speaker_tokens,
            speaker_text: None,
            cue_tokens,
            stance,
            content,
            more: Vec::new(),
            via,
        }
    }
}

/// The cue being read and what the reading so far says about it.
struct At<'h> {
    sentence: usize,
    hit: &'h Hit,
    /// The speaker phrase may not reach below this token (the previous cue's end).
    lower: usize,
    /// Where the next cue starts (or the sentence ends).
    next_start: usize,
    /// The outlet of a via prefix earlier in the sentence ("Nói với Reuters, …").
    via: Vec<String>,
}

impl At<'_> {
    /// An attribution of this cue.
    fn found(
        &self,
        speaker: Resolved,
        speaker_tokens: Range,
        stance: Stance,
        content: Option<Range>,
        via: Vec<String>,
    ) -> Found {
        let cue = (self.hit.start, self.hit.end);
        Found::new(
            self.sentence,
            speaker,
            speaker_tokens,
            cue,
            stance,
            content,
            via,
        )
    }
}

/// What reading one cue found.
#[derive(Default)]
struct Read {
    found: Option<Found>,
    /// The attribution reaches to here: later cues before it are part of it.
    consumed_until: Option<usize>,
    /// The next cue was read with this one ("X dẫn lời Y cho biết C").
    took_next: bool,
    /// The relay of an enclosing report does not apply ("an official who said").
    no_relay: bool,
}

impl Read {
    fn one(found: Found, consumed_until: Option<usize>) -> Read {
        Read {
            found: Some(found),
            consumed_until,
            ..Read::default()
        }
    }
}

/// A token range `[start, end)`.
type Range = (usize, usize);

struct Hit {
    start: usize,
    end: usize,
    kind: CueKind,
    /// The audience inside a split cue ("cho AFP biết"): a possible relay.
    audience: Option<Range>,
}

/// The sentence being read.
pub(crate) struct SentenceReader<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub lang: &'a LangData,
    pub s: Sentence,
    gazetteer: Option<&'a super::actors::Gazetteer>,
    /// Byte ranges of temporal expressions: never part of a speaker's name.
    times: &'a [(usize, usize)],
    quotes: Vec<(usize, usize)>,
    /// The learned tagger's tag and margin for every token of the text (empty without one).
    pub(crate) tags: &'a [(Tag, f32)],
}

/// Tokens (syllables in segmented text) an organization's name may have on either side of
/// a dash inside it.
const ORG_FIELD_WORDS: usize = 6;

/// The most tokens of a place phrase between a dashed description and its cue, the
/// preposition included ("tại khu vực Đông Nam Á" in plain text).
const PLACE_PHRASE_TOKENS: usize = 8;

fn is_boundary(t: &Token) -> bool {
    t.kind == TokenKind::Punct && !matches!(t.key.as_str(), "." | "'" | "’" | "&" | "(" | ")" | "-")
}

impl<'a> SentenceReader<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token], lang: &'a LangData, s: Sentence) -> Self {
        // Quotations as (first inner token, closing mark). A closing mark with no opening
        // one in the sentence closes a quotation that began in an earlier sentence.
        let mut quotes = Vec::new();
        let mut open: Option<usize> = None;
        let straight = tokens[s.first..s.end]
            .iter()
            .filter(|t| t.key == "\"")
            .count();
        let mut straight_closes_first = straight % 2 == 1
            && tokens[s.first..s.end]
                .iter()
                .position(|t| t.key == "\"")
                .and_then(|p| tokens.get(s.first + p + 1))
                .is_some_and(|n| n.key == "," || is_dash(&n.key));
        for (i, t) in tokens.iter().enumerate().take(s.end).skip(s.first) {
            let k = t.key.as_str();
            let closing = (is_close_quote(k) && k != "’")
                || (k == "\"" && (open.is_some() || straight_closes_first));
            match open {
                _ if k == "\"" && straight_closes_first => {
                    // "“C \" , X nói": a curly opening closed by a straight mark.
                    quotes.push((open.map_or(s.first, |o| o + 1), i));
                    open = None;
                    straight_closes_first = false;
                }
                Some(o) if closing => {
                    quotes.push((o + 1, i));
                    open = None;
                }
                None if closing && k != "\"" => quotes.push((s.first, i)),
                None if (is_open_quote(k) && k != "‘") || k == "\"" => open = Some(i),
                _ => {}
            }
        }
        if let Some(o) = open {
            quotes.push((o + 1, s.end));
        }
        SentenceReader {
            text,
            tokens,
            lang,
            s,
            gazetteer: None,
            times: &[],
            quotes,
            tags: &[],
        }
    }

    /// Lets the learned tagger propose cues the lexicon lacks (`tagger`).
    pub fn with_tags(mut self, tags: &'a [(Tag, f32)]) -> Self {
        self.tags = tags;
        self
    }

    /// Lets the reader keep dates out of speaker names ("báo USA Today ngày 10-12").
    pub fn with_times(mut self, times: &'a [(usize, usize)]) -> Self {
        self.times = times;
        self
    }

    /// Lets the reader recognise outlets as audiences ("told Reuters").
    pub fn with_gazetteer(mut self, gazetteer: &'a super::actors::Gazetteer) -> Self {
        self.gazetteer = Some(gazetteer);
        self
    }

    pub(crate) fn in_quote(&self, i: usize) -> bool {
        self.quotes.iter().any(|&(inner, c)| inner <= i && i < c)
    }

    fn keys(&self) -> Vec<&'a str> {
        self.tokens[self.s.first..self.s.end]
            .iter()
            .map(|t| t.key.as_str())
            .collect()
    }

    fn hits(&self) -> Vec<Hit> {
        let keys = self.keys();
        let mut out = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let abs = self.s.first + i;
            if let Some((len, kind)) = self.lang.cues.longest(&keys, i) {
                let end = abs + len;
                let whole_words = !self.tokens[abs].joined
                    && self
                        .tokens
                        .get(end)
                        .is_none_or(|t| !t.joined || end >= self.s.end);
                // A capitalized verb opens a title or a name; one glued to the word before
                // it ("ThànhCho_biết") lost its space, not its role.
                let glued = abs > self.s.first
                    && !self.tokens[abs].space_before
                    && self.tokens[abs - 1].is_word();
                let capitalized_verb = self.tokens[abs].upper
                    && !glued
                    && matches!(kind, CueKind::Verb(_) | CueKind::Relay | CueKind::Refusal);
                let noun_use = matches!(kind, CueKind::Verb(_))
                    && (self.tokens.get(end).is_some_and(|t| {
                        end < self.s.end
                            && self.lang.noun_followers.contains(&t.key)
                            && !self.passive(abs, self.s.first)
                    }) || (abs > self.s.first
                        && self
                            .lang
                            .noun_precursors
                            .contains(&self.tokens[abs - 1].key))
                        || self.noun_marker_before(abs)
                        || self.missing_needed_word(kind, end)
                        || self.opens_person_noun(abs, len));
                if whole_words
                    && !noun_use
                    && !capitalized_verb
                    && !self.in_quote(abs)
                    && !self.in_short_parenthetical(abs)
                {
                    out.push(Hit {
                        start: abs,
                        end,
                        kind: kind.clone(),
                        audience: None,
                    });
                    i += len;
                    continue;
                }
            }
            if let Some(hit) = self.split_cue_at(abs) {
                i = hit.end - self.s.first;
                out.push(hit);
                continue;
            }
            i += 1;
        }
        self.add_tagged_cues(&mut out);
        out
    }

    /// "báo_cáo thẩm_tra nhận_định C": a cue word opening a longer person noun
    /// (`person_nouns`) is the speaker's head, not a cue.
    fn opens_person_noun(&self, at: usize, cue_len: usize) -> bool {
        self.lang
            .person_nouns
            .longest(&self.tokens[..self.s.end], at)
            .is_some_and(|(len, _)| len > cue_len)
    }

    /// Whether `at` lies in a short parenthetical ("( không nêu tên )"): an aside, no
    /// attribution of its own.
    fn in_short_parenthetical(&self, at: usize) -> bool {
        let lo = at.saturating_sub(4).max(self.s.first);
        let hi = self.s.end.min(at + 5);
        let open = (lo..at)
            .rev()
            .find(|&i| matches!(self.tokens[i].key.as_str(), "(" | ")"));
        let close = (at..hi).find(|&i| matches!(self.tokens[i].key.as_str(), "(" | ")"));
        matches!(
            (open, close),
            (Some(o), Some(c)) if self.tokens[o].key == "(" && self.tokens[c].key == ")"
        )
    }

    /// A cue split by its audience ("cho AFP biết", "cho phóng_viên biết") starting at `at`:
    /// the audience is a name or a person noun, with no boundary or cue inside.
    fn split_cue_at(&self, at: usize) -> Option<Hit> {
        let first = &self.tokens[at];
        let next = self.tokens.get(at + 1).filter(|_| at + 1 < self.s.end)?;
        if first.upper || next.joined || self.in_quote(at) || (at > self.s.first && first.joined) {
            return None;
        }
        let candidates = self.lang.split_cues.get(&first.key)?;
        let reach = self.s.end.min(at + 10);
        for j in at + 2..reach {
            let t = &self.tokens[j];
            if is_boundary(t) || (t.kind == TokenKind::Punct && t.key != ".") {
                return None;
            }
            for (rest, v) in candidates {
                let end = j + rest.len();
                let matches = end <= self.s.end
                    && rest
                        .iter()
                        .zip(&self.tokens[j..end])
                        .all(|(w, t)| *w == t.key)
                    && !t.joined
                    && self
                        .tokens
                        .get(end)
                        .is_none_or(|t| !t.joined || end >= self.s.end);
                if !matches {
                    continue;
                }
                let audience = (at + 1, j);
                let keys: Vec<&str> = self.tokens[at + 1..j]
                    .iter()
                    .map(|t| t.key.as_str())
                    .collect();
                let named = self.tokens[at + 1].upper
                    || self.lang.person_nouns.longest(&keys, 0).is_some()
                    || (self.lang.indefinites.contains(keys[0])
                        && self.lang.person_nouns.longest(&keys, 1).is_some());
                return named.then(|| Hit {
                    start: at,
                    end,
                    kind: CueKind::Verb(v.clone()),
                    audience: Some(audience),
                });
            }
            if self
                .lang
                .cues
                .longest(&self.tokens[..self.s.end], j)
                .is_some()
            {
                return None;
            }
        }
        None
    }

    /// A lowercase word of the language's noun markers ends right before `at` ("lời kêu
    /// gọi", "chính sách chia sẻ"): the cue is a noun. A whole word only: the `Bản` of
    /// `Nhật_Bản` is no marker.
    fn noun_marker_before(&self, at: usize) -> bool {
        let whole_word =
            |len: usize| len > 0 && !self.tokens[at - len].joined && !self.tokens[at - len].upper;
        // Plain text: "triển khai", "cân nhắc" are one word whose last syllable is a cue.
        let compound = self.phrase_at_end(&self.lang.compound_heads, at, self.s.first);
        whole_word(self.phrase_at_end(&self.lang.noun_markers, at, self.s.first))
            || (compound > 0 && !self.tokens[at].joined && !self.tokens[at - compound].joined)
    }

    /// A verb that reports speech only with a word after it ("gọi X là Y") lacks that word
    /// in the rest of its clause.
    fn missing_needed_word(&self, kind: &CueKind, end: usize) -> bool {
        let CueKind::Verb(VerbCue {
            needs_word: Some(word),
            ..
        }) = kind
        else {
            return false;
        };
        !self.tokens[end.min(self.s.end)..self.s.end]
            .iter()
            .take_while(|t| !is_boundary(t) && t.key != ",")
            .any(|t| t.key == *word)
    }

    /// Cues the tagger finds that no lexicon cue covers, read as verb cues (the stance of
    /// their lemma when the lexicon knows it, else an assertion).
    fn add_tagged_cues(&self, hits: &mut Vec<Hit>) {
        if self.s.end > self.tags.len() {
            return;
        }
        let tags: Vec<Tag> = self.tags[self.s.first..self.s.end]
            .iter()
            .map(|&(t, _)| t)
            .collect();
        let mut added = false;
        for (a, b) in tagger::spans(&tags, Tag::is_cue) {
            let (start, end) = (self.s.first + a, self.s.first + b);
            let first = &self.tokens[start];
            if first.kind != TokenKind::Word
                || !self.sure_cue(start, end)
                || self.known_non_speech(start, end)
                || first.upper
                || self.in_quote(start)
                || hits.iter().any(|h| h.start < end && start < h.end)
            {
                continue;
            }
            let cue = self.tokens[start..end]
                .iter()
                .map(|t| t.key.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let stance = self.lemma_stance(start, end);
            // "“C,” X said, referring to …": after a comma that follows a cue, a tagged cue
            // goes on with that cue's speaker, as a lexicon participle does.
            let participle = start > self.s.first
                && self.tokens[start - 1].key == ","
                && hits.iter().any(|h| h.end < start);
            hits.push(Hit {
                start,
                end,
                kind: CueKind::Verb(VerbCue {
                    cue,
                    stance,
                    takes_object: false,
                    needs_speaker_clause: false,
                    needs_clause: false,
                    participle,
                    needs_word: None,
                    needs_document_subject: false,
                }),
                audience: None,
            });
            added = true;
        }
        if added {
            hits.sort_by_key(|h| h.start);
        }
    }

    /// Whether the rules know the words at `[start, end)` in a sense that is no speech: a
    /// noun or adjective after a preposition or determiner ("on charges"), or a verb that
    /// needs a clause without one ("attacked the village"). The tagger does not overrule
    /// them.
    pub(crate) fn known_non_speech(&self, start: usize, end: usize) -> bool {
        if start > self.s.first
            && self
                .lang
                .noun_precursors
                .contains(&self.tokens[start - 1].key)
        {
            return true;
        }
        // "the value added by the port": a noun's modifier, not a passive cue.
        if end < self.s.end
            && self.lang.noun_followers.contains(&self.tokens[end].key)
            && !self.passive(start, self.s.first)
        {
            return true;
        }
        let keys: Vec<&str> = self.tokens[start..end]
            .iter()
            .map(|t| t.key.as_str())
            .collect();
        let needs_clause = matches!(
            self.lang.cues.longest(&keys, 0),
            Some((len, CueKind::Verb(v))) if len == keys.len() && v.needs_clause
        );
        let quote_before = start > self.s.first
            && self.content_before(start).is_some_and(|(_, b)| {
                b < self.tokens.len() && is_close_quote_or_straight(&self.tokens[b])
            });
        needs_clause
            && !quote_before
            && !self.introduces_clause(end, self.content_after(end, false).0)
    }

    /// The tagger is sure enough of every token of a cue it proposes.
    pub(crate) fn sure_cue(&self, start: usize, end: usize) -> bool {
        self.tags[start..end]
            .iter()
            .all(|&(_, margin)| margin >= TAGGER_ADD_MARGIN)
    }

    /// The stance the lexicon gives the lemma of a tagged cue's verb.
    pub(crate) fn lemma_stance(&self, start: usize, end: usize) -> Stance {
        self.tokens[start..end]
            .iter()
            .filter_map(|t| self.lang.lemmas.get(&t.key))
            .find_map(|lemma| match self.lang.cues.longest(&[lemma.as_str()], 0) {
                Some((_, CueKind::Verb(v))) => Some(v.stance),
                _ => None,
            })
            .unwrap_or(Stance::Assert)
    }

    fn phrase_at_end(
        &self,
        table: &super::lang::PhraseTable<()>,
        end: usize,
        lower: usize,
    ) -> usize {
        for len in (1..=3).rev() {
            if end >= lower + len && table.contains_phrase(&self.tokens[end - len..end]) {
                return len;
            }
        }
        0
    }

    /// The noun phrase ending right before `at` (after skipping adverbs and auxiliaries),
    /// not reaching below `lower`. Returns the range and the token that stopped the scan.
    pub(crate) fn left_np(&self, at: usize, lower: usize) -> Option<(usize, usize)> {
        let end = self.skip_between_speaker_and_cue(at, lower);
        let max = self.lang.speaker_max_words;
        let mut words = 0;
        let mut k = end;
        while k > lower {
            let t = &self.tokens[k - 1];
            if t.key == ")" {
                // Skip back over the parenthetical.
                let mut j = k - 1;
                while j > lower && self.tokens[j].key != "(" {
                    j -= 1;
                }
                if self.tokens[j].key != "(" {
                    break;
                }
                k = j;
                continue;
            }
            if is_boundary(t) || t.key == "(" {
                break;
            }
            if t.key == "-"
                && (t.space_before || self.tokens.get(k).is_some_and(|n| n.space_before))
            {
                // "Ủy_ban Tài_chính - Ngân_sách cho rằng": a dash inside an organization's
                // name; the name starts at its head.
                let short_field =
                    k < end && end - k <= ORG_FIELD_WORDS && !self.looks_like_full_name(k, end);
                if let Some(head) = self
                    .organization_before_dash(k - 1, lower)
                    .filter(|_| short_field)
                {
                    k = head;
                }
                break;
            }
            if self.lang.clause_words.contains(&t.key) && t.kind != TokenKind::Punct {
                break;
            }
            // A figure or a date ("Tối 27/6 báo X") is not part of a speaker's name.
            // "công_an quận 9": a number after a place noun is part of the place's name.
            let numbered_place =
                k >= lower + 2 && self.phrase_at_end(&self.lang.place_nouns, k - 1, lower) > 0;
            if t.kind == TokenKind::Number
                && self.tokens.get(k).is_none_or(|n| n.space_before)
                && !numbered_place
                && !self.figure_in_subject(k - 1, lower)
            {
                break;
            }
            if !t.joined {
                words += 1;
            }
            if words > max {
                break;
            }
            k -= 1;
        }
        // "In an interview he said": the pronoun right before the verb is the subject.
        if let Some(p) = (k..end).rev().find(|&i| {
            i > k
                && self
                    .lang
                    .pronouns
                    .get(&self.tokens[i].key)
                    .is_some_and(|c| *c != PronounClass::Relative)
        }) {
            k = p;
        }
        // "hãy tưởng_tượng ông ấy nói": a pronoun of several words ending the phrase is the
        // subject, the words before it are no part of the speaker.
        if let Some(len) = self.pronoun_phrase_at_end(k, end) {
            k = end - len;
        }
        (k < end).then_some((k, end))
    }

    /// Whether the number at `i` is part of a share that speaks ("22 percent said", "4 in 10
    /// said"): a `figure_subject_words` word follows it, or one comes between it and a number
    /// before it.
    fn figure_in_subject(&self, i: usize, lower: usize) -> bool {
        let words = &self.lang.figure_subject_words;
        let followed = self
            .tokens
            .get(i + 1)
            .is_some_and(|n| words.contains(&n.key));
        let ratio = i >= lower + 2
            && words.contains(&self.tokens[i - 1].key)
            && self.tokens[i - 2].kind == TokenKind::Number;
        followed || ratio
    }

    /// The length of a person pronoun of two or three words ("ông ấy", "bà ấy") ending at
    /// `end` after words from `start` that name no one ("hãy tưởng_tượng ông ấy"). Words that
    /// do ("con_trai ông ấy", "người phát_ngôn của công_ty này") keep the whole phrase.
    fn pronoun_phrase_at_end(&self, start: usize, end: usize) -> Option<usize> {
        let len = (2..=3).rev().find(|&len| {
            end > start + len && {
                let keys: Vec<&str> = self.tokens[end - len..end]
                    .iter()
                    .map(|t| t.key.as_str())
                    .collect();
                self.lang.pronouns.get(&keys.join(" ")) == Some(&PronounClass::Person)
            }
        })?;
        (!self.names_someone(start, end - len)).then_some(len)
    }

    /// Whether the words from `a` to `b` hold a head of their own: a person noun, title or
    /// organization head, a capitalized word not opening the sentence, or a possessive.
    fn names_someone(&self, a: usize, b: usize) -> bool {
        let keys: Vec<&str> = self.tokens[a..b].iter().map(|t| t.key.as_str()).collect();
        (0..keys.len()).any(|i| {
            let t = &self.tokens[a + i];
            (t.upper && t.kind == TokenKind::Word && a + i != self.s.first)
                || self.lang.place_possessives.contains(keys[i])
                || self.lang.person_nouns.longest(&keys, i).is_some()
                || self.lang.titles.longest(&keys, i).is_some()
                || self.lang.org_heads.longest(&keys, i).is_some()
        })
    }

    /// "Nguyễn_Đắc_Vinh": three or more capitalized syllables and nothing else, a person's
    /// full name rather than a field of an organization's name.
    fn looks_like_full_name(&self, a: usize, b: usize) -> bool {
        b >= a + 3
            && self.tokens[a..b]
                .iter()
                .all(|t| t.kind == TokenKind::Word && t.upper)
    }

    /// "Ủy_ban Tài_chính - ngân_sách", "Bộ Lao_động - Thương_binh": an organization head
    /// and its name words right before the dash at `dash`: where the head starts.
    fn organization_before_dash(&self, dash: usize, lower: usize) -> Option<usize> {
        let words = (lower.max(dash.saturating_sub(ORG_FIELD_WORDS))..dash)
            .rev()
            .take_while(|&j| self.tokens[j].kind == TokenKind::Word)
            .count();
        // The leftmost head: "Ủy_ban", not the "ban" inside it.
        (dash - words..dash).find(|&j| {
            !self.tokens[j].joined
                && self
                    .lang
                    .org_heads
                    .longest(&self.tokens[..dash], j)
                    // Its name opens with a capital ("Tài chính" in plain text).
                    .is_some_and(|(len, _)| j + len < dash && self.tokens[j + len].upper)
        })
    }

    /// Where the speaker phrase before the cue at `at` ends: past adverbs and auxiliaries
    /// ("đã", "also"), time expressions ("hôm 5/3", "hồi tháng 6") and a parenthetical, in
    /// any order ("X ( … ) hôm 5/3 đã cho biết").
    fn skip_between_speaker_and_cue(&self, at: usize, lower: usize) -> usize {
        let mut end = at;
        loop {
            let len = self.phrase_at_end(&self.lang.skip_before_cue, end, lower);
            if len > 0 {
                end -= len;
                continue;
            }
            // A time keeps at least one word before it for the speaker.
            if end > lower + 1 && self.in_time(&self.tokens[end - 1]) {
                end -= 1;
                continue;
            }
            if end > lower + 1 && self.tokens[end - 1].key == ")" {
                let open = (lower..end - 1).rev().find(|&i| self.tokens[i].key == "(");
                if let Some(open) = open.filter(|&o| o > lower) {
                    end = open;
                    continue;
                }
            }
            if let Some(dash) = self.dashed_place_before(end, lower) {
                end = dash;
                continue;
            }
            return end;
        }
    }

    /// "X - Giám_đốc … - tại khu_vực Đông_Nam_Á": a short place phrase (`place_before_cue`)
    /// ending at `end` right after a dash that closes a description: the dash's index.
    fn dashed_place_before(&self, end: usize, lower: usize) -> Option<usize> {
        let opener = (lower.max(end.saturating_sub(PLACE_PHRASE_TOKENS))..end)
            .rev()
            .take_while(|&j| self.tokens[j].kind == TokenKind::Word)
            .find(|&j| {
                // The preposition as a word of its own, not a syllable of "tại_chức".
                !self.tokens[j].joined
                    && !self.tokens[j + 1].joined
                    && self.lang.place_before_cue.contains(&self.tokens[j].key)
            })?;
        (opener > lower + 2 && opener + 1 < end && is_dash(&self.tokens[opener - 1].key))
            // Lazily: `then_some` would subtract before the check that makes it safe.
            .then(|| opener - 1)
    }

    /// A relative pronoun ("who") right before `at`: its index.
    fn relative_before(&self, at: usize, lower: usize) -> Option<usize> {
        let mut end = at;
        loop {
            let len = self.phrase_at_end(&self.lang.skip_before_cue, end, lower);
            if len == 0 {
                break;
            }
            end -= len;
        }
        (end > lower
            && self
                .lang
                .pronouns
                .get(&self.tokens[end - 1].key)
                .is_some_and(|c| *c == PronounClass::Relative))
        .then(|| end - 1)
    }

    /// The noun phrase starting at `at`, up to a boundary, a clause word or `stop`.
    pub(crate) fn right_np(&self, at: usize, stop: usize, max: usize) -> Option<(usize, usize)> {
        let mut k = at;
        let mut depth = 0usize;
        while k < stop && k - at < max {
            let t = &self.tokens[k];
            match t.key.as_str() {
                "(" => depth += 1,
                ")" => depth = depth.saturating_sub(1),
                _ if depth > 0 => {}
                _ if is_boundary(t) => break,
                _ if self.lang.clause_words.contains(&t.key) && k > at => break,
                _ if self
                    .lang
                    .complementizers
                    .longest(&[t.key.as_str()], 0)
                    .is_some()
                    && k > at =>
                {
                    break
                }
                _ => {}
            }
            k += 1;
        }
        while k > at && self.tokens[k - 1].kind == TokenKind::Punct && self.tokens[k - 1].key != ")"
        {
            k -= 1;
        }
        (k > at).then_some((at, k))
    }

    /// The audience after "told": an outlet ("Reuters"), a pronoun or plural ("reporters"),
    /// or a short phrase before "that".
    fn object_np(&self, at: usize) -> Option<Range> {
        let end = self.s.end.min(at + 8);
        if at >= end {
            return None;
        }
        let keys = super::actors::token_keys(&self.tokens[at..end]);
        if let Some((len, _)) = self.gazetteer_hit(&keys) {
            return Some((at, at + len));
        }
        // A time inside the audience phrase ("told reporters on 4/9 that") is not counted.
        let (mut i, mut words) = (at, 0);
        while i < self.s.end && words < 5 {
            let t = &self.tokens[i];
            if self.lang.complementizers.contains_phrase(&[t.key.as_str()]) {
                return (i > at).then_some((at, i));
            }
            let timed = self.in_time(t);
            if is_boundary(t) && !timed {
                break;
            }
            words += usize::from(!timed);
            i += 1;
        }
        let first = &self.tokens[at];
        let audience = self.lang.audience_words.contains(&first.key)
            || (!first.upper
                && first.kind == TokenKind::Word
                && self
                    .lang
                    .audience_plural_suffix
                    .as_ref()
                    .is_some_and(|r| r.matches(&first.key)));
        audience.then_some((at, at + 1))
    }

    fn gazetteer_hit(&self, keys: &[&str]) -> Option<(usize, ())> {
        self.gazetteer
            .and_then(|g| g.longest_at(keys, 0))
            .map(|(len, _)| (len, ()))
    }

    /// The quotation, or the clause before a comma, that a speaker clause starting at
    /// `clause_start` attributes ("“C” – X nói", "C, sources said").
    fn content_before(&self, clause_start: usize) -> Option<(usize, usize)> {
        let mut k = clause_start;
        let mut saw_comma = false;
        while k > self.s.first {
            let t = &self.tokens[k - 1];
            if t.key == "," {
                saw_comma = true;
            } else if !(is_dash(&t.key) || t.key == ":") {
                break;
            }
            k -= 1;
        }
        if k > self.s.first
            && (is_close_quote(&self.tokens[k - 1].key) || self.tokens[k - 1].key == "\"")
        {
            if let Some(&(inner, c)) = self.quotes.iter().find(|&&(_, c)| c == k - 1) {
                return (c > inner).then_some((inner, c));
            }
        }
        if k == clause_start {
            return None;
        }
        if saw_comma && k > self.s.first {
            let mut start = self.s.first;
            while start < k
                && (is_open_quote(&self.tokens[start].key) || self.tokens[start].key == "\"")
            {
                start += 1;
            }
            return (k > start).then_some((start, k));
        }
        None
    }

    /// Content to the right of a cue: skips an object audience (returned as a possible relay),
    /// complementizers and punctuation.
    pub(crate) fn content_after(
        &self,
        from: usize,
        takes_object: bool,
    ) -> (Option<Range>, Option<Range>) {
        let mut start = from;
        let mut object = None;
        if takes_object {
            if let Some(np) = self.object_np(start) {
                object = Some(np);
                start = np.1;
            }
        }
        // "said Tuesday that ...", "said in a statement that ...": a complementizer a few
        // words on, past adverbials only. A complementizer after other words belongs to the
        // content: Vietnamese "là" is also the copula ("lưu ý sân bay đang là một điểm ùn tắc").
        let keys: Vec<&str> = self.tokens[start..self.s.end.min(start + 10)]
            .iter()
            .map(|t| t.key.as_str())
            .collect();
        let mut i = 0;
        let mut in_phrase = false;
        while i < keys.len() {
            if let Some((len, _)) = self.lang.complementizers.longest(&keys, i) {
                start += i + len;
                break;
            }
            let t = &self.tokens[start + i];
            // A date's slash ("hôm 4/9") is part of the time, no boundary.
            if is_boundary(t) && keys[i] != "," && !self.in_time(t) {
                break;
            }
            if keys[i] == "," || in_phrase || self.in_time(t) {
                i += 1;
            } else if let Some((len, _)) = self.lang.skip_before_cue.longest(&keys, i) {
                i += len;
            } else if self.lang.prepositions.contains(keys[i]) {
                in_phrase = true;
                i += 1;
            } else {
                break;
            }
        }
        while start < self.s.end && matches!(self.tokens[start].key.as_str(), "," | ":" | "–" | "—")
        {
            start += 1;
        }
        let mut end = self.s.end;
        while end > start
            && matches!(
                self.tokens[end - 1].key.as_str(),
                "." | "," | ";" | "!" | "?" | "..."
            )
        {
            end -= 1;
        }
        // `any`, not a count: it stops at the first word, where a count read the whole rest of
        // the sentence once per cue (quadratic in a long sentence).
        let first_word = self.tokens[start..end]
            .iter()
            .position(|t| t.is_word() && !self.lang.empty_content_words.contains(&t.key));
        crate::work::step(first_word.map_or(end - start, |i| i + 1));
        let has_words = first_word.is_some();
        (has_words.then_some((start, end)), object)
    }

    fn speakerish(&self, (a, b): (usize, usize), book: &ActorBook) -> bool {
        let toks = &self.tokens[a..b];
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        // "Theo quy định", "theo Điều 5": a phrase opening with a word that names no source
        // is no speaker, unless that word opens a person noun with more after it ("Theo
        // ông Biên", "Theo người nhà nạn nhân": the honorific alone stays refused).
        let person_led = keys.len() > 1 && self.lang.person_nouns.longest(&keys, 0).is_some();
        // "Theo Người_Lao_Động": a refused word opening a capitalized name (an outlet).
        let name_led = keys.len() > 1
            && self.lang.name_openers.contains(keys[0])
            && toks.iter().filter(|t| t.is_word()).all(|t| t.upper);
        if !person_led
            && !name_led
            && keys
                .first()
                .is_some_and(|k| self.lang.not_speakers.contains(*k))
        {
            return false;
        }
        toks.iter().any(|t| t.upper && t.kind == TokenKind::Word)
            || (0..keys.len()).any(|i| self.lang.person_nouns.longest(&keys, i).is_some())
            || self.lang.pronouns.contains_key(&keys.join(" "))
            || book
                .gazetteer
                .longest_at(&super::actors::token_keys(toks), 0)
                .is_some()
    }

    /// "a grilling Tuesday by a top US official" → "a top US official": a relative
    /// pronoun's antecedent starts at its last article.
    fn last_determiner(&self, (a, b): Range) -> Range {
        let start = (a + 1..b)
            .rev()
            .find(|&i| {
                self.lang.determiners.contains(&self.tokens[i].key)
                    || self.lang.indefinites.contains(&self.tokens[i].key)
            })
            .unwrap_or(a);
        self.trim_trailers((start, b))
    }

    /// "Richard Revesz, director of the Institute …, said": the name at the start of the
    /// clause, before one to three commas.
    fn name_before_commas(&self, comma: usize, lower: usize) -> Option<Range> {
        let mut commas = 0;
        let mut i = comma;
        while i > lower && comma - i < 30 {
            if self.tokens[i].key == "," {
                commas += 1;
                if commas > 3 {
                    return None;
                }
                // "Descriptor , Name , cue": the name set off between the commas.
                if commas == 2 && self.titled_name((i + 1, comma)) {
                    let described = self.left_np(i, lower).is_some_and(|d| {
                        d.0 == self.s.first || d.0 == lower || is_boundary(&self.tokens[d.0 - 1])
                    });
                    if described {
                        return Some((i + 1, comma));
                    }
                }
                if i < comma {
                    if let Some(name) = self.left_np(i, lower) {
                        let at_start = name.0 == self.s.first
                            || name.0 == lower
                            || is_boundary(&self.tokens[name.0 - 1]);
                        if at_start && self.all_names(name) {
                            return Some(name);
                        }
                        // "Her attorney, Daniel Reyes, said": the name set off after the
                        // description that opens the clause.
                        if at_start && commas == 2 {
                            if let Some(set_off) = self.set_off_name(i, comma) {
                                return Some(set_off);
                            }
                            // "Officials at X, a division of Y, said": the phrase before a
                            // description opened by a determiner or a relative pronoun.
                            let opens = name.0 == self.s.first
                                || name.0 == lower
                                || self.tokens[name.0 - 1].key != ",";
                            if opens && self.describes(i + 1) && !self.adverbial(name) {
                                return Some(name);
                            }
                        }
                    }
                }
            } else if is_boundary(&self.tokens[i]) && i < comma {
                return None;
            }
            i -= 1;
        }
        None
    }

    /// Whether the word at `i` opens a description set off after a name: a determiner, an
    /// indefinite or a relative pronoun ("a division of Y", "which runs Y").
    fn describes(&self, i: usize) -> bool {
        let key = &self.tokens[i].key;
        self.lang.determiners.contains(key)
            || self.lang.indefinites.contains(key)
            || self
                .lang
                .pronouns
                .get(key)
                .is_some_and(|c| *c == PronounClass::Relative)
    }

    /// Whether a phrase is an adverbial rather than a name: opened by a preposition, or
    /// holding a time ("In November", "Last year").
    fn adverbial(&self, (a, b): Range) -> bool {
        self.lang.prepositions.contains(&self.tokens[a].key)
            || self.tokens[a..b].iter().any(|t| self.in_time(t))
    }

    /// Whether content read before a cue is a quotation or a clause of three words or more:
    /// "Do_đó , đề_nghị Quốc_hội …" opens with a connective, and the words after the verb are
    /// its object, not its speaker.
    fn quoted_or_clause(&self, (a, b): Range) -> bool {
        let quoted = self.tokens.get(b).is_some_and(is_close_quote_or_straight);
        let words = self.tokens[a..b]
            .iter()
            .filter(|t| t.is_word() && !t.joined)
            .count();
        quoted || words >= 3
    }

    /// "X khẳng_định A , phủ_nhận một báo_cáo …": an unquoted clause holding a cue of its
    /// own is that cue's attribution, not the content of an inverted cue after it (which
    /// would take the object, "một báo_cáo", as its speaker).
    fn unquoted_with_cue(
        &self,
        (a, b): Range,
        cue_starts: impl IntoIterator<Item = usize>,
    ) -> bool {
        let quoted = self.tokens.get(b).is_some_and(is_close_quote_or_straight);
        self.lang.inversion_needs_quote
            && !quoted
            && cue_starts.into_iter().any(|start| a <= start && start < b)
    }

    /// The name filling the whole of `(open_comma, close_comma)`, as in "Descriptor, Name,".
    fn set_off_name(&self, open_comma: usize, close_comma: usize) -> Option<Range> {
        let name = self.left_np(close_comma, open_comma + 1)?;
        (name.0 == open_comma + 1 && self.all_names(name)).then_some(name)
    }

    /// Whether the token lies in a temporal expression.
    fn in_time(&self, t: &Token) -> bool {
        super::times::overlaps(self.times, t.start, t.end)
    }

    /// Drops words left after a speaker's name ("ANTĐ đã đưa" → "ANTĐ").
    fn trim_trailers(&self, (a, mut b): Range) -> Range {
        while b > a + 1 {
            let t = &self.tokens[b - 1];
            if self.in_time(t) {
                b -= 1;
            } else {
                break;
            }
        }
        loop {
            let len = self.phrase_at_end(&self.lang.speaker_trailers, b, a);
            if len == 0 || b - len <= a {
                return (a, b);
            }
            b -= len;
        }
    }

    /// "LS Trương_Thanh_Đức , công_ty Luật BASICO khẳng_định", "Trump, the nominee, said":
    /// the name before a description set off by commas.
    fn apposition(&self, desc: Range, lower: usize) -> Option<Range> {
        let set_off = |t: &Token| t.key == "," || is_dash(&t.key);
        if desc.0 < lower + 2 || !set_off(&self.tokens[desc.0 - 1]) {
            return None;
        }
        let keys: Vec<&str> = self.tokens[desc.0..desc.1]
            .iter()
            .map(|t| t.key.as_str())
            .collect();
        let described = self.lang.determiners.contains(keys[0])
            || self.lang.indefinites.contains(keys[0])
            || self.lang.titles.longest(&keys, 0).is_some()
            || self.lang.org_heads.longest(&keys, 0).is_some();
        let titled = self.lang.titles.longest(&keys, 0).is_some();
        if !described || (self.tokens[desc.0].upper && !titled) {
            return None;
        }
        let name = self.left_np(desc.0 - 1, lower)?;
        let clause_start =
            name.0 == self.s.first || name.0 == lower || is_boundary(&self.tokens[name.0 - 1]);
        // "Hôm 10/7 , ông X cho_biết": a time opening the sentence names no one.
        let timed = self.tokens[name.0..name.1].iter().any(|t| self.in_time(t));
        (clause_start && !timed && self.all_names(name)).then_some(name)
    }

    pub(crate) fn resolve(&self, book: &mut ActorBook, np: Range) -> Option<Resolved> {
        let (a, b) = self.trim_trailers(np);
        let b = self.without_possessive_place((a, b), book);
        // "Theo thông_báo của Bộ Y_tế": the source is the one whose notice it is.
        let a = a + self
            .lang
            .speaker_openers
            .longest(&self.tokens[a..b], 0)
            .map_or(0, |(len, _)| len)
            .min(b - a - 1);
        // "có nguồn_tin cho rằng": the person noun after "có" speaks.
        let a = a + usize::from(
            b > a + 1
                && self.lang.speaker_drop_openers.contains(&self.tokens[a].key)
                && self
                    .lang
                    .person_nouns
                    .longest(&self.tokens[..b], a + 1)
                    .is_some(),
        );
        if self
            .lang
            .bad_speaker_starts
            .longest(&self.tokens[a..b], 0)
            .is_some()
        {
            return None;
        }
        if self.lang.honorific_pronouns.contains(&self.tokens[a].key)
            && b == a + 1
            && self.is_question()
        {
            return None;
        }
        let bare_name = b == a + 1
            && a == self.s.first
            && (self.bare_name_before_cue(a) || self.bare_name_before_marker(a));
        if !self.lang.single_word_names && b == a + 1 && a == self.s.first && !bare_name {
            let t = &self.tokens[a];
            let known = self.lang.pronouns.contains_key(&t.key)
                || self.lang.honorific_pronouns.contains(&t.key)
                || self
                    .lang
                    .person_nouns
                    .contains_phrase(std::slice::from_ref(t))
                || book
                    .gazetteer
                    .longest_at(&super::actors::token_keys(&self.tokens[a..b]), 0)
                    .is_some();
            if !known {
                return None;
            }
        }
        if self.lang.speaker_needs_head && !bare_name && !self.has_speaker_head((a, b), book) {
            return None;
        }
        let toks = self.cut_description(a, b);
        book.resolve(self.text, toks, a == self.s.first)
    }

    /// Whether the sentence asks: it ends with a question mark or holds a question word
    /// (`question_words`).
    fn is_question(&self) -> bool {
        let last = (self.s.first..self.s.end)
            .rev()
            .find(|&i| !is_close_quote_or_straight(&self.tokens[i]));
        last.is_some_and(|i| self.tokens[i].key == "?")
            || (self.s.first..self.s.end).any(|i| {
                !self.tokens[i].joined
                    && self
                        .lang
                        .question_words
                        .longest(&self.tokens[..self.s.end], i)
                        .is_some_and(|(len, _)| self.tokens.get(i + len).is_none_or(|t| !t.joined))
            })
    }

    fn without_possessive_place(&self, np: Range, book: &ActorBook) -> usize {
        without_possessive_place(self.tokens, book, np)
    }

    /// "Oxfam cho_biết", "Hùng nói": one capitalized word opening the sentence right before
    /// a cue names someone, unless it is a word that opens clauses (an adverb, a negation, a
    /// preposition).
    fn bare_name_before_cue(&self, a: usize) -> bool {
        self.could_be_bare_name(&self.tokens[a])
            && self.tokens.get(a + 1).is_some_and(|n| !n.joined)
            && self
                .lang
                .cues
                .longest(&self.tokens[..self.s.end], a + 1)
                .is_some()
    }

    /// "Mizuho đã đệ_trình … , cho rằng C": a single capitalized word opening the sentence
    /// before an aspect word that only follows a subject (`subject_markers`) is a name.
    fn bare_name_before_marker(&self, a: usize) -> bool {
        self.could_be_bare_name(&self.tokens[a])
            && self
                .tokens
                .get(a + 1)
                .is_some_and(|n| !n.joined && self.lang.subject_markers.contains(&n.key))
    }

    /// A capitalized plain word that no word list claims (an adverb, a clause word, a
    /// preposition, a quantifier, a non-speaker): it may be a name standing alone.
    fn could_be_bare_name(&self, t: &Token) -> bool {
        let lang = self.lang;
        let plain_word = t.upper
            && t.kind == TokenKind::Word
            && t.key.chars().count() > 1
            && t.key.chars().all(char::is_alphabetic);
        plain_word
            && !lang
                .skip_before_cue
                .contains_phrase(std::slice::from_ref(t))
            && !lang.clause_words.contains(&t.key)
            && !lang.not_speakers.contains(&t.key)
            && !lang.indefinites.contains(&t.key)
            && !lang.prepositions.contains(&t.key)
            && !lang
                .bad_speaker_starts
                .contains_phrase(std::slice::from_ref(t))
    }

    /// Whether a phrase can name a speaker: a pronoun, a capitalized word past the sentence's
    /// first, a person noun, a title, an organization head or a gazetteer name, and not
    /// opened by a preposition. Lowercase fragments ("không", "tại trường", "lệnh") are not
    /// speakers.
    fn has_speaker_head(&self, (a, b): Range, book: &ActorBook) -> bool {
        let toks = &self.tokens[a..b];
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        if self.lang.prepositions.contains(keys[0]) {
            return false;
        }
        let lexical = |i: usize| {
            self.lang.person_nouns.longest(&keys, i).is_some()
                || self.lang.titles.longest(&keys, i).is_some()
                || self.lang.org_heads.longest(&keys, i).is_some()
        };
        self.lang.pronouns.contains_key(&keys.join(" "))
            || toks
                .iter()
                .enumerate()
                .any(|(i, t)| t.upper && t.kind == TokenKind::Word && a + i != self.s.first)
            || (0..keys.len()).any(lexical)
            || (0..keys.len()).any(|i| {
                book.gazetteer
                    .longest_at(&super::actors::token_keys(&toks[i..]), 0)
                    .is_some()
            })
    }

    /// An unnamed speaker's description stops at a relative clause ("who …", "từng …").
    fn cut_description(&self, a: usize, b: usize) -> &'a [Token] {
        let toks = &self.tokens[a..b];
        if toks
            .first()
            .is_some_and(|t| self.lang.indefinites.contains(&t.key))
        {
            if let Some(cut) = toks
                .iter()
                .skip(2)
                .position(|t| self.lang.np_cut_words.contains(&t.key))
            {
                return &toks[..cut + 2];
            }
        }
        toks
    }

    fn at_clause_start(&self, i: usize) -> bool {
        i == self.s.first
            || is_boundary(&self.tokens[i - 1])
            || (i == self.s.first + 1 && self.lang.clause_words.contains(&self.tokens[i - 1].key))
    }

    /// The attributions of this sentence, in order.
    pub(crate) fn attributions(&self, book: &mut ActorBook, sentence: usize) -> Vec<Found> {
        let hits = self.unreserved_hits();
        let mut out: Vec<Found> = Vec::new();
        self.dash_and_colon(book, sentence, &hits, &mut out);
        let mut via_prefix: Option<String> = None;
        let mut consumed_until = self.s.first;
        let mut h = 0;
        while h < hits.len() {
            let hit = &hits[h];
            h += 1;
            if hit.start < consumed_until {
                continue;
            }
            let lower = hits[..h - 1]
                .last()
                .map_or(self.s.first, |p| p.end)
                .max(consumed_until);
            if self.apply_trailing_relay(book, hit, &mut out) {
                continue;
            }
            if let Some(found) = self.continued(hit, lower, &out) {
                out.push(found);
                continue;
            }
            // "X said C1, but he said C2": the second clause has a subject of its own.
            let new_clause = self.new_subject_clause(hit, lower, &out);
            // "…, compared with 64 percent who say C2": a relative clause inside the
            // content speaks for its antecedent; the earlier content keeps it (nested).
            let relayed_by =
                if new_clause.is_some() || self.relative_inside_content(hit, lower, &out) {
                    None
                } else {
                    let Some(relayed_by) = self.relay_of_enclosing(hit, lower, &mut out) else {
                        continue;
                    };
                    relayed_by
                };
            let before_len = out.len();
            let at = At {
                sentence,
                hit,
                lower,
                next_start: hits.get(h).map_or(self.s.end, |n| n.start),
                via: via_prefix.iter().cloned().collect(),
            };
            let read = match self.effective_kind(hit) {
                CueKind::ViaPrefix => {
                    if let Some(np) = self.right_np(hit.end, self.s.end, 8) {
                        if let Some(r) = self.resolve(book, np) {
                            if r.kind == ActorKind::Media {
                                via_prefix = Some(r.name);
                            }
                        }
                        consumed_until = np.1;
                    }
                    None
                }
                CueKind::Verb(v) if v.participle => self.read_participle(book, &at, &v, &out),
                CueKind::Verb(v) if self.passive(hit.start, lower) => self
                    .read_passive_agent(
                        book,
                        sentence,
                        (hit.start, hit.end),
                        v.stance,
                        lower,
                        false,
                    )
                    .map(|f| Read::one(f, None)),
                CueKind::Relay if self.passive(hit.start, lower) => self
                    .read_passive_agent(
                        book,
                        sentence,
                        (hit.start, hit.end),
                        Stance::Assert,
                        lower,
                        true,
                    )
                    .map(|f| Read::one(f, None)),
                CueKind::Verb(v) => self.read_verb(book, &at, &v, &hits[h..], &out),
                CueKind::Relay => self.read_relay(book, &at, hits.get(h)),
                CueKind::Prefix(p) => self.read_prefix(book, &at, &p, &out),
                CueKind::Refusal => self.read_refusal(book, &at),
            };
            // "Theo đơn_vị này , hai người đã khai_nhận C": no speaker inside, so the
            // enclosing attribution stands.
            let Some(read) = read.filter(|r| r.found.is_some()) else {
                out.extend(relayed_by);
                continue;
            };
            out.extend(read.found);
            if let Some((earlier, end)) = new_clause.filter(|_| out.len() > before_len) {
                if let Some(content) = out[earlier].content.as_mut() {
                    content.1 = end;
                }
            }
            consumed_until = read.consumed_until.unwrap_or(consumed_until);
            h += usize::from(read.took_next);
            if read.no_relay {
                continue;
            }
            if let Some(relay) = relayed_by {
                if out.len() > before_len {
                    if let Some(last) = out.last_mut() {
                        last.via.push(relay.speaker.name);
                    }
                }
            }
        }
        self.end_contents_at_continuations(&mut out);
        self.tagged_attributions(book, sentence, &mut out);
        out
    }

    /// "X cho_biết C1 , đồng_thời đề_nghị C2": a verb cue after a continuing coordinator is
    /// the last speaker's second act, not speech nested in the first one's content.
    fn continued(&self, hit: &Hit, lower: usize, out: &[Found]) -> Option<Found> {
        // "X cho_biết C , nhưng từ_chối bình_luận thêm": a refusal goes on too.
        let (stance, content) = match &hit.kind {
            CueKind::Verb(v) if !v.needs_document_subject => (
                v.stance,
                Some(self.content_after(hit.end, v.takes_object).0?),
            ),
            CueKind::Refusal => (Stance::RefuseComment, self.content_after(hit.end, false).0),
            _ => return None,
        };
        let prev = out.last()?;
        // "X said “A,” adding that B": a participle after the comma that closes the first
        // content is the same speaker's second act, though the quotation ran on to it.
        let participle_goes_on = matches!(&hit.kind, CueKind::Verb(v) if v.participle)
            && self.after_comma(hit.start)
            && prev
                .content
                .is_some_and(|(a, b)| a < hit.start && hit.start < b);
        if !participle_goes_on {
            self.continuation_before(hit.start, lower)?;
        }
        Some(Found {
            cue_tokens: (hit.start, hit.end),
            stance,
            content,
            more: Vec::new(),
            ..prev.clone()
        })
    }

    /// A coordinator right before `at` (adverbs aside) that goes on with the last speaker
    /// ("đồng_thời", "và"): where it starts.
    fn continuation_before(&self, at: usize, lower: usize) -> Option<usize> {
        let mut end = at;
        loop {
            let len = self.phrase_at_end(&self.lang.skip_before_cue, end, lower);
            if len == 0 {
                break;
            }
            end -= len;
        }
        let len = self.phrase_at_end(&self.lang.continuers, end, lower);
        (len > 0).then(|| end - len)
    }

    /// "X cho_biết C1 , đồng_thời đề_nghị C2": the first content ends where the same
    /// speaker's second act begins.
    fn end_contents_at_continuations(&self, out: &mut [Found]) {
        for i in 1..out.len() {
            let (head, tail) = out.split_at_mut(i);
            let (first, second) = (&mut head[i - 1], &tail[0]);
            let Some((a, b)) = first.content else {
                continue;
            };
            let cue = second.cue_tokens.0;
            if first.speaker_tokens != second.speaker_tokens || !(a < cue && cue < b) {
                continue;
            }
            let mut end = self.continuation_before(cue, a).unwrap_or(cue);
            while end > a && self.tokens[end - 1].key == "," {
                end -= 1;
            }
            if end > a {
                first.content = Some((a, end));
            }
        }
    }

    /// The sentence's cues, without those inside what a trailing attribution ("C, sources
    /// said.") owns: the text before it, cues included.
    fn unreserved_hits(&self) -> Vec<Hit> {
        let mut hits = self.hits();
        let mut reserved: Vec<Range> = Vec::new();
        reserved.extend(self.closing_prefix(&hits));
        reserved.extend(self.opening_question());
        for hit in &hits {
            let CueKind::Verb(v) = &hit.kind else {
                continue;
            };
            if v.participle {
                continue;
            }
            if self.trailing_relay(hit).is_some() {
                // "C, Reuters đưa tin" where C has its own speaker: the outlet relays C's
                // attribution, whose cue must stay.
                continue;
            }
            let before = match self.left_np(hit.start, self.s.first) {
                Some(np) if self.content_after(hit.end, v.takes_object).0.is_none() => {
                    self.content_before(np.0)
                }
                Some(_) => None,
                None if self.inverted_phrase(hit.end).is_some() => {
                    self.content_before(hit.start).filter(|&before| {
                        !self.unquoted_with_cue(before, hits.iter().map(|h| h.start))
                    })
                }
                None => None,
            };
            reserved.extend(before);
        }
        hits.retain(|h| !reserved.iter().any(|&(a, b)| a <= h.start && h.start < b));
        hits
    }

    /// "Asked whether C, X said …": a question verb opening the sentence reports what the
    /// speaker was asked, up to its comma; the cues in that question ("Asked if she
    /// believed C") are no attributions of their own and must not swallow the answer's.
    fn opening_question(&self) -> Option<Range> {
        let keys = self.keys();
        let (len, kind) = self.lang.cues.longest(&keys, 0)?;
        let CueKind::Verb(v) = kind else {
            return None;
        };
        if v.stance != Stance::Question || v.participle {
            return None;
        }
        let start = self.s.first + len;
        let comma =
            (start..self.s.end).find(|&i| self.tokens[i].key == "," && !self.in_quote(i))?;
        (comma > start).then_some((start, comma))
    }

    /// "C, according to X." closing the sentence: the source owns all of C, so the cues
    /// inside C ("voters who believe …", "he said little") are no attributions of their own
    /// (a nested one is part of the outer content). The text before the prefix's comma.
    fn closing_prefix(&self, hits: &[Hit]) -> Option<Range> {
        let last = hits.last()?;
        let CueKind::Prefix(p) = &last.kind else {
            return None;
        };
        if !p.owns_clause_before {
            return None;
        }
        let comma_before = last.start > self.s.first + 1 && self.tokens[last.start - 1].key == ",";
        let source_after = (last.end..self.s.end).any(|i| self.tokens[i].is_word());
        let clause_inside = (last.end..self.s.end).any(|i| self.tokens[i].key == ",");
        (comma_before && source_after && !clause_inside && hits.len() > 1)
            // `then_some` evaluates its argument first: no subtraction below zero.
            .then_some((self.s.first, last.start.saturating_sub(1)))
    }

    /// A report verb closing the sentence after the clause it reports ("…, Reuters đưa
    /// tin"): the outlet phrase and that clause, when the clause holds a cue of its own.
    fn trailing_relay(&self, hit: &Hit) -> Option<(Range, Range)> {
        let CueKind::Verb(v) = &hit.kind else {
            return None;
        };
        if v.stance != Stance::Report || self.content_after(hit.end, v.takes_object).0.is_some() {
            return None;
        }
        let np = self.left_np(hit.start, self.s.first)?;
        let before = self.content_before(np.0)?;
        let keys = self.keys();
        let inner_cue = (before.0..before.1).any(|i| {
            !self.in_quote(i)
                && matches!(
                    self.lang.cues.longest(&keys, i - self.s.first),
                    Some((_, CueKind::Verb(_) | CueKind::Prefix(_)))
                )
        });
        inner_cue.then_some((np, before))
    }

    /// Adds the outlet of a trailing relay to the attributions inside the clause it reports,
    /// whose content stops before the relay. False when there were none.
    fn apply_trailing_relay(&self, book: &mut ActorBook, hit: &Hit, out: &mut [Found]) -> bool {
        let Some((np, (a, b))) = self.trailing_relay(hit) else {
            return false;
        };
        let inside: Vec<usize> = (0..out.len())
            .filter(|&i| a <= out[i].cue_tokens.0 && out[i].cue_tokens.0 < b)
            .collect();
        if inside.is_empty() {
            return false;
        }
        let Some(outlet) = self.resolve(book, np) else {
            return false;
        };
        for i in inside {
            let f = &mut out[i];
            f.via.push(outlet.name.clone());
            if let Some((ca, cb)) = f.content {
                let cut = cb.min(b);
                f.content = (cut > ca).then_some((ca, cut));
            }
        }
        true
    }

    /// The earlier attribution whose content holds `hit`, when `hit` is a finite verb cue
    /// of the lexicon outside quotation marks: what may open a clause of its own there. A
    /// cue of the lexicon only: the tagger's proposals inside a list ("rated A, B, and C
    /// more favorably") are no new clause.
    fn earlier_content_holding(&self, hit: &Hit, out: &[Found]) -> Option<usize> {
        let CueKind::Verb(v) = &hit.kind else {
            return None;
        };
        if v.participle || v.needs_document_subject || self.in_quote(hit.start) {
            return None;
        }
        let earlier = out.iter().position(|f| {
            f.content
                .is_some_and(|(a, b)| a <= hit.start && hit.start < b)
        })?;
        self.whole_lexicon_cue(hit).then_some(earlier)
    }

    /// A verb cue inside an earlier attribution's content whose subject opens a coordinated
    /// clause ("X said C1, but he said C2", "…, while 22 percent said C2"): the index of that
    /// attribution and where its content now ends (before the coordinator and its comma).
    fn new_subject_clause(&self, hit: &Hit, lower: usize, out: &[Found]) -> Option<(usize, usize)> {
        let earlier = self.earlier_content_holding(hit, out)?;
        let np = self.left_np(hit.start, lower)?;
        if !self.opens_subject(np.0) {
            return None;
        }
        // "and more than 4 in 10 said": an approximator before a figure.
        let figure = self.tokens[np.0].kind == TokenKind::Number;
        let opening = np.0
            - if figure {
                self.phrase_at_end(&self.lang.approximators, np.0, lower)
            } else {
                0
            };
        let coordinator = opening.checked_sub(1).filter(|&i| i >= self.s.first)?;
        if !self
            .lang
            .new_subject_coordinators
            .contains(&self.tokens[coordinator].key)
        {
            return None;
        }
        let (start, _) = out[earlier].content?;
        let mut end = coordinator;
        while end > start && self.tokens[end - 1].key == "," {
            end -= 1;
        }
        (end > start).then_some((earlier, end))
    }

    /// A lexicon verb cue right after a relative pronoun whose antecedent is a share ("64
    /// percent who say C") inside an earlier attribution's content: an attribution of its own.
    fn relative_inside_content(&self, hit: &Hit, lower: usize, out: &[Found]) -> bool {
        if self.earlier_content_holding(hit, out).is_none() {
            return false;
        }
        // Shares only ("64 percent who say"): other antecedents ("anybody who complains",
        // "a source who told him") are mostly left unannotated, so they cost precision.
        self.relative_before(hit.start, lower)
            .is_some_and(|rel| rel > lower && self.ends_with_figure(rel, lower))
    }

    /// "compared with more than 30 percent": the share alone (its approximator kept), when
    /// the phrase ends with a figure; else the phrase.
    fn share_of(&self, (a, b): Range, lower: usize) -> Range {
        if !self.ends_with_figure(b, lower) {
            return (a, b);
        }
        let Some(first) = (a..b).find(|&i| self.tokens[i].kind == TokenKind::Number) else {
            return (a, b);
        };
        let start = first - self.phrase_at_end(&self.lang.approximators, first, a);
        (start, b)
    }

    /// Whether the phrase ending before `end` ends with a figure ("30", "30 percent").
    fn ends_with_figure(&self, end: usize, lower: usize) -> bool {
        let last = &self.tokens[end - 1];
        last.kind == TokenKind::Number
            || (end >= lower + 2
                && self.lang.figure_subject_words.contains(&last.key)
                && self.tokens[end - 2].kind == TokenKind::Number)
    }

    /// Whether the hit is a cue of the lexicon as a whole (not a tagger proposal).
    fn whole_lexicon_cue(&self, hit: &Hit) -> bool {
        let keys: Vec<&str> = self.tokens[hit.start..hit.end]
            .iter()
            .map(|t| t.key.as_str())
            .collect();
        self.lang.cues.longest(&keys, 0).map(|(len, _)| len) == Some(keys.len())
    }

    /// Whether the word at `i` can open a subject of its own: a name, a pronoun, a figure,
    /// a determiner or indefinite, a person noun or a title ("but would eventually add"
    /// has none).
    fn opens_subject(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.upper
            || t.kind == TokenKind::Number
            || self
                .lang
                .pronouns
                .get(&t.key)
                .is_some_and(|c| *c != PronounClass::Relative)
            || self.lang.determiners.contains(&t.key)
            || self.lang.indefinites.contains(&t.key)
            || self
                .lang
                .person_nouns
                .longest(&self.tokens[..self.s.end], i)
                .is_some()
            || self
                .lang
                .titles
                .longest(&self.tokens[..self.s.end], i)
                .is_some()
    }

    /// A cue inside an earlier attribution's content: "Báo X đưa tin, Y cho_biết C" / "Theo
    /// báo X, Y cho_biết C" (X relays Y) replaces the earlier attribution by its speaker as a
    /// relay (`Some(Some(X's attribution))`, taken out of `out`); any other is skipped
    /// (`None`). A cue outside: `Some(None)`.
    fn relay_of_enclosing(
        &self,
        hit: &Hit,
        lower: usize,
        out: &mut Vec<Found>,
    ) -> Option<Option<Found>> {
        let inside_earlier = out.iter().any(|f| {
            f.content
                .is_some_and(|(a, b)| a <= hit.start && hit.start < b)
        });
        if !inside_earlier {
            return Some(None);
        }
        let prev = out.last()?;
        // "Theo báo X, Y cho biết C" relays Y; "Theo bà X, nhà trường đã yêu cầu C" is
        // X's account, and the act inside it is part of her content.
        let reporting = prev.stance == Stance::Report
            || (prev.speaker.kind != ActorKind::Person
                && self
                    .lang
                    .source_prefix_words
                    .contains(&self.tokens[prev.cue_tokens.0].key));
        let starts_there = matches!(&hit.kind, CueKind::Verb(v) if !v.participle)
            && self.left_np(hit.start, lower).map(|np| np.0) == prev.content.map(|c| c.0);
        if !(reporting && starts_there) {
            return None;
        }
        Some(out.pop())
    }

    /// A via prefix in mid-sentence ("…, nói với Reuters") is read as a verb of saying.
    fn effective_kind(&self, hit: &Hit) -> CueKind {
        match &hit.kind {
            CueKind::ViaPrefix if !self.at_clause_start(hit.start) => CueKind::Verb(VerbCue {
                cue: String::new(),
                stance: Stance::Assert,
                takes_object: true,
                needs_speaker_clause: false,
                needs_clause: false,
                participle: false,
                needs_word: None,
                needs_document_subject: false,
            }),
            k => k.clone(),
        }
    }

    /// "…, saying C": the previous speaker (else the sentence's subject) goes on.
    fn read_participle(
        &self,
        book: &mut ActorBook,
        at: &At,
        v: &VerbCue,
        out: &[Found],
    ) -> Option<Read> {
        let hit = at.hit;
        if !self.after_comma(hit.start) {
            return None;
        }
        let content = self.content_after(hit.end, v.takes_object).0?;
        let (speaker, speaker_tokens) = match out.last() {
            Some(prev) => (prev.speaker.clone(), prev.speaker_tokens),
            None => self.resolved_subject(book, hit.start)?,
        };
        let found = at.found(
            speaker,
            speaker_tokens,
            v.stance,
            Some(content),
            at.via.clone(),
        );
        Some(Read::one(found, None))
    }

    /// Whether a comma ends the text before `at`, also inside a closing quotation mark
    /// ("… race,” adding that C").
    fn after_comma(&self, at: usize) -> bool {
        let before = |back: usize| {
            at.checked_sub(back)
                .filter(|&i| i >= self.s.first)
                .map(|i| &self.tokens[i])
        };
        match before(1) {
            Some(t) if t.key == "," => true,
            Some(t) if is_close_quote_or_straight(t) => before(2).is_some_and(|t| t.key == ","),
            _ => false,
        }
    }

    /// "X <verb> C" and its variants: a relative clause ("an official who said"), a
    /// trailing quotation ("“C,” said X"), a second speech act ("…, adding that C") and a
    /// coordinated verb ("X did this and said C").
    fn read_verb(
        &self,
        book: &mut ActorBook,
        at: &At,
        v: &VerbCue,
        later: &[Hit],
        out: &[Found],
    ) -> Option<Read> {
        let (hit, lower) = (at.hit, at.lower);
        let left = match self.left_np(hit.start, lower) {
            Some(np) => Some(self.apposition(np, lower).unwrap_or(np)),
            None if hit.start > lower + 1 && self.tokens[hit.start - 1].key == "," => {
                self.name_before_commas(hit.start - 1, lower)
            }
            // "Name - title ( place ) - cho_biết": the name before the dashed description.
            None if hit.start > lower + 1 && is_dash(&self.tokens[hit.start - 1].key) => self
                .left_np(hit.start - 1, lower)
                .and_then(|np| self.apposition(np, lower)),
            None => None,
        };
        // "Name , descriptor cue": the name before the comma, not the descriptor.
        let left = match self.name_before_descriptor(hit.start, lower) {
            Some(name) if left.is_none_or(|np| !self.titled_name(np)) => Some(name),
            _ => left,
        };
        // A findings verb attributes only the document it has for subject.
        if v.needs_document_subject {
            return left.and_then(|np| self.read_subject_verb(book, at, v, np, later));
        }
        if left.is_none() {
            if let Some(rel) = self.relative_before(hit.start, lower) {
                return self.read_relative(book, at, v, rel);
            }
        }
        if let Some(np) = left {
            return self.read_subject_verb(book, at, v, np, later);
        }
        if let Some(before) = self
            .content_before(hit.start)
            .filter(|&before| self.quoted_or_clause(before))
            // "X khẳng_định A , phủ_nhận một báo_cáo …": a clause that is already an
            // attribution is not the content of an inverted cue; the cue goes on from it.
            .filter(|&before| !self.unquoted_with_cue(before, out.iter().map(|p| p.cue_tokens.0)))
            .filter(|_| self.inverted_speaker(hit.end).is_some())
        {
            // "“C,” said X."
            let np = self.inverted_speaker(hit.end)?;
            let speaker = self.resolve(book, np)?;
            let found = at.found(speaker, np, v.stance, Some(before), at.via.clone());
            return Some(Read::one(found, Some(np.1)));
        }
        if let Some(prev) = out
            .last()
            .filter(|_| hit.start > self.s.first && self.tokens[hit.start - 1].key == ",")
        {
            // "…, adding that C": the same speaker goes on.
            let content = self.content_after(hit.end, v.takes_object).0?;
            let found = Found {
                cue_tokens: (hit.start, hit.end),
                stance: v.stance,
                content: Some(content),
                more: Vec::new(),
                ..prev.clone()
            };
            return Some(Read::one(found, None));
        }
        if hit.start > self.s.first
            && self
                .lang
                .coordinators
                .contains(&self.tokens[hit.start - 1].key)
            && self.coordinates_the_subjects_act(hit.start - 1)
        {
            // "X did this and said C", "X xoa_dịu căng_thẳng khi tuyên_bố C": the
            // sentence's subject speaks.
            let content = self.content_after(hit.end, v.takes_object).0?;
            let (speaker, np) = self.resolved_subject(book, hit.start)?;
            let found = at.found(speaker, np, v.stance, Some(content), at.via.clone());
            return Some(Read::one(found, None));
        }
        None
    }

    /// "Tuy_nhiên , …": a connective of two or three words (a preposition or clause word of
    /// the language file) set off by a comma.
    fn connective_before_comma(&self, a: usize) -> bool {
        (2..=3).any(|len| {
            self.tokens.get(a + len).is_some_and(|t| t.key == ",") && {
                let phrase: Vec<&str> = self.tokens[a..a + len]
                    .iter()
                    .map(|t| t.key.as_str())
                    .collect();
                let phrase = phrase.join(" ");
                self.lang.prepositions.contains(&phrase) || self.lang.clause_words.contains(&phrase)
            }
        })
    }

    /// Whether the coordinator at `at` joins the cue to an act of the sentence's subject: it
    /// does not open the sentence and does not close a preposition ("Sau khi công_bố …",
    /// "trong khi …": a time clause before its own subject).
    fn coordinates_the_subjects_act(&self, at: usize) -> bool {
        let t = &self.tokens[at];
        if t.kind == TokenKind::Punct {
            return true;
        }
        at > self.s.first && !t.joined && !self.lang.prepositions.contains(&self.tokens[at - 1].key)
    }

    /// "an official who said": the speaker is the phrase before "who", written as "who".
    fn read_relative(
        &self,
        book: &mut ActorBook,
        at: &At,
        v: &VerbCue,
        rel: usize,
    ) -> Option<Read> {
        let np = self
            .left_np(rel, at.lower)
            .map(|np| self.last_determiner(np))?;
        let np = self.share_of(np, at.lower);
        let speaker = self.resolve(book, np)?;
        let (content, _) = self.content_after(at.hit.end, v.takes_object);
        let mut found = at.found(speaker, (rel, rel + 1), v.stance, content, at.via.clone());
        found.speaker_text =
            Some(self.text[self.tokens[rel].start..self.tokens[rel].end].to_string());
        let mut read = Read::one(found, None);
        read.no_relay = true;
        Some(read)
    }

    /// "X <verb> C" with the speaker `np` on the left; an audience that is an outlet ("told
    /// Reuters") is a relay.
    fn read_subject_verb(
        &self,
        book: &mut ActorBook,
        at: &At,
        v: &VerbCue,
        np: Range,
        later: &[Hit],
    ) -> Option<Read> {
        if v.needs_document_subject && !self.opens_with_document(np) {
            return None;
        }
        let speaker = self.resolve(book, np)?;
        let before = self.content_before(np.0);
        let (after, object) = self.content_after(at.hit.end, v.takes_object);
        let object = object.or(at.hit.audience);
        let mut via: Vec<String> = Vec::new();
        if let Some(obj) = object {
            let keys = super::actors::token_keys(&self.tokens[obj.0..obj.1]);
            let media = (0..keys.len()).find_map(|i| {
                book.gazetteer
                    .longest_at(&keys, i)
                    .filter(|(_, e)| e.kind == ActorKind::Media)
                    .map(|(_, e)| e.name.clone())
            });
            // "nói với báo Tuổi_Trẻ": an outlet the gazetteer lacks, by its media noun.
            let media = media.or_else(|| self.named_outlet(book, obj));
            via.extend(media);
        }
        via.extend(at.via.iter().cloned());
        let quote_before = before.is_some_and(|(_, b)| {
            b < self.tokens.len() && is_close_quote_or_straight(&self.tokens[b])
        });
        let content = if quote_before || self.only_adjunct_after(at.hit.end, after, before) {
            before
        } else {
            after.or(before)
        };
        // "mocked the complaint, saying …": the participle's claim takes over.
        let content = content.map(|(a, b)| {
            later
                .iter()
                .find(|n| n.start > a && n.start < b && self.tokens[n.start - 1].key == ",")
                .map_or((a, b), |n| (a, n.start - 1))
        });
        if content.is_none() && v.needs_speaker_clause {
            return None;
        }
        if v.needs_clause && !quote_before && !self.introduces_clause(at.hit.end, content) {
            return None;
        }
        if content.is_some_and(|c| self.narrated_act(c)) {
            return None;
        }
        let mut found = at.found(speaker, np, v.stance, content, via);
        // "“C1,” he said, “C2.”": the quotation goes on after the speaker.
        if quote_before {
            found
                .more
                .extend(after.and_then(|_| self.quote_resumed_at(at.hit.end)));
        }
        Some(Read::one(found, None))
    }

    /// "C, lawmakers said Friday afternoon, as they …", "C, X said in his interview.": what
    /// follows the cue is a short time or place (then the end, or a comma and a clause word),
    /// not a clause it introduces, so the clause before the speaker is the content.
    fn only_adjunct_after(
        &self,
        cue_end: usize,
        after: Option<Range>,
        before: Option<Range>,
    ) -> bool {
        let (Some((a, b)), Some(before)) = (after, before) else {
            return false;
        };
        let first = &self.tokens[a];
        let adjunct_opens = self.in_time(first) || self.lang.prepositions.contains(&first.key);
        if !adjunct_opens
            || !self.quoted_or_clause(before)
            || self.introduces_clause(cue_end, after)
        {
            return false;
        }
        let end = (a..b).find(|&i| self.tokens[i].key == ",").unwrap_or(b);
        let words = self.tokens[a..end].iter().filter(|t| t.is_word()).count();
        let then_clause = end == b
            || self.tokens.get(end + 1).is_some_and(|t| {
                // "The difference now, he said on Friday, is that …": a copula goes on
                // with the clause the attribution interrupts.
                end + 1 < b
                    && self.lang.clause_words.contains(&t.key)
                    && !self.lang.passive_markers.contains(&t.key)
            });
        words <= ADJUNCT_MAX_WORDS && then_clause
    }

    /// Whether the phrase opens with the act noun of a named source ("Báo_cáo của X").
    fn opens_with_document(&self, (a, b): Range) -> bool {
        self.lang
            .speaker_openers
            .longest(&self.tokens[a..b], 0)
            .is_some_and(|(len, _)| a + len < b)
    }

    /// The quotation opening right after the cue ending at `cue_end` (past commas and a
    /// time: "said on Monday, “…”"): its inner tokens.
    fn quote_resumed_at(&self, cue_end: usize) -> Option<Range> {
        let open = (cue_end..self.s.end).find(|&i| {
            let t = &self.tokens[i];
            !(t.key == "," || self.in_time(t) || self.lang.prepositions.contains(&t.key))
        })?;
        let mark = &self.tokens[open];
        if !(is_open_quote(&mark.key) || mark.key == "\"") {
            return None;
        }
        self.quotes
            .iter()
            .find(|&&(inner, c)| inner == open + 1 && c > inner)
            .copied()
    }

    /// An audience phrase opened by a media noun and a name ("báo Tuổi_Trẻ", "tờ Nikkei"),
    /// as an outlet: its name.
    fn named_outlet(&self, book: &mut ActorBook, (a, b): Range) -> Option<String> {
        let noun = (a..b).find(|&i| self.lang.media_nouns.contains(&self.tokens[i].key))?;
        let named = (noun + 1..b).any(|i| self.tokens[i].upper && self.tokens[i].is_word());
        if !named || (self.tokens[noun].upper && noun > a) {
            return None;
        }
        let outlet = self.resolve(book, (noun, b))?;
        // The media noun says what it is, whatever the resolver guessed from the name.
        (outlet.kind != ActorKind::Country).then_some(outlet.name)
    }

    /// Whether `content` after a cue ending at `cue_end` is a clause the cue introduces: a
    /// complementizer or a colon between them, a clause opener in its first words ("agrees
    /// on who …"), or a quotation opening it.
    pub(crate) fn introduces_clause(&self, cue_end: usize, content: Option<Range>) -> bool {
        let Some((a, b)) = content.filter(|&(a, _)| a >= cue_end) else {
            return false;
        };
        let between = &self.tokens[cue_end..a];
        let keys: Vec<&str> = between.iter().map(|t| t.key.as_str()).collect();
        let joined = (0..keys.len())
            .any(|i| keys[i] == ":" || self.lang.complementizers.longest(&keys, i).is_some());
        let opened = self.tokens[a..b.min(a + CLAUSE_OPENER_REACH)]
            .iter()
            .any(|t| self.lang.clause_openers.contains(&t.key));
        joined || opened || matches!(self.tokens[a].key.as_str(), "\"" | "“" | "'" | "‘")
    }

    /// "X dẫn lời Y [verb] C", "X quoted Y as saying C": Y speaks, via X.
    fn read_relay(&self, book: &mut ActorBook, at: &At, next: Option<&Hit>) -> Option<Read> {
        let (hit, lower) = (at.hit, at.lower);
        // "…, which quoted X as saying": the relative pronoun's antecedent relays.
        let antecedent = self.relative_before(hit.start, lower).and_then(|rel| {
            let end = if rel > lower && self.tokens[rel - 1].key == "," {
                rel - 1
            } else {
                rel
            };
            self.left_np(end, lower).map(|np| self.last_determiner(np))
        });
        let relay = antecedent
            .or_else(|| self.left_np(hit.start, lower))
            .and_then(|np| self.resolve(book, np));
        let np = self.right_np(hit.end, at.next_start, 12)?;
        let speaker = self.resolve(book, np)?;
        let mut via: Vec<String> = relay.into_iter().map(|r| r.name).collect();
        via.extend(at.via.iter().cloned());
        let clause_start = self.left_np(hit.start, lower).map_or(hit.start, |n| n.0);
        let before = self.content_before(clause_start);
        let next_verb = next.filter(|n| n.start == np.1 && matches!(n.kind, CueKind::Verb(_)));
        if let Some(n) = next_verb {
            let CueKind::Verb(v) = &n.kind else {
                return None;
            };
            let (after, _) = self.content_after(n.end, v.takes_object);
            let mut found = at.found(speaker, np, v.stance, after.or(before), via);
            found.cue_tokens = (n.start, n.end);
            let mut read = Read::one(found, Some(np.1));
            read.took_next = true;
            return Some(read);
        }
        let (after, _) = self.content_after(np.1, false);
        let found = at.found(speaker, np, Stance::Assert, before.or(after), via);
        Some(Read::one(found, Some(np.1)))
    }

    /// "Theo X, C" (the speaker between the cue and a comma) and "C, according to X".
    fn read_prefix(
        &self,
        book: &mut ActorBook,
        at: &At,
        p: &PrefixCue,
        out: &[Found],
    ) -> Option<Read> {
        let hit = at.hit;
        let comma = (hit.end..self.s.end.min(hit.end + 16)).find(|&i| self.tokens[i].key == ",");
        let opens = hit.start == self.s.first || self.tokens[hit.start - 1].key != ",";
        if let (true, Some(comma)) = (opens && self.at_clause_start(hit.start), comma) {
            let np = if comma > hit.end {
                self.trim_trailers((hit.end, comma))
            } else {
                (hit.end, comma)
            };
            if np.0 >= np.1 || !(p.any_speaker || self.speakerish(np, book)) {
                return None;
            }
            let speaker = self.resolve(book, np)?;
            let (content, _) = self.content_after(comma + 1, false);
            let found = at.found(speaker, np, p.stance, content, at.via.clone());
            return Some(Read::one(found, Some(comma)));
        }
        // "( Theo Reuters )": a source credit, not an attribution.
        if hit.start > self.s.first && self.tokens[hit.start - 1].key == "(" {
            return None;
        }
        let np = self.right_np(hit.end, self.s.end, 10)?;
        if !(p.any_speaker || self.speakerish(np, book)) {
            return None;
        }
        let speaker = self.resolve(book, np)?;
        let mut end = hit.start;
        while end > self.s.first && matches!(self.tokens[end - 1].key.as_str(), "," | "–" | "—")
        {
            end -= 1;
        }
        let mut start = self.s.first;
        if let Some(prev) = out.last() {
            start = start.max(prev.cue_tokens.1);
        }
        let content = (end > start).then_some((start, end));
        let found = at.found(speaker, np, p.stance, content, at.via.clone());
        Some(Read::one(found, Some(np.1)))
    }

    /// "X chưa bình luận", "X declined to comment".
    fn read_refusal(&self, book: &mut ActorBook, at: &At) -> Option<Read> {
        let np = self.left_np(at.hit.start, at.lower)?;
        let speaker = self.resolve(book, np)?;
        let (content, _) = self.content_after(at.hit.end, false);
        let found = at.found(speaker, np, Stance::RefuseComment, content, at.via.clone());
        Some(Read::one(found, None))
    }
}

impl SentenceReader<'_> {
    /// The speaker after an inverted cue ("said Caddell", "said the official").
    fn inverted_speaker(&self, at: usize) -> Option<(usize, usize)> {
        let np = self.inverted_phrase(at)?;
        // "X, a division of Y, said they were …": a pronoun opening a clause is its subject.
        let pronoun = self.lang.pronouns.contains_key(&self.tokens[np.0].key);
        let clause = self
            .tokens
            .get(np.1)
            .is_some_and(|t| np.1 < self.s.end && t.is_word());
        (!(pronoun && clause)).then_some(np)
    }

    /// The phrase after a cue that could be an inverted speaker: a name, a pronoun, an
    /// indefinite or a title. The text before such a cue is its content, whose cues are
    /// reserved (`unreserved_hits`), even when the pronoun turns out to open a clause.
    fn inverted_phrase(&self, at: usize) -> Option<(usize, usize)> {
        let np = self.right_np(at, self.s.end, 8)?;
        let first = &self.tokens[np.0];
        let ok = first.upper
            || self.lang.pronouns.contains_key(&first.key)
            || self.lang.indefinites.contains(&first.key)
            || self.lang.titles.longest(&[first.key.as_str()], 0).is_some();
        ok.then_some(np)
    }

    /// The sentence's subject, resolved, for a cue at `cue` that has none of its own: the
    /// phrase opening the sentence, or, when that names no one, the titled phrase after a
    /// leading clause ("Nhắc đến …, Ngài X ôn_lại … và cho rằng C": the participle's clause
    /// has no subject of its own).
    fn resolved_subject(&self, book: &mut ActorBook, cue: usize) -> Option<(Resolved, Range)> {
        if let Some(np) = self.subject() {
            if let Some(speaker) = self.resolve(book, np) {
                return Some((speaker, np));
            }
        }
        let np = self.subject_after_leading_clause(cue)?;
        Some((self.resolve(book, np)?, np))
    }

    /// The subject after the first comma outside quotation marks and before `cue` that a
    /// title, person noun or organization head follows.
    fn subject_after_leading_clause(&self, cue: usize) -> Option<Range> {
        let comma = (self.s.first + 1..cue.min(self.s.end)).find(|&i| {
            self.tokens[i].key == "," && !self.in_quote(i) && self.head_len(i + 1) > 0
        })?;
        self.subject_at(comma + 1)
    }

    /// The run of capitalized words that opens the sentence: its likely subject.
    fn subject(&self) -> Option<(usize, usize)> {
        let mut a = self.s.first;
        // "On Thursday, however, Trump spoke …": adverbials before the subject are skipped.
        for _ in 0..3 {
            while a < self.s.end && self.tokens[a].kind == TokenKind::Punct {
                a += 1;
            }
            // "Sáng 3/9 , Thủ_tướng X …": a time opening the sentence is an adverbial too.
            let adverbial = a < self.s.end
                && (self.lang.prepositions.contains(&self.tokens[a].key)
                    || self.in_time(&self.tokens[a])
                    || self.connective_before_comma(a));
            if adverbial {
                match (a..self.s.end.min(a + 12)).find(|&i| self.tokens[i].key == ",") {
                    Some(comma) => a = comma + 1,
                    None => return None,
                }
            } else {
                break;
            }
        }
        self.subject_at(a)
    }

    /// The length of the title, person noun or organization head at `a` (0 when none).
    fn head_len(&self, a: usize) -> usize {
        let tokens = &self.tokens[..self.s.end];
        self.lang
            .titles
            .longest(tokens, a)
            .map(|(len, _)| len)
            .or_else(|| {
                self.lang
                    .person_nouns
                    .longest(tokens, a)
                    .map(|(len, _)| len)
            })
            .or_else(|| self.lang.org_heads.longest(tokens, a).map(|(len, _)| len))
            .unwrap_or(0)
    }

    /// The subject phrase starting at `a`: a head and capitalized words.
    fn subject_at(&self, a: usize) -> Option<Range> {
        // A title in any case opens it ("Thủ_tướng", "ông"); then capitalized words, with
        // the lowercase syllables a segmented word joins to them ("Bộ Y_tế").
        let head = self.head_len(a);
        let mut b = a + head;
        // "Chủ_tịch tỉnh X": a place noun after the title.
        if head > 0 {
            b += self
                .lang
                .place_nouns
                .longest(&self.tokens[..self.s.end], b)
                .map_or(0, |(len, _)| len);
        }
        let mut words = 0;
        while b < self.s.end && words < 5 {
            let t = &self.tokens[b];
            let name_word = t.kind == TokenKind::Word && (t.upper || (t.joined && b > a + head));
            // "Mr. Schultz …": the dot of an abbreviation stays inside the name.
            let abbreviation_dot = t.key == "."
                && b > a
                && !t.space_before
                && self.lang.abbreviations.contains(&self.tokens[b - 1].key);
            if !(name_word || abbreviation_dot) {
                break;
            }
            words += usize::from(name_word && !t.joined);
            b += 1;
        }
        // A capitalized head alone names the subject too ("Chính_phủ").
        let named =
            (a + head..b).any(|i| self.tokens[i].upper) || (head > 0 && self.tokens[a].upper);
        (named && !self.lang.clause_words.contains(&self.tokens[a].key)).then_some((a, b))
    }

    /// "has been harshly criticized": a passive cue has no speaker on its left.
    pub(crate) fn passive(&self, at: usize, lower: usize) -> bool {
        let mut k = at;
        while k > lower {
            let t = &self.tokens[k - 1];
            let adverb = !t.upper
                && self
                    .lang
                    .adverb_suffix
                    .as_ref()
                    .is_some_and(|r| r.matches(&t.key));
            if adverb || self.lang.skip_before_cue.contains_phrase(&[t.key.as_str()]) {
                k -= 1;
            } else {
                return self.lang.passive_markers.contains(&t.key);
            }
        }
        false
    }

    /// What follows the cue tells where or to whom, not what: a short phrase opened by a
    /// preposition ("phát_biểu tại hội_nghị") or a word for the matter itself followed by
    /// nothing but a recipient ("thông_báo sự_việc cho công_an").
    fn narrated_act(&self, (a, b): Range) -> bool {
        let toks = &self.tokens[a..b];
        let says = |t: &Token| {
            matches!(t.key.as_str(), "," | ":" | "\"")
                || is_open_quote(&t.key)
                || is_close_quote(&t.key)
        };
        if toks.iter().any(says) {
            return false;
        }
        let words = toks
            .iter()
            .filter(|t| !t.joined && t.is_word() && !self.in_time(t))
            .count();
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        if words <= 5 && self.lang.occasion_prepositions.contains(keys[0]) {
            return true;
        }
        self.lang
            .act_objects
            .longest(&keys, 0)
            .is_some_and(|(len, _)| {
                keys.get(len)
                    .is_none_or(|k| self.lang.prepositions.contains(*k))
            })
    }

    /// "Bà X , giáo_viên dạy lớp 3 tại trường cho_biết": the name opening the clause before
    /// a comma, when a lowercase description (figures and places allowed) runs from the comma
    /// to the cue. A clause opener before the name ("Còn chị X") is left out.
    fn name_before_descriptor(&self, at: usize, lower: usize) -> Option<Range> {
        // English opens clauses with "Sadly , …" and "In Hawaii , …": only where the
        // language file says a description after a comma runs to the cue.
        if !self.lang.name_before_description {
            return None;
        }
        let comma = (lower..at)
            .rev()
            .take(20)
            .find(|&i| is_boundary(&self.tokens[i]))
            .filter(|&i| self.tokens[i].key == ",")?;
        let described = self
            .tokens
            .get(comma + 1)
            .is_some_and(|t| !t.upper && t.is_word())
            && comma + 1 < at;
        if !described {
            return None;
        }
        let mut name = self.left_np(comma, lower)?;
        let opens_clause = name.0 == self.s.first || name.0 == lower;
        while name.0 < name.1
            && (self.lang.clause_words.contains(&self.tokens[name.0].key)
                || self
                    .lang
                    .skip_before_cue
                    .contains_phrase(&[self.tokens[name.0].key.as_str()]))
        {
            name.0 += 1;
        }
        // "In November , the mayor said": a time or a phrase opened by a preposition is no name.
        let adverbial = self.lang.prepositions.contains(&self.tokens[name.0].key)
            || self.tokens[name.0..name.1].iter().any(|t| self.in_time(t));
        (opens_clause && !adverbial && self.titled_name(name)).then_some(name)
    }

    /// A person's name, after an optional title or person noun in any case ("Đại_tá Mạc_Văn_Hùng",
    /// "ông Hùng").
    fn titled_name(&self, (a, b): Range) -> bool {
        if b <= a {
            return false;
        }
        let keys: Vec<&str> = self.tokens[a..b].iter().map(|t| t.key.as_str()).collect();
        let head = self
            .lang
            .titles
            .longest(&keys, 0)
            .map(|(len, _)| len)
            .or_else(|| self.lang.person_nouns.longest(&keys, 0).map(|(len, _)| len))
            .unwrap_or(0);
        a + head < b
            && self.tokens[a + head..b]
                .iter()
                .all(|t| t.upper && t.kind == TokenKind::Word)
    }

    fn all_names(&self, (a, b): (usize, usize)) -> bool {
        if b <= a || b - a > 6 || self.lang.prepositions.contains(&self.tokens[a].key) {
            return false;
        }
        let keys: Vec<&str> = self.tokens[a..b].iter().map(|t| t.key.as_str()).collect();
        let mut i = 0;
        let mut named = false;
        while i < keys.len() {
            let t = &self.tokens[a + i];
            if self.lang.clause_words.contains(keys[i]) || self.lang.indefinites.contains(keys[i]) {
                return false;
            }
            // A capitalized title ("Thượng_tá") before a name is skipped too.
            if let Some((len, _)) = self
                .lang
                .titles
                .longest(&keys, i)
                .filter(|&(len, _)| !t.upper || i + len < keys.len())
            {
                i += len;
                continue;
            }
            if !((t.upper && t.kind == TokenKind::Word) || t.key == ".") {
                return false;
            }
            named |= t.upper;
            i += 1;
        }
        named
    }

    /// "“C” ― Name" (a quotation signed after a dash) and "NAME: C" (transcripts, headlines).
    fn dash_and_colon(
        &self,
        book: &mut ActorBook,
        sentence: usize,
        hits: &[Hit],
        out: &mut Vec<Found>,
    ) {
        for &(inner, c) in &self.quotes {
            if c + 2 >= self.s.end
                || !is_dash(&self.tokens[c + 1].key)
                || hits.iter().any(|h| h.start > c)
            {
                continue;
            }
            let mut end = self.s.end;
            while end > c + 2 && self.tokens[end - 1].kind == TokenKind::Punct {
                end -= 1;
            }
            let np = (c + 2, end);
            if !self.all_names(np) || c <= inner {
                continue;
            }
            let Some(speaker) = self.resolve(book, np) else {
                continue;
            };
            let cue = (c + 1, c + 2);
            let content = Some((inner, c));
            out.push(Found::new(
                sentence,
                speaker,
                np,
                cue,
                Stance::Assert,
                content,
                Vec::new(),
            ));
        }
        let mut a = self.s.first;
        while a < self.s.end && (is_open_quote(&self.tokens[a].key) || self.tokens[a].key == "\"") {
            a += 1;
        }
        let Some(colon) = (a..self.s.end.min(a + 6)).find(|&i| self.tokens[i].key == ":") else {
            return;
        };
        if hits.iter().any(|h| h.start < colon) || !self.all_names((a, colon)) {
            return;
        }
        let (content, _) = self.content_after(colon + 1, false);
        let Some(content) = content.filter(|(x, y)| y - x >= 2) else {
            return;
        };
        let Some(speaker) = self.resolve(book, (a, colon)) else {
            return;
        };
        let (np, cue) = ((a, colon), (colon, colon + 1));
        let stance = Stance::Assert;
        out.push(Found::new(
            sentence,
            speaker,
            np,
            cue,
            stance,
            Some(content),
            Vec::new(),
        ));
    }
}

/// "Yomiuri_Shimbun của Nhật": a name followed by a possessive and a country ends before
/// the possessive (the actor is the name, and so is its mention); "Bộ Ngoại_giao của Nga",
/// where an organization head opens the name, keeps it. The phrase's new end.
pub(crate) fn without_possessive_place(tokens: &[Token], book: &ActorBook, (a, b): Range) -> usize {
    let lang = book.lang;
    let Some(of) = (a + 1..b)
        .rev()
        .take(4)
        .find(|&i| lang.place_possessives.contains(&tokens[i].key))
    else {
        return b;
    };
    let keys = super::actors::token_keys(&tokens[of + 1..b]);
    let country = !keys.is_empty()
        && book
            .gazetteer
            .get(&keys)
            .is_some_and(|e| e.kind == ActorKind::Country);
    let name_start = (a..of).find(|&i| tokens[i].upper && tokens[i].is_word());
    let named =
        tokens[of - 1].upper || (tokens[of - 1].joined && name_start.is_some_and(|n| n < of - 1));
    let org = name_start.is_some_and(|n| lang.org_heads.longest(&tokens[..of], n).is_some());
    if country && named && !org {
        of
    } else {
        b
    }
}

fn is_close_quote_or_straight(t: &Token) -> bool {
    is_close_quote(&t.key) || t.key == "\""
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lang_data;
    use crate::sentence::split;
    use crate::token::tokenize;

    /// Speaker, cue, stance, content and relays of each attribution in `text`.
    fn read(lang: &str, text: &str) -> Vec<(String, String, Stance, String, Vec<String>)> {
        let data = lang_data(lang).unwrap();
        let tokens = tokenize(text);
        let sentences = split(&tokens, data);
        let mut book = ActorBook::new(data, &data.gazetteer);
        let span = |(a, b): Range| text[tokens[a].start..tokens[b - 1].end].to_string();
        let mut out = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            let reader =
                SentenceReader::new(text, &tokens, data, *s).with_gazetteer(&data.gazetteer);
            for f in reader.attributions(&mut book, i) {
                let content = f.content.map(span).unwrap_or_default();
                out.push((f.speaker.name, span(f.cue_tokens), f.stance, content, f.via));
            }
        }
        eprintln!("{text}\n  {out:?}");
        out
    }

    #[test]
    fn subject_verb_content_and_audience_relay() {
        let r = read(
            "en",
            "Sergei Ryabkov told Reuters that the talks had failed.",
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "Sergei Ryabkov");
        assert_eq!(r[0].1, "told");
        assert_eq!(r[0].2, Stance::Assert);
        assert_eq!(r[0].3, "the talks had failed");
        assert_eq!(r[0].4, ["Reuters"]);
    }

    #[test]
    fn inverted_quotation_reads_the_speaker_after_the_cue() {
        let r = read("en", "\"We will win,\" said Pat Caddell.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "Pat Caddell");
        assert_eq!(r[0].3, "We will win,");
    }

    #[test]
    fn participle_goes_on_with_the_speaker() {
        let r = read(
            "en",
            "Donald Trump mocked the complaint, saying it was fake.",
        );
        assert_eq!(r.last().map(|f| f.0.as_str()), Some("Donald Trump"));
        assert_eq!(r.last().map(|f| f.3.as_str()), Some("it was fake"));
    }

    #[test]
    fn participle_after_a_closing_quotation_goes_on_with_the_speaker() {
        let r = read(
            "en",
            "The mayor told reporters that the bridge was “safe for now,” adding that repairs would start in May.",
        );
        let cues: Vec<&str> = r.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(cues, ["told reporters", "adding"]);
        assert_eq!(r[1].0, "The mayor");
        assert_eq!(r[1].3, "repairs would start in May");
        assert!(!r[0].3.contains("repairs"), "first content: {}", r[0].3);
    }

    #[test]
    fn a_closing_according_to_owns_the_cues_before_it() {
        let r = read(
            "en",
            "The minister said little at the dinner, according to two guests.",
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "two guests");
        assert_eq!(r[0].3, "The minister said little at the dinner");
    }

    #[test]
    fn prefix_and_refusal() {
        let r = read("en", "According to Sergei Ryabkov, the talks failed.");
        assert_eq!(r.len(), 1);
        assert_eq!(
            (r[0].0.as_str(), r[0].3.as_str()),
            ("Sergei Ryabkov", "the talks failed")
        );
        let r = read("en", "The Kremlin declined to comment.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].2, Stance::RefuseComment);
    }

    #[test]
    fn relay_names_the_speaker_after_the_cue() {
        let r = read(
            "vi",
            "Reuters dẫn lời ông Sergei Ryabkov cho biết cuộc đàm phán đã thất bại.",
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "Sergei Ryabkov");
        assert_eq!(r[0].4, ["Reuters"]);
        assert_eq!(r[0].3, "cuộc đàm phán đã thất bại");
    }

    #[test]
    fn a_report_around_an_attribution_becomes_its_relay() {
        let r = read(
            "vi",
            "Theo Reuters, ông Sergei Ryabkov cho biết cuộc đàm phán đã thất bại.",
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "Sergei Ryabkov");
        assert_eq!(r[0].4, ["Reuters"]);
    }

    #[test]
    fn one_constructor_sets_no_quotation_and_no_written_speaker() {
        let speaker = Resolved {
            name: "Russia".into(),
            kind: ActorKind::Country,
        };
        let f = Found::new(3, speaker, (0, 1), (1, 2), Stance::Deny, None, Vec::new());
        assert!(f.more.is_empty() && f.speaker_text.is_none());
        assert_eq!((f.sentence, f.stance), (3, Stance::Deny));
    }
}

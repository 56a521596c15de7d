//! A claim's said time and how it was decided (`docs/time.md`, "A claim's said time"):
//!
//! 1. a time in the claim's own reporting clause (`explicit`);
//! 2. else, inherited: from the day last named when the clause says "the same day" ("cùng
//!    ngày"); from the claim before when the clause says it came later ("sau đó",
//!    "later"); from the same speaker's statement in the last two sentences; in languages
//!    whose news dates the event in its lead (`said_from_lead`), from the lead's date;
//! 3. else none. A claim whose clause places it before the event ("từng", "trước đó")
//!    inherits nothing, and no said time falls after publication.

use crate::attribution::Found;
use crate::fasthash::FastMap;
use crate::lang::{LangData, PhraseTable};
use crate::sentence::Sentence;
use crate::timex::TimexMatch;
use crate::token::Token;
use crate::{times, work};
use chrono::{Datelike, NaiveDate, Weekday};
use claimgraph_model::{Precision, TimePoint};

/// How a claim's said time was decided; the record's `said_basis`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum SaidBasis {
    /// A time phrase in the claim's own reporting clause.
    Explicit,
    /// From the lead's event date, the claim before, the same speaker or the publication.
    Inherited,
    /// No said time.
    #[default]
    None,
}

impl SaidBasis {
    /// The record's spelling.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SaidBasis::Explicit => "explicit",
            SaidBasis::Inherited => "inherited",
            SaidBasis::None => "none",
        }
    }
}

/// The sentences a lead may take to give its event date (a photo caption or a short
/// scene-setting sentence often comes first).
const LEAD_SENTENCES: usize = 3;

/// How many sentences back "the same day" may look for the day it means.
const SAME_DAY_REACH: usize = 3;
/// Tokens at most between an aspect word and the cue it dates ("từng nhiều lần cảnh_báo").
const ASPECT_REACH: usize = 4;

/// What the said times of an article are decided from.
pub(crate) struct SaidContext<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    pub(crate) sentences: &'a [Sentence],
    pub(crate) data: &'a LangData,
    pub(crate) times: &'a [TimexMatch],
    pub(crate) published: Option<&'a TimePoint>,
    /// The year the document writes, for day and month without a year when the publication
    /// date is unknown.
    pub(crate) doc_year: Option<i32>,
    /// The lead's event date, in languages that date the event in the lead.
    pub(crate) lead: Option<TimePoint>,
}

/// The said times of attributions, decided in text order.
pub(crate) struct SaidTimes<'a> {
    cx: SaidContext<'a>,
    /// The said time of the attribution before.
    last: Option<TimePoint>,
    /// The latest said time of each speaker, by [`speaker_key`].
    by_speaker: FastMap<String, TimePoint>,
    /// The sentence of the attribution before and the token ranges of the contents read in
    /// it so far: another claim's content is no part of this one's reporting clause
    /// ("X tuyên_bố C1 ( … trước đó … ) , đồng_thời khẳng_định C2").
    earlier: (usize, Vec<(usize, usize)>),
}

impl<'a> SaidTimes<'a> {
    pub(crate) fn new(cx: SaidContext<'a>) -> SaidTimes<'a> {
        SaidTimes {
            cx,
            last: None,
            by_speaker: FastMap::default(),
            earlier: (usize::MAX, Vec::new()),
        }
    }

    /// The said time of the next attribution and how it was decided.
    pub(crate) fn next(&mut self, f: &Found) -> (Option<TimePoint>, SaidBasis) {
        if self.earlier.0 != f.sentence {
            self.earlier = (f.sentence, Vec::new());
        }
        let (said, basis) = match self.explicit(f) {
            Some(p) => (Some(p), SaidBasis::Explicit),
            None => match self.inherited(f) {
                Some(p) => (Some(p), SaidBasis::Inherited),
                None => (None, SaidBasis::None),
            },
        };
        self.last = said;
        self.earlier
            .1
            .extend(f.content.iter().chain(&f.more).copied());
        if let Some(p) = said {
            self.by_speaker.insert(speaker_key(&f.speaker.name), p);
        }
        (said, basis)
    }

    /// The time in the attribution's sentence outside its content nearest the cue.
    fn explicit(&self, f: &Found) -> Option<TimePoint> {
        let cx = &self.cx;
        let s = cx.sentences[f.sentence];
        let cue_start = cx.tokens[f.cue_tokens.0].start;
        let mut content = content_bytes(cx.tokens, f);
        content.extend(
            self.earlier_contents(f)
                .filter(|(a, b)| a < b)
                .map(|(a, b)| (cx.tokens[a].start, cx.tokens[b - 1].end)),
        );
        times::starting_in(cx.times, s.start_byte, s.end_byte)
            .iter()
            .filter(|t| t.span.1 <= s.end_byte && !content.iter().any(|&r| inside(t, r)))
            .filter(|t| !first_act_year(cx, s, f, t))
            .filter_map(|t| Some((t, self.not_after_publication(t)?)))
            .min_by_key(|(t, _)| t.span.0.abs_diff(cue_start))
            .map(|(_, point)| point)
    }

    /// A said time from outside the clause, unless the clause places the speech before.
    fn inherited(&self, f: &Found) -> Option<TimePoint> {
        let data = self.cx.data;
        let earlier: Vec<(usize, usize)> = self.earlier_contents(f).collect();
        if clause_has(
            self.cx.tokens,
            self.cx.sentences[f.sentence],
            f,
            &earlier,
            &data.said_same_day,
        ) {
            if let Some(day) = self.day_named_before(f.sentence) {
                return Some(day);
            }
        }
        if clause_has(
            self.cx.tokens,
            self.cx.sentences[f.sentence],
            f,
            &earlier,
            &data.said_later,
        ) {
            return self.last;
        }
        if clause_phrases(
            self.cx.tokens,
            self.cx.sentences[f.sentence],
            f,
            &earlier,
            &data.said_background,
        )
        .any(|(at, len)| self.dates_the_cue(f, at, len))
        {
            return None;
        }
        self.same_speaker(f).or(self.cx.lead)
    }

    /// Whether the background phrase at `at` places the cue's act: an aspect word that
    /// opens a predicate ("từng") only dates the verb right after it, so "X ôn_lại … những
    /// nhà_báo đã từng hoạt_động … và cho rằng C" is not a past statement.
    fn dates_the_cue(&self, f: &Found, at: usize, len: usize) -> bool {
        if !self
            .cx
            .data
            .subject_markers
            .contains(&self.cx.tokens[at].key)
        {
            return true;
        }
        let cue = f.cue_tokens.0;
        cue >= at + len && cue - (at + len) <= ASPECT_REACH
    }

    /// "Đến ngày 26.10 , … . Cũng trong ngày này , X giải_thích C": the latest day named in
    /// the few sentences before `sentence` (or early in it), outside quotations.
    fn day_named_before(&self, sentence: usize) -> Option<TimePoint> {
        let cx = &self.cx;
        let from = cx.sentences[sentence.saturating_sub(SAME_DAY_REACH)].start_byte;
        let to = cx.sentences[sentence].start_byte;
        times::starting_in(cx.times, from, to)
            .iter()
            .rev()
            .filter(|t| !in_quotation(cx.text, from, t.span.0))
            .filter_map(|t| self.not_after_publication(t))
            .find(|p| p.precision >= Precision::Day && p.year.is_some())
    }

    /// The contents of the sentence's earlier attributions that end before this one's cue.
    fn earlier_contents<'s>(&'s self, f: &Found) -> impl Iterator<Item = (usize, usize)> + 's {
        let cue = f.cue_tokens.0;
        self.earlier
            .1
            .iter()
            .copied()
            .filter(move |&(_, b)| b <= cue)
    }

    /// The same speaker's latest said time: a speaker's statements later in the article
    /// belong to the occasion their dated one was made at.
    fn same_speaker(&self, f: &Found) -> Option<TimePoint> {
        work::step(1);
        self.by_speaker.get(&speaker_key(&f.speaker.name)).copied()
    }

    /// A time as the moment something was said (see [`said_point`]).
    fn not_after_publication(&self, t: &TimexMatch) -> Option<TimePoint> {
        said_point(t, self.cx.published, self.cx.doc_year)
    }
}

/// A speaker as the last word of their name, folded: "Phan Thị Tiến Lợi", "cô Lợi" and
/// "Lợi" (a Vietnamese given name), "John Smith" and "Smith" are one speaker here, even where
/// the resolver kept the mentions apart.
fn speaker_key(name: &str) -> String {
    name.split_whitespace()
        .next_back()
        .unwrap_or(name)
        .to_lowercase()
}

/// A time as the moment something was said. Its point, or for a week the month or year
/// holding the whole week. It cannot come after publication: a time whose year was inferred
/// ("hôm 4/9", read forward by a future tense) is anchored again at or before publication;
/// one that writes its year ("năm 2025") dates something else and is no said time. Without
/// a publication date, a day or month without a year takes the year the document writes.
pub(crate) fn said_point(
    t: &TimexMatch,
    published: Option<&TimePoint>,
    doc_year: Option<i32>,
) -> Option<TimePoint> {
    let point = t.point.or_else(|| week_point(&t.value))?;
    let Some(published) = published else {
        return Some(match (point.year, doc_year) {
            (None, Some(y)) => point.with_year(y),
            _ => point,
        });
    };
    let (Some(said), Some(limit)) = (point.interval(), published.interval()) else {
        return Some(point);
    };
    if said.start < limit.end {
        return Some(point);
    }
    let year = point.year?;
    if t.text.contains(&year.to_string()) {
        return None;
    }
    let again = TimePoint {
        year: None,
        ..point
    }
    .resolve_against(published);
    again
        .interval()
        .is_some_and(|i| i.start < limit.end)
        .then_some(again)
}

/// The coarsest point holding a whole ISO week (`2016-W49`) or its weekend
/// (`2016-W49-WE`): the month when the week lies in one, else the year.
fn week_point(value: &str) -> Option<TimePoint> {
    let (year, rest) = value.split_once("-W")?;
    let year: i32 = year.parse().ok()?;
    let (week, weekend) = match rest.split_once('-') {
        Some((w, "WE")) => (w, true),
        None => (rest, false),
        Some(_) => return None,
    };
    let week: u32 = week.parse().ok()?;
    let first = if weekend { Weekday::Sat } else { Weekday::Mon };
    let start = NaiveDate::from_isoywd_opt(year, week, first)?;
    let end = NaiveDate::from_isoywd_opt(year, week, Weekday::Sun)?;
    if (start.year(), start.month()) == (end.year(), end.month()) {
        TimePoint::month(Some(start.year()), start.month() as u8)
    } else if start.year() == end.year() {
        Some(TimePoint::year(start.year()))
    } else {
        None
    }
}

/// The event date of the lead: the first day (or finer) time in the article's first
/// sentences, outside quotations and not after publication, unless the words before it in
/// its sentence mark background.
pub(crate) fn lead_date(cx: &SaidContext<'_>, skip: &[Option<usize>]) -> Option<TimePoint> {
    if !cx.data.said_from_lead {
        return None;
    }
    let lead: Vec<usize> = (0..cx.sentences.len())
        .filter(|i| !skip.contains(&Some(*i)))
        .take(LEAD_SENTENCES)
        .collect();
    lead.into_iter().find_map(|i| {
        let s = cx.sentences[i];
        times::starting_in(cx.times, s.start_byte, s.end_byte)
            .iter()
            .filter(|t| !in_quotation(cx.text, s.start_byte, t.span.0))
            .filter_map(|t| Some((t, said_point(t, cx.published, cx.doc_year)?)))
            .find(|(_, p)| p.precision >= Precision::Day && p.year.is_some())
            .filter(|(t, _)| !background_before(cx, s, t.span.0))
            .map(|(_, p)| p)
    })
}

/// The year of the document: the latest year it writes in a full date ("ngày 11/12/2016").
/// A year alone ("năm 2000") is more often history than the news's own year.
pub(crate) fn doc_year(times: &[TimexMatch]) -> Option<i32> {
    times
        .iter()
        .filter_map(|t| {
            let p = t.point?;
            let year = p.year?;
            (p.precision >= Precision::Day && t.text.contains(&year.to_string())).then_some(year)
        })
        .max()
}

/// Whether a background word comes before byte `at` in the sentence.
fn background_before(cx: &SaidContext<'_>, s: Sentence, at: usize) -> bool {
    let toks = &cx.tokens[s.first..s.end];
    (0..toks.len())
        .take_while(|&i| toks[i].start < at)
        .any(|i| phrase_at(toks, i, &cx.data.said_background))
}

/// Whether `t` is a year or month inside the subject's first act, before a coordinator that
/// goes on to the cue ("X xây_dựng dự_toán năm 2014 và đề_nghị C"): it dates what was
/// done or planned, not the speech.
fn first_act_year(cx: &SaidContext<'_>, s: Sentence, f: &Found, t: &TimexMatch) -> bool {
    let coarse = t.point.is_some_and(|p| p.precision < Precision::Day);
    let speaker_end = cx.tokens[f.speaker_tokens.1.saturating_sub(1)].end;
    let cue_start = cx.tokens[f.cue_tokens.0].start;
    if !coarse || t.span.0 < speaker_end || t.span.1 > cue_start {
        return false;
    }
    let toks = &cx.tokens[s.first..s.end];
    (0..toks.len())
        .filter(|&i| t.span.1 <= toks[i].start && toks[i].start < cue_start)
        .any(|i| phrase_at(toks, i, &cx.data.continuers))
}

/// Whether an odd number of quotation marks opens before byte `at` in the sentence.
fn in_quotation(text: &str, from: usize, at: usize) -> bool {
    let before = text.get(from..at).unwrap_or("");
    let opened = before.matches(['“', '«']).count();
    let closed = before.matches(['”', '»']).count();
    opened > closed || before.matches('"').count() % 2 == 1
}

/// Whether the attribution's reporting clause (its sentence outside its content) holds a
/// phrase of `table`.
fn clause_has(
    tokens: &[Token],
    s: Sentence,
    f: &Found,
    earlier: &[(usize, usize)],
    table: &PhraseTable<()>,
) -> bool {
    clause_phrases(tokens, s, f, earlier, table)
        .next()
        .is_some()
}

/// The phrases of `table` in the attribution's reporting clause, as (token, length).
fn clause_phrases<'t>(
    tokens: &'t [Token],
    s: Sentence,
    f: &Found,
    earlier: &[(usize, usize)],
    table: &'t PhraseTable<()>,
) -> impl Iterator<Item = (usize, usize)> + 't {
    let content: Vec<(usize, usize)> = f
        .content
        .iter()
        .chain(&f.more)
        .chain(earlier)
        .copied()
        .collect();
    let toks = &tokens[s.first..s.end];
    (0..toks.len()).filter_map(move |i| {
        let at = s.first + i;
        if content.iter().any(|&(a, b)| a <= at && at < b) {
            return None;
        }
        phrase_len(toks, i, table).map(|len| (at, len))
    })
}

/// Whether a phrase of `table` starts at word `i` and covers whole words (not "hồi" of
/// "phản_hồi").
fn phrase_at(toks: &[Token], i: usize, table: &PhraseTable<()>) -> bool {
    phrase_len(toks, i, table).is_some()
}

/// The length of the phrase of `table` at word `i` (see [`phrase_at`]).
fn phrase_len(toks: &[Token], i: usize, table: &PhraseTable<()>) -> Option<usize> {
    work::step(1);
    if toks[i].joined {
        return None;
    }
    table
        .longest(toks, i)
        .map(|(len, _)| len)
        .filter(|&len| toks.get(i + len).is_none_or(|t| !t.joined))
}

/// The content's byte ranges.
fn content_bytes(tokens: &[Token], f: &Found) -> Vec<(usize, usize)> {
    f.content
        .iter()
        .chain(&f.more)
        .filter(|(a, b)| a < b)
        .map(|&(a, b)| (tokens[a].start, tokens[b - 1].end))
        .collect()
}

/// Whether a time lies inside a byte range.
fn inside(t: &TimexMatch, (a, b): (usize, usize)) -> bool {
    a <= t.span.0 && t.span.1 <= b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_is_the_month_or_year_that_holds_it() {
        // 2016-W49 is 5–11 December.
        assert_eq!(
            week_point("2016-W49").map(|p| p.to_string()).as_deref(),
            Some("2016-12")
        );
        // 2016-W48 is 28 November – 4 December.
        assert_eq!(
            week_point("2016-W48").map(|p| p.to_string()).as_deref(),
            Some("2016")
        );
        // Its weekend, 3–4 December, lies in December.
        assert_eq!(
            week_point("2016-W48-WE").map(|p| p.to_string()).as_deref(),
            Some("2016-12")
        );
        assert_eq!(week_point("XXXX-WXX"), None);
        assert_eq!(week_point("2016-12"), None);
    }
}

//! Timelines of claims: entries in chronological order along one time axis (when it was
//! said, when the event happened, when the article was published), grouped by day, or by
//! the precision a date has (a month-only date heads its month; dates with an unknown year
//! come after every dated entry). An entry without a date on the axis stands at its
//! article's publication day, under its own heading "on or before DAY" after that day's
//! dated entries: a claim is made, and an event happens, no later than the article
//! reporting it. Only entries with neither come last, as `undated`. Order is
//! [`TimePoint`]'s total order. (A streamed timeline of the whole store merges two of the
//! store's streams, the axis index and publication order: [`merge_placed`].)
//!
//! Two entry points: [`write_timeline`] over a slice (sorts, and resolves every link inside
//! the set), and [`write_timeline_sorted`] over an iterator already in axis order, which
//! streams: memory holds one entry plus the [`LinkTargets`] used to show what a denial
//! denies. Formats: Markdown, CSV, JSON (here), TimelineJS (`timelinejs`) and
//! HTML (`html`).

use super::{one_line, truncate, ExportError};
use crate::graph::day_of;
use claimgraph_model::{ClaimId, ClaimKind, ClaimView, LinkKind, Stance, TimePoint};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::io::Write;
use std::str::FromStr;

/// Which time of a claim places it on the timeline (the model's one axis type).
pub use claimgraph_model::TimeAxis as Axis;

/// The file format of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimelineFormat {
    /// Markdown: a heading per day, a bullet per claim.
    #[default]
    Md,
    /// CSV with a header row, one claim per row.
    Csv,
    /// A JSON array of entries.
    Json,
    /// TimelineJS3 JSON (`{"title", "events"}`).
    Timelinejs,
    /// One self-contained HTML page.
    Html,
}

impl TimelineFormat {
    /// Every format with a one-line description.
    pub const CHOICES: &'static [(&'static str, &'static str)] = &[
        ("md", "Markdown: a heading per day, a bullet per claim"),
        ("csv", "CSV with a header row, one claim per row"),
        ("json", "A JSON array of entries"),
        ("timelinejs", "TimelineJS3 JSON"),
        ("html", "One self-contained HTML page"),
    ];

    /// The format's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            TimelineFormat::Md => "md",
            TimelineFormat::Csv => "csv",
            TimelineFormat::Json => "json",
            TimelineFormat::Timelinejs => "timelinejs",
            TimelineFormat::Html => "html",
        }
    }
}

impl fmt::Display for TimelineFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TimelineFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "md" => Ok(TimelineFormat::Md),
            "csv" => Ok(TimelineFormat::Csv),
            "json" => Ok(TimelineFormat::Json),
            "timelinejs" => Ok(TimelineFormat::Timelinejs),
            "html" => Ok(TimelineFormat::Html),
            _ => Err(format!(
                "unknown timeline format '{s}': expected md, csv, json, timelinejs or html"
            )),
        }
    }
}

/// What a timeline export is asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimelineOptions {
    /// Which time of a claim orders and groups the entries.
    pub axis: Axis,
    /// The file format written.
    pub format: TimelineFormat,
    /// Shown as the page or file title; a neutral default when absent.
    pub title: Option<String>,
    /// How the CSV format writes its cells (spreadsheet-safe by default).
    pub csv: crate::CsvStyle,
}

impl TimelineOptions {
    pub(crate) fn title(&self) -> &str {
        self.title.as_deref().unwrap_or("Timeline")
    }
}

/// Longest quoted text of a link target.
const TARGET_CHARS: usize = 80;

/// The speaker and (shortened) text of a claim a link points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkTarget {
    /// Who made the target claim, as stored (unescaped).
    pub speaker: String,
    /// The target claim's text on one line (controls made visible), cut to at most 80
    /// characters with an ellipsis.
    pub text: String,
}

/// Finds what a link points at. A streaming export remembers each claim it has written;
/// a store-backed implementation can look claims up instead and keep memory flat.
pub trait LinkTargets {
    /// Called with every claim as it is exported.
    fn remember(&mut self, claim: &ClaimView);
    /// The target of a link by id (when the store resolved it) or external id.
    fn lookup(&self, id: Option<ClaimId>, external_id: &str) -> Option<LinkTarget>;
}

/// Remembers exported claims' speakers and shortened texts (about 150 bytes a claim), so
/// links to earlier entries resolve. Unbounded by default; [`SeenClaims::bounded`] keeps
/// only the most recent claims, for flat memory over huge streams (a denial usually follows
/// what it denies closely in time order).
#[derive(Debug, Default)]
pub struct SeenClaims {
    by_id: HashMap<ClaimId, LinkTarget>,
    by_external: HashMap<String, ClaimId>,
    /// Most claims remembered; `None` for all.
    limit: Option<usize>,
    /// Remembered ids, oldest first (kept only when bounded).
    order: VecDeque<(ClaimId, String)>,
}

impl SeenClaims {
    /// Remembers all of `claims` up front, so links resolve whatever their order.
    pub(crate) fn from_claims(claims: &[ClaimView]) -> SeenClaims {
        let mut seen = SeenClaims::default();
        for c in claims {
            seen.remember(c);
        }
        seen
    }

    /// Remembers at most the `limit` most recent claims.
    pub fn bounded(limit: usize) -> SeenClaims {
        SeenClaims {
            limit: Some(limit.max(1)),
            ..SeenClaims::default()
        }
    }

    /// How many claims are remembered.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.by_id.len()
    }
}

impl LinkTargets for SeenClaims {
    fn remember(&mut self, claim: &ClaimView) {
        if self.by_id.contains_key(&claim.id) {
            return;
        }
        self.by_id.insert(
            claim.id,
            LinkTarget {
                speaker: claim.speaker.clone(),
                text: truncate(&one_line(&claim.text), TARGET_CHARS).into_owned(),
            },
        );
        self.by_external.insert(claim.external_id.clone(), claim.id);
        if let Some(limit) = self.limit {
            self.order.push_back((claim.id, claim.external_id.clone()));
            while self.order.len() > limit {
                if let Some((id, external)) = self.order.pop_front() {
                    self.by_id.remove(&id);
                    self.by_external.remove(&external);
                }
            }
        }
    }

    fn lookup(&self, id: Option<ClaimId>, external_id: &str) -> Option<LinkTarget> {
        let id = id.or_else(|| self.by_external.get(external_id).copied())?;
        self.by_id.get(&id).cloned()
    }
}

/// Resolves no link: every target shows as its external id.
#[derive(Debug, Default)]
pub struct NoLinkTargets;

impl LinkTargets for NoLinkTargets {
    fn remember(&mut self, _claim: &ClaimView) {}
    fn lookup(&self, _id: Option<ClaimId>, _external_id: &str) -> Option<LinkTarget> {
        None
    }
}

/// A link of an entry, with its target when it is known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct LinkEntry {
    pub(crate) kind: LinkKind,
    /// The target's external id.
    pub(crate) target: String,
    /// Speaker and text of the target, when it is in the set (or the store).
    pub(crate) resolved: Option<LinkTarget>,
}

impl LinkEntry {
    /// "denies rebel leaders: “They sent us…”", or the external id when unresolved.
    pub(crate) fn describe(&self) -> String {
        match &self.resolved {
            Some(t) => format!("{} {}: “{}”", self.kind.as_str(), t.speaker, t.text),
            None => format!(
                "{} {} (not in this export)",
                self.kind.as_str(),
                self.target
            ),
        }
    }
}

/// One claim on a timeline, with every field a format shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct TimelineEntry {
    /// The heading the entry sits under: a day, or a coarser date as precise as known,
    /// or `undated`.
    pub(crate) group: String,
    /// The claim's time on the axis, as written (event times keep their whole span).
    pub(crate) when: Option<String>,
    pub(crate) speaker: String,
    pub(crate) stance: Stance,
    pub(crate) cue: Option<String>,
    pub(crate) claim_kind: ClaimKind,
    pub(crate) text: String,
    /// Relays, innermost first.
    pub(crate) via: Vec<String>,
    pub(crate) article_id: String,
    pub(crate) article_title: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) links: Vec<LinkEntry>,
    pub(crate) claim_id: String,
    pub(crate) external_id: String,
    /// The axis time (the order key).
    #[serde(skip)]
    pub(crate) at: Option<TimePoint>,
    /// The end of an event span, on the event axis.
    #[serde(skip)]
    pub(crate) end: Option<TimePoint>,
}

/// The label of an entry group for time `at`; `on_or_before`: an undated entry placed at
/// its publication.
pub(crate) fn group_label(at: Option<TimePoint>, on_or_before: bool) -> String {
    match at {
        None => "undated".to_string(),
        Some(p) if on_or_before => format!("on or before {}", day_of(p)),
        Some(p) => day_of(p).to_string(),
    }
}

/// Where a claim stands on an axis: its time there or, without one, its article's
/// publication (then flagged: on or before it).
pub(crate) fn placement(claim: &ClaimView, axis: Axis) -> (Option<TimePoint>, bool) {
    match (axis_time(claim, axis), claim.published) {
        (Some(at), _) => (Some(at), false),
        (None, Some(published)) => (Some(published), true),
        (None, None) => (None, false),
    }
}

/// A claim's time on an axis.
pub(crate) fn axis_time(claim: &ClaimView, axis: Axis) -> Option<TimePoint> {
    match axis {
        Axis::Said => claim.said,
        Axis::Event => claim.when.and_then(|w| w.start.or(w.end)),
        Axis::Published => claim.published,
        Axis::Ingested => claimgraph_model::time::utc_point(claim.ingested_at),
    }
}

/// Sort key of a claim on an axis: placed before undated; by day, a day's dated entries
/// before those on or before it, then the point, then the claim id (ingest order) so the
/// order is total and stable.
pub(crate) fn order_key(
    claim: &ClaimView,
    axis: Axis,
) -> (bool, Option<TimePoint>, bool, Option<TimePoint>, ClaimId) {
    let (at, on_or_before) = placement(claim, axis);
    (at.is_none(), at.map(day_of), on_or_before, at, claim.id)
}

impl TimelineEntry {
    pub(crate) fn new(claim: &ClaimView, axis: Axis, targets: &dyn LinkTargets) -> TimelineEntry {
        let at = axis_time(claim, axis);
        let when = match axis {
            Axis::Event => claim.when.map(|w| w.to_string()),
            _ => at.map(|p| p.to_string()),
        };
        let (placed, on_or_before) = placement(claim, axis);
        TimelineEntry {
            group: group_label(placed, on_or_before),
            when,
            speaker: claim.speaker.clone(),
            stance: claim.stance,
            cue: claim.cue.clone(),
            claim_kind: claim.kind,
            text: claim.text.clone(),
            via: claim.via.clone(),
            article_id: claim.article_id.clone(),
            article_title: claim.article_title.clone(),
            publisher: claim.publisher.clone(),
            published: claim.published.map(|p| p.to_string()),
            links: claim
                .links
                .iter()
                .map(|l| LinkEntry {
                    kind: l.kind,
                    target: l.target.clone(),
                    resolved: targets.lookup(l.target_id, &l.target),
                })
                .collect(),
            claim_id: claim.id.to_string(),
            external_id: claim.external_id.clone(),
            at,
            end: match axis {
                Axis::Event => claim.when.and_then(|w| w.start.and(w.end)),
                _ => None,
            },
        }
    }

    /// "stance" or "stance (cue)"; narration says so.
    pub(crate) fn stance_text(&self) -> String {
        match (self.claim_kind, &self.cue) {
            (ClaimKind::Narrative, _) => "narrative".to_string(),
            (_, Some(cue)) if cue != self.stance.as_str() => {
                format!("{} ({})", self.stance, one_line(cue))
            }
            _ => self.stance.to_string(),
        }
    }

    /// "Title — Publisher (article id)" with whatever is known.
    pub(crate) fn source_text(&self) -> String {
        let mut s = String::new();
        if let Some(t) = &self.article_title {
            s.push_str(&one_line(t));
        }
        if let Some(p) = &self.publisher {
            if !s.is_empty() {
                s.push_str(" — ");
            }
            s.push_str(&one_line(p));
        }
        if s.is_empty() {
            s.push_str(&self.article_id);
        } else {
            s.push_str(&format!(" ({})", self.article_id));
        }
        s
    }

    pub(crate) fn via_text(&self) -> String {
        self.via
            .iter()
            .map(|v| one_line(v))
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

/// A format's writer: told the start, each group change, each entry, and the end.
pub(crate) trait TimelineSink {
    fn begin(&mut self, out: &mut dyn Write, opts: &TimelineOptions) -> Result<(), ExportError>;
    fn group(&mut self, out: &mut dyn Write, label: &str) -> Result<(), ExportError>;
    fn entry(&mut self, out: &mut dyn Write, entry: &TimelineEntry) -> Result<(), ExportError>;
    fn finish(&mut self, out: &mut dyn Write) -> Result<(), ExportError>;
}

fn sink_for(format: TimelineFormat) -> Box<dyn TimelineSink> {
    match format {
        TimelineFormat::Md => Box::new(Markdown),
        TimelineFormat::Csv => Box::new(Csv::default()),
        TimelineFormat::Json => Box::<Json>::default(),
        TimelineFormat::Timelinejs => Box::<super::timelinejs::TimelineJs>::default(),
        TimelineFormat::Html => Box::<super::html::Html>::default(),
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimelineStats {
    /// Claims written, one entry each.
    pub entries: usize,
    /// Group headings written (days or coarser dates); a heading repeated where the input
    /// order breaks counts again.
    pub groups: usize,
}

/// Writes the timeline of `claims` in order, resolving links against the whole set.
pub fn write_timeline(
    claims: &[ClaimView],
    opts: &TimelineOptions,
    out: &mut dyn Write,
) -> Result<TimelineStats, ExportError> {
    let mut order: Vec<&ClaimView> = claims.iter().collect();
    order.sort_by_cached_key(|c| order_key(c, opts.axis));
    let mut targets = SeenClaims::from_claims(claims);
    write_timeline_sorted(order.into_iter().cloned(), opts, &mut targets, out)
}

/// Writes claims that already come in axis order (dated first, then by day, point and
/// claim id), one at a time. Out-of-order input still yields a well-formed file, with a
/// group heading repeated where the order breaks.
pub fn write_timeline_sorted(
    claims: impl Iterator<Item = ClaimView>,
    opts: &TimelineOptions,
    targets: &mut dyn LinkTargets,
    out: &mut dyn Write,
) -> Result<TimelineStats, ExportError> {
    let mut sink = sink_for(opts.format);
    let mut stats = TimelineStats::default();
    let mut current_group: Option<String> = None;
    sink.begin(out, opts)?;
    for claim in claims {
        targets.remember(&claim);
        let entry = TimelineEntry::new(&claim, opts.axis, targets);
        if current_group.as_deref() != Some(entry.group.as_str()) {
            sink.group(out, &entry.group)?;
            stats.groups += 1;
            current_group = Some(entry.group.clone());
        }
        sink.entry(out, &entry)?;
        stats.entries += 1;
    }
    sink.finish(out)?;
    Ok(stats)
}

/// Merges the two streams a whole-store timeline reads into timeline order: `dated`, the
/// claims with a time on `axis` in axis order (the stream may go on with the undated ones,
/// which are skipped), and `by_publication`, every claim in publication order (only those
/// without a time on `axis` are taken). Undated claims thus stand at their article's
/// publication ("on or before" it) instead of after every dated claim, and memory holds
/// one claim of each stream.
pub fn merge_placed<'a>(
    dated: impl Iterator<Item = ClaimView> + 'a,
    by_publication: impl Iterator<Item = ClaimView> + 'a,
    axis: Axis,
) -> impl Iterator<Item = ClaimView> + 'a {
    let mut dated = dated
        .take_while(move |c| axis_time(c, axis).is_some())
        .peekable();
    let mut undated = by_publication
        .filter(move |c| axis_time(c, axis).is_none())
        .peekable();
    std::iter::from_fn(move || match (dated.peek(), undated.peek()) {
        (Some(d), Some(u)) if order_key(u, axis) < order_key(d, axis) => undated.next(),
        (Some(_), _) => dated.next(),
        (None, _) => undated.next(),
    })
}

/// Escapes text for Markdown prose: one line, with the characters that start markup or
/// raw HTML backslash-escaped, and bidirectional formatting characters shown as
/// [`crate::bidi_marker`]s.
pub(crate) fn escape_markdown(text: &str) -> String {
    let line = one_line(text);
    let line = crate::show_bidi(&line);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Default)]
struct Markdown;

impl TimelineSink for Markdown {
    fn begin(&mut self, out: &mut dyn Write, opts: &TimelineOptions) -> Result<(), ExportError> {
        writeln!(out, "# {}", escape_markdown(opts.title()))?;
        writeln!(out)?;
        writeln!(out, "Time axis: {}.", opts.axis)?;
        Ok(())
    }
    fn group(&mut self, out: &mut dyn Write, label: &str) -> Result<(), ExportError> {
        writeln!(out)?;
        writeln!(out, "## {}", escape_markdown(label))?;
        writeln!(out)?;
        Ok(())
    }
    fn entry(&mut self, out: &mut dyn Write, e: &TimelineEntry) -> Result<(), ExportError> {
        writeln!(
            out,
            "- **{}** — {}: {}",
            escape_markdown(&e.speaker),
            escape_markdown(&e.stance_text()),
            escape_markdown(&e.text)
        )?;
        let mut meta = Vec::new();
        if let Some(when) = &e.when {
            meta.push(format!("when: {}", escape_markdown(when)));
        }
        if !e.via.is_empty() {
            meta.push(format!("via: {}", escape_markdown(&e.via_text())));
        }
        meta.push(format!("source: {}", escape_markdown(&e.source_text())));
        writeln!(out, "  - {}", meta.join(" · "))?;
        for link in &e.links {
            writeln!(out, "  - ↳ {}", escape_markdown(&link.describe()))?;
        }
        Ok(())
    }
    fn finish(&mut self, _out: &mut dyn Write) -> Result<(), ExportError> {
        Ok(())
    }
}

const CSV_HEADER: [&str; 15] = [
    "group",
    "when",
    "speaker",
    "stance",
    "cue",
    "claim_kind",
    "text",
    "via",
    "article_id",
    "article_title",
    "publisher",
    "published",
    "links",
    "claim_id",
    "external_id",
];

#[derive(Default)]
struct Csv {
    style: crate::CsvStyle,
}

impl Csv {
    fn row(&self, out: &mut dyn Write, fields: &[&str]) -> Result<(), ExportError> {
        let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
        writer.write_record(
            fields
                .iter()
                .map(|f| crate::csv_cell(f, self.style).into_owned()),
        )?;
        let bytes = writer
            .into_inner()
            .map_err(|e| ExportError::Io(std::io::Error::other(e.to_string())))?;
        out.write_all(&bytes)?;
        Ok(())
    }
}

impl TimelineSink for Csv {
    fn begin(&mut self, out: &mut dyn Write, opts: &TimelineOptions) -> Result<(), ExportError> {
        self.style = opts.csv;
        self.row(out, &CSV_HEADER)
    }
    fn group(&mut self, _out: &mut dyn Write, _label: &str) -> Result<(), ExportError> {
        Ok(())
    }
    fn entry(&mut self, out: &mut dyn Write, e: &TimelineEntry) -> Result<(), ExportError> {
        let links = e
            .links
            .iter()
            .map(LinkEntry::describe)
            .collect::<Vec<_>>()
            .join("; ");
        let via = e.via.join(" > ");
        self.row(
            out,
            &[
                &e.group,
                e.when.as_deref().unwrap_or(""),
                &e.speaker,
                e.stance.as_str(),
                e.cue.as_deref().unwrap_or(""),
                e.claim_kind.as_str(),
                &e.text,
                &via,
                &e.article_id,
                e.article_title.as_deref().unwrap_or(""),
                e.publisher.as_deref().unwrap_or(""),
                e.published.as_deref().unwrap_or(""),
                &links,
                &e.claim_id,
                &e.external_id,
            ],
        )
    }
    fn finish(&mut self, _out: &mut dyn Write) -> Result<(), ExportError> {
        Ok(())
    }
}

#[derive(Default)]
struct Json {
    written: usize,
}

impl TimelineSink for Json {
    fn begin(&mut self, out: &mut dyn Write, _opts: &TimelineOptions) -> Result<(), ExportError> {
        write!(out, "[")?;
        Ok(())
    }
    fn group(&mut self, _out: &mut dyn Write, _label: &str) -> Result<(), ExportError> {
        Ok(())
    }
    fn entry(&mut self, out: &mut dyn Write, e: &TimelineEntry) -> Result<(), ExportError> {
        let sep = if self.written == 0 { "\n" } else { ",\n" };
        write!(out, "{sep}")?;
        serde_json::to_writer(&mut *out, e)?;
        self.written += 1;
        Ok(())
    }
    fn finish(&mut self, out: &mut dyn Write) -> Result<(), ExportError> {
        writeln!(out, "\n]")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::aleppo;

    fn order_of(axis: Axis) -> Vec<String> {
        let mut claims = aleppo();
        claims.reverse();
        claims.sort_by_key(|c| order_key(c, axis));
        claims
            .iter()
            .map(|c| {
                let (at, on_or_before) = placement(c, axis);
                group_label(at, on_or_before)
            })
            .collect()
    }

    #[test]
    fn said_axis_places_undated_at_publication_and_unknown_years_last() {
        let published = aleppo()
            .iter()
            .find(|c| c.said.is_none())
            .and_then(|c| c.published)
            .map(day_of)
            .expect("an undated claim of a published article");
        let mut expected = vec!["2016-12-10", "2016-12-11", "2016-12-11", "2016-12-11"];
        let before = format!("on or before {published}");
        expected.insert(
            expected.partition_point(|g| *g <= published.to_string().as_str()),
            &before,
        );
        expected.push("XXXX-12-11");
        assert_eq!(order_of(Axis::Said), expected);
    }

    #[test]
    fn an_undated_claim_without_publication_comes_last() {
        let mut claims = aleppo();
        for c in &mut claims {
            c.said = None;
        }
        claims[0].published = None;
        claims.sort_by_key(|c| order_key(c, Axis::Said));
        assert_eq!(claims.last().map(|c| c.published), Some(None));
        let (at, before) = placement(&claims[claims.len() - 1], Axis::Said);
        assert_eq!(group_label(at, before), "undated");
    }

    #[test]
    fn event_axis_groups_a_month_by_itself() {
        let order = order_of(Axis::Event);
        assert_eq!(order[0], "2016-07");
        assert!(order[1..].iter().all(|g| g.starts_with("on or before ")));
    }

    #[test]
    fn denials_show_what_they_deny() {
        let claims = aleppo();
        let seen = SeenClaims::from_claims(&claims);
        let russia = TimelineEntry::new(&claims[1], Axis::Said, &seen);
        let described = russia.links[0].describe();
        assert!(
            described.starts_with("denies rebel leaders: “They sent us"),
            "{described}"
        );
        let unresolved = TimelineEntry::new(&claims[1], Axis::Said, &NoLinkTargets);
        assert_eq!(
            unresolved.links[0].describe(),
            "denies art-000001#0 (not in this export)"
        );
    }

    #[test]
    fn bounded_memory_forgets_the_oldest_claims() {
        let claims = aleppo();
        let mut seen = SeenClaims::bounded(2);
        for c in &claims {
            seen.remember(c);
        }
        assert_eq!(seen.len(), 2);
        assert!(seen.lookup(Some(claims[0].id), "").is_none());
        let last = &claims[claims.len() - 1];
        assert!(seen.lookup(None, &last.external_id).is_some());
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(
            escape_markdown("<b>*x*</b>\n[a](b) #1"),
            "\\<b\\>\\*x\\*\\</b\\> \\[a\\](b) \\#1"
        );
    }

    #[test]
    fn axis_and_format_parse_from_text() {
        assert_eq!("event".parse::<Axis>(), Ok(Axis::Event));
        assert_eq!("HTML".parse::<TimelineFormat>(), Ok(TimelineFormat::Html));
        assert!("sideways".parse::<Axis>().is_err());
    }
}

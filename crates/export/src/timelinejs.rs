//! TimelineJS3 JSON: `{"events": [...], "title": {"text": {...}}}` (the title comes last
//! so that it can count what was left out while the events stream). An event has a
//! `start_date` (`year`, then `month`, `day`, `hour`, `minute`, `second` as far as the date is
//! precise, and a `display_date`), an `end_date` for event spans with an end, `text`
//! (`headline`, `text`: HTML, so every piece of article text is escaped), `group` (the
//! speaker) and a synthetic `unique_id`. TimelineJS requires a year, so an entry whose axis
//! time has an unknown year or no time at all stands at its article's publication day,
//! shown as "on or before" that day (a claim is made, and an event happens, no later than
//! the article reporting it); only entries with neither are left out, and counted on the
//! title slide.

use super::timeline::{LinkEntry, TimelineEntry, TimelineOptions, TimelineSink};
use super::{escape_html, one_line, truncate, ExportError};
use claimgraph_model::{Precision, TimePoint};
use serde_json::{json, Map, Value};
use std::io::Write;

/// Longest headline, in characters.
const HEADLINE_CHARS: usize = 80;

/// A TimelineJS3 date object for a point with a known year.
pub(crate) fn date_object(point: &TimePoint) -> Option<Value> {
    let year = point.year?;
    let mut date = Map::new();
    date.insert("year".into(), json!(year));
    let parts = [
        (Precision::Month, "month", point.month),
        (Precision::Day, "day", point.day),
        (Precision::Hour, "hour", point.hour),
        (Precision::Minute, "minute", point.minute),
        (Precision::Second, "second", point.second),
    ];
    for (precision, name, value) in parts {
        if point.precision >= precision {
            date.insert(name.into(), json!(value));
        }
    }
    date.insert("display_date".into(), json!(point.to_string()));
    Some(Value::Object(date))
}

/// The date object of an undated entry: its article's publication day, displayed as
/// "on or before" it.
fn on_or_before_publication(e: &TimelineEntry) -> Option<Value> {
    let day = crate::graph::day_of(TimePoint::parse(e.published.as_deref()?).ok()?);
    let mut date = date_object(&day)?;
    if let Some(fields) = date.as_object_mut() {
        fields.insert(
            "display_date".into(),
            json!(format!("on or before {day} (undated; published then)")),
        );
    }
    Some(date)
}

#[derive(Default)]
pub(crate) struct TimelineJs {
    written: usize,
    skipped: usize,
    title: String,
    axis: String,
}

fn event_text(e: &TimelineEntry) -> String {
    let mut html = format!("<p>{}</p>", escape_html(&one_line(&e.text)));
    for link in &e.links {
        html.push_str(&format!(
            "<p class=\"link {}\">↳ {}</p>",
            link.kind.as_str(),
            escape_html(&LinkEntry::describe(link))
        ));
    }
    let mut meta = Vec::new();
    if !e.via.is_empty() {
        meta.push(format!("via {}", escape_html(&e.via_text())));
    }
    meta.push(escape_html(&e.source_text()).into_owned());
    html.push_str(&format!("<p><small>{}</small></p>", meta.join(" · ")));
    html
}

impl TimelineSink for TimelineJs {
    fn begin(&mut self, out: &mut dyn Write, opts: &TimelineOptions) -> Result<(), ExportError> {
        self.title = one_line(opts.title());
        self.axis = opts.axis.to_string();
        write!(out, "{{\"events\": [")?;
        Ok(())
    }

    fn group(&mut self, _out: &mut dyn Write, _label: &str) -> Result<(), ExportError> {
        Ok(())
    }

    fn entry(&mut self, out: &mut dyn Write, e: &TimelineEntry) -> Result<(), ExportError> {
        let Some(start) =
            e.at.as_ref()
                .and_then(date_object)
                .or_else(|| on_or_before_publication(e))
        else {
            self.skipped += 1;
            return Ok(());
        };
        let headline = format!(
            "{} — {}",
            one_line(&e.speaker),
            truncate(&one_line(&e.text), HEADLINE_CHARS)
        );
        let mut event = Map::new();
        event.insert("start_date".into(), start);
        if let Some(end) = e.end.as_ref().and_then(date_object) {
            event.insert("end_date".into(), end);
        }
        event.insert(
            "text".into(),
            json!({ "headline": escape_html(&headline), "text": event_text(e) }),
        );
        event.insert("group".into(), json!(escape_html(&one_line(&e.speaker))));
        event.insert("unique_id".into(), json!(e.claim_id.replace('.', "-")));
        let sep = if self.written == 0 { "\n" } else { ",\n" };
        write!(out, "{sep}{}", Value::Object(event))?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> Result<(), ExportError> {
        let mut text = format!("<p>Time axis: {}.", self.axis);
        if self.skipped > 0 {
            text.push_str(&format!(
                " {} claims with neither a dated {} time nor a publication date are not shown.",
                self.skipped, self.axis
            ));
        }
        text.push_str("</p>");
        let title = json!({
            "text": { "headline": escape_html(&self.title), "text": text }
        });
        writeln!(out, "\n],\n\"title\": {title}}}")?;
        Ok(())
    }
}

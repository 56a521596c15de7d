//! The HTML timeline: one self-contained page (inline CSS, no scripts, no network, no
//! external assets) that reads on screen and prints. Days are sections; each claim is a
//! row whose left column is its speaker's lane, colour-coded per speaker, with a legend of
//! the real speakers (narration, the outlet's own voice, is grey and left out). All text is HTML-escaped. The page streams: the legend, known only at the
//! end, is written last and moved to the top by CSS.

use super::timeline::{TimelineEntry, TimelineOptions, TimelineSink};
use super::{escape_html, one_line, ExportError};
use std::collections::BTreeMap;
use std::io::Write;

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f6f3; color: #1d1d1b;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { display: flex; flex-direction: column; max-width: 1080px; margin: 0 auto; padding: 24px 28px 40px; }
header { order: -2; border-bottom: 2px solid #1d1d1b; margin-bottom: 12px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.sub { margin: 0 0 10px; color: #555; }
.legend { order: -1; display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 0 0 18px; padding: 0;
  list-style: none; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 12px; height: 12px; border-radius: 3px; background: hsl(var(--h) 55% 42%); }
.legend .count { color: #777; }
section.day { display: grid; grid-template-columns: 8.5em 1fr; gap: 0 14px; margin: 0 0 6px; }
h2.day-label small { display: block; font-weight: 400; color: #777; font-size: 12px; }
h2.day-label { grid-column: 1; margin: 0; padding-top: 10px; font-size: 14px; font-weight: 700;
  font-variant-numeric: tabular-nums; color: #333; border-top: 1px solid #cfcfca; }
ol.entries { grid-column: 2; list-style: none; margin: 0; padding: 8px 0 0; border-top: 1px solid #cfcfca; }
li.entry { display: grid; grid-template-columns: 11em 1fr; gap: 0 12px; margin: 0 0 10px;
  break-inside: avoid; page-break-inside: avoid; }
.lane { border-right: 4px solid hsl(var(--h) 55% 42%); padding: 6px 10px 6px 0; text-align: right;
  font-weight: 650; color: hsl(var(--h) 55% 30%); overflow-wrap: anywhere; }
.card { background: #fff; border: 1px solid #e0e0da; border-radius: 6px; padding: 8px 12px; }
.head { font-size: 12.5px; color: #555; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 11.5px; font-weight: 700;
  text-transform: uppercase; letter-spacing: .03em; background: #e8e8e4; color: #333; }
.stance-deny .badge, .stance-refuse_comment .badge { background: #f8d7da; color: #8a1c24; }
.stance-assert .badge, .stance-confirm .badge { background: #fff0c2; color: #6b5200; }
.stance-report .badge { background: #dde8fa; color: #1f4c8f; }
.stance-propose .badge, .stance-question .badge { background: #ebe0f5; color: #5b2c83; }
.narrative .lane { border-right-color: #9e9e9e; color: #555; }
.narrative .badge { background: #e6e6e6; color: #444; font-style: italic; }
.what { margin: 4px 0 2px; font-size: 15.5px; overflow-wrap: anywhere; white-space: pre-line; }
.link { margin: 4px 0 0; padding: 3px 8px; border-left: 3px solid #999; background: #f4f4f1; font-size: 13.5px;
  overflow-wrap: anywhere; }
.link.denies { border-color: #c62828; background: #fdf0f0; }
.link.supports { border-color: #2e7d32; background: #eff8ef; }
.link.responds_to { border-color: #1565c0; background: #eef4fc; }
.source { margin: 4px 0 0; font-size: 12.5px; color: #666; overflow-wrap: anywhere; }
footer { order: 1; margin-top: 18px; font-size: 12px; color: #777; border-top: 1px solid #cfcfca; padding-top: 8px; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .card { border-color: #bbb; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The hue of the `n`th speaker of the page: golden-angle steps keep any few neighbours
/// far apart on the colour wheel.
fn hue(n: usize) -> u32 {
    ((n as f64 * 137.508) % 360.0) as u32
}

/// User text for element content: escaped, and isolated in `<bdi>` so that bidirectional
/// formatting characters (a right-to-left override, say) and right-to-left names cannot
/// reorder the text around them. The characters themselves are kept: in HTML they are
/// contained, and the text reads as its author wrote it.
fn isolated(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape_html(text))
}

#[derive(Default)]
pub(crate) struct Html {
    in_section: bool,
    entries: usize,
    /// Speaker → (hue, claims): the legend, in first-seen hue order.
    speakers: BTreeMap<String, (u32, usize)>,
}

impl Html {
    fn close_section(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        if self.in_section {
            writeln!(out, "</ol></section>")?;
            self.in_section = false;
        }
        Ok(())
    }
}

impl TimelineSink for Html {
    fn begin(&mut self, out: &mut dyn Write, opts: &TimelineOptions) -> Result<(), ExportError> {
        let title = escape_html(&one_line(opts.title())).into_owned();
        writeln!(out, "<!DOCTYPE html>")?;
        writeln!(out, "<html lang=\"und\">")?;
        writeln!(out, "<head>")?;
        writeln!(out, "<meta charset=\"utf-8\">")?;
        writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        )?;
        // No scripts, no remote loads: the page is data only.
        writeln!(
            out,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        )?;
        writeln!(out, "<title>{title}</title>")?;
        writeln!(out, "<style>{STYLE}</style>")?;
        writeln!(out, "</head>")?;
        writeln!(out, "<body><main>")?;
        writeln!(
            out,
            "<header><h1>{title}</h1><p class=\"sub\">{}</p></header>",
            match opts.axis {
                super::timeline::Axis::Said => "Claims in the order they were said.",
                super::timeline::Axis::Event => "Claims in the order of the events they are about.",
                super::timeline::Axis::Published =>
                    "Claims in the order their articles were published.",
                super::timeline::Axis::Ingested =>
                    "Claims in the order their articles were stored.",
            }
        )?;
        Ok(())
    }

    fn group(&mut self, out: &mut dyn Write, label: &str) -> Result<(), ExportError> {
        self.close_section(out)?;
        let note = if label.starts_with("XXXX") {
            "<small>year unknown</small>"
        } else {
            ""
        };
        let label = escape_html(label);
        writeln!(
            out,
            "<section class=\"day\"><h2 class=\"day-label\"><time>{label}</time>{note}</h2><ol class=\"entries\">"
        )?;
        self.in_section = true;
        Ok(())
    }

    fn entry(&mut self, out: &mut dyn Write, e: &TimelineEntry) -> Result<(), ExportError> {
        let speaker = one_line(&e.speaker);
        let narrative = e.claim_kind == claimgraph_model::ClaimKind::Narrative;
        // The legend lists real speakers: narration is the outlet's own voice, drawn grey.
        let h = if narrative {
            0
        } else {
            let next = self.speakers.len();
            let legend = self
                .speakers
                .entry(speaker.clone())
                .or_insert((hue(next), 0));
            legend.1 += 1;
            legend.0
        };
        self.entries += 1;

        let class = if narrative {
            "entry narrative".to_string()
        } else {
            format!("entry stance-{}", e.stance.as_str())
        };
        writeln!(out, "<li class=\"{class}\" style=\"--h: {h}\">")?;
        writeln!(
            out,
            "<div class=\"lane\">{}</div><div class=\"card\">",
            isolated(&speaker)
        )?;
        let badge = if narrative {
            "narrative"
        } else {
            e.stance.as_str()
        };
        write!(
            out,
            "<div class=\"head\"><span class=\"badge\">{badge}</span>"
        )?;
        if let Some(cue) = e.cue.as_deref().filter(|c| *c != e.stance.as_str()) {
            write!(
                out,
                "<span class=\"cue\">“{}”</span>",
                isolated(&one_line(cue))
            )?;
        }
        if let Some(when) = &e.when {
            write!(out, "<time>{}</time>", escape_html(when))?;
        }
        writeln!(out, "</div>")?;
        writeln!(out, "<p class=\"what\">{}</p>", isolated(e.text.trim()))?;
        for link in &e.links {
            let kind = link.kind.as_str();
            match &link.resolved {
                Some(t) => writeln!(
                    out,
                    "<p class=\"link {kind}\">↳ {} <b>{}</b>: “{}”</p>",
                    kind.replace('_', " "),
                    isolated(&one_line(&t.speaker)),
                    isolated(&t.text)
                )?,
                None => writeln!(
                    out,
                    "<p class=\"link {kind}\">↳ {} {} <small>(not in this export)</small></p>",
                    kind.replace('_', " "),
                    isolated(&one_line(&link.target))
                )?,
            }
        }
        let mut source = Vec::new();
        if !e.via.is_empty() {
            source.push(format!("via {}", isolated(&e.via_text())));
        }
        source.push(isolated(&e.source_text()));
        writeln!(out, "<p class=\"source\">{}</p>", source.join(" · "))?;
        writeln!(out, "</div></li>")?;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> Result<(), ExportError> {
        self.close_section(out)?;
        writeln!(out, "<ul class=\"legend\" aria-label=\"Speakers\">")?;
        let mut speakers: Vec<_> = self.speakers.iter().collect();
        speakers.sort_by_cached_key(|(name, _)| claimgraph_model::names::fold(name));
        for (speaker, (h, count)) in speakers {
            writeln!(
                out,
                "<li style=\"--h: {h}\"><span class=\"swatch\"></span>{} <span class=\"count\">({count})</span></li>",
                isolated(speaker)
            )?;
        }
        writeln!(out, "</ul>")?;
        let noun = if self.entries == 1 { "claim" } else { "claims" };
        writeln!(
            out,
            "<footer>{} {noun}, {} speakers. Exported by claimgraph.</footer>",
            self.entries,
            self.speakers.len()
        )?;
        writeln!(out, "</main></body></html>")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_speakers_get_distant_hues() {
        for n in 0..12 {
            assert!(hue(n) < 360);
            let gap = hue(n).abs_diff(hue(n + 1));
            assert!(gap.min(360 - gap) > 60, "{n}: {} vs {}", hue(n), hue(n + 1));
        }
    }
}

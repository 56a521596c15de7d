//! One story's pictures: a timeline with a lane per outlet or per speaker (Markdown), and
//! a DOT graph whose nodes are statements (one speech act however many outlets carried it)
//! and outlets, with edges for who denies or supports whom and which outlet carried what.
//!
//! Both work from claim rows that carry their `statement` (see the cross-article model);
//! a claim without one (the article's own voice) is its own node.

use crate::dot::{escape, wrap};
use crate::{one_line, truncate, ExportError};
use claimgraph_model::{ClaimKind, ClaimView};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

/// What a story timeline's lanes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lane {
    /// One lane per outlet that published an article of the story.
    #[default]
    Outlet,
    /// One lane per speaker.
    Speaker,
}

impl Lane {
    /// Every lane choice with a one-line description.
    pub const CHOICES: &'static [(&'static str, &'static str)] = &[
        ("outlet", "a lane per outlet"),
        ("speaker", "a lane per speaker"),
    ];
}

impl std::str::FromStr for Lane {
    type Err = String;
    fn from_str(s: &str) -> Result<Lane, String> {
        match s {
            "outlet" => Ok(Lane::Outlet),
            "speaker" => Ok(Lane::Speaker),
            other => Err(format!("unknown lane '{other}': outlet or speaker")),
        }
    }
}

fn outlet(c: &ClaimView) -> String {
    c.publisher
        .clone()
        .unwrap_or_else(|| format!("({})", c.article_id))
}

/// The time a claim is placed at: when it was said, else when its article was published.
fn at(c: &ClaimView) -> Option<claimgraph_model::TimePoint> {
    c.said.or(c.published)
}

/// Writes a Markdown timeline of one story: a section per lane (first active first), the
/// claims in time order, each with its statement and the other outlets that carried it.
pub fn write_story_timeline(
    title: &str,
    claims: &[ClaimView],
    lane: Lane,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut carried: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for c in claims {
        if let Some(s) = &c.statement {
            carried.entry(s.as_str()).or_default().insert(outlet(c));
        }
    }
    let mut sorted: Vec<&ClaimView> = claims.iter().collect();
    sorted.sort_by_key(|c| (at(c).map(|t| t.sort_key()), c.id));
    let mut lanes: Vec<(String, Vec<&ClaimView>)> = Vec::new();
    for c in sorted {
        let name = match lane {
            Lane::Outlet => outlet(c),
            Lane::Speaker => c.speaker.clone(),
        };
        match lanes.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(c),
            None => lanes.push((name, vec![c])),
        }
    }
    writeln!(out, "# {}\n", one_line(title))?;
    for (name, items) in &lanes {
        writeln!(out, "## {}\n", one_line(name))?;
        for c in items {
            // Placed at its publication, a claim without a said time says so.
            let time = match (c.said, c.published) {
                (Some(said), _) => said.to_string(),
                (None, Some(published)) => format!("on or before {published}"),
                (None, None) => "undated".into(),
            };
            let statement = c.statement.as_deref().unwrap_or("-");
            let who = match lane {
                Lane::Outlet => c.speaker.clone(),
                Lane::Speaker => outlet(c),
            };
            let also: Vec<String> = c
                .statement
                .as_deref()
                .and_then(|s| carried.get(s))
                .map(|set| set.iter().filter(|o| **o != outlet(c)).cloned().collect())
                .unwrap_or_default();
            write!(
                out,
                "- {time} `{statement}` {} ({}): {}",
                one_line(&who),
                c.stance.as_str(),
                one_line(&truncate(&c.text, 160))
            )?;
            if !also.is_empty() {
                write!(out, " — also {}", also.join(", "))?;
            }
            for l in &c.links {
                write!(out, " — {} {}", l.kind.as_str(), l.target)?;
            }
            writeln!(out)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A statement node: its claims' shared id (or the claim's own), speaker and text.
struct StatementNode {
    speaker: String,
    text: String,
    outlets: BTreeSet<String>,
}

/// Writes one story as DOT: statements (boxes; reported claims only) and outlets (ellipses); an outlet points
/// at each statement it carried; a statement points at the statement it denies
/// (red) or supports (green). Node ids are synthetic (`st0`, `o0`); text appears only in
/// escaped labels.
pub fn write_story_dot(
    title: &str,
    claims: &[ClaimView],
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let key = |c: &ClaimView| c.statement.clone().unwrap_or_else(|| c.id.to_string());
    // The article's own voice is not a statement of anyone.
    let claims: Vec<&ClaimView> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Reported)
        .collect();
    let mut statements: BTreeMap<String, StatementNode> = BTreeMap::new();
    let mut of_claim: HashMap<String, String> = HashMap::new();
    for &c in &claims {
        let k = key(c);
        of_claim.insert(c.external_id.clone(), k.clone());
        let node = statements.entry(k).or_insert_with(|| StatementNode {
            speaker: c.speaker.clone(),
            text: String::new(),
            outlets: BTreeSet::new(),
        });
        if c.text.chars().count() > node.text.chars().count() {
            node.text = c.text.clone();
        }
        node.outlets.insert(outlet(c));
    }
    let ids: HashMap<&str, usize> = statements
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let outlets: BTreeSet<&String> = statements.values().flat_map(|s| &s.outlets).collect();
    let outlet_ids: HashMap<&String, usize> =
        outlets.iter().enumerate().map(|(i, o)| (*o, i)).collect();
    writeln!(out, "digraph story {{")?;
    writeln!(out, "  label=\"{}\";", escape(&one_line(title)))?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(out, "  node [fontname=\"Helvetica\", fontsize=10];")?;
    for (i, o) in outlets.iter().enumerate() {
        writeln!(out, "  o{i} [shape=ellipse, label=\"{}\"];", escape(o))?;
    }
    for (k, s) in &statements {
        let mut lines = vec![format!("{k}: {}", s.speaker)];
        lines.extend(wrap(&truncate(&one_line(&s.text), 140), 40));
        writeln!(
            out,
            "  st{} [shape=box, label=\"{}\"];",
            ids[k.as_str()],
            escape(&lines.join("\n"))
        )?;
    }
    for (k, s) in &statements {
        for o in &s.outlets {
            writeln!(
                out,
                "  o{} -> st{} [color=gray, arrowhead=none];",
                outlet_ids[o],
                ids[k.as_str()]
            )?;
        }
    }
    let mut drawn = BTreeSet::new();
    for &c in &claims {
        for l in &c.links {
            let (Some(from), Some(to)) = (ids.get(key(c).as_str()), of_claim.get(&l.target)) else {
                continue;
            };
            let to = ids[to.as_str()];
            if *from == to || !drawn.insert((*from, to, l.kind.as_str())) {
                continue;
            }
            let color = match l.kind.as_str() {
                "denies" => "red",
                "supports" => "darkgreen",
                _ => "blue",
            };
            writeln!(
                out,
                "  st{from} -> st{to} [label=\"{}\", color={color}];",
                l.kind.as_str()
            )?;
        }
    }
    writeln!(out, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_without_a_said_time_stands_on_or_before_its_publication() {
        let claims = crate::sample::aleppo();
        let undated = claims
            .iter()
            .find(|c| c.said.is_none() && c.published.is_some())
            .expect("an undated claim of a published article");
        let published = undated.published.map(|p| p.to_string()).unwrap_or_default();
        let mut out = Vec::new();
        write_story_timeline("story", &claims, Lane::Outlet, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let line = text
            .lines()
            .find(|l| l.contains(&one_line(&truncate(&undated.text, 160))))
            .expect("the undated claim is listed");
        assert!(
            line.starts_with(&format!("- on or before {published} ")),
            "{line}"
        );
    }
}

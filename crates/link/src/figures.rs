//! Figures across articles: the quantities several articles of one story give for the same
//! counted thing, and whether they agree.
//!
//! A figure is keyed by its story and its unit as extracted ("người", "people"); figures
//! without a unit are left out, since a bare number says nothing about what it counts.
//! Values agree when they are equal, differ within the stated approximation when one of
//! them is approximate ("about", "thousands") and the largest is at most twice the
//! smallest, and conflict otherwise.

use crate::text::syllables;
use crate::{processing_order, LinkArticle, Occurrence, Stories};
use std::collections::BTreeMap;

/// How the values of one figure compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Every value is the same.
    Agree,
    /// Values differ, within what an approximate value allows.
    Approximate,
    /// Values differ beyond any stated approximation.
    Conflict,
}

impl Agreement {
    /// The name in output: `agree`, `approximate` or `conflict`.
    pub fn as_str(self) -> &'static str {
        match self {
            Agreement::Agree => "agree",
            Agreement::Approximate => "approximate",
            Agreement::Conflict => "conflict",
        }
    }
}

/// One value of a figure, where it was stated.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureValue {
    /// The number.
    pub value: f64,
    /// The figure as written.
    pub text: Option<String>,
    /// True for "about", "thousands", "more than".
    pub approximate: bool,
    /// The claim that states it.
    pub at: Occurrence,
}

/// A counted thing with the values several articles of one story give for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Index of the story.
    pub story: usize,
    /// What is counted, as extracted (lowercased).
    pub unit: String,
    /// Its values, first reported first.
    pub values: Vec<FigureValue>,
    /// How the values compare.
    pub agreement: Agreement,
}

/// Figures stated by at least two articles of a story.
pub fn figures(articles: &[LinkArticle], stories: &Stories) -> Vec<Figure> {
    let mut groups: BTreeMap<(usize, String), Vec<FigureValue>> = BTreeMap::new();
    for &a in &processing_order(articles) {
        for (c, view) in articles[a].claims.iter().enumerate() {
            for q in &view.quantities {
                let Some(unit) = q.unit.as_deref().map(|u| syllables(u).join(" ")) else {
                    continue;
                };
                if unit.is_empty() || !q.value.is_finite() {
                    continue;
                }
                groups
                    .entry((stories.of_article[a], unit))
                    .or_default()
                    .push(FigureValue {
                        value: q.value,
                        text: q.text.clone(),
                        approximate: q.approximate,
                        at: Occurrence {
                            article: a,
                            claim: c,
                        },
                    });
            }
        }
    }
    groups
        .into_iter()
        .filter(|(_, values)| {
            let first = values[0].at.article;
            values.iter().any(|v| v.at.article != first)
        })
        .map(|((story, unit), values)| Figure {
            story,
            unit,
            agreement: agreement(&values),
            values,
        })
        .collect()
}

fn agreement(values: &[FigureValue]) -> Agreement {
    let min = values.iter().map(|v| v.value).fold(f64::INFINITY, f64::min);
    let max = values
        .iter()
        .map(|v| v.value)
        .fold(f64::NEG_INFINITY, f64::max);
    if (max - min).abs() <= f64::EPSILON * max.abs().max(1.0) {
        Agreement::Agree
    } else if values.iter().any(|v| v.approximate) && min > 0.0 && max <= 2.0 * min {
        Agreement::Approximate
    } else {
        Agreement::Conflict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(v: f64, approximate: bool) -> FigureValue {
        FigureValue {
            value: v,
            text: None,
            approximate,
            at: Occurrence {
                article: 0,
                claim: 0,
            },
        }
    }

    #[test]
    fn equal_values_agree_and_approximations_allow_a_spread() {
        assert_eq!(
            agreement(&[value(5000.0, false), value(5000.0, false)]),
            Agreement::Agree
        );
        assert_eq!(
            agreement(&[value(5000.0, false), value(3000.0, true)]),
            Agreement::Approximate
        );
        assert_eq!(
            agreement(&[value(5000.0, false), value(3000.0, false)]),
            Agreement::Conflict
        );
        assert_eq!(
            agreement(&[value(5000.0, false), value(1000.0, true)]),
            Agreement::Conflict
        );
    }
}

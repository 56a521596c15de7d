//! Scores of a grouping against a hand-made one: B-cubed (Bagga and Baldwin) for stories,
//! pairwise precision and recall for statements.
//!
//! Only the items the reference groups are scored, so a reference may cover a sample of
//! a larger set; an item the prediction leaves out counts as a group of its own.

use std::collections::{BTreeSet, HashMap};

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Share of what was predicted that is right.
    pub precision: f64,
    /// Share of what is right that was predicted.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl Scores {
    fn new(precision: f64, recall: f64) -> Scores {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Scores {
            precision,
            recall,
            f1,
        }
    }
}

/// Group number of each item, restricted to `items`; unknown items get a group of their own.
fn labels<'a>(groups: &'a [Vec<String>], items: &BTreeSet<&'a str>) -> HashMap<&'a str, usize> {
    let mut out = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        for m in members {
            if items.contains(m.as_str()) {
                out.insert(m.as_str(), g);
            }
        }
    }
    out
}

fn reference_items(reference: &[Vec<String>]) -> BTreeSet<&str> {
    reference.iter().flatten().map(String::as_str).collect()
}

/// B-cubed precision, recall and F1 of `predicted` against `reference`, over the items of
/// `reference`.
pub fn bcubed(predicted: &[Vec<String>], reference: &[Vec<String>]) -> Scores {
    let items = reference_items(reference);
    let gold = labels(reference, &items);
    let pred = labels(predicted, &items);
    let (mut p, mut r) = (0.0, 0.0);
    for &i in &items {
        let same_pred: Vec<&str> = items
            .iter()
            .copied()
            .filter(|&j| {
                j == i || matches!((pred.get(i), pred.get(j)), (Some(a), Some(b)) if a == b)
            })
            .collect();
        let same_gold = items
            .iter()
            .filter(|&&j| gold.get(i) == gold.get(j))
            .count();
        let correct = same_pred
            .iter()
            .filter(|&&j| gold.get(i) == gold.get(j))
            .count();
        p += correct as f64 / same_pred.len() as f64;
        r += correct as f64 / same_gold as f64;
    }
    let n = items.len().max(1) as f64;
    Scores::new(p / n, r / n)
}

/// Precision and recall of the pairs of items grouped together, over the items of
/// `reference`.
pub fn pairs(predicted: &[Vec<String>], reference: &[Vec<String>]) -> Scores {
    pairs_where(predicted, reference, |_, _| true)
}

/// [`pairs`], counting only the pairs of items `scored` accepts (for instance pairs of
/// claims of two different articles).
pub fn pairs_where(
    predicted: &[Vec<String>],
    reference: &[Vec<String>],
    scored: impl Fn(&str, &str) -> bool,
) -> Scores {
    let items = reference_items(reference);
    let gold = labels(reference, &items);
    let pred = labels(predicted, &items);
    let list: Vec<&str> = items.iter().copied().collect();
    let (mut both, mut in_pred, mut in_gold) = (0usize, 0usize, 0usize);
    for (k, &i) in list.iter().enumerate() {
        for &j in list[k + 1..].iter().filter(|&&j| scored(i, j)) {
            let p = matches!((pred.get(i), pred.get(j)), (Some(a), Some(b)) if a == b);
            let g = gold.get(i) == gold.get(j);
            in_pred += usize::from(p);
            in_gold += usize::from(g);
            both += usize::from(p && g);
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Scores::new(ratio(both, in_pred), ratio(both, in_gold))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(g: &[&[&str]]) -> Vec<Vec<String>> {
        g.iter()
            .map(|m| m.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_perfect_grouping_scores_one() {
        let gold = groups(&[&["a", "b"], &["c"]]);
        assert_eq!(bcubed(&gold, &gold).f1, 1.0);
        assert_eq!(pairs(&gold, &gold).f1, 1.0);
    }

    #[test]
    fn one_big_group_has_full_recall_and_low_precision() {
        let gold = groups(&[&["a", "b"], &["c", "d"]]);
        let all = groups(&[&["a", "b", "c", "d"]]);
        let s = bcubed(&all, &gold);
        assert_eq!(s.recall, 1.0);
        assert!((s.precision - 0.5).abs() < 1e-9);
        let p = pairs(&all, &gold);
        assert!((p.precision - 2.0 / 6.0).abs() < 1e-9);
    }

    #[test]
    fn pairs_can_be_restricted() {
        let gold = groups(&[&["a1", "a2", "b1"]]);
        let pred = groups(&[&["a1", "a2"], &["b1"]]);
        assert!((pairs(&pred, &gold).recall - 1.0 / 3.0).abs() < 1e-9);
        let across = pairs_where(&pred, &gold, |x, y| x[..1] != y[..1]);
        assert_eq!(across.recall, 0.0);
        assert_eq!(across.precision, 1.0, "no pair predicted across");
    }

    #[test]
    fn items_outside_the_reference_do_not_count() {
        let gold = groups(&[&["a", "b"]]);
        let pred = groups(&[&["a", "b", "x", "y"]]);
        assert_eq!(bcubed(&pred, &gold).f1, 1.0);
        let split = groups(&[&["a"]]);
        assert!((bcubed(&split, &gold).recall - 0.5).abs() < 1e-9);
    }
}

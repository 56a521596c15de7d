//! Sparse TF-IDF vectors and the cosine between them.
//!
//! Terms are interned to dense ids in the order they are first seen; since the caller
//! feeds articles in a fixed order (publication time, then id), ids and every sum over them
//! are the same whatever order the articles arrived in.

use std::collections::HashMap;

/// Interned term ids and the number of documents each term occurs in.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    document_frequency: Vec<u32>,
    documents: u32,
}

/// A sparse vector: `(term id, weight)` sorted by term id.
pub type Sparse = Vec<(u32, f64)>;

impl Vocabulary {
    /// Counts one document's terms (each distinct term once) and returns its term counts.
    pub fn add_document(&mut self, terms: &[String]) -> Vec<(u32, u32)> {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for t in terms {
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(t.clone()).or_insert(next);
            if id == next {
                self.document_frequency.push(0);
            }
            *counts.entry(id).or_insert(0) += 1;
        }
        for &id in counts.keys() {
            self.document_frequency[id as usize] += 1;
        }
        self.documents += 1;
        let mut counts: Vec<(u32, u32)> = counts.into_iter().collect();
        counts.sort_unstable();
        counts
    }

    /// One document's term counts over terms already counted by
    /// [`add_document`](Self::add_document), without counting it again (a term never seen
    /// is left out).
    pub fn counts(&self, terms: &[String]) -> Vec<(u32, u32)> {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for id in terms.iter().filter_map(|t| self.ids.get(t)) {
            *counts.entry(*id).or_insert(0) += 1;
        }
        let mut counts: Vec<(u32, u32)> = counts.into_iter().collect();
        counts.sort_unstable();
        counts
    }

    /// Inverse document frequency, smoothed as `ln((N + 1) / df)`: a term in every
    /// document weighs little but not nothing, so two articles of a set of two can still
    /// be found alike.
    pub fn idf(&self, id: u32) -> f64 {
        let df = self
            .document_frequency
            .get(id as usize)
            .copied()
            .unwrap_or(0)
            .max(1);
        (f64::from(self.documents + 1) / f64::from(df)).ln()
    }

    /// Unit-length TF-IDF vector of term counts (sublinear term frequency `1 + ln tf`).
    pub fn weigh(&self, counts: &[(u32, u32)]) -> Sparse {
        let mut v: Sparse = counts
            .iter()
            .map(|&(id, tf)| (id, (1.0 + f64::from(tf).ln()) * self.idf(id)))
            .filter(|&(_, w)| w > 0.0)
            .collect();
        normalise(&mut v);
        v
    }
}

/// Scales `v` to unit length (a zero vector stays zero).
pub fn normalise(v: &mut Sparse) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// Dot product of two sorted sparse vectors.
pub fn dot(a: &Sparse, b: &Sparse) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// A running sum of unit vectors (a story's centroid), kept sorted by term id so a dot
/// product is one merge, with its squared length kept up to date.
#[derive(Debug, Clone, Default)]
pub struct Centroid {
    sum: Sparse,
    norm_squared: f64,
}

impl Centroid {
    /// Adds `v` to the sum.
    pub fn add(&mut self, v: &Sparse) {
        let cross = dot(&self.sum, v);
        let own: f64 = v.iter().map(|(_, w)| w * w).sum();
        self.norm_squared += 2.0 * cross + own;
        let mut merged = Vec::with_capacity(self.sum.len() + v.len());
        let (mut i, mut j) = (0, 0);
        while i < self.sum.len() || j < v.len() {
            let next = match (self.sum.get(i), v.get(j)) {
                (Some(a), Some(b)) if a.0 == b.0 => {
                    i += 1;
                    j += 1;
                    (a.0, a.1 + b.1)
                }
                (Some(a), Some(b)) if a.0 < b.0 => {
                    i += 1;
                    *a
                }
                (Some(a), None) => {
                    i += 1;
                    *a
                }
                (_, Some(b)) => {
                    j += 1;
                    *b
                }
                (None, None) => break,
            };
            merged.push(next);
        }
        self.sum = merged;
    }

    /// Adds every vector summed in `other`.
    pub fn absorb(&mut self, other: &Centroid) {
        self.add(&other.sum);
    }

    /// Cosine between `v` (unit length) and the centroid.
    pub fn cosine(&self, v: &Sparse) -> f64 {
        if self.norm_squared <= 0.0 {
            return 0.0;
        }
        dot(&self.sum, v) / self.norm_squared.sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn a_term_in_every_document_weighs_less_than_a_rare_one() {
        let mut vocab = Vocabulary::default();
        let a = vocab.add_document(&words("x a"));
        vocab.add_document(&words("x b"));
        let v = vocab.weigh(&a);
        assert_eq!(v.len(), 2, "{v:?}");
        let (x, a) = (v[0].1, v[1].1);
        assert!(x > 0.0 && x < a, "{v:?}");
        assert!((x * x + a * a - 1.0).abs() < 1e-9);
    }

    #[test]
    fn centroid_cosine_matches_the_cosine_of_the_sum() {
        let a: Sparse = vec![(0, 0.6), (1, 0.8)];
        let b: Sparse = vec![(1, 1.0)];
        let mut c = Centroid::default();
        c.add(&vec![(2, 0.0)]);
        c.add(&a);
        c.add(&b);
        // sum = (0.6, 1.8), |sum| = sqrt(3.6); cos with b = 1.8 / sqrt(3.6)
        assert!((c.cosine(&b) - 1.8 / 3.6f64.sqrt()).abs() < 1e-9);
        assert!((dot(&a, &b) - 0.8).abs() < 1e-9);
    }
}

//! Linking a store: reads every article with its text and claims through the store's
//! public API, runs the cross-article model (`claimgraph-link`: stories, statements,
//! cross-article links) and hands the result to the store, which keeps it beside the
//! articles (`Store::replace_linked`). Also the stories' order and JSON the listings show.
//!
//! The command line (`ingest`, `relink`, `stories` …) and the Python package call these
//! same functions, so a store linked from either holds the same stories under the same
//! ids. See docs/cross-article.md.

pub use claimgraph_link::NameKnowledge;
use claimgraph_link::{
    link_set_with_actors, ActorContext, ActorInfo, LinkArticle, Params, Previous,
};
use claimgraph_model::story::{StatementRecord, StoryRecord};
use claimgraph_model::{ArticleSeq, ClaimId};
use claimgraph_store::{NameCache, Store, StoreError};
use serde_json::{json, Value};

/// Above this many articles an ingest does not link by itself; `relink` still does.
/// Linking reads every stored article on every linking, and a generated feed of 100,000
/// articles did not link in bounded memory yet (docs/cross-article.md, Linking at scale).
pub const AUTO_LINK_MAX_ARTICLES: u64 = 20_000;

/// What can go wrong while linking.
#[derive(Debug, thiserror::Error)]
pub enum LinkingError {
    /// The store failed while it was read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An article holds more claims than a claim id can number (a damaged store).
    #[error("article {seq} has more claims than a claim id can number")]
    TooManyClaims {
        /// The article's ingest sequence number.
        seq: ArticleSeq,
    },
}

/// What one linking found.
#[derive(Debug, Clone, PartialEq)]
pub struct Linked {
    /// Articles linked.
    pub articles: usize,
    /// Stories found.
    pub stories: usize,
    /// Statements found.
    pub statements: usize,
    /// Cross-article links found.
    pub links: usize,
    /// Seconds the linking took.
    pub secs: f64,
}

impl std::fmt::Display for Linked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let counted =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "linked {}: {}, {}, {} in {:.2}s",
            counted(self.articles, "article", "articles"),
            counted(self.stories, "story", "stories"),
            counted(self.statements, "statement", "statements"),
            counted(self.links, "cross-article link", "cross-article links"),
            self.secs
        )
    }
}

/// What linking after an ingest did.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterIngest {
    /// Nothing arrived since the last linking.
    UpToDate,
    /// The store holds more than [`AUTO_LINK_MAX_ARTICLES`] articles: left to `relink`.
    TooLarge {
        /// Articles in the store.
        articles: u64,
    },
    /// The articles were linked.
    Linked(Linked),
}

impl std::fmt::Display for AfterIngest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AfterIngest::UpToDate => write!(f, "linking is up to date"),
            AfterIngest::TooLarge { articles } => write!(
                f,
                "not linked: {articles} articles are more than ingest links by itself; run `claimgraph relink`"
            ),
            AfterIngest::Linked(linked) => linked.fmt(f),
        }
    }
}

/// Every stored article with its text and its claims as result rows, and each one's
/// ingest sequence number.
pub fn load(store: &Store) -> Result<(Vec<LinkArticle>, Vec<ArticleSeq>), LinkingError> {
    let mut names = NameCache::new(store);
    let mut out = Vec::new();
    let mut seqs = Vec::new();
    for doc in store.articles() {
        let doc = doc?;
        let seq = doc.article.seq;
        let mut claims = Vec::with_capacity(doc.claims.len());
        for index in 0..doc.claims.len() {
            if let Some(view) = store.view_in(&doc, claim_id(seq, index)?, &mut names)? {
                claims.push(view);
            }
        }
        let text = if doc.article.has_text {
            store.article_text(seq)?
        } else {
            None
        };
        let publisher = match claims.first().and_then(|c| c.publisher.clone()) {
            Some(name) => Some(name),
            None => publisher_name(store, doc.article.publisher)?,
        };
        out.push(LinkArticle {
            id: doc.article.id.clone(),
            title: doc.article.title.clone(),
            // Without stored text the claims' contents stand in for it.
            text: text.unwrap_or_else(|| {
                claims
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            publisher,
            published: doc.article.published,
            claims,
        });
        seqs.push(seq);
    }
    Ok((out, seqs))
}

/// The id of claim `index` of article `seq`.
pub fn claim_id(seq: ArticleSeq, index: usize) -> Result<ClaimId, LinkingError> {
    u16::try_from(index)
        .map(|i| ClaimId::new(seq, i))
        .map_err(|_| LinkingError::TooManyClaims { seq })
}

fn publisher_name(store: &Store, id: Option<u64>) -> Result<Option<String>, LinkingError> {
    match id {
        Some(id) => Ok(store.actor(id)?.map(|a| a.name)),
        None => Ok(None),
    }
}

/// Links every stored article and keeps the result, carrying over the ids of the previous
/// linking where stories and statements go on. `names` is what the languages know of
/// titles and well-known people (`claimgraph_extract::lang::name_knowledge`), which actor
/// merging reads; the caller passes it because this crate links no extraction.
pub fn relink(store: &Store, names: &NameKnowledge) -> Result<Linked, LinkingError> {
    let started = std::time::Instant::now();
    let (articles, seqs) = load(store)?;
    let previous =
        Previous::from_records(store.link_stamp()?, &store.stories()?, &store.statements()?);
    let actors = actor_context(store, names)?;
    let set = link_set_with_actors(&articles, &seqs, &previous, &Params::default(), &actors);
    store.replace_linked(&set)?;
    Ok(Linked {
        articles: articles.len(),
        stories: set.stories.len(),
        statements: set.statements.len(),
        links: set
            .labels
            .iter()
            .flat_map(|(_, l)| &l.claims)
            .map(|c| c.links.len())
            .sum(),
        secs: started.elapsed().as_secs_f64(),
    })
}

/// What actor merging reads besides the articles: the stored actors, the languages' titles
/// and well-known people, and the merges the user undid.
pub fn actor_context(store: &Store, names: &NameKnowledge) -> Result<ActorContext, LinkingError> {
    let mut actors = std::collections::HashMap::new();
    for actor in store.actors() {
        let a = actor?;
        let info = ActorInfo {
            name: a.name,
            kind: a.kind,
            role: a.role,
        };
        actors.insert(a.id, info);
    }
    Ok(ActorContext {
        actors,
        names: names.clone(),
        unmerged: store.unmerged()?,
    })
}

/// Whether articles were stored since the last linking (or never linked).
pub fn is_stale(store: &Store) -> Result<bool, LinkingError> {
    let stored = store.counters()?.articles;
    Ok(match store.link_stamp()? {
        Some(stamp) => stamp.articles != stored,
        None => stored > 0,
    })
}

/// Links the store when articles arrived since the last linking, as an ingest does: a
/// store larger than [`AUTO_LINK_MAX_ARTICLES`] is left to `relink`.
pub fn link_after_ingest(
    store: &Store,
    names: &NameKnowledge,
) -> Result<AfterIngest, LinkingError> {
    if !is_stale(store)? {
        return Ok(AfterIngest::UpToDate);
    }
    let articles = store.counters()?.articles;
    if articles > AUTO_LINK_MAX_ARTICLES {
        return Ok(AfterIngest::TooLarge { articles });
    }
    Ok(AfterIngest::Linked(relink(store, names)?))
}

/// Links the store when articles arrived since the last linking, whatever its size (what
/// the listings of stories and statements do before they read).
pub fn link_if_stale(store: &Store, names: &NameKnowledge) -> Result<Option<Linked>, LinkingError> {
    if is_stale(store)? {
        return Ok(Some(relink(store, names)?));
    }
    Ok(None)
}

/// Sort key of an id `<prefix><n>`: by number.
pub fn id_number(id: &str) -> u64 {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(u64::MAX)
}

/// Every stored story, first published first.
pub fn sorted_stories(store: &Store) -> Result<Vec<StoryRecord>, LinkingError> {
    let mut all = store.stories()?;
    all.sort_by(|a, b| {
        let key = |s: &StoryRecord| (s.first.map(|t| t.sort_key()), id_number(&s.id));
        key(a).cmp(&key(b))
    });
    Ok(all)
}

/// Every stored statement, first reported first.
pub fn sorted_statements(store: &Store) -> Result<Vec<StatementRecord>, LinkingError> {
    let mut all = store.statements()?;
    all.sort_by(|a, b| {
        let key = |s: &StatementRecord| (s.first_published.map(|t| t.sort_key()), id_number(&s.id));
        key(a).cmp(&key(b))
    });
    Ok(all)
}

/// A story as the JSON object `claimgraph stories --format json` prints.
pub fn story_json(s: &StoryRecord) -> Value {
    json!({
        "id": s.id, "title": s.title, "articles": s.articles, "outlets": s.outlets,
        "first": s.first.map(|t| t.to_string()), "last": s.last.map(|t| t.to_string()),
        "claims": s.claims,
    })
}

#[cfg(test)]
mod tests {
    use super::Linked;

    #[test]
    fn the_summary_counts_in_words_with_their_plurals() {
        let one = Linked {
            articles: 1,
            stories: 1,
            statements: 11,
            links: 1,
            secs: 0.0,
        };
        assert_eq!(
            one.to_string(),
            "linked 1 article: 1 story, 11 statements, 1 cross-article link in 0.00s"
        );
        let many = Linked {
            articles: 2,
            stories: 0,
            statements: 1,
            links: 3,
            secs: 1.5,
        };
        assert_eq!(
            many.to_string(),
            "linked 2 articles: 0 stories, 1 statement, 3 cross-article links in 1.50s"
        );
    }
}

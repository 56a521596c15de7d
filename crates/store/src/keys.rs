//! The key layout: one sled tree, one prefix byte per keyspace, fixed-width big-endian ids,
//! so that every access path is a prefix or range scan. `docs/storage.md` is the reference;
//! keep the two in step.

use claimgraph_model::{ActorId, ArticleSeq, TopicId};

/// Keyspace prefixes. Values are `codec`-encoded unless noted.
pub(crate) mod space {
    /// `00 name` → store metadata (format version, counters).
    pub(crate) const META: u8 = 0x00;
    /// `01 block` → the articles of a block of [`super::ARTICLES_PER_BLOCK`] consecutive
    /// sequence numbers, each with all of its claims.
    pub(crate) const ARTICLE: u8 = 0x01;
    /// `02 article-id` → seq (8 bytes, raw).
    pub(crate) const ARTICLE_ID: u8 = 0x02;
    /// `03 seq` → the article text (raw UTF-8).
    pub(crate) const TEXT: u8 = 0x03;
    /// `04 chunk` → content hashes of the chunk's articles.
    pub(crate) const HASHES: u8 = 0x04;
    /// `05 claim-external-id` → claim id (8 bytes, raw), only for ids that do not follow
    /// the `<article id>#<index>` convention.
    pub(crate) const CLAIM_XID: u8 = 0x05;
    /// `10 actor` → actor.
    pub(crate) const ACTOR: u8 = 0x10;
    /// `11 folded-alias` → actor ids sharing that alias.
    pub(crate) const ALIAS: u8 = 0x11;
    /// `15 identity-key` → actor id (8 bytes, raw): the exact name or explicit alias
    /// (`names::identity`) an actor is known by, which decides identity at ingest; `11` is
    /// only the lookup index.
    pub(crate) const IDENTITY: u8 = 0x15;
    /// `12 topic` → topic.
    pub(crate) const TOPIC: u8 = 0x12;
    /// `13 folded-name` → topic id (8 bytes, raw).
    pub(crate) const TOPIC_NAME: u8 = 0x13;
    /// `14 org member` → () : reverse of member_of.
    pub(crate) const MEMBER: u8 = 0x14;
    /// `20 speaker chunk` → postings by said time.
    pub(crate) const BY_SPEAKER: u8 = 0x20;
    /// `21 topic chunk` → postings by said time.
    pub(crate) const BY_TOPIC: u8 = 0x21;
    /// `22 said-month chunk` → postings by said time.
    pub(crate) const BY_SAID: u8 = 0x22;
    /// `23 relay chunk` → postings by said time.
    pub(crate) const BY_VIA: u8 = 0x23;
    /// `24 publisher chunk` → postings by publication time.
    pub(crate) const BY_PUBLISHER: u8 = 0x24;
    /// `25 event-month chunk` → postings by event (`when`) time.
    pub(crate) const BY_EVENT: u8 = 0x25;
    /// `26 target-speaker chunk` → link postings (who answered this speaker's claims).
    pub(crate) const LINKS_TO_SPEAKER: u8 = 0x26;
    /// `27 published-month chunk` → postings by publication time.
    pub(crate) const BY_PUBLISHED: u8 = 0x27;
    /// `30 chunk` → chunk metadata (articles, ingest time).
    pub(crate) const CHUNK: u8 = 0x30;
    /// `40 tag …` → what the cross-article model decided (`derived.rs`).
    pub(crate) const LINKED: u8 = 0x40;

    /// Every keyspace of [`crate::postings::Posting`] runs (`space term chunk` keys). Kept
    /// here, beside the constants, so a new index is added to compaction by construction.
    pub(crate) const POSTING_RUNS: [u8; 7] = [
        BY_SPEAKER,
        BY_TOPIC,
        BY_SAID,
        BY_VIA,
        BY_PUBLISHER,
        BY_EVENT,
        BY_PUBLISHED,
    ];
    /// Every keyspace of [`crate::postings::LinkPosting`] runs.
    pub(crate) const LINK_RUNS: [u8; 1] = [LINKS_TO_SPEAKER];
}

/// What a keyspace holds, for messages about a damaged value ("article blocks (01)").
pub(crate) fn space_name(key: &[u8]) -> String {
    let Some(&byte) = key.first() else {
        return "an empty key".into();
    };
    let name = match byte {
        space::META => "store metadata",
        space::ARTICLE => "article blocks",
        space::ARTICLE_ID => "article ids",
        space::TEXT => "article texts",
        space::HASHES => "content hashes",
        space::CLAIM_XID => "claim ids",
        space::ACTOR => "actors",
        space::ALIAS => "actor lookup names",
        space::IDENTITY => "actor identity names",
        space::TOPIC => "topics",
        space::TOPIC_NAME => "topic names",
        space::MEMBER => "memberships",
        space::BY_SPEAKER => "speaker index",
        space::BY_TOPIC => "topic index",
        space::BY_SAID => "said-time index",
        space::BY_VIA => "relay index",
        space::BY_PUBLISHER => "publisher index",
        space::BY_EVENT => "event-time index",
        space::LINKS_TO_SPEAKER => "reverse-link index",
        space::BY_PUBLISHED => "published-time index",
        space::CHUNK => "chunk metadata",
        space::LINKED => "cross-article labels",
        _ => "an unknown keyspace",
    };
    format!("{name} ({byte:02x})")
}

pub(crate) fn meta(name: &str) -> Vec<u8> {
    prefixed(space::META, name.as_bytes())
}

/// Articles are stored in blocks of this many consecutive sequence numbers: one key and one
/// compressed value for several articles, since sled's cost is per key and LZ4 compresses a
/// block far better than one short article.
pub(crate) const ARTICLES_PER_BLOCK: u64 = 8;

pub(crate) fn article_block(block: u64) -> [u8; 9] {
    id_key(space::ARTICLE, block)
}

pub(crate) fn block_of(seq: ArticleSeq) -> u64 {
    seq / ARTICLES_PER_BLOCK
}

pub(crate) fn text(seq: ArticleSeq) -> [u8; 9] {
    id_key(space::TEXT, seq)
}

pub(crate) fn article_id(id: &str) -> Vec<u8> {
    prefixed(space::ARTICLE_ID, id.as_bytes())
}

pub(crate) fn claim_xid(id: &str) -> Vec<u8> {
    prefixed(space::CLAIM_XID, id.as_bytes())
}

pub(crate) fn actor(id: ActorId) -> [u8; 9] {
    id_key(space::ACTOR, id)
}

pub(crate) fn alias(folded: &str) -> Vec<u8> {
    prefixed(space::ALIAS, folded.as_bytes())
}

/// `15 identity-key`: see [`space::IDENTITY`].
pub(crate) fn identity(key: &str) -> Vec<u8> {
    prefixed(space::IDENTITY, key.as_bytes())
}

pub(crate) fn topic(id: TopicId) -> [u8; 9] {
    id_key(space::TOPIC, id)
}

pub(crate) fn topic_name(folded: &str) -> Vec<u8> {
    prefixed(space::TOPIC_NAME, folded.as_bytes())
}

pub(crate) fn member(org: ActorId, member: ActorId) -> [u8; 17] {
    let mut k = [0u8; 17];
    k[0] = space::MEMBER;
    k[1..9].copy_from_slice(&org.to_be_bytes());
    k[9..].copy_from_slice(&member.to_be_bytes());
    k
}

pub(crate) fn chunk(chunk: u64) -> [u8; 9] {
    id_key(space::CHUNK, chunk)
}

pub(crate) fn hashes(chunk: u64) -> [u8; 9] {
    id_key(space::HASHES, chunk)
}

/// `space term chunk`: one run of postings for one term written by one ingest chunk.
pub(crate) fn posting(space: u8, term: u64, chunk: u64) -> [u8; 17] {
    let mut k = [0u8; 17];
    k[0] = space;
    k[1..9].copy_from_slice(&term.to_be_bytes());
    k[9..].copy_from_slice(&chunk.to_be_bytes());
    k
}

/// The prefix of every run of one term.
pub(crate) fn posting_prefix(space: u8, term: u64) -> [u8; 9] {
    id_key(space, term)
}

/// Splits a posting key into (term, chunk).
pub(crate) fn parse_posting(key: &[u8]) -> Option<(u64, u64)> {
    if key.len() != 17 {
        return None;
    }
    let term = u64::from_be_bytes(key[1..9].try_into().ok()?);
    let chunk = u64::from_be_bytes(key[9..17].try_into().ok()?);
    Some((term, chunk))
}

/// The month bucket of a time-bucketed index (`BY_SAID`, `BY_EVENT`): months since year 0,
/// biased so the encoding sorts; unanchored times go to the last bucket.
pub(crate) fn month_bucket(point: Option<&claimgraph_model::TimePoint>) -> u64 {
    match point.and_then(|p| p.year.map(|y| (y, p.month.max(1)))) {
        Some((year, month)) => {
            let months = i64::from(year) * 12 + i64::from(month) - 1;
            (months + (1 << 40)) as u64
        }
        None => u64::MAX,
    }
}

/// The bucket of times longer than a year (event periods such as 2010..2016): range scans
/// of month buckets always read it too, since its times may start long before the range.
pub(crate) const LONG_SPANS: u64 = u64::MAX - 1;

/// Longest interval kept in its start month's bucket.
pub(crate) const MAX_BUCKETED_SECS: i64 = 366 * 86400;

pub(crate) fn seq_from_key(key: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(key.get(1..9)?.try_into().ok()?))
}

fn id_key(space: u8, id: u64) -> [u8; 9] {
    let mut k = [0u8; 9];
    k[0] = space;
    k[1..].copy_from_slice(&id.to_be_bytes());
    k
}

fn prefixed(space: u8, rest: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(1 + rest.len());
    k.push(space);
    k.extend_from_slice(rest);
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_model::TimePoint;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn posting_keys_sort_by_term_then_chunk(a in any::<(u64, u64)>(), b in any::<(u64, u64)>()) {
            let ka = posting(space::BY_SPEAKER, a.0, a.1);
            let kb = posting(space::BY_SPEAKER, b.0, b.1);
            prop_assert_eq!(ka.cmp(&kb), a.cmp(&b));
            prop_assert_eq!(parse_posting(&ka), Some(a));
            prop_assert!(ka.starts_with(&posting_prefix(space::BY_SPEAKER, a.0)));
        }

        #[test]
        fn month_buckets_sort_like_months(y1 in 1i32..9999, m1 in 1u8..=12, y2 in 1i32..9999, m2 in 1u8..=12) {
            let a = TimePoint::month(Some(y1), m1).unwrap();
            let b = TimePoint::month(Some(y2), m2).unwrap();
            prop_assert_eq!(month_bucket(Some(&a)).cmp(&month_bucket(Some(&b))), (y1, m1).cmp(&(y2, m2)));
            prop_assert!(month_bucket(Some(&a)) < month_bucket(None));
        }

        #[test]
        fn id_keys_sort_numerically(a in any::<u64>(), b in any::<u64>()) {
            prop_assert_eq!(article_block(a).cmp(&article_block(b)), a.cmp(&b));
            prop_assert!(block_of(a) <= block_of(a.saturating_add(1)));
        }
    }
}

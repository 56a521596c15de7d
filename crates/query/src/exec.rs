//! The executor: runs a [`Plan`]. The driving scan yields claim ids (from posting runs,
//! links or articles); each is checked against the snapshot and the filter on the stored
//! article, without building a result row; only the claims that survive the pipeline are
//! turned into [`ClaimView`]s. When the scan is in said order and the pipeline keeps that
//! order, the scan stops as soon as the limit is reached.

use super::ast::{Axis, Column, Direction, Field, Relation, Stage, TimeOp, TimePart};
use super::lexer::CmpOp;
use super::plan::{Driver, PostingTest, RExpr, RPred, RValue, SelectPlan, Snapshot, Source};
use super::{Plan, QueryError};
use claimgraph_model::names;
use claimgraph_model::result::{QueryResult, ResultData, Value};
use claimgraph_model::{
    Actor, ActorId, Article, Claim, ClaimId, ClaimView, Interval, LinkKind, TimePoint, TopicId,
};
use claimgraph_store::{Cover, IndexEntry, Store, StoreError, ViewNames};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Columns of the `links` stage: the linking claim (`id` first), then the claim it
/// answers (`target_*`).
pub(crate) const LINK_COLUMNS: [&str; 10] = [
    "id",
    "said",
    "speaker",
    "stance",
    "text",
    "link",
    "target_said",
    "target_speaker",
    "target_text",
    "target_id",
];

/// A claim that passed the filter, with its said-order key.
#[derive(Debug, Clone, Copy)]
struct Match {
    key: IndexEntry,
}

impl Match {
    fn id(&self) -> ClaimId {
        self.key.claim()
    }
}

/// A claim read for the pipeline, with its article's metadata.
type ClaimRead = (Arc<Article>, Arc<Claim>);

/// Incoming link counts of one claim: denies, supports, responds_to.
type Counts = [u32; 3];

struct Ctx<'s> {
    store: &'s Store,
    snapshot: Option<&'s Snapshot>,
    articles: HashMap<u64, Option<Arc<Article>>>,
    claims: HashMap<ClaimId, Option<Arc<Claim>>>,
    actors: HashMap<ActorId, Option<Arc<Actor>>>,
    topics: HashMap<TopicId, Arc<str>>,
    incoming: HashMap<ActorId, Arc<HashMap<ClaimId, Counts>>>,
    targets: HashMap<usize, Arc<HashSet<ClaimId>>>,
    linked: super::linked::Linked,
}

/// Runs a plan.
pub(crate) fn run(store: &Store, plan: &Plan) -> Result<QueryResult, QueryError> {
    let mut ctx = Ctx {
        store,
        snapshot: plan.snapshot.as_ref(),
        articles: HashMap::new(),
        claims: HashMap::new(),
        actors: HashMap::new(),
        topics: HashMap::new(),
        incoming: HashMap::new(),
        targets: HashMap::new(),
        linked: Default::default(),
    };
    let head_columns = super::linked::head_columns(plan.head);
    // A stories or statements head needs every selected claim, whatever the row cap.
    let stream = match head_columns {
        None => streaming(&plan.stages, plan.cap),
        Some(_) => None,
    };
    let matches = select(&mut ctx, &plan.select, stream)?;
    let related = top_level_targets(&ctx, plan.select.filter.as_ref());
    let mut state = match head_columns {
        None => State::Claims(matches),
        Some(columns) => State::Rows {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: ctx
                .linked
                .head_rows(store, plan.head, matches.iter().map(|m| m.id()))?,
        },
    };
    for stage in &plan.stages {
        state = apply_stage(&mut ctx, state, stage, related.as_ref())?;
    }
    let mut truncated = false;
    let data = match state {
        State::Claims(mut matches) => {
            if let Some(cap) = plan.cap {
                truncated = matches.len() > cap;
                matches.truncate(cap);
            }
            prefetch(&mut ctx, matches.iter().map(|m| m.id()))?;
            let mut views: Vec<ClaimView> = Vec::with_capacity(matches.len());
            for m in &matches {
                let Some((article, claim)) = ctx.claim(m.id())? else {
                    continue;
                };
                views.push(store.view_of(&article, &claim, m.id(), &mut ctx)?);
            }
            ResultData::Claims(views)
        }
        State::Rows { columns, mut rows } => {
            if let Some(cap) = plan.cap {
                truncated = rows.len() > cap;
                rows.truncate(cap);
            }
            ResultData::Rows { columns, rows }
        }
    };
    Ok(QueryResult { data, truncated })
}

/// When the pipeline keeps said order up to a limit, the scan can stop at that many
/// matches: the direction and the count.
fn streaming(stages: &[Stage], cap: Option<usize>) -> Option<(Direction, usize)> {
    let mut direction = Direction::Asc;
    for (i, stage) in stages.iter().enumerate() {
        match stage {
            Stage::Sort(keys) if i == 0 && keys.len() == 1 && keys[0].0.name == "said" => {
                direction = keys[0].1;
            }
            Stage::Limit(n, _) | Stage::Top(n, _) => return Some((direction, *n)),
            Stage::Select(_) => {}
            _ => return None,
        }
    }
    // One more than the cap, to know whether the cap cut anything.
    cap.map(|c| (direction, c.saturating_add(1)))
}

enum State {
    Claims(Vec<Match>),
    Rows {
        columns: Vec<String>,
        rows: Vec<Vec<Value>>,
    },
}

impl<'s> Ctx<'s> {
    fn article(&mut self, seq: u64) -> Result<Option<Arc<Article>>, StoreError> {
        if let Some(a) = self.articles.get(&seq) {
            return Ok(a.clone());
        }
        let article = self.store.article(seq)?.map(Arc::new);
        self.articles.insert(seq, article.clone());
        Ok(article)
    }

    /// A claim with its article's metadata; only the claim itself is decoded, not its
    /// article's other claims.
    fn claim(&mut self, id: ClaimId) -> Result<Option<ClaimRead>, StoreError> {
        let claim = match self.claims.get(&id) {
            Some(c) => c.clone(),
            None => {
                let c = self.store.claim(id)?.map(Arc::new);
                self.claims.insert(id, c.clone());
                c
            }
        };
        let Some(claim) = claim else { return Ok(None) };
        Ok(self.article(id.article())?.map(|a| (a, claim)))
    }

    fn actor_name(&mut self, id: ActorId) -> Result<String, StoreError> {
        Ok(self.actor(id)?.map(|a| a.name.clone()).unwrap_or_default())
    }

    fn admits(&self, seq: u64) -> bool {
        self.snapshot.is_none_or(|s| s.admits(seq))
    }

    /// Incoming link counts of every claim of `speaker` (within the snapshot).
    fn incoming(&mut self, speaker: ActorId) -> Result<Arc<HashMap<ClaimId, Counts>>, QueryError> {
        if let Some(m) = self.incoming.get(&speaker) {
            return Ok(m.clone());
        }
        let mut counts: HashMap<ClaimId, Counts> = HashMap::new();
        for link in self.store.links_to_speaker(speaker)?.iter() {
            if !self.admits(link.source().article()) {
                continue;
            }
            let slot = match link.kind() {
                LinkKind::Denies => 0,
                LinkKind::Supports => 1,
                LinkKind::RespondsTo => 2,
            };
            counts.entry(link.target()).or_default()[slot] += 1;
        }
        let counts = Arc::new(counts);
        self.incoming.insert(speaker, counts.clone());
        Ok(counts)
    }

    fn counts(&mut self, claim: &Claim, id: ClaimId) -> Result<Counts, QueryError> {
        Ok(self
            .incoming(claim.speaker)?
            .get(&id)
            .copied()
            .unwrap_or_default())
    }
}

/// The executor's caches of actors and topics also name the result rows.
impl ViewNames for Ctx<'_> {
    fn actor(&mut self, id: ActorId) -> Result<Option<Arc<Actor>>, StoreError> {
        if let Some(a) = self.actors.get(&id) {
            return Ok(a.clone());
        }
        let actor = self.store.actor_shared(id)?;
        self.actors.insert(id, actor.clone());
        Ok(actor)
    }

    fn topic(&mut self, id: TopicId) -> Result<Arc<str>, StoreError> {
        if let Some(t) = self.topics.get(&id) {
            return Ok(t.clone());
        }
        let name = self
            .store
            .topic_name_shared(id)?
            .unwrap_or_else(|| "".into());
        self.topics.insert(id, name.clone());
        Ok(name)
    }
}

/// Runs one selection: the driving scan, the semi-joins, then the residual filter on
/// the stored claims (skipped when nothing is left to check).
fn select(
    ctx: &mut Ctx,
    plan: &SelectPlan,
    stream: Option<(Direction, usize)>,
) -> Result<Vec<Match>, QueryError> {
    if let Some(filter) = &plan.filter {
        prepare_targets(ctx, filter)?;
    }
    let residual = plan.residual.as_ref();
    // Candidates with their said key when the scan is in said order.
    let (candidates, said_order) = match &plan.driver {
        Driver::Empty { .. } => return Ok(Vec::new()),
        Driver::Articles { ranges, .. } => return scan_articles(ctx, ranges, residual),
        Driver::Postings {
            sources,
            tests,
            said_order,
            ..
        } => (
            scan_postings(ctx, plan, sources, tests, *said_order)?,
            *said_order,
        ),
        Driver::Lookup { claims, .. } => (claims.iter().map(|&id| (id, None)).collect(), false),
        Driver::Links {
            relation,
            speakers,
            slot,
            ..
        } => (
            scan_links(ctx, *relation, speakers.as_deref(), *slot)?,
            false,
        ),
    };
    let limit = if said_order {
        stream.map(|(_, n)| n)
    } else {
        None
    };
    let descending = limit.is_some() && matches!(stream, Some((Direction::Desc, _)));
    filter_candidates(ctx, candidates, residual, limit, descending)
}

/// The said-order entry of a claim already read, with its covering fields.
fn entry_of(article: &Article, claim: &Claim, id: ClaimId) -> IndexEntry {
    let cover = Cover {
        speaker: claim.speaker,
        publisher: article.publisher,
        stance: claim.stance,
    };
    IndexEntry::at(claim.said.as_ref(), id, cover)
}

/// The said-order entry of a stored claim, from borrowed views of its leading fields and
/// its article's metadata ([`entry_of`] without decoding the claim); `None` when the claim
/// is not stored.
fn head_entry(store: &Store, id: ClaimId) -> Result<Option<IndexEntry>, QueryError> {
    let Some(bytes) = store.claim_bytes(id)? else {
        return Ok(None);
    };
    let head = bytes.head().map_err(|e| store.row_error(e))?;
    let article = bytes.article().map_err(|e| store.row_error(e))?;
    let cover = Cover {
        speaker: head.speaker,
        publisher: article.publisher,
        stance: head.stance,
    };
    Ok(Some(IndexEntry::at(head.said.as_ref(), id, cover)))
}

/// A claim id from a scan, with its said-order key when the scan is in said order.
type Candidate = (ClaimId, Option<IndexEntry>);

/// Decoded articles a full scan keeps for building its result rows.
const SCAN_KEEP_ARTICLES: usize = 4_096;

/// The articles of sequence ranges (a snapshot, or everything): every claim that passes
/// the residual filter, in said order.
fn scan_articles(
    ctx: &mut Ctx,
    ranges: &[(u64, u64)],
    residual: Option<&RExpr>,
) -> Result<Vec<Match>, QueryError> {
    let mut matches = Vec::new();
    for &(from, to) in ranges {
        for doc in ctx.store.articles_in(from, to) {
            let doc = doc?;
            let seq = doc.article.seq;
            if !ctx.admits(seq) {
                continue;
            }
            let mut kept = false;
            for (index, claim) in doc.claims.iter().enumerate() {
                let id = ClaimId::new(seq, index as u16);
                if eval_opt(ctx, residual, &doc.article, claim, id)? {
                    matches.push(Match {
                        key: entry_of(&doc.article, claim, id),
                    });
                    kept = true;
                }
            }
            // Keep the first matching articles for the rows to come, not all of them: a
            // full scan must not hold the whole store in memory (rows re-read the rest).
            if kept && ctx.articles.len() < SCAN_KEEP_ARTICLES {
                for (index, claim) in doc.claims.into_iter().enumerate() {
                    ctx.claims
                        .insert(ClaimId::new(seq, index as u16), Some(Arc::new(claim)));
                }
                ctx.articles.insert(seq, Some(Arc::new(doc.article)));
            }
        }
    }
    matches.sort_by_key(|m| m.key);
    Ok(matches)
}

/// The entries of the driving index that pass its time tests and the semi-joins, sorted
/// by their key, one per claim.
fn scan_postings(
    ctx: &Ctx,
    plan: &SelectPlan,
    sources: &[Source],
    tests: &[PostingTest],
    said_order: bool,
) -> Result<Vec<Candidate>, QueryError> {
    let mut postings = read_sources(ctx, sources)?;
    postings.retain(|p| tests.iter().all(|t| posting_passes(p, t)));
    postings.sort_unstable();
    if sources.len() > 1 {
        let mut seen = HashSet::new();
        postings.retain(|p| seen.insert(p.claim()));
    }
    for join in &plan.semijoins {
        let keep: HashSet<ClaimId> = read_sources(ctx, &join.sources)?
            .into_iter()
            .map(|p| p.claim())
            .collect();
        postings.retain(|p| keep.contains(&p.claim()));
    }
    Ok(postings
        .into_iter()
        .map(|p| (p.claim(), said_order.then_some(p)))
        .collect())
}

/// Claims that answer (per `relation`) the claims of subquery `slot`, from the links
/// indexed under the answered claims' speakers; in claim id order.
fn scan_links(
    ctx: &mut Ctx,
    relation: Relation,
    speakers: Option<&[ActorId]>,
    slot: usize,
) -> Result<Vec<Candidate>, QueryError> {
    let targets = ctx.targets.get(&slot).cloned().unwrap_or_default();
    let speakers: Vec<ActorId> = match speakers {
        Some(s) => s.to_vec(),
        None => speakers_of(ctx, &targets)?,
    };
    let mut ids = HashSet::new();
    for s in speakers {
        for link in ctx.store.links_to_speaker(s)?.iter() {
            if relation_matches(relation, link.kind()) && targets.contains(&link.target()) {
                ids.insert(link.source());
            }
        }
    }
    let mut ids: Vec<ClaimId> = ids.into_iter().collect();
    ids.sort_unstable();
    Ok(ids.into_iter().map(|id| (id, None)).collect())
}

/// The distinct speakers of a set of claims, in id order.
fn speakers_of(ctx: &mut Ctx, claims: &HashSet<ClaimId>) -> Result<Vec<ActorId>, QueryError> {
    let mut set = HashSet::new();
    let mut ids: Vec<ClaimId> = claims.iter().copied().collect();
    ids.sort_unstable();
    for id in ids {
        if let Some((_, c)) = ctx.claim(id)? {
            set.insert(c.speaker);
        }
    }
    let mut v: Vec<_> = set.into_iter().collect();
    v.sort_unstable();
    Ok(v)
}

/// Checks candidates against the snapshot and the residual filter. With a `limit` (the
/// candidates are in said order and the pipeline keeps it), stops at that many matches,
/// reading from the end when `descending`.
fn filter_candidates(
    ctx: &mut Ctx,
    mut candidates: Vec<Candidate>,
    residual: Option<&RExpr>,
    limit: Option<usize>,
    descending: bool,
) -> Result<Vec<Match>, QueryError> {
    let mut matches = Vec::new();
    if limit.is_none() {
        // Everything is read anyway: read articles in key order, which sled serves
        // from far fewer pages than said order would.
        candidates.sort_unstable_by_key(|(id, _)| *id);
    }
    let iter: Box<dyn Iterator<Item = &Candidate>> = if descending {
        Box::new(candidates.iter().rev())
    } else {
        Box::new(candidates.iter())
    };
    for &(id, key) in iter {
        if limit.is_some_and(|n| matches.len() >= n) {
            break;
        }
        let seq = id.article();
        if !ctx.admits(seq) {
            continue;
        }
        if residual.is_none() {
            // Nothing to check on the claim: its said-order key is enough, and without one
            // from the scan it comes from the claim's leading fields, not a decoded claim.
            let key = match key {
                Some(key) => Some(key),
                None => head_entry(ctx.store, id)?,
            };
            if let Some(key) = key {
                matches.push(Match { key });
            }
            continue;
        }
        let Some((article, claim)) = ctx.claim(id)? else {
            continue;
        };
        if eval_opt(ctx, residual, &article, &claim, id)? {
            matches.push(Match {
                key: entry_of(&article, &claim, id),
            });
        }
    }
    if limit.is_none() {
        matches.sort_by_key(|m| m.key);
    }
    Ok(matches)
}

fn read_sources(ctx: &Ctx, sources: &[Source]) -> Result<Vec<IndexEntry>, QueryError> {
    let mut entries = Vec::new();
    for s in sources {
        match s {
            Source::Term(term) => ctx.store.scan_term(*term, &mut entries)?,
            Source::Slice(slice) => ctx.store.scan_slice(slice, &mut entries)?,
        }
    }
    Ok(entries)
}

/// Reads the articles of `ids` that are not cached yet, in key order.
fn prefetch(ctx: &mut Ctx, ids: impl Iterator<Item = ClaimId>) -> Result<(), QueryError> {
    let mut wanted: Vec<ClaimId> = ids.filter(|id| !ctx.claims.contains_key(id)).collect();
    wanted.sort_unstable();
    wanted.dedup();
    for id in wanted {
        ctx.claim(id)?;
    }
    Ok(())
}

fn relation_matches(relation: Relation, kind: LinkKind) -> bool {
    match relation {
        Relation::Denying => kind == LinkKind::Denies,
        Relation::Supporting => kind == LinkKind::Supports,
        Relation::Answering => true,
    }
}

fn posting_passes(p: &IndexEntry, t: &PostingTest) -> bool {
    p.interval().is_some_and(|iv| time_test(iv, t.op, t.range))
}

fn time_test(iv: Interval, op: TimeOp, range: Interval) -> bool {
    match op {
        TimeOp::Overlaps => iv.overlaps(&range),
        TimeOp::Within => iv.within(&range),
        TimeOp::Before => iv.end <= range.start,
        TimeOp::After => iv.start >= range.end,
        TimeOp::NotAfter => iv.start < range.end,
        TimeOp::NotBefore => iv.end > range.start,
    }
}

/// Runs every subquery of a filter once, keeping its claims as a target set.
fn prepare_targets(ctx: &mut Ctx, expr: &RExpr) -> Result<(), QueryError> {
    match expr {
        RExpr::And(parts) | RExpr::Or(parts) => {
            for p in parts {
                prepare_targets(ctx, p)?;
            }
        }
        RExpr::Not(inner) => prepare_targets(ctx, inner)?,
        RExpr::Pred(RPred::Related { sub, slot, .. }, _) => {
            if !ctx.targets.contains_key(slot) {
                let matches = select(ctx, sub, None)?;
                let set: HashSet<ClaimId> = matches.iter().map(|m| m.id()).collect();
                ctx.targets.insert(*slot, Arc::new(set));
            }
        }
        RExpr::Pred(..) => {}
    }
    Ok(())
}

/// The union of the target sets of top-level relation predicates: `links` shows only
/// links into them when there are any.
fn top_level_targets(ctx: &Ctx, filter: Option<&RExpr>) -> Option<HashSet<ClaimId>> {
    let filter = filter?;
    let mut out: Option<HashSet<ClaimId>> = None;
    for c in super::plan::rconjuncts(filter) {
        if let RExpr::Pred(RPred::Related { slot, .. }, _) = c {
            if let Some(set) = ctx.targets.get(slot) {
                out.get_or_insert_with(HashSet::new)
                    .extend(set.iter().copied());
            }
        }
    }
    out
}

fn eval_opt(
    ctx: &mut Ctx,
    expr: Option<&RExpr>,
    article: &Article,
    claim: &Claim,
    id: ClaimId,
) -> Result<bool, QueryError> {
    match expr {
        Some(e) => eval(ctx, e, article, claim, id),
        None => Ok(true),
    }
}

fn eval(
    ctx: &mut Ctx,
    expr: &RExpr,
    article: &Article,
    claim: &Claim,
    id: ClaimId,
) -> Result<bool, QueryError> {
    Ok(match expr {
        RExpr::And(parts) => {
            for p in parts {
                if !eval(ctx, p, article, claim, id)? {
                    return Ok(false);
                }
            }
            true
        }
        RExpr::Or(parts) => {
            for p in parts {
                if eval(ctx, p, article, claim, id)? {
                    return Ok(true);
                }
            }
            false
        }
        RExpr::Not(inner) => !eval(ctx, inner, article, claim, id)?,
        RExpr::Pred(pred, _) => match pred {
            RPred::Speaker(set) => set.contains(&claim.speaker),
            RPred::Via(set) => claim.via.iter().any(|v| set.contains(v)),
            RPred::Direct => claim.via.is_empty(),
            RPred::About(t) => claim.about.contains(t),
            RPred::Publisher(set) => article.publisher.is_some_and(|p| set.contains(&p)),
            RPred::Time { axis, op, range } => {
                axis_interval(*axis, article, claim).is_some_and(|iv| time_test(iv, *op, *range))
            }
            RPred::True => true,
            RPred::Related { relation, slot, .. } => match ctx.targets.get(slot) {
                Some(targets) => claim.links.iter().any(|l| {
                    relation_matches(*relation, l.kind)
                        && l.target_id.is_some_and(|t| targets.contains(&t))
                }),
                None => false,
            },
            RPred::Answered(relation) => {
                let c = ctx.counts(claim, id)?;
                match relation {
                    Relation::Denying => c[0] > 0,
                    Relation::Supporting => c[1] > 0,
                    Relation::Answering => c.iter().any(|n| *n > 0),
                }
            }
            RPred::InStory(story) => {
                ctx.linked.story(ctx.store, id)?.as_deref() == Some(story.as_str())
            }
            RPred::Contested => ctx.linked.contested(ctx.store, id)?,
            RPred::FirstReported => ctx.linked.first_reported(ctx.store, id)?,
            RPred::Compare { field, op, value } => {
                compare(ctx, *field, *op, value, article, claim, id)?
            }
        },
    })
}

fn axis_interval(axis: Axis, article: &Article, claim: &Claim) -> Option<Interval> {
    match axis {
        Axis::Said => claim.said.and_then(|t| t.interval()),
        Axis::Event => claim.when.and_then(|w| w.interval()),
        Axis::Published => article.published.and_then(|t| t.interval()),
        Axis::Ingested => Some(Interval {
            start: article.ingested_at,
            end: article.ingested_at.saturating_add(1),
        }),
    }
}

fn compare(
    ctx: &mut Ctx,
    field: Field,
    op: CmpOp,
    value: &RValue,
    article: &Article,
    claim: &Claim,
    id: ClaimId,
) -> Result<bool, QueryError> {
    let negate = op == CmpOp::Ne;
    let any = match value {
        RValue::Ids(set) => match field {
            Field::Speaker => set.contains(&claim.speaker),
            Field::Via => claim.via.iter().any(|v| set.contains(v)),
            Field::Publisher => article.publisher.is_some_and(|p| set.contains(&p)),
            _ => false,
        },
        RValue::Topic(t) => claim.about.contains(t),
        RValue::Kind(k) => ctx.actor(claim.speaker)?.is_some_and(|a| a.kind == *k),
        RValue::Stance(s) => claim.stance == *s,
        RValue::ClaimKind(k) => claim.kind == *k,
        RValue::Exact(wanted) => field_values(ctx, field, article, claim, id)?
            .iter()
            .any(|v| matches!(v, Value::Text(t) if t == wanted)),
        RValue::Text(wanted) => {
            let values = field_values(ctx, field, article, claim, id)?;
            values.iter().any(|v| {
                let have = names::fold(&v.to_string());
                if op == CmpOp::Contains {
                    have.contains(wanted.as_str())
                } else {
                    have == *wanted
                }
            })
        }
        RValue::Num(n) => {
            let values = field_values(ctx, field, article, claim, id)?;
            return Ok(if negate {
                !values.iter().any(|v| num(v) == Some(*n))
            } else {
                values.iter().any(|v| {
                    num(v).is_some_and(|x| match op {
                        CmpOp::Eq => x == *n,
                        CmpOp::Lt => x < *n,
                        CmpOp::Le => x <= *n,
                        CmpOp::Gt => x > *n,
                        CmpOp::Ge => x >= *n,
                        CmpOp::Ne | CmpOp::Contains => false,
                    })
                })
            });
        }
    };
    Ok(if negate { !any } else { any })
}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Num(n) => Some(*n),
        _ => None,
    }
}

fn truncate(p: TimePoint, part: TimePart) -> TimePoint {
    let target = match part {
        TimePart::Year => claimgraph_model::Precision::Year,
        TimePart::Month => claimgraph_model::Precision::Month,
        TimePart::Day => claimgraph_model::Precision::Day,
    };
    if p.precision <= target {
        return p;
    }
    let truncated = match part {
        TimePart::Year => p.year.map(TimePoint::year),
        TimePart::Month => TimePoint::month(p.year, p.month),
        TimePart::Day => TimePoint::day(p.year, p.month, p.day),
    };
    truncated.unwrap_or(p)
}

/// The values of a field for one claim (several for via, about, quantity, unit).
fn field_values(
    ctx: &mut Ctx,
    field: Field,
    article: &Article,
    claim: &Claim,
    id: ClaimId,
) -> Result<Vec<Value>, QueryError> {
    let text = |s: &str| vec![Value::Text(s.to_string())];
    let opt_text = |s: &Option<String>| s.as_deref().map(text).unwrap_or_default();
    Ok(match field {
        Field::Said => claim.said.map(Value::Time).into_iter().collect(),
        Field::Event => claim.when.map(Value::Span).into_iter().collect(),
        Field::Published => article.published.map(Value::Time).into_iter().collect(),
        Field::Ingested => claimgraph_model::time::utc_point(article.ingested_at)
            .map(Value::Time)
            .into_iter()
            .collect(),
        Field::TimePart(axis, part) => {
            let point = match axis {
                Axis::Said => claim.said,
                Axis::Event => claim.when.and_then(|w| w.start.or(w.end)),
                Axis::Published => article.published,
                Axis::Ingested => claimgraph_model::time::utc_point(article.ingested_at),
            };
            point
                .map(|p| Value::Time(truncate(p, part)))
                .into_iter()
                .collect()
        }
        Field::Speaker => vec![Value::Text(ctx.actor_name(claim.speaker)?)],
        Field::SpeakerKind => ctx
            .actor(claim.speaker)?
            .map(|a| text(a.kind.as_str()))
            .unwrap_or_default(),
        Field::Cue => opt_text(&claim.cue),
        Field::Stance => text(claim.stance.as_str()),
        Field::Kind => text(claim.kind.as_str()),
        Field::Text => text(&claim.text),
        Field::Via => {
            let mut out = Vec::new();
            for &v in &claim.via {
                out.push(Value::Text(ctx.actor_name(v)?));
            }
            out
        }
        Field::Publisher => match article.publisher {
            Some(p) => vec![Value::Text(ctx.actor_name(p)?)],
            None => Vec::new(),
        },
        Field::About => {
            let mut out = Vec::new();
            for &t in &claim.about {
                out.push(Value::Text(ctx.topic(t)?.to_string()));
            }
            out
        }
        Field::Article => text(&article.id),
        Field::Title => opt_text(&article.title),
        Field::Id => text(&claim.external_id),
        Field::Quantity => claim
            .quantities
            .iter()
            .map(|q| Value::Num(q.value))
            .collect(),
        Field::Unit => claim
            .quantities
            .iter()
            .filter_map(|q| q.unit.as_deref().map(|u| Value::Text(u.to_string())))
            .collect(),
        Field::Denials | Field::Supports | Field::Responses => {
            let c = ctx.counts(claim, id)?;
            let n = match field {
                Field::Denials => c[0],
                Field::Supports => c[1],
                _ => c[0] + c[1] + c[2],
            };
            vec![Value::Int(i64::from(n))]
        }
        Field::Story => ctx
            .linked
            .story(ctx.store, id)?
            .map(Value::Text)
            .into_iter()
            .collect(),
        Field::Statement => ctx
            .linked
            .statement_id(ctx.store, id)?
            .map(Value::Text)
            .into_iter()
            .collect(),
        Field::Occurrences => linked_count(ctx, id, |s| s.occurrences.len())?,
        Field::Outlets => linked_count(ctx, id, |s| s.outlets.len())?,
        Field::IndependentSources => linked_count(ctx, id, |s| s.independent_sources())?,
    })
}

/// A count of claim `id`'s statement as a field value (none when it reports none).
fn linked_count(
    ctx: &mut Ctx,
    id: ClaimId,
    what: fn(&claimgraph_model::story::StatementRecord) -> usize,
) -> Result<Vec<Value>, QueryError> {
    Ok(ctx
        .linked
        .count(ctx.store, id, what)?
        .map(Value::Int)
        .into_iter()
        .collect())
}

/// One cell for a field: the single value or null, or for a many-valued field (relays,
/// topics, figures, units) the list of its values, so JSON keeps them as an array.
fn field_cell(ctx: &mut Ctx, field: Field, id: ClaimId) -> Result<Value, QueryError> {
    let Some((article, claim)) = ctx.claim(id)? else {
        return Ok(Value::Null);
    };
    let mut values = field_values(ctx, field, &article, &claim, id)?;
    if matches!(
        field,
        Field::Via | Field::About | Field::Quantity | Field::Unit
    ) {
        return Ok(Value::List(values));
    }
    Ok(match values.len() {
        0 => Value::Null,
        _ => values.remove(0),
    })
}

/// Applies one pipeline stage: to claims (each claim read once from its article) or to
/// rows an earlier stage made.
fn apply_stage(
    ctx: &mut Ctx,
    state: State,
    stage: &Stage,
    related: Option<&HashSet<ClaimId>>,
) -> Result<State, QueryError> {
    match state {
        State::Claims(matches) => claims_stage(ctx, matches, stage, related),
        State::Rows { columns, rows } => Ok(rows_stage(columns, rows, stage)),
    }
}

fn claims_stage(
    ctx: &mut Ctx,
    mut matches: Vec<Match>,
    stage: &Stage,
    related: Option<&HashSet<ClaimId>>,
) -> Result<State, QueryError> {
    let said_only =
        matches!(stage, Stage::Sort(keys) if keys.iter().all(|(c, _)| c.name == "said"));
    // Stages that read claims read their articles in key order first; a sort on the said
    // key alone needs none.
    let reads = matches!(
        stage,
        Stage::Sort(_) | Stage::Group(_) | Stage::Select(_) | Stage::Links(_)
    );
    // Grouping from the entries' covering fields, `select` of head fields and `links` read
    // borrowed views of the claims' bytes, not decoded claims.
    let covered = match stage {
        Stage::Group(cols) => covered_by_entries(cols),
        Stage::Select(cols) => heads_only(&claim_fields(cols)),
        Stage::Links(_) => true,
        _ => false,
    };
    if reads && !said_only && !covered {
        prefetch(ctx, matches.iter().map(|m| m.id()))?;
    }
    Ok(match stage {
        Stage::Sort(keys) => State::Claims(sort_claims(ctx, matches, keys, said_only)?),
        Stage::Limit(n, _) | Stage::Top(n, _) => {
            matches.truncate(*n);
            State::Claims(matches)
        }
        Stage::Count(_) => State::Rows {
            columns: vec!["claims".into()],
            rows: vec![vec![Value::Int(matches.len() as i64)]],
        },
        Stage::Group(cols) => group_claims(ctx, &matches, cols)?,
        Stage::Select(cols) => select_claims(ctx, &matches, cols)?,
        Stage::Links(_) => link_rows(ctx, &matches, related)?,
    })
}

/// `sort` on claims: by the said key alone without reading anything, else by the fields'
/// values, ties in said order.
fn sort_claims(
    ctx: &mut Ctx,
    mut matches: Vec<Match>,
    keys: &[(Column, Direction)],
    said_only: bool,
) -> Result<Vec<Match>, QueryError> {
    if said_only && keys.len() == 1 {
        matches.sort_by_key(|m| m.key);
        if keys[0].1 == Direction::Desc {
            matches.reverse();
        }
        return Ok(matches);
    }
    let fields: Vec<(Field, Direction)> = keys
        .iter()
        .filter_map(|(c, d)| Field::parse(&c.name).map(|f| (f, *d)))
        .collect();
    let mut keyed = Vec::with_capacity(matches.len());
    for m in matches {
        let mut k = Vec::with_capacity(fields.len());
        for (f, _) in &fields {
            k.push(match f {
                Field::Said => match ctx.claim(m.id())? {
                    Some((_, c)) => c.said.map(Value::Time).unwrap_or(Value::Null),
                    None => Value::Null,
                },
                _ => field_cell(ctx, *f, m.id())?,
            });
        }
        keyed.push((k, m));
    }
    keyed.sort_by(|a, b| {
        for (i, (_, dir)) in fields.iter().enumerate() {
            let o = directed(a.0[i].total_cmp(&b.0[i]), *dir);
            if o != Ordering::Equal {
                return o;
            }
        }
        a.1.key.cmp(&b.1.key)
    });
    Ok(keyed.into_iter().map(|(_, m)| m).collect())
}

fn directed(o: Ordering, dir: Direction) -> Ordering {
    if dir == Direction::Desc {
        o.reverse()
    } else {
        o
    }
}

/// `group` on claims: one row per combination of the fields' values with its count;
/// multi-valued fields (about, via) count the claim once per value.
fn group_claims(ctx: &mut Ctx, matches: &[Match], cols: &[Column]) -> Result<State, QueryError> {
    if covered_by_entries(cols) {
        return group_entries(ctx, matches, cols);
    }
    let fields = claim_fields(cols);
    let mut groups: HashMap<Vec<String>, (Vec<Value>, i64)> = HashMap::new();
    for m in matches {
        let Some((article, claim)) = ctx.claim(m.id())? else {
            continue;
        };
        let mut keys: Vec<Vec<Value>> = vec![Vec::new()];
        for f in &fields {
            let mut values = field_values(ctx, *f, &article, &claim, m.id())?;
            if values.is_empty() {
                values.push(Value::Null);
            }
            values.dedup();
            keys = keys
                .into_iter()
                .flat_map(|k| {
                    values.iter().map(move |v| {
                        let mut k = k.clone();
                        k.push(v.clone());
                        k
                    })
                })
                .collect();
        }
        for k in keys {
            let text: Vec<String> = k.iter().map(|v| v.to_string()).collect();
            groups.entry(text).or_insert_with(|| (k, 0)).1 += 1;
        }
    }
    Ok(group_rows(groups, cols, "claims"))
}

/// Fields every index entry carries (see `Cover`): grouping by them reads no claim.
fn covered_by_entries(cols: &[Column]) -> bool {
    cols.iter().all(|c| {
        matches!(
            Field::parse(&c.name),
            Some(Field::Speaker | Field::Publisher | Field::Stance)
        )
    })
}

/// `group` by speaker, publisher and stance from the entries' covering fields: counted by
/// ids first, each actor named once, groups keyed by borrowed names; values are built
/// only for the rows. Covers naming the same (actors that are one person show one name)
/// merge, as grouping read from claims does; an absent publisher is null.
fn group_entries(ctx: &mut Ctx, matches: &[Match], cols: &[Column]) -> Result<State, QueryError> {
    let fields = claim_fields(cols);
    let mut counts: HashMap<Cover, i64> = HashMap::new();
    for m in matches {
        *counts.entry(m.key.cover()).or_default() += 1;
    }
    let mut actors: HashMap<ActorId, Option<Arc<Actor>>> = HashMap::new();
    for cover in counts.keys() {
        for id in std::iter::once(cover.speaker).chain(cover.publisher) {
            if let std::collections::hash_map::Entry::Vacant(slot) = actors.entry(id) {
                slot.insert(ctx.actor(id)?);
            }
        }
    }
    // A missing actor shows as an empty name, as `actor_name` does for claim rows.
    let name = |id: ActorId| -> &str {
        actors
            .get(&id)
            .and_then(|a| a.as_deref())
            .map_or("", |a| a.name.as_str())
    };
    let mut groups: HashMap<Vec<Option<&str>>, i64> = HashMap::with_capacity(counts.len());
    for (cover, n) in &counts {
        let key = fields
            .iter()
            .map(|f| match f {
                Field::Speaker => Some(name(cover.speaker)),
                Field::Publisher => cover.publisher.map(name),
                _ => Some(cover.stance.as_str()),
            })
            .collect();
        *groups.entry(key).or_default() += n;
    }
    let mut groups: Vec<(Vec<Option<&str>>, i64)> = groups.into_iter().collect();
    // Largest first, ties in key order (null first), as `group_rows` orders values.
    groups.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut columns: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
    columns.push("claims".into());
    let rows = groups
        .into_iter()
        .map(|(key, n)| {
            let mut row: Vec<Value> = key
                .into_iter()
                .map(|part| part.map_or(Value::Null, |s| Value::Text(s.to_string())))
                .collect();
            row.push(Value::Int(n));
            row
        })
        .collect();
    Ok(State::Rows { columns, rows })
}

/// `select` on claims: one row per claim, one cell per field.
fn select_claims(ctx: &mut Ctx, matches: &[Match], cols: &[Column]) -> Result<State, QueryError> {
    let fields = claim_fields(cols);
    if heads_only(&fields) {
        return select_heads(ctx, matches, cols, &fields);
    }
    let mut rows = Vec::with_capacity(matches.len());
    for m in matches {
        let mut row = Vec::with_capacity(fields.len());
        for f in &fields {
            row.push(field_cell(ctx, *f, m.id())?);
        }
        rows.push(row);
    }
    Ok(State::Rows {
        columns: cols.iter().map(|c| c.name.clone()).collect(),
        rows,
    })
}

/// Fields a row reads from a claim's leading fields (`ClaimHead`) and its article's
/// metadata (`ArticleHead`), borrowed from the stored block without decoding the claim.
fn head_field(f: Field) -> bool {
    matches!(
        f,
        Field::Said
            | Field::Speaker
            | Field::SpeakerKind
            | Field::Cue
            | Field::Stance
            | Field::Kind
            | Field::Text
            | Field::Id
            | Field::Publisher
            | Field::Article
            | Field::Title
            | Field::Published
            | Field::Ingested
    )
}

fn heads_only(fields: &[Field]) -> bool {
    fields.iter().all(|f| head_field(*f))
}

/// `select` of head fields only: each claim's row from borrowed views of its stored bytes,
/// read in claim id order (blocks in key order), rows in the matches' order. The cells
/// are those [`field_cell`] gives.
fn select_heads(
    ctx: &mut Ctx,
    matches: &[Match],
    cols: &[Column],
    fields: &[Field],
) -> Result<State, QueryError> {
    let needs_article = fields.iter().any(|f| {
        matches!(
            f,
            Field::Publisher | Field::Article | Field::Title | Field::Published | Field::Ingested
        )
    });
    let store = ctx.store;
    let mut order: Vec<usize> = (0..matches.len()).collect();
    order.sort_unstable_by_key(|&i| matches[i].id());
    let mut rows: Vec<Vec<Value>> = vec![Vec::new(); matches.len()];
    for i in order {
        let Some(bytes) = store.claim_bytes(matches[i].id())? else {
            rows[i] = vec![Value::Null; fields.len()];
            continue;
        };
        let head = bytes.head().map_err(|e| store.row_error(e))?;
        let article = match needs_article {
            true => Some(bytes.article().map_err(|e| store.row_error(e))?),
            false => None,
        };
        let text = |s: &str| Value::Text(s.to_string());
        let time = |t: Option<TimePoint>| t.map_or(Value::Null, Value::Time);
        let mut row = Vec::with_capacity(fields.len());
        for f in fields {
            row.push(match (f, &article) {
                (Field::Said, _) => time(head.said),
                (Field::Speaker, _) => Value::Text(ctx.actor_name(head.speaker)?),
                (Field::SpeakerKind, _) => ctx
                    .actor(head.speaker)?
                    .map_or(Value::Null, |a| text(a.kind.as_str())),
                (Field::Cue, _) => head.cue.map_or(Value::Null, text),
                (Field::Stance, _) => text(head.stance.as_str()),
                (Field::Kind, _) => text(head.kind.as_str()),
                (Field::Text, _) => text(head.text),
                (Field::Id, _) => text(head.external_id),
                (Field::Publisher, Some(a)) => match a.publisher {
                    Some(p) => Value::Text(ctx.actor_name(p)?),
                    None => Value::Null,
                },
                (Field::Article, Some(a)) => text(a.id),
                (Field::Title, Some(a)) => a.title.map_or(Value::Null, text),
                (Field::Published, Some(a)) => time(a.published),
                (Field::Ingested, Some(a)) => {
                    time(claimgraph_model::time::utc_point(a.ingested_at))
                }
                _ => Value::Null,
            });
        }
        rows[i] = row;
    }
    Ok(State::Rows {
        columns: cols.iter().map(|c| c.name.clone()).collect(),
        rows,
    })
}

/// `links`: one row per link of each claim, with its target when the store (and the
/// snapshot) has it; only links into `related` when the query has relation predicates.
/// Both ends are read as borrowed views of their stored bytes.
fn link_rows(
    ctx: &mut Ctx,
    matches: &[Match],
    related: Option<&HashSet<ClaimId>>,
) -> Result<State, QueryError> {
    let store = ctx.store;
    let mut rows = Vec::new();
    for m in matches {
        let Some(bytes) = store.claim_bytes(m.id())? else {
            continue;
        };
        let claim = bytes.links().map_err(|e| store.row_error(e))?;
        let head = &claim.head;
        for link in &claim.links {
            if let (Some(only), Some(t)) = (related, link.target_id) {
                if !only.contains(&t) {
                    continue;
                }
            }
            let target = match link.target_id {
                Some(t) if ctx.admits(t.article()) => store.claim_bytes(t)?,
                _ => None,
            };
            let (t_said, t_speaker, t_text) = match &target {
                Some(tb) => {
                    let th = tb.head().map_err(|e| store.row_error(e))?;
                    (
                        th.said.map(Value::Time).unwrap_or(Value::Null),
                        Value::Text(ctx.actor_name(th.speaker)?),
                        Value::Text(th.text.to_string()),
                    )
                }
                None => (Value::Null, Value::Null, Value::Null),
            };
            rows.push(vec![
                Value::Text(head.external_id.to_string()),
                head.said.map(Value::Time).unwrap_or(Value::Null),
                Value::Text(ctx.actor_name(head.speaker)?),
                Value::Text(head.stance.as_str().to_string()),
                Value::Text(head.text.to_string()),
                Value::Text(link.kind.as_str().to_string()),
                t_said,
                t_speaker,
                t_text,
                Value::Text(link.target.to_string()),
            ]);
        }
    }
    Ok(State::Rows {
        columns: LINK_COLUMNS.iter().map(|s| s.to_string()).collect(),
        rows,
    })
}

/// A stage on rows an earlier stage made: columns are looked up by name.
fn rows_stage(columns: Vec<String>, mut rows: Vec<Vec<Value>>, stage: &Stage) -> State {
    match stage {
        Stage::Sort(keys) => {
            sort_rows(&columns, &mut rows, keys);
            State::Rows { columns, rows }
        }
        Stage::Limit(n, _) | Stage::Top(n, _) => {
            rows.truncate(*n);
            State::Rows { columns, rows }
        }
        Stage::Count(_) => State::Rows {
            columns: vec!["rows".into()],
            rows: vec![vec![Value::Int(rows.len() as i64)]],
        },
        Stage::Select(cols) => {
            let idx = column_indexes(&columns, cols);
            State::Rows {
                columns: cols.iter().map(|c| c.name.clone()).collect(),
                rows: rows.into_iter().map(|r| pick_cells(&r, &idx)).collect(),
            }
        }
        Stage::Group(cols) => {
            let idx = column_indexes(&columns, cols);
            let mut groups: HashMap<Vec<String>, (Vec<Value>, i64)> = HashMap::new();
            for r in rows {
                let k = pick_cells(&r, &idx);
                let text = k.iter().map(|v| v.to_string()).collect();
                groups.entry(text).or_insert_with(|| (k, 0)).1 += 1;
            }
            group_rows(groups, cols, "rows")
        }
        // The planner rejects `links` after rows; keep the rows rather than panic.
        Stage::Links(_) => State::Rows { columns, rows },
    }
}

fn sort_rows(columns: &[String], rows: &mut [Vec<Value>], keys: &[(Column, Direction)]) {
    let idx: Vec<(usize, Direction)> = keys
        .iter()
        .filter_map(|(c, d)| columns.iter().position(|x| *x == c.name).map(|i| (i, *d)))
        .collect();
    rows.sort_by(|a, b| {
        for (i, dir) in &idx {
            let o = match (a.get(*i), b.get(*i)) {
                (Some(x), Some(y)) => x.total_cmp(y),
                _ => Ordering::Equal,
            };
            let o = directed(o, *dir);
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    });
}

/// Where each of `cols` sits among `columns` (`None`: not there, its cells are null).
fn column_indexes(columns: &[String], cols: &[Column]) -> Vec<Option<usize>> {
    cols.iter()
        .map(|c| columns.iter().position(|x| *x == c.name))
        .collect()
}

fn pick_cells(row: &[Value], idx: &[Option<usize>]) -> Vec<Value> {
    idx.iter()
        .map(|i| i.and_then(|i| row.get(i).cloned()).unwrap_or(Value::Null))
        .collect()
}

fn claim_fields(cols: &[Column]) -> Vec<Field> {
    cols.iter().filter_map(|c| Field::parse(&c.name)).collect()
}

/// Groups as result rows: the key columns, then the count column; largest groups first,
/// ties in key order.
fn group_rows(
    groups: HashMap<Vec<String>, (Vec<Value>, i64)>,
    cols: &[Column],
    count_column: &str,
) -> State {
    let mut groups: Vec<(Vec<Value>, i64)> = groups.into_values().collect();
    groups.sort_by(|a, b| {
        b.1.cmp(&a.1).then_with(|| {
            a.0.iter()
                .zip(&b.0)
                .map(|(x, y)| x.total_cmp(y))
                .find(|o| *o != Ordering::Equal)
                .unwrap_or(Ordering::Equal)
        })
    });
    let mut columns: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
    columns.push(count_column.into());
    State::Rows {
        columns,
        rows: groups
            .into_iter()
            .map(|(mut key, n)| {
                key.push(Value::Int(n));
                key
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing;
    use crate::{QueryResult, QueryStore, ResultData, Value};

    fn rows_of(r: &QueryResult) -> (&[String], &[Vec<Value>]) {
        match &r.data {
            ResultData::Rows { columns, rows } => (columns, rows),
            ResultData::Claims(_) => panic!("claims, not rows"),
        }
    }

    fn ids(store: &claimgraph_store::Store, query: &str) -> Vec<String> {
        store
            .query(query)
            .unwrap()
            .claims()
            .unwrap()
            .iter()
            .map(|c| c.external_id.clone())
            .collect()
    }

    #[test]
    fn claims_come_in_said_order_and_a_limit_stops_the_scan_from_either_end() {
        let (_dir, store) = testing::store();
        assert_eq!(
            ids(&store, "claims about Aleppo"),
            ["a2#0", "a1#0", "a1#2", "a3#0"]
        );
        assert_eq!(
            ids(&store, "claims about Aleppo | limit 2"),
            ["a2#0", "a1#0"]
        );
        assert_eq!(
            ids(&store, "claims about Aleppo | sort said desc | limit 2"),
            ["a3#0", "a1#2"]
        );
        // A union reads each claim once.
        assert_eq!(
            ids(&store, "claims by Russia or via RIA"),
            ["a2#0", "a1#1", "a1#0"]
        );
    }

    #[test]
    fn filters_on_stored_claims_and_snapshots_apply() {
        let (_dir, store) = testing::store();
        assert_eq!(
            ids(&store, "claims about Aleppo where stance = deny"),
            ["a1#2"]
        );
        assert_eq!(ids(&store, "claims about Aleppo as of 2016-12-21").len(), 3);
        assert_eq!(
            ids(&store, "claims where publisher = \"Outlet Two\""),
            ["a2#0"]
        );
        assert_eq!(ids(&store, "claims denying (claims by Russia)"), ["a1#2"]);
        assert_eq!(ids(&store, "claims by Russia where denials > 0"), ["a1#0"]);
    }

    #[test]
    fn group_counts_a_claim_once_per_value_and_sorts_largest_first() {
        let (_dir, store) = testing::store();
        let r = store.query("claims | group about").unwrap();
        let (columns, rows) = rows_of(&r);
        assert_eq!(columns, ["about", "claims"]);
        assert_eq!(rows[0], [Value::Text("Aleppo".into()), Value::Int(4)]);
        assert_eq!(rows.len(), 3);
        let r = store
            .query("claims | group speaker | sort claims | select speaker | limit 1")
            .unwrap();
        let (columns, rows) = rows_of(&r);
        assert_eq!(columns, ["speaker"]);
        assert_eq!(rows.len(), 1);
        let r = store.query("claims by Russia | count").unwrap();
        assert_eq!(rows_of(&r).1, [[Value::Int(2)]]);
    }

    #[test]
    fn grouping_from_index_entries_agrees_with_grouping_read_from_claims() {
        let (_dir, store) = testing::store();
        for group in ["publisher, speaker", "stance", "speaker, stance, publisher"] {
            // `where kind = reported` holds for every claim here but makes the executor
            // read each claim, so the second query groups from stored claims.
            let covered = store.query(&format!("claims about Aleppo | group {group}"));
            let read = store.query(&format!(
                "claims about Aleppo where kind = reported | group {group}"
            ));
            let (covered, read) = (covered.unwrap(), read.unwrap());
            assert_eq!(rows_of(&covered), rows_of(&read), "group {group}");
            assert!(!rows_of(&covered).1.is_empty());
        }
        let r = store
            .query("claims about Aleppo | group publisher, speaker")
            .unwrap();
        let total: i64 = rows_of(&r)
            .1
            .iter()
            .map(|row| match row.last() {
                Some(Value::Int(n)) => *n,
                _ => 0,
            })
            .sum();
        assert_eq!(total, 4);
    }

    #[test]
    fn links_rows_name_the_answered_claim() {
        let (_dir, store) = testing::store();
        let r = store.query("claims by Rebels | links").unwrap();
        let (columns, rows) = rows_of(&r);
        assert_eq!(columns.len(), super::LINK_COLUMNS.len());
        assert_eq!(rows.len(), 1);
        let cell = |name: &str| &rows[0][columns.iter().position(|c| c == name).unwrap()];
        assert_eq!(cell("link"), &Value::Text("denies".into()));
        assert_eq!(cell("target_speaker"), &Value::Text("Russia".into()));
        // Both ends of the link are named by id.
        let Value::Text(id) = cell("id") else {
            panic!("no id: {:?}", rows[0]);
        };
        let Value::Text(target) = cell("target_id") else {
            panic!("no target id: {:?}", rows[0]);
        };
        assert_eq!(
            ids(&store, &format!("claims where id = {id:?}")),
            [id.as_str()]
        );
        assert_eq!(
            ids(&store, &format!("claims where id = {target:?}")),
            [target.as_str()]
        );
        // Outside the snapshot the target is unknown.
        let r = store
            .query("claims by Rebels as of 2016-12-21 | links")
            .unwrap();
        assert_eq!(rows_of(&r).1.len(), 1);
    }

    #[test]
    fn rows_from_borrowed_claim_views_agree_with_rows_from_decoded_claims() {
        let (_dir, store) = testing::store();
        let fields = [
            "said",
            "speaker",
            "speaker.kind",
            "cue",
            "stance",
            "kind",
            "text",
            "id",
            "publisher",
            "article",
            "title",
            "published",
            "ingested",
        ];
        for field in fields {
            // `via` is not a head field, so the second query reads decoded claims.
            let heads = store.query(&format!("claims | select {field}")).unwrap();
            let decoded = store
                .query(&format!("claims | select {field}, via"))
                .unwrap();
            let (_, heads) = rows_of(&heads);
            let (_, decoded) = rows_of(&decoded);
            assert_eq!(heads.len(), decoded.len(), "{field}");
            assert!(!heads.is_empty());
            for (h, d) in heads.iter().zip(decoded) {
                assert_eq!(h[0], d[0], "{field}");
            }
        }
        // Outside a snapshot a link's target is unknown, as before.
        let r = store
            .query("claims denying (claims by Russia) | links")
            .unwrap();
        let (columns, rows) = rows_of(&r);
        assert_eq!(rows.len(), 1);
        let target = columns.iter().position(|c| c == "target_text").unwrap();
        assert!(matches!(&rows[0][target], Value::Text(t) if !t.is_empty()));
    }
}

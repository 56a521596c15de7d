//! The planner: resolves names (actors through their aliases, topics, members), checks
//! fields and values, and picks the scan that drives the query: the index of the most
//! selective top-level predicate, estimated from the sizes of its posting runs. Every
//! predicate is also kept in the filter, so the choice of index never changes the answer,
//! only its cost.

use super::ast::*;
use super::lexer::CmpOp;
use super::parser::closest;
use super::{QueryError, DEFAULT_LIMIT};
use claimgraph_model::names;
use claimgraph_model::{Actor, ActorId, ActorKind, ClaimId, ClaimKind, Interval, Stance, TopicId};
use claimgraph_store::{Store, StoreError, Term, TimeSlice};
use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::sync::Arc;

/// A planned query, ready to run; `Display` is what `explain` prints.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Claims, or the stories or statements of the selected claims.
    pub(crate) head: Head,
    pub(crate) select: SelectPlan,
    pub(crate) stages: Vec<Stage>,
    pub(crate) snapshot: Option<Snapshot>,
    /// Rows returned at most when the query has no `limit`.
    pub(crate) cap: Option<usize>,
    pub(crate) text: String,
}

impl Plan {
    /// Estimated number of claims the driving scan yields (an upper bound on the rows
    /// before grouping).
    pub fn estimated_rows(&self) -> u64 {
        self.select.estimate
    }

    /// Name of the driving access path: `by_speaker`, `by_topic`, `by_said`, `by_event`,
    /// `by_via`, `by_publisher`, `links_to_speaker`, `articles (as of)` or `full scan`.
    pub fn index(&self) -> &str {
        self.select.driver.index_name()
    }

    /// True when the query reads every article.
    pub fn is_full_scan(&self) -> bool {
        matches!(self.select.driver, Driver::Articles { full: true, .. })
    }
}

/// Plan of one `claims ...` selection (the query, or a subquery).
#[derive(Debug, Clone)]
pub(crate) struct SelectPlan {
    pub(crate) driver: Driver,
    /// The whole filter, as written (for display).
    pub(crate) filter: Option<RExpr>,
    /// What the scan and the semi-joins do not already guarantee: checked per claim on
    /// the stored article. `None` when nothing is left, so no article is read to filter.
    pub(crate) residual: Option<RExpr>,
    pub(crate) semijoins: Vec<SemiJoin>,
    pub(crate) estimate: u64,
    /// Candidate scans the planner weighed, with their estimates.
    pub(crate) considered: Vec<(String, u64)>,
}

/// An ordered set of article sequence ranges: the articles an `as of` snapshot admits.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub(crate) ranges: Vec<(u64, u64)>,
    pub(crate) label: String,
    pub(crate) chunks: (usize, usize),
}

impl Snapshot {
    pub(crate) fn admits(&self, seq: u64) -> bool {
        let i = self.ranges.partition_point(|&(_, end)| end <= seq);
        self.ranges.get(i).is_some_and(|&(start, _)| start <= seq)
    }
}

/// One entry source of an index scan.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// Every entry of one term.
    Term(Term),
    /// A slice of a time index.
    Slice(TimeSlice),
}

/// An indexed term checked by intersecting claim ids with its postings.
#[derive(Debug, Clone)]
pub(crate) struct SemiJoin {
    pub(crate) label: String,
    pub(crate) sources: Vec<Source>,
    pub(crate) estimate: u64,
}

/// A time test applied to postings before any article is read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PostingTest {
    pub(crate) op: TimeOp,
    pub(crate) range: Interval,
}

#[derive(Debug, Clone)]
pub(crate) enum Driver {
    /// Posting runs of one index (or a union of indexes for `or`).
    Postings {
        label: String,
        index: &'static str,
        sources: Vec<Source>,
        /// Time tests on the axis the postings are ordered by.
        tests: Vec<PostingTest>,
        /// The conjuncts those tests come from.
        tests_from: Vec<usize>,
        /// True when every source is ordered by said time, so the merged list is too.
        said_order: bool,
        runs: u64,
    },
    /// Claims answering a subquery's claims, from the links-to-speaker index.
    Links {
        relation: Relation,
        sub: Box<SelectPlan>,
        /// The subquery's speakers when the subquery names them.
        speakers: Option<Vec<ActorId>>,
        label: String,
        /// The filter slot holding the subquery's claims.
        slot: usize,
    },
    /// Articles in sequence ranges: a snapshot, or everything.
    Articles { ranges: Vec<(u64, u64)>, full: bool },
    /// Claims found by id (`where id = C`, `where article = A`, or an `or` of them), by
    /// point reads.
    Lookup {
        index: &'static str,
        label: String,
        claims: Vec<ClaimId>,
    },
    /// Known to match nothing (e.g. `by members of X` when X has no members).
    Empty { reason: String },
}

impl Driver {
    fn index_name(&self) -> &str {
        match self {
            Driver::Postings { index, .. } => index,
            Driver::Links { .. } => "links_to_speaker",
            Driver::Articles { full: true, .. } => "full scan",
            Driver::Articles { full: false, .. } => "articles (as of)",
            Driver::Lookup { index, .. } => index,
            Driver::Empty { .. } => "none",
        }
    }
}

/// A resolved predicate tree.
#[derive(Debug, Clone)]
pub(crate) enum RExpr {
    And(Vec<RExpr>),
    Or(Vec<RExpr>),
    Not(Box<RExpr>),
    Pred(RPred, String),
}

#[derive(Debug, Clone)]
pub(crate) enum RPred {
    Speaker(Arc<HashSet<ActorId>>),
    Via(Arc<HashSet<ActorId>>),
    Direct,
    About(TopicId),
    Publisher(Arc<HashSet<ActorId>>),
    Time {
        axis: Axis,
        op: TimeOp,
        range: Interval,
    },
    /// `as of` lifted into the snapshot: always true here.
    True,
    Related {
        relation: Relation,
        sub: Box<SelectPlan>,
        slot: usize,
    },
    Answered(Relation),
    /// `in story S`, the id checked against the stored stories.
    InStory(String),
    Contested,
    FirstReported,
    Compare {
        field: Field,
        op: CmpOp,
        value: RValue,
    },
}

#[derive(Debug, Clone)]
pub(crate) enum RValue {
    Num(f64),
    /// Folded text (names::fold) for =, != and ~.
    Text(String),
    /// Text compared exactly (the ids of claims and articles).
    Exact(String),
    Kind(ActorKind),
    Stance(Stance),
    ClaimKind(ClaimKind),
    Ids(Arc<HashSet<ActorId>>),
    Topic(TopicId),
}

/// Plans a parsed query.
pub(crate) fn plan(store: &Store, text: &str, query: &Query) -> Result<Plan, QueryError> {
    let mut planner = Planner {
        store,
        text,
        slots: 0,
        total_claims: store.counters()?.claims,
    };
    let snapshot = planner.snapshot(query.filter.as_ref())?;
    let select = planner.select(query, snapshot.as_ref())?;
    let stages = planner.check_stages(query.head, &query.stages)?;
    let has_limit = stages
        .iter()
        .any(|s| matches!(s, Stage::Limit(..) | Stage::Top(..)));
    Ok(Plan {
        head: query.head,
        select,
        stages,
        snapshot,
        cap: (!has_limit).then_some(DEFAULT_LIMIT),
        text: text.to_string(),
    })
}

/// A term checked against its posting list instead of the stored article, when it is
/// at most this many times larger than the driving scan.
const SEMIJOIN_RATIO: u64 = 16;

/// The planner's choice for one selection.
struct Chosen {
    driver: Driver,
    estimate: u64,
    considered: Vec<(String, u64)>,
    residual: Option<RExpr>,
    semijoins: Vec<SemiJoin>,
}

struct Planner<'a> {
    store: &'a Store,
    text: &'a str,
    slots: usize,
    total_claims: u64,
}

impl<'a> Planner<'a> {
    fn err(&self, span: &Span, message: impl Into<String>, help: Option<String>) -> QueryError {
        QueryError::syntax(self.text, span.clone(), message, help)
    }

    /// Finds `as of` at the top level (it applies to the whole query, subqueries
    /// included) and turns it into the set of admitted articles.
    fn snapshot(&self, filter: Option<&Expr>) -> Result<Option<Snapshot>, QueryError> {
        let mut found: Option<(claimgraph_model::TimePoint, Span)> = None;
        if let Some(expr) = filter {
            for conj in conjuncts(expr) {
                if let Expr::Pred(Pred::AsOf { at, span }, _) = conj {
                    if found.is_some() {
                        return Err(self.err(span, "'as of' is given twice", None));
                    }
                    found = Some((*at, span.clone()));
                }
            }
            check_as_of_placement(expr, true, self)?;
        }
        let Some((at, _)) = found else {
            return Ok(None);
        };
        let end = at.interval().map(|iv| iv.end).unwrap_or(i64::MAX);
        let chunks = self.store.chunks()?;
        let mut ranges: Vec<(u64, u64)> = Vec::new();
        let mut admitted = 0;
        for c in &chunks {
            if c.ingested_at < end {
                admitted += 1;
                let range = (c.first_article, c.first_article + c.articles);
                match ranges.last_mut() {
                    Some(last) if last.1 == range.0 => last.1 = range.1,
                    _ => ranges.push(range),
                }
            }
        }
        Ok(Some(Snapshot {
            ranges,
            label: at.to_string(),
            chunks: (admitted, chunks.len()),
        }))
    }

    fn select(
        &mut self,
        query: &Query,
        snapshot: Option<&Snapshot>,
    ) -> Result<SelectPlan, QueryError> {
        let filter = match &query.filter {
            Some(e) => Some(self.resolve(e, snapshot)?),
            None => None,
        };
        let chosen = self.choose_driver(filter.as_ref(), snapshot)?;
        Ok(SelectPlan {
            driver: chosen.driver,
            filter,
            residual: chosen.residual,
            semijoins: chosen.semijoins,
            estimate: chosen.estimate,
            considered: chosen.considered,
        })
    }

    fn resolve(&mut self, expr: &Expr, snapshot: Option<&Snapshot>) -> Result<RExpr, QueryError> {
        Ok(match expr {
            Expr::And(parts) => RExpr::And(
                parts
                    .iter()
                    .map(|p| self.resolve(p, snapshot))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::Or(parts) => RExpr::Or(
                parts
                    .iter()
                    .map(|p| self.resolve(p, snapshot))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::Not(inner) => RExpr::Not(Box::new(self.resolve(inner, snapshot)?)),
            Expr::Pred(pred, span) => {
                let label = self.text.get(span.clone()).unwrap_or("?").to_string();
                RExpr::Pred(self.resolve_pred(pred, snapshot)?, label)
            }
        })
    }

    fn resolve_pred(
        &mut self,
        pred: &Pred,
        snapshot: Option<&Snapshot>,
    ) -> Result<RPred, QueryError> {
        Ok(match pred {
            Pred::Speaker(r) => RPred::Speaker(self.actor_set(r)?),
            Pred::Via(r) => RPred::Via(self.actor_set(r)?),
            Pred::Publisher(r) => RPred::Publisher(self.actor_set(r)?),
            Pred::Direct => RPred::Direct,
            Pred::About(name) => RPred::About(self.topic(name)?),
            Pred::Time {
                axis, op, range, ..
            } => RPred::Time {
                axis: *axis,
                op: *op,
                range: range.as_range().unwrap_or(Interval {
                    start: i64::MIN,
                    end: i64::MAX,
                }),
            },
            Pred::AsOf { .. } => RPred::True,
            Pred::Related { relation, sub } => {
                let plan = self.select(sub, snapshot)?;
                let slot = self.slots;
                self.slots += 1;
                RPred::Related {
                    relation: *relation,
                    sub: Box::new(plan),
                    slot,
                }
            }
            Pred::Answered(r) => RPred::Answered(*r),
            Pred::InStory(name) => RPred::InStory(self.story(name)?),
            Pred::Contested => RPred::Contested,
            Pred::FirstReported => RPred::FirstReported,
            Pred::Compare {
                field,
                field_span,
                op,
                value,
            } => self.compare(*field, field_span, *op, value)?,
        })
    }

    fn compare(
        &self,
        field: Field,
        field_span: &Span,
        op: CmpOp,
        value: &Literal,
    ) -> Result<RPred, QueryError> {
        let text_ops = matches!(op, CmpOp::Eq | CmpOp::Ne | CmpOp::Contains);
        let only_text_ops = || {
            self.err(
                &(field_span.start..value.span.end),
                format!("'{}' does not apply to {}", op.as_str(), field.name()),
                Some("text fields take =, != or ~ (contains)".into()),
            )
        };
        let value_of = |v: RValue| {
            Ok(RPred::Compare {
                field,
                op,
                value: v,
            })
        };
        match field {
            Field::Speaker | Field::Via | Field::Publisher => {
                if !text_ops {
                    return Err(only_text_ops());
                }
                if op == CmpOp::Contains {
                    return value_of(RValue::Text(names::fold(&value.text)));
                }
                let set = self.actor_set(&ActorRef {
                    name: Name {
                        text: value.text.clone(),
                        span: value.span.clone(),
                    },
                    members: false,
                })?;
                value_of(RValue::Ids(set))
            }
            Field::About => {
                if !text_ops {
                    return Err(only_text_ops());
                }
                if op == CmpOp::Contains {
                    return value_of(RValue::Text(names::fold(&value.text)));
                }
                let t = self.topic(&Name {
                    text: value.text.clone(),
                    span: value.span.clone(),
                })?;
                value_of(RValue::Topic(t))
            }
            Field::SpeakerKind | Field::Stance | Field::Kind => {
                self.word_value(field, field_span, op, value)
            }
            Field::Cue | Field::Text | Field::Article | Field::Title | Field::Id | Field::Unit => {
                if !text_ops {
                    return Err(only_text_ops());
                }
                // Ids are identifiers: `=` and `!=` compare them exactly, which is what lets
                // an index look them up (`~` still searches them as text).
                if matches!(field, Field::Id | Field::Article) && op != CmpOp::Contains {
                    return value_of(RValue::Exact(value.text.clone()));
                }
                value_of(RValue::Text(names::fold(&value.text)))
            }
            Field::Story | Field::Statement => {
                if !text_ops {
                    return Err(only_text_ops());
                }
                if op == CmpOp::Contains {
                    return value_of(RValue::Text(names::fold(&value.text)));
                }
                value_of(RValue::Exact(value.text.clone()))
            }
            Field::Quantity
            | Field::Denials
            | Field::Supports
            | Field::Responses
            | Field::Occurrences
            | Field::Outlets
            | Field::IndependentSources => {
                if op == CmpOp::Contains {
                    return Err(self.err(
                        &(field_span.start..value.span.end),
                        format!("'~' does not apply to {}", field.name()),
                        Some("numbers take =, !=, <, <=, > or >=".into()),
                    ));
                }
                let cleaned: String = value.text.chars().filter(|c| *c != '_').collect();
                match cleaned.parse::<f64>() {
                    Ok(n) if n.is_finite() && !value.quoted => value_of(RValue::Num(n)),
                    _ => Err(self.err(
                        &value.span,
                        format!(
                            "{} compares with a number, not '{}'",
                            field.name(),
                            value.text
                        ),
                        Some(format!("e.g. where {} > 100000", field.name())),
                    )),
                }
            }
            Field::Said
            | Field::Event
            | Field::Published
            | Field::Ingested
            | Field::TimePart(..) => Err(self.err(
                field_span,
                format!("'{}' cannot be compared here", field.name()),
                Some(
                    "filter times with said/event/published/ingested, e.g. said 2016-12-11".into(),
                ),
            )),
        }
    }

    /// A comparison of a field whose values are words from a fixed list (speaker kind,
    /// stance, claim kind): `=` or `!=` only, and the word must be on the list.
    fn word_value(
        &self,
        field: Field,
        field_span: &Span,
        op: CmpOp,
        value: &Literal,
    ) -> Result<RPred, QueryError> {
        let value_of = |v: RValue| {
            Ok(RPred::Compare {
                field,
                op,
                value: v,
            })
        };
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return Err(self.err(
                &(field_span.start..value.span.end),
                format!("'{}' does not apply to {}", op.as_str(), field.name()),
                Some(format!("{} takes = or !=", field.name())),
            ));
        }
        let word = value.text.to_lowercase();
        let bad = |names: Vec<&str>| {
            let help = closest(&word, names.iter().copied())
                .map(|n| {
                    format!(
                        "did you mean '{n}'? ({} is one of {})",
                        field.name(),
                        names.join(", ")
                    )
                })
                .unwrap_or_else(|| format!("{} is one of {}", field.name(), names.join(", ")));
            Err(self.err(
                &value.span,
                format!("unknown {} '{}'", field.name(), value.text),
                Some(help),
            ))
        };
        match field {
            Field::SpeakerKind => match word.parse::<ActorKind>() {
                Ok(k) => value_of(RValue::Kind(k)),
                Err(_) => bad(ActorKind::ALL.iter().map(|k| k.as_str()).collect()),
            },
            Field::Stance => match word.parse::<Stance>() {
                Ok(s) => value_of(RValue::Stance(s)),
                Err(_) => bad(Stance::ALL.iter().map(|s| s.as_str()).collect()),
            },
            _ => match word.parse::<ClaimKind>() {
                Ok(k) => value_of(RValue::ClaimKind(k)),
                Err(_) => bad(vec!["reported", "narrative"]),
            },
        }
    }

    /// A story id that the store holds, or an error naming how to list them.
    fn story(&self, name: &Name) -> Result<String, QueryError> {
        if self.store.story(&name.text)?.is_some() {
            return Ok(name.text.clone());
        }
        let help = if self.store.link_stamp()?.is_none() {
            "the articles are not linked yet: run `claimgraph relink`"
        } else {
            "`claimgraph stories` lists the story ids"
        };
        Err(self.err(
            &name.span,
            format!("no story '{}'", name.text),
            Some(help.into()),
        ))
    }

    /// The actors a reference stands for. An unknown name is an error with the nearest
    /// known names; an ambiguous one lists its candidates.
    fn actor_set(&self, r: &ActorRef) -> Result<Arc<HashSet<ActorId>>, QueryError> {
        let actors = self.store.resolve_actor(&r.name.text)?;
        if actors.is_empty() {
            let help = self.near_actor_names(&r.name.text)?;
            return Err(self.err(
                &r.name.span,
                format!("no actor is called '{}'", r.name.text),
                help,
            ));
        }
        let one_person = super::linked::one_person_of(self.store, &actors)?;
        let chosen = match one_person {
            Some(one) => one,
            None => pick_actors(&r.name.text, actors).map_err(|candidates| {
                self.err(
                    &r.name.span,
                    format!("'{}' is ambiguous", r.name.text),
                    Some(format!(
                        "it names {}; write the full name",
                        candidates.join(", ")
                    )),
                )
            })?,
        };
        let mut set: HashSet<ActorId> = chosen.iter().map(|a| a.id).collect();
        // Actors linking found to be one person answer for each other.
        super::linked::with_same_person(self.store, &mut set)?;
        if r.members {
            let mut members = HashSet::new();
            let mut frontier: Vec<ActorId> = set.iter().copied().collect();
            let mut seen: HashSet<ActorId> = set.clone();
            // Membership is transitive: the members of a ministry are members of the
            // government. `seen` stops cycles.
            while let Some(org) = frontier.pop() {
                let recorded = super::linked::recorded_members(self.store, org)?;
                for m in self.store.members_of(org)?.into_iter().chain(recorded) {
                    if seen.insert(m) {
                        members.insert(m);
                        frontier.push(m);
                    }
                }
            }
            set = members;
        }
        Ok(Arc::new(set))
    }

    fn near_actor_names(&self, name: &str) -> Result<Option<String>, StoreError> {
        let key = names::fold(name);
        let mut best: Vec<(usize, String)> = Vec::new();
        for actor in self.store.actors() {
            let actor = actor?;
            for n in std::iter::once(&actor.name).chain(actor.aliases.iter()) {
                let d = super::parser::edit_distance(&key, &names::fold(n));
                if d <= (key.chars().count() / 3).clamp(1, 3) {
                    best.push((d, actor.name.clone()));
                }
            }
        }
        best.sort();
        best.dedup_by(|a, b| a.1 == b.1);
        Ok(match best.first() {
            Some((_, n)) => Some(format!("did you mean '{n}'?")),
            None => Some("names match case-, accent- and underscore-insensitively; `claimgraph actors` lists them".into()),
        })
    }

    fn topic(&self, name: &Name) -> Result<TopicId, QueryError> {
        if let Some(t) = self.store.resolve_topic(&name.text)? {
            return Ok(t);
        }
        // `about` is what a claim concerns; who said or carried it is `by` and `via`. A
        // name that is an actor and no topic gets those queries, rather than claims merely
        // said by it passed off as claims about it.
        if let Some(actor) = self.store.resolve_actor(&name.text)?.first() {
            let quoted = super::listing::quote(&actor.name);
            return Err(self.err(
                &name.span,
                format!("'{}' is an actor, not a topic", name.text),
                Some(format!(
                    "what it said or carried: claims by {quoted} or via {quoted} or by members of {quoted}; claims whose text names it: claims where text ~ {}",
                    super::listing::quote(&name.text)
                )),
            ));
        }
        let key = names::fold(&name.text);
        let mut best: Option<(usize, String)> = None;
        for topic in self.store.topics() {
            let (_, n) = topic?;
            let d = super::parser::edit_distance(&key, &names::fold(&n));
            if d <= (key.chars().count() / 3).clamp(1, 3) && best.as_ref().is_none_or(|b| d < b.0) {
                best = Some((d, n));
            }
        }
        Err(self.err(
            &name.span,
            format!("no topic is called '{}'", name.text),
            best.map(|(_, n)| format!("did you mean '{n}'?")),
        ))
    }

    /// Picks the scan for a selection: each drivable top-level conjunct is estimated and
    /// the smallest wins.
    fn choose_driver(
        &mut self,
        filter: Option<&RExpr>,
        snapshot: Option<&Snapshot>,
    ) -> Result<Chosen, QueryError> {
        let conj: Vec<&RExpr> = filter.map(rconjuncts).unwrap_or_default();
        let mut candidates = self.candidates(&conj, snapshot)?;
        let considered: Vec<(String, u64)> = candidates
            .iter()
            .map(|(d, e, _)| (describe_driver(d), *e))
            .collect();
        let best = candidates
            .iter()
            .enumerate()
            .min_by_key(|(i, (_, e, _))| (*e, *i))
            .map(|(i, _)| i);
        let (driver, estimate, answered) = match best {
            Some(i) => candidates.swap_remove(i),
            None => (
                Driver::Articles {
                    ranges: vec![(0, u64::MAX)],
                    full: true,
                },
                self.total_claims,
                None,
            ),
        };
        let mut covered = covered_by_scan(&driver, answered, &conj);
        let semijoins = semijoins(&driver, estimate, &candidates, &mut covered);
        let rest: Vec<RExpr> = conj
            .iter()
            .zip(&covered)
            .filter(|(_, c)| !**c)
            .map(|(e, _)| (*e).clone())
            .collect();
        let residual = match rest.len() {
            0 => None,
            1 => rest.into_iter().next(),
            _ => Some(RExpr::And(rest)),
        };
        Ok(Chosen {
            driver,
            estimate,
            considered,
            residual,
            semijoins,
        })
    }

    /// Every scan that could drive the selection: (driver, estimate, index of the
    /// conjunct it answers exactly).
    fn candidates(
        &mut self,
        conj: &[&RExpr],
        snapshot: Option<&Snapshot>,
    ) -> Result<Vec<Candidate>, QueryError> {
        let mut candidates: Vec<Candidate> = Vec::new();
        // A lookup by id is a few point reads: it wins whenever it applies.
        for (i, c) in conj.iter().enumerate() {
            if let Some((d, e)) = self.lookup_driver(c)? {
                candidates.push((d, e, Some(i)));
            }
        }
        // Cheap term lookups first, so range counts can stop at the best so far.
        for (i, c) in conj.iter().enumerate() {
            if let Some((d, e)) = self.term_driver(c, conj)? {
                candidates.push((d, e, Some(i)));
            }
        }
        for (i, c) in conj.iter().enumerate() {
            let budget = candidates
                .iter()
                .map(|(_, e, _)| *e)
                .min()
                .unwrap_or(u64::MAX);
            if let RExpr::Pred(RPred::Time { axis, op, range }, label) = c {
                if let Some((d, e)) = self.range_driver(*axis, *op, *range, label, conj, budget)? {
                    candidates.push((d, e, Some(i)));
                }
            }
        }
        for (i, c) in conj.iter().enumerate() {
            if let Some((d, e)) = self.links_driver(c)? {
                candidates.push((d, e, Some(i)));
            }
        }
        if let Some(snap) = snapshot {
            let chunks = self.store.chunks()?;
            let estimate = chunks
                .iter()
                .filter(|c| snap.admits(c.first_article) && c.articles > 0)
                .map(|c| c.claims)
                .sum();
            candidates.push((
                Driver::Articles {
                    ranges: snap.ranges.clone(),
                    full: false,
                },
                estimate,
                None,
            ));
        }
        Ok(candidates)
    }

    /// Point reads for `id = C` or `article = A` (or an `or` of them): the claims with
    /// those ids, found through the claim and article id keys.
    fn lookup_driver(&self, c: &RExpr) -> Result<Option<(Driver, u64)>, QueryError> {
        let mut claims = BTreeSet::new();
        let mut fields = BTreeSet::new();
        if !self.lookup_claims(c, &mut claims, &mut fields)? {
            return Ok(None);
        }
        let index = match (fields.contains("claim_id"), fields.contains("article_id")) {
            (true, true) => "claim_id, article_id",
            (false, true) => "article_id",
            _ => "claim_id",
        };
        let label = match c {
            RExpr::Pred(_, label) => label.clone(),
            other => describe_expr(other),
        };
        let claims: Vec<ClaimId> = claims.into_iter().collect();
        let estimate = claims.len() as u64;
        Ok(Some((
            Driver::Lookup {
                index,
                label,
                claims,
            },
            estimate,
        )))
    }

    /// Adds the claims an id predicate (or an `or` of them) names to `out`; false when the
    /// expression is anything else.
    fn lookup_claims(
        &self,
        e: &RExpr,
        out: &mut BTreeSet<ClaimId>,
        fields: &mut BTreeSet<&'static str>,
    ) -> Result<bool, QueryError> {
        match e {
            RExpr::Or(parts) => {
                for p in parts {
                    if !self.lookup_claims(p, out, fields)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            RExpr::Pred(
                RPred::Compare {
                    field: Field::Id,
                    op: CmpOp::Eq,
                    value: RValue::Exact(id),
                },
                _,
            ) => {
                fields.insert("claim_id");
                out.extend(self.store.claim_by_id(id)?);
                Ok(true)
            }
            RExpr::Pred(
                RPred::Compare {
                    field: Field::Article,
                    op: CmpOp::Eq,
                    value: RValue::Exact(id),
                },
                _,
            ) => {
                fields.insert("article_id");
                if let Some(seq) = self.store.article_seq(id)? {
                    let count = self
                        .store
                        .article_doc(seq)?
                        .map_or(0, |doc| doc.claims.len());
                    out.extend((0..count).map(|i| ClaimId::new(seq, i as u16)));
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// A links-to-speaker scan for a relation conjunct (`denying (claims ...)`): the links
    /// under the subquery's speakers when it names them, else as many as its claims.
    fn links_driver(&self, c: &RExpr) -> Result<Option<(Driver, u64)>, QueryError> {
        let RExpr::Pred(
            RPred::Related {
                relation,
                sub,
                slot,
            },
            label,
        ) = c
        else {
            return Ok(None);
        };
        let speakers = sub.filter.as_ref().and_then(|f| {
            rconjuncts(f).into_iter().find_map(|c| match c {
                RExpr::Pred(RPred::Speaker(set), _) => {
                    Some(set.iter().copied().collect::<BTreeSet<_>>())
                }
                _ => None,
            })
        });
        let estimate = match &speakers {
            Some(s) => {
                let mut n = 0;
                for &a in s {
                    n += self.store.links_size(a)?.postings;
                }
                n
            }
            None => sub.estimate,
        };
        Ok(Some((
            Driver::Links {
                relation: *relation,
                sub: sub.clone(),
                speakers: speakers.map(|s| s.into_iter().collect()),
                label: label.clone(),
                slot: *slot,
            },
            estimate,
        )))
    }

    /// A posting scan for a speaker/topic/via/publisher conjunct, or an `or` of them.
    fn term_driver(&self, c: &RExpr, conj: &[&RExpr]) -> Result<Option<(Driver, u64)>, QueryError> {
        let Some((sources, index, said_order, label)) = self.term_sources(c)? else {
            return Ok(None);
        };
        let mut estimate = 0;
        let mut runs = 0;
        for s in &sources {
            if let Source::Term(term) = s {
                let size = self.store.term_size(*term)?;
                estimate += size.postings;
                runs += size.runs;
            }
        }
        if sources.is_empty() {
            return Ok(Some((
                Driver::Empty {
                    reason: format!("{label} names no actor"),
                },
                0,
            )));
        }
        let axis = if said_order {
            Some(Axis::Said)
        } else if index == "by_publisher" {
            Some(Axis::Published)
        } else {
            None
        };
        let (tests, tests_from) = axis.map(|a| posting_tests(a, conj)).unwrap_or_default();
        Ok(Some((
            Driver::Postings {
                label,
                index,
                sources,
                tests,
                tests_from,
                said_order,
                runs,
            },
            estimate,
        )))
    }

    #[allow(clippy::type_complexity)]
    fn term_sources(
        &self,
        c: &RExpr,
    ) -> Result<Option<(Vec<Source>, &'static str, bool, String)>, QueryError> {
        let one = |term: fn(ActorId) -> Term,
                   set: &HashSet<ActorId>,
                   index: &'static str,
                   label: &str| {
            let mut ids: Vec<_> = set.iter().copied().collect();
            ids.sort_unstable();
            Some((
                ids.into_iter()
                    .map(|id| Source::Term(term(id)))
                    .collect::<Vec<_>>(),
                index,
                term(0).axis() == Axis::Said,
                label.to_string(),
            ))
        };
        let topic = |t: TopicId, l: &str| {
            Some((
                vec![Source::Term(Term::Topic(t))],
                "by_topic",
                true,
                l.to_string(),
            ))
        };
        Ok(match c {
            RExpr::Pred(RPred::Speaker(set), l) => one(Term::Speaker, set, "by_speaker", l),
            RExpr::Pred(RPred::Via(set), l) => one(Term::Via, set, "by_via", l),
            RExpr::Pred(RPred::Publisher(set), l) => one(Term::Publisher, set, "by_publisher", l),
            RExpr::Pred(RPred::About(t), l) => topic(*t, l),
            RExpr::Pred(
                RPred::Compare {
                    field,
                    op: CmpOp::Eq,
                    value: RValue::Ids(set),
                },
                l,
            ) => match field {
                Field::Speaker => one(Term::Speaker, set, "by_speaker", l),
                Field::Via => one(Term::Via, set, "by_via", l),
                Field::Publisher => one(Term::Publisher, set, "by_publisher", l),
                _ => None,
            },
            RExpr::Pred(
                RPred::Compare {
                    field: Field::About,
                    op: CmpOp::Eq,
                    value: RValue::Topic(t),
                },
                l,
            ) => topic(*t, l),
            RExpr::Or(parts) => {
                let mut all = Vec::new();
                let mut said_order = true;
                let mut labels = Vec::new();
                let mut indexes = BTreeSet::new();
                for p in parts {
                    let Some((s, index, ordered, label)) = self.term_sources(p)? else {
                        return Ok(None);
                    };
                    all.extend(s);
                    said_order &= ordered;
                    labels.push(label);
                    indexes.insert(index);
                }
                let index = if indexes.len() == 1 {
                    indexes.into_iter().next().unwrap_or("union")
                } else {
                    "union"
                };
                Some((all, index, said_order, labels.join(" or ")))
            }
            _ => None,
        })
    }

    fn range_driver(
        &self,
        axis: Axis,
        op: TimeOp,
        range: Interval,
        label: &str,
        conj: &[&RExpr],
        budget: u64,
    ) -> Result<Option<(Driver, u64)>, QueryError> {
        // Only the said and event axes drive scans; published times are checked on the
        // stored articles or on a publisher's entries.
        if !matches!(axis, Axis::Said | Axis::Event) {
            return Ok(None);
        }
        // The claim interval [a, b) that can pass: bounds on where its start lies.
        let (lo, hi) = match op {
            TimeOp::Overlaps => (range.start, range.end),
            TimeOp::Within => (range.start, range.end),
            TimeOp::Before => (i64::MIN, range.start),
            TimeOp::After => (range.end, i64::MAX),
            TimeOp::NotAfter => (i64::MIN, range.end),
            TimeOp::NotBefore => (range.start, i64::MAX),
        };
        let Some(slices) = TimeSlice::covering(axis, Interval { start: lo, end: hi }) else {
            return Ok(None);
        };
        let mut estimate = 0;
        let mut runs = 0;
        for slice in &slices {
            let size = self
                .store
                .slice_size(slice, budget.saturating_sub(estimate))?;
            estimate += size.postings;
            runs += size.runs;
        }
        let sources: Vec<Source> = slices.into_iter().map(Source::Slice).collect();
        let (tests, tests_from) = posting_tests(axis, conj);
        Ok(Some((
            Driver::Postings {
                label: label.to_string(),
                index: if axis == Axis::Said {
                    "by_said"
                } else {
                    "by_event"
                },
                sources,
                tests,
                tests_from,
                said_order: axis == Axis::Said,
                runs,
            },
            estimate,
        )))
    }

    /// Checks the pipeline: columns exist where they are used.
    fn check_stages(&self, head: Head, stages: &[Stage]) -> Result<Vec<Stage>, QueryError> {
        // None while the stream is claims; Some(columns) once a stage made rows.
        let mut columns: Option<Vec<String>> =
            super::linked::head_columns(head).map(|c| c.iter().map(|s| s.to_string()).collect());
        let claim_field = |c: &Column| -> Result<(), QueryError> {
            if Field::parse(&c.name).is_some() {
                return Ok(());
            }
            let help = closest(&c.name, super::ast::FIELDS.iter().map(|(n, _)| *n))
                .map(|f| format!("did you mean '{f}'?"))
                .or_else(|| {
                    Some(format!(
                        "fields are: {}",
                        super::ast::FIELDS
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                });
            Err(self.err(&c.span, format!("unknown field '{}'", c.name), help))
        };
        // A stage's columns name claim fields while the stream is claims, else row columns.
        let check_columns =
            |columns: &Option<Vec<String>>, cols: &[Column]| -> Result<(), QueryError> {
                for c in cols {
                    match columns {
                        None => claim_field(c)?,
                        Some(existing) => row_column(self, existing, c)?,
                    }
                }
                Ok(())
            };
        for stage in stages {
            match stage {
                Stage::Sort(keys) => {
                    for (c, _) in keys {
                        match &columns {
                            None => claim_field(c)?,
                            Some(cols) => row_column(self, cols, c)?,
                        }
                    }
                }
                Stage::Limit(..) | Stage::Top(..) => {}
                Stage::Count(_) => {
                    columns = Some(vec![if columns.is_none() {
                        "claims".into()
                    } else {
                        "rows".into()
                    }]);
                }
                Stage::Group(cols) => {
                    check_columns(&columns, cols)?;
                    let mut out: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
                    out.push(if columns.is_none() {
                        "claims".into()
                    } else {
                        "rows".into()
                    });
                    columns = Some(out);
                }
                Stage::Select(cols) => {
                    check_columns(&columns, cols)?;
                    columns = Some(cols.iter().map(|c| c.name.clone()).collect());
                }
                Stage::Links(span) => {
                    if columns.is_some() {
                        return Err(self.err(
                            span,
                            "'links' needs claims, but an earlier stage made rows",
                            Some("put '| links' before group, count or select".into()),
                        ));
                    }
                    columns = Some(
                        super::exec::LINK_COLUMNS
                            .iter()
                            .map(|s| s.to_string())
                            .collect(),
                    );
                }
            }
        }
        Ok(stages.to_vec())
    }
}

fn row_column(p: &Planner, columns: &[String], c: &Column) -> Result<(), QueryError> {
    if columns.contains(&c.name) {
        return Ok(());
    }
    let help = closest(&c.name, columns.iter().map(String::as_str))
        .map(|f| {
            format!(
                "did you mean '{f}'? the rows have columns {}",
                columns.join(", ")
            )
        })
        .or_else(|| Some(format!("the rows have columns {}", columns.join(", "))));
    Err(p.err(&c.span, format!("unknown column '{}'", c.name), help))
}

/// A scan the planner weighs: the driver, its estimate, and the index of the conjunct it
/// answers exactly.
type Candidate = (Driver, u64, Option<usize>);

/// Conjuncts the scan already guarantees need no article read: the one the driver
/// answers, time tests applied to its postings, and `as of` (the snapshot).
fn covered_by_scan(driver: &Driver, answered: Option<usize>, conj: &[&RExpr]) -> Vec<bool> {
    let mut covered = vec![false; conj.len()];
    if let Some(i) = answered {
        covered[i] = true;
    }
    if let Driver::Postings { tests_from, .. } = driver {
        for &i in tests_from {
            covered[i] = true;
        }
    }
    for (i, c) in conj.iter().enumerate() {
        if matches!(c, RExpr::Pred(RPred::True, _)) {
            covered[i] = true;
        }
    }
    covered
}

/// Other indexed terms that are not much larger than the scan are checked against their
/// entries (a semi-join) rather than by reading each article; marks them covered.
fn semijoins(
    driver: &Driver,
    estimate: u64,
    candidates: &[Candidate],
    covered: &mut [bool],
) -> Vec<SemiJoin> {
    let mut semijoins = Vec::new();
    if !matches!(
        driver,
        Driver::Postings {
            said_order: true,
            ..
        }
    ) {
        return semijoins;
    }
    for (d, e, i) in candidates {
        let (
            Some(i),
            Driver::Postings {
                sources,
                label,
                said_order: true,
                ..
            },
        ) = (i, d)
        else {
            continue;
        };
        let is_term = sources.iter().all(|s| matches!(s, Source::Term(_)));
        if is_term && !covered[*i] && *e <= estimate.saturating_mul(SEMIJOIN_RATIO) {
            covered[*i] = true;
            semijoins.push(SemiJoin {
                label: label.clone(),
                sources: sources.clone(),
                estimate: *e,
            });
        }
    }
    semijoins
}

/// Chooses among actors an alias resolved to: an exact canonical name wins; actors that
/// share one canonical name (unnamed voices, "a Western diplomat") are one group; else
/// the name is ambiguous and the candidates are returned.
fn pick_actors(name: &str, actors: Vec<Actor>) -> Result<Vec<Actor>, Vec<String>> {
    let key = names::fold(name);
    let exact: Vec<Actor> = actors
        .iter()
        .filter(|a| names::fold(&a.name) == key)
        .cloned()
        .collect();
    if !exact.is_empty() {
        return Ok(exact);
    }
    let canonical: BTreeSet<String> = actors.iter().map(|a| names::fold(&a.name)).collect();
    if canonical.len() <= 1 {
        return Ok(actors);
    }
    let mut listed: Vec<String> = actors
        .iter()
        .map(|a| format!("'{}' ({})", a.name, a.kind))
        .collect();
    listed.sort();
    listed.dedup();
    Err(listed)
}

/// Rejects `as of` anywhere but the top level of the outer query.
fn check_as_of_placement(expr: &Expr, top: bool, p: &Planner) -> Result<(), QueryError> {
    match expr {
        Expr::And(parts) => parts
            .iter()
            .try_for_each(|e| check_as_of_placement(e, top, p)),
        Expr::Or(parts) => parts
            .iter()
            .try_for_each(|e| check_as_of_placement(e, false, p)),
        Expr::Not(inner) => check_as_of_placement(inner, false, p),
        Expr::Pred(Pred::AsOf { span, .. }, _) if !top => Err(p.err(
            span,
            "'as of' applies to the whole query",
            Some("put it at the top level, e.g. claims about Aleppo as of 2026-11-25".into()),
        )),
        Expr::Pred(Pred::Related { sub, .. }, _) => match &sub.filter {
            Some(f) => check_as_of_placement(f, false, p),
            None => Ok(()),
        },
        Expr::Pred(..) => Ok(()),
    }
}

fn conjuncts(expr: &Expr) -> Vec<&Expr> {
    match expr {
        Expr::And(parts) => parts.iter().flat_map(conjuncts).collect(),
        other => vec![other],
    }
}

pub(crate) fn rconjuncts(expr: &RExpr) -> Vec<&RExpr> {
    match expr {
        RExpr::And(parts) => parts.iter().flat_map(rconjuncts).collect(),
        other => vec![other],
    }
}

/// The time tests of top-level conjuncts on `axis`, to apply to postings ordered by it.
fn posting_tests(axis: Axis, conj: &[&RExpr]) -> (Vec<PostingTest>, Vec<usize>) {
    conj.iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            RExpr::Pred(RPred::Time { axis: a, op, range }, _) if *a == axis => Some((
                PostingTest {
                    op: *op,
                    range: *range,
                },
                i,
            )),
            _ => None,
        })
        .unzip()
}

fn describe_driver(d: &Driver) -> String {
    match d {
        Driver::Postings { index, label, .. } => format!("{index} [{label}]"),
        Driver::Links { label, .. } => format!("links_to_speaker [{label}]"),
        Driver::Articles { full: true, .. } => "full scan".into(),
        Driver::Articles { full: false, .. } => "articles of the snapshot".into(),
        Driver::Lookup { index, label, .. } => format!("{index} [{label}]"),
        Driver::Empty { reason } => format!("nothing ({reason})"),
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "query: {}", self.text.trim())?;
        if let Some(s) = &self.snapshot {
            writeln!(
                f,
                "as of {}: {} of {} ingest chunks, articles {}",
                s.label,
                s.chunks.0,
                s.chunks.1,
                if s.ranges.is_empty() {
                    "none".to_string()
                } else {
                    s.ranges
                        .iter()
                        .map(|(a, b)| format!("{a}..{b}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                        .chars()
                        .take(200)
                        .collect::<String>()
                }
            )?;
        }
        match self.head {
            Head::Claims => {}
            Head::Stories => writeln!(f, "lists: the stories of the selected claims")?,
            Head::Statements => writeln!(f, "lists: the statements of the selected claims")?,
        }
        write_select(f, &self.select, 0)?;
        let stages: Vec<String> = self.stages.iter().map(describe_stage).collect();
        if !stages.is_empty() {
            writeln!(f, "stages: {}", stages.join(" | "))?;
        }
        match self.cap {
            Some(cap) => writeln!(f, "row cap: {cap} (default; add `| limit N` to change it)")?,
            None => writeln!(f, "row cap: as the query's limit")?,
        }
        writeln!(f, "estimated rows: {}", self.select.estimate)
    }
}

fn write_select(f: &mut fmt::Formatter<'_>, s: &SelectPlan, depth: usize) -> fmt::Result {
    let pad = "  ".repeat(depth);
    match &s.driver {
        Driver::Postings {
            index,
            label,
            sources,
            tests,
            said_order,
            runs,
            ..
        } => {
            writeln!(
                f,
                "{pad}scan: index {index} [{label}]: {} source(s), {runs} posting runs, ~{} postings{}",
                sources.len(),
                s.estimate,
                if *said_order { ", in said order" } else { "" }
            )?;
            for t in tests {
                writeln!(
                    f,
                    "{pad}  posting test: {} {}",
                    t.op.as_str(),
                    interval_text(t.range)
                )?;
            }
        }
        Driver::Links {
            relation,
            sub,
            speakers,
            label,
            ..
        } => {
            writeln!(
                f,
                "{pad}scan: index links_to_speaker [{label}]: links of kind {} to the claims of the subquery{}, ~{} links",
                relation.as_str(),
                match speakers {
                    Some(s) => format!(" ({} speaker(s))", s.len()),
                    None => " (speakers read from its claims)".into(),
                },
                s.estimate
            )?;
            writeln!(f, "{pad}  subquery:")?;
            write_select(f, sub, depth + 2)?;
        }
        Driver::Articles { full: true, .. } => {
            writeln!(
                f,
                "{pad}scan: FULL SCAN of every article (no index applies), ~{} claims",
                s.estimate
            )?;
        }
        Driver::Articles { ranges, .. } => {
            writeln!(
                f,
                "{pad}scan: articles of the snapshot ({} range(s)), ~{} claims",
                ranges.len(),
                s.estimate
            )?;
        }
        Driver::Lookup { index, label, .. } => {
            writeln!(
                f,
                "{pad}scan: index {index} [{label}]: point reads, {} claim(s)",
                s.estimate
            )?;
        }
        Driver::Empty { reason } => writeln!(f, "{pad}scan: none, {reason}")?,
    }
    for j in &s.semijoins {
        writeln!(
            f,
            "{pad}semi-join: index [{}]: ~{} postings, intersected by claim id",
            j.label, j.estimate
        )?;
    }
    if let Some(filter) = &s.filter {
        match &s.residual {
            Some(r) => writeln!(f, "{pad}filter on stored claims: {}", describe_expr(r))?,
            None => writeln!(
                f,
                "{pad}filter on stored claims: none (the scan answers {})",
                describe_expr(filter)
            )?,
        }
        let mut subs = Vec::new();
        collect_related(filter, &mut subs);
        for (label, sub) in subs {
            if matches!(&s.driver, Driver::Links { label: l, .. } if *l == label) {
                continue;
            }
            writeln!(f, "{pad}  subquery of [{label}]:")?;
            write_select(f, sub, depth + 2)?;
        }
    }
    if s.considered.len() > 1 {
        let list: Vec<String> = s
            .considered
            .iter()
            .map(|(d, e)| format!("{d} ~{e}"))
            .collect();
        writeln!(f, "{pad}considered: {}", list.join("; "))?;
    }
    Ok(())
}

fn collect_related<'p>(e: &'p RExpr, out: &mut Vec<(String, &'p SelectPlan)>) {
    match e {
        RExpr::And(p) | RExpr::Or(p) => p.iter().for_each(|x| collect_related(x, out)),
        RExpr::Not(inner) => collect_related(inner, out),
        RExpr::Pred(RPred::Related { sub, .. }, label) => out.push((label.clone(), sub)),
        RExpr::Pred(..) => {}
    }
}

fn describe_expr(e: &RExpr) -> String {
    match e {
        RExpr::And(p) => p
            .iter()
            .map(describe_expr)
            .collect::<Vec<_>>()
            .join(" and "),
        RExpr::Or(p) => format!(
            "({})",
            p.iter().map(describe_expr).collect::<Vec<_>>().join(" or ")
        ),
        RExpr::Not(inner) => format!("not {}", describe_expr(inner)),
        RExpr::Pred(_, label) => label.clone(),
    }
}

fn interval_text(iv: Interval) -> String {
    let side = |t: i64| {
        if t == i64::MIN || t == i64::MAX {
            String::new()
        } else {
            claimgraph_model::time::utc_point(t)
                .map(|p| p.to_string())
                .unwrap_or_default()
        }
    };
    format!("[{}, {})", side(iv.start), side(iv.end))
}

fn describe_stage(s: &Stage) -> String {
    match s {
        Stage::Sort(keys) => format!(
            "sort {}",
            keys.iter()
                .map(|(c, d)| format!(
                    "{}{}",
                    c.name,
                    if *d == Direction::Desc { " desc" } else { "" }
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Stage::Limit(n, _) => format!("limit {n}"),
        Stage::Top(n, _) => format!("top {n}"),
        Stage::Count(_) => "count".into(),
        Stage::Group(c) => format!(
            "group {}",
            c.iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Stage::Select(c) => format!(
            "select {}",
            c.iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Stage::Links(_) => "links".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing;
    use crate::QueryStore;

    #[test]
    fn the_smallest_index_drives_and_the_rest_is_checked() {
        let (_dir, store) = testing::store();
        // Ryabkov has one claim, Aleppo four: the speaker index drives, and the topic,
        // within the semi-join ratio, is intersected by claim id rather than read.
        let plan = store
            .explain("claims (by Ryabkov or by Rebels) about Aleppo")
            .unwrap();
        assert_eq!(plan.index(), "by_speaker");
        assert_eq!(plan.estimated_rows(), 2);
        let text = plan.to_string();
        assert!(text.contains("semi-join: index [about Aleppo]"), "{text}");
        assert!(text.contains("considered: by_speaker"), "{text}");
        assert!(!plan.is_full_scan());
    }

    #[test]
    fn time_ranges_drive_through_the_said_and_event_indexes_only() {
        let (_dir, store) = testing::store();
        let said = store.explain("claims said 2016-12-11").unwrap();
        assert_eq!(said.index(), "by_said");
        assert!(said.to_string().contains("posting test: overlaps"));
        let event = store.explain("claims event 2015").unwrap();
        assert_eq!(event.index(), "by_event");
        // The long span 2010..2016 is in a bucket every event scan reads.
        assert!(event.estimated_rows() >= 1);
        let published = store.explain("claims published 2016-12").unwrap();
        assert!(published.is_full_scan());
        assert_eq!(published.estimated_rows(), 5);
    }

    /// External ids of a query's claims, in result order.
    fn claim_ids(store: &claimgraph_store::Store, query: &str) -> Vec<String> {
        use crate::QueryStore;
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
    fn claim_and_article_ids_are_point_reads_and_compare_exactly() {
        let (_dir, store) = testing::store();
        let plan = store.explain(r#"claims where id = "a1#2""#).unwrap();
        assert_eq!(plan.index(), "claim_id");
        assert_eq!(plan.estimated_rows(), 1);
        assert!(plan.to_string().contains("point reads"), "{plan}");
        assert_eq!(claim_ids(&store, r#"claims where id = "a1#2""#), ["a1#2"]);
        let article = store.explain("claims where article = a1").unwrap();
        assert_eq!(article.index(), "article_id");
        assert_eq!(
            claim_ids(&store, "claims where article = a1"),
            ["a1#1", "a1#0", "a1#2"]
        );
        let either = r#"claims where id = "a3#0" or id = "a2#0" or article = a1"#;
        assert_eq!(
            store.explain(either).unwrap().index(),
            "claim_id, article_id"
        );
        assert_eq!(claim_ids(&store, either).len(), 5);
        // Other conditions still apply, and so does the snapshot.
        assert!(claim_ids(&store, r#"claims where id = "a1#2" and by Russia"#).is_empty());
        assert!(claim_ids(&store, r#"claims where id = "a3#0" as of 2016-12-21"#).is_empty());
        // Ids are identifiers: no case folding, and an unknown id finds nothing, at once.
        let unknown = store.explain(r#"claims where id = "A1#2""#).unwrap();
        assert_eq!((unknown.index(), unknown.estimated_rows()), ("claim_id", 0));
        assert!(claim_ids(&store, r#"claims where id = "A1#2""#).is_empty());
        assert!(claim_ids(&store, r#"claims where id = "a1#9""#).is_empty());
        // `!=` and `~` are filters, not lookups.
        assert!(store
            .explain("claims where id != x")
            .unwrap()
            .is_full_scan());
        assert_eq!(claim_ids(&store, r#"claims where id ~ "A3#""#), ["a3#0"]);
    }

    #[test]
    fn members_resolve_transitively_and_unknown_names_get_a_hint() {
        let (_dir, store) = testing::store();
        let members = store.explain("claims by members of Russia").unwrap();
        assert_eq!(members.index(), "by_speaker");
        assert_eq!(members.estimated_rows(), 1);
        let err = store.explain("claims by Rusia").unwrap_err();
        assert!(err.is_user_error());
        assert_eq!(err.help_text(), Some("did you mean 'Russia'?"));
        let err = store.explain("claims about Alepo").unwrap_err();
        assert_eq!(err.help_text(), Some("did you mean 'Aleppo'?"));
    }

    #[test]
    fn about_an_actor_names_the_queries_that_find_its_claims() {
        let (_dir, store) = testing::store();
        let err = store.explain("claims about russia").unwrap_err();
        assert_eq!(err.to_string(), "'russia' is an actor, not a topic");
        assert_eq!(err.span(), Some(13..19));
        let help = err.help_text().unwrap_or_default();
        assert!(
            help.contains("claims by \"Russia\" or via \"Russia\" or by members of \"Russia\""),
            "{help}"
        );
        // Each suggested query runs.
        store
            .explain("claims by \"Russia\" or via \"Russia\" or by members of \"Russia\"")
            .unwrap();
        store.explain("claims where text ~ \"russia\"").unwrap();
        // In a `where` comparison too.
        let err = store.explain("claims where about = Russia").unwrap_err();
        assert!(err.to_string().contains("is an actor"), "{err}");
    }

    #[test]
    fn as_of_admits_the_chunks_ingested_by_then() {
        let (_dir, store) = testing::store();
        let plan = store.explain("claims as of 2016-12-21").unwrap();
        assert_eq!(plan.index(), "articles (as of)");
        let text = plan.to_string();
        assert!(
            text.contains("as of 2016-12-21: 1 of 2 ingest chunks, articles 0..2"),
            "{text}"
        );
        assert_eq!(plan.estimated_rows(), 4);
        let none = store.explain("claims as of 2016-01-01").unwrap();
        assert!(none
            .to_string()
            .contains("0 of 2 ingest chunks, articles none"));
    }

    #[test]
    fn denials_drive_through_the_links_of_the_subquery_speakers() {
        let (_dir, store) = testing::store();
        let plan = store.explain("claims denying (claims by Russia)").unwrap();
        assert_eq!(plan.index(), "links_to_speaker");
        assert_eq!(plan.estimated_rows(), 1);
    }
}

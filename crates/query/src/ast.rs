//! The syntax tree of a query, as parsed and before any name is resolved. Every node that
//! can be wrong about the store (a name, a field, a value) keeps its byte span so that
//! later errors can point at it.

use super::lexer::CmpOp;
use claimgraph_model::{TimePoint, TimeSpan};
use std::ops::Range;

pub(crate) type Span = Range<usize>;

/// `claims <filter> | <stage> | ...`
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Query {
    /// What the query lists: claims, or the stories or statements of the claims it selects.
    pub(crate) head: Head,
    pub(crate) filter: Option<Expr>,
    pub(crate) stages: Vec<Stage>,
    pub(crate) span: Span,
}

/// What a query lists (`claims`, `stories`, `statements`): the claims its filter selects,
/// or the stories or statements they belong to, one row each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Head {
    Claims,
    Stories,
    Statements,
}

impl Head {
    pub(crate) fn parse(word: &str) -> Option<Head> {
        match word {
            "claims" => Some(Head::Claims),
            "stories" => Some(Head::Stories),
            "statements" => Some(Head::Statements),
            _ => None,
        }
    }
}

/// A boolean combination of predicates. Juxtaposition is `and`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Pred(Pred, Span),
}

/// A name as written, with its span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Name {
    pub(crate) text: String,
    pub(crate) span: Span,
}

/// An actor reference: a name, or the members of an organization (`members of X`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ActorRef {
    pub(crate) name: Name,
    pub(crate) members: bool,
}

/// The time axes a claim can be filtered on (the model's one axis type).
pub(crate) use claimgraph_model::TimeAxis as Axis;

/// How a claim's time must relate to the query's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TimeOp {
    /// Shares at least one second with it (the default).
    Overlaps,
    /// Lies entirely inside it.
    Within,
    /// Ends at or before its start.
    Before,
    /// Starts at or after its end.
    After,
    /// Starts before its end (`<=`).
    NotAfter,
    /// Ends after its start (`>=`).
    NotBefore,
}

impl TimeOp {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TimeOp::Overlaps => "overlaps",
            TimeOp::Within => "within",
            TimeOp::Before => "before",
            TimeOp::After => "after",
            TimeOp::NotAfter => "<=",
            TimeOp::NotBefore => ">=",
        }
    }
}

/// How a claim relates to the claims of a subquery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Relation {
    Denying,
    Supporting,
    /// Any link: denies, supports or responds to.
    Answering,
}

impl Relation {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Relation::Denying => "denying",
            Relation::Supporting => "supporting",
            Relation::Answering => "answering",
        }
    }
}

/// A field of a claim row, usable in `where`, `sort`, `group` and `select`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Said,
    Event,
    Published,
    Ingested,
    /// A time truncated to a precision: `said.day`, `published.month`, ...
    TimePart(Axis, TimePart),
    Speaker,
    SpeakerKind,
    Cue,
    Stance,
    Kind,
    Text,
    Via,
    Publisher,
    About,
    Article,
    Title,
    Id,
    Quantity,
    Unit,
    /// Incoming links to the claim, counted (as of the query's snapshot).
    Denials,
    Supports,
    Responses,
    /// The claim's story and statement, and its statement's counts (`linked.rs`).
    Story,
    Statement,
    Occurrences,
    Outlets,
    IndependentSources,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TimePart {
    Year,
    Month,
    Day,
}

/// Field names and their meaning, in the order the reference lists them.
pub(crate) const FIELDS: &[(&str, Field)] = &[
    ("said", Field::Said),
    ("event", Field::Event),
    ("published", Field::Published),
    ("ingested", Field::Ingested),
    ("said.year", Field::TimePart(Axis::Said, TimePart::Year)),
    ("said.month", Field::TimePart(Axis::Said, TimePart::Month)),
    ("said.day", Field::TimePart(Axis::Said, TimePart::Day)),
    ("event.year", Field::TimePart(Axis::Event, TimePart::Year)),
    ("event.month", Field::TimePart(Axis::Event, TimePart::Month)),
    ("event.day", Field::TimePart(Axis::Event, TimePart::Day)),
    (
        "published.year",
        Field::TimePart(Axis::Published, TimePart::Year),
    ),
    (
        "published.month",
        Field::TimePart(Axis::Published, TimePart::Month),
    ),
    (
        "published.day",
        Field::TimePart(Axis::Published, TimePart::Day),
    ),
    ("speaker", Field::Speaker),
    ("speaker.kind", Field::SpeakerKind),
    ("cue", Field::Cue),
    ("stance", Field::Stance),
    ("kind", Field::Kind),
    ("text", Field::Text),
    ("via", Field::Via),
    ("publisher", Field::Publisher),
    ("about", Field::About),
    ("article", Field::Article),
    ("title", Field::Title),
    ("id", Field::Id),
    ("quantity", Field::Quantity),
    ("unit", Field::Unit),
    ("denials", Field::Denials),
    ("supports", Field::Supports),
    ("responses", Field::Responses),
    ("story", Field::Story),
    ("statement", Field::Statement),
    ("occurrences", Field::Occurrences),
    ("outlets", Field::Outlets),
    ("independent_sources", Field::IndependentSources),
];

impl Field {
    pub(crate) fn parse(word: &str) -> Option<Field> {
        let lower = word.to_lowercase();
        FIELDS.iter().find(|(n, _)| *n == lower).map(|(_, f)| *f)
    }

    pub(crate) fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|(_, f)| *f == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }

    pub(crate) fn time_axis(self) -> Option<Axis> {
        match self {
            Field::Said => Some(Axis::Said),
            Field::Event => Some(Axis::Event),
            Field::Published => Some(Axis::Published),
            Field::Ingested => Some(Axis::Ingested),
            _ => None,
        }
    }
}

/// A literal on the right of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Literal {
    pub(crate) text: String,
    /// True when it was quoted (never a number then).
    pub(crate) quoted: bool,
    pub(crate) span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Pred {
    /// `by X`: the speaker.
    Speaker(ActorRef),
    /// `via X`: a relay in the chain.
    Via(ActorRef),
    /// `direct`: no relay.
    Direct,
    /// `about T`: a topic.
    About(Name),
    /// `published by X`: the article's publisher.
    Publisher(ActorRef),
    /// `said 2016-12`, `event within 2016-07`, ...
    Time {
        axis: Axis,
        op: TimeOp,
        range: TimeSpan,
        span: Span,
    },
    /// `as of T`: only what the store held at T.
    AsOf { at: TimePoint, span: Span },
    /// `denying (claims ...)`.
    Related { relation: Relation, sub: Box<Query> },
    /// `denied`, `supported`, `answered`: at least one incoming link of that kind.
    Answered(Relation),
    /// `in story S`: the claim belongs to story S.
    InStory(Name),
    /// `contested`: the claim, or its statement, is denied by a claim of another article.
    Contested,
    /// `first reported`: the claim is its statement's first report.
    FirstReported,
    /// `where field op value`.
    Compare {
        field: Field,
        field_span: Span,
        op: CmpOp,
        value: Literal,
    },
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Asc,
    Desc,
}

/// A column reference in a stage: a claim field, or a column a previous stage made
/// (`claims` after `group`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub(crate) name: String,
    pub(crate) span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Stage {
    Sort(Vec<(Column, Direction)>),
    Limit(usize, Span),
    Top(usize, Span),
    Count(Span),
    Group(Vec<Column>),
    Select(Vec<Column>),
    Links(Span),
}

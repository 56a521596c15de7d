use super::*;
use arrow_array::{Array, ListArray, StringArray, TimestampMillisecondArray, UInt64Array};
use arrow_array::{StructArray, UInt32Array};
use claimgraph_model::story::{StatementRecord, StoryRecord};
use claimgraph_model::{
    ActorKind, ClaimId, ClaimKind, ClaimLink, LinkKind, Mentions, Quantity, SaidBasis, Stance,
    TimePoint,
};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::fs::File;

fn point(text: &str) -> Option<TimePoint> {
    TimePoint::parse(text).ok()
}

fn actor(id: u64, name: &str, kind: ActorKind, member_of: Vec<u64>) -> Actor {
    Actor {
        id,
        name: name.into(),
        kind,
        aliases: vec![format!("{name} alias")],
        role: None,
        member_of,
    }
}

fn article(seq: u64) -> Article {
    Article {
        seq,
        id: format!("art-{seq}"),
        title: Some("Aleppo".into()),
        publisher: Some(9),
        author: None,
        published: point("2016-12"),
        lang: Some("vi".into()),
        url: None,
        content_hash: [0; 32],
        ingested_at: 1_480_000_000,
        has_text: false,
    }
}

fn claim(seq: u64, index: u16) -> ClaimView {
    ClaimView {
        id: ClaimId::new(seq, index),
        external_id: format!("art-{seq}#{index}"),
        speaker: "Sergei Lavrov".into(),
        speaker_id: 1,
        speaker_kind: ActorKind::Person,
        speaker_text: Some("ông Lavrov".into()),
        cue: Some("nói".into()),
        stance: Stance::Deny,
        kind: ClaimKind::Reported,
        text: "the fighting has stopped".into(),
        said: point("2016-12-11"),
        when: None,
        via: vec!["RIA".into(), "Nobody known".into()],
        about: vec!["Aleppo".into(), "Syria".into()],
        quantities: vec![Quantity {
            value: 8.0,
            unit: Some("people".into()),
            text: None,
            approximate: false,
        }],
        links: vec![ClaimLink {
            kind: LinkKind::Denies,
            target: "art-1#0".into(),
            target_id: Some(ClaimId::new(1, 0)),
        }],
        provenance: None,
        said_basis: Some(SaidBasis::Explicit),
        mentions: Mentions {
            cue: Some([3, 6]),
            speaker: None,
            content: vec![[10, 20], [25, 30]],
        },
        article_id: format!("art-{seq}"),
        article_seq: seq,
        article_title: None,
        publisher: Some("VnExpress".into()),
        published: point("2016-12"),
        ingested_at: 1_480_000_000,
        story: Some("s1".into()),
        statement: Some(format!("st{index}")),
    }
}

/// The table's rows as one batch (its schema and no rows when it is empty).
fn read(dir: &Path, table: &str) -> arrow_array::RecordBatch {
    let file = File::open(dir.join(format!("{table}.parquet"))).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let schema = builder.schema().clone();
    let mut reader = builder.with_batch_size(1 << 20).build().unwrap();
    match reader.next() {
        Some(batch) => batch.unwrap(),
        None => arrow_array::RecordBatch::new_empty(schema),
    }
}

fn column<'a, A: 'static>(batch: &'a arrow_array::RecordBatch, name: &str) -> &'a A {
    batch
        .column_by_name(name)
        .unwrap()
        .as_any()
        .downcast_ref::<A>()
        .unwrap()
}

#[test]
fn nodes_and_edges_round_trip_with_typed_columns() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = GraphWriter::create(dir.path()).unwrap();
    w.write_actor(&actor(1, "Sergei Lavrov", ActorKind::Person, vec![2]))
        .unwrap();
    w.write_actor(&actor(2, "Russia", ActorKind::Country, vec![]))
        .unwrap();
    w.write_actor(&actor(3, "RIA", ActorKind::Media, vec![]))
        .unwrap();
    w.write_article(&article(2), Some("VnExpress"), Some("s1"))
        .unwrap();
    w.write_claim(&claim(2, 0)).unwrap();
    w.write_claim(&claim(2, 1)).unwrap();
    let stats = w.finish().unwrap();
    assert_eq!(stats.rows_of("claims"), 2);
    assert_eq!(stats.rows_of("topics"), 2, "topics are written once");
    assert_eq!(stats.rows_of("about"), 4);
    assert_eq!(stats.rows_of("outlets"), 1);

    let claims = read(dir.path(), "claims");
    let said = column::<TimestampMillisecondArray>(&claims, "said");
    let end = column::<TimestampMillisecondArray>(&claims, "said_end");
    assert_eq!(said.value(0), 1_481_414_400_000, "2016-12-11T00:00:00Z");
    assert_eq!(end.value(0) - said.value(0), 86_400_000, "a day's interval");
    let precision = column::<StringArray>(&claims, "said_precision");
    assert_eq!(precision.value(0), "day");
    let published = column::<StringArray>(&claims, "published_precision");
    assert_eq!(published.value(0), "month");
    let about = column::<ListArray>(&claims, "about");
    let first = about.value(0);
    let names = first.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!((names.value(0), names.value(1)), ("Aleppo", "Syria"));

    let via = read(dir.path(), "via");
    let actor_ids = column::<UInt64Array>(&via, "actor_id");
    assert_eq!(
        actor_ids.value(0),
        3,
        "a relay's name resolves to its actor"
    );
    assert!(actor_ids.is_null(1), "an unknown relay has no actor id");
    let denies = read(dir.path(), "denies");
    assert_eq!(column::<StringArray>(&denies, "target_id").value(0), "c1.0");
    let member = read(dir.path(), "member_of");
    assert_eq!(
        column::<UInt64Array>(&member, "organization_id").value(0),
        2
    );
}

/// The `(start, end)` of every span in a struct array.
fn spans(array: &StructArray) -> Vec<Option<(u32, u32)>> {
    let start = array
        .column(0)
        .as_any()
        .downcast_ref::<UInt32Array>()
        .unwrap();
    let end = array
        .column(1)
        .as_any()
        .downcast_ref::<UInt32Array>()
        .unwrap();
    (0..array.len())
        .map(|i| array.is_valid(i).then(|| (start.value(i), end.value(i))))
        .collect()
}

#[test]
fn stories_statements_and_spans_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = GraphWriter::create(dir.path()).unwrap();
    w.write_article(&article(2), Some("VnExpress"), Some("s1"))
        .unwrap();
    w.write_claim(&claim(2, 0)).unwrap();
    w.write_story(&StoryRecord {
        id: "s1".into(),
        title: Some("Aleppo".into()),
        articles: vec!["art-2".into(), "art-7".into()],
        outlets: vec!["VnExpress".into()],
        first: point("2016-12-11"),
        last: None,
        claims: 4,
    })
    .unwrap();
    w.write_statement(&StatementRecord {
        id: "st0".into(),
        story: "s1".into(),
        speaker: "Sergei Lavrov".into(),
        speakers: vec![1, 4],
        text: "the fighting has stopped".into(),
        occurrences: vec![ClaimId::new(2, 0), ClaimId::new(7, 3)],
        outlets: vec!["VnExpress".into()],
        origins: vec!["RIA".into(), "VnExpress".into()],
        first_outlet: "VnExpress".into(),
        first_published: point("2016-12"),
    })
    .unwrap();
    w.finish().unwrap();

    let claims = read(dir.path(), "claims");
    assert_eq!(column::<StringArray>(&claims, "story").value(0), "s1");
    assert_eq!(column::<StringArray>(&claims, "statement").value(0), "st0");
    assert_eq!(
        column::<StringArray>(&claims, "said_basis").value(0),
        "explicit"
    );
    assert_eq!(
        spans(column::<StructArray>(&claims, "cue_span")),
        [Some((3, 6))]
    );
    assert_eq!(
        spans(column::<StructArray>(&claims, "speaker_span")),
        [None]
    );
    let content = column::<ListArray>(&claims, "content_span").value(0);
    let content = content.as_any().downcast_ref::<StructArray>().unwrap();
    assert_eq!(spans(content), [Some((10, 20)), Some((25, 30))]);
    let articles = read(dir.path(), "articles");
    assert_eq!(column::<StringArray>(&articles, "story").value(0), "s1");

    let stories = read(dir.path(), "stories");
    assert_eq!(column::<UInt64Array>(&stories, "article_count").value(0), 2);
    assert_eq!(
        column::<StringArray>(&stories, "first_precision").value(0),
        "day"
    );
    assert!(column::<TimestampMillisecondArray>(&stories, "last").is_null(0));
    let statements = read(dir.path(), "statements");
    let occurrences = column::<ListArray>(&statements, "occurrences").value(0);
    let occurrences = occurrences.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!(
        (occurrences.value(0), occurrences.value(1)),
        ("c2.0", "c7.3")
    );
    let speakers = column::<ListArray>(&statements, "speaker_ids").value(0);
    let speakers = speakers.as_any().downcast_ref::<UInt64Array>().unwrap();
    assert_eq!(speakers.values().to_vec(), [1, 4]);
    assert_eq!(
        column::<UInt64Array>(&statements, "independent_sources").value(0),
        2
    );
}

#[test]
fn a_claim_before_its_article_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = GraphWriter::create(dir.path()).unwrap();
    assert!(matches!(
        w.write_claim(&claim(5, 0)),
        Err(ParquetError::Order { seq: 5, .. })
    ));
}

#[test]
fn every_table_is_written_even_when_empty() {
    let dir = tempfile::tempdir().unwrap();
    GraphWriter::create(dir.path()).unwrap().finish().unwrap();
    for (name, columns) in table_columns() {
        let batch = read(dir.path(), name);
        assert_eq!(batch.num_rows(), 0);
        assert_eq!(batch.schema().fields().len(), columns.len(), "{name}");
    }
}

#[test]
fn many_rows_span_several_row_groups() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = GraphWriter::create(dir.path()).unwrap();
    w.write_article(&article(2), Some("VnExpress"), Some("s1"))
        .unwrap();
    let n = ROWS_PER_BATCH + 10;
    for i in 0..n {
        w.write_claim(&claim(2, (i % 60_000) as u16)).unwrap();
    }
    assert_eq!(w.finish().unwrap().rows_of("claims"), n as u64);
    let file = File::open(dir.path().join("claims.parquet")).unwrap();
    let meta = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    assert_eq!(meta.metadata().num_row_groups(), 2);
    assert_eq!(read(dir.path(), "claims").num_rows(), n);
}

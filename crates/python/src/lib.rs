//! The `claimgraph._native` Python extension (PyO3), wrapped by the `claimgraph` package
//! (`python/claimgraph/`): extraction of one text or of a batch on every core with the
//! GIL released, and a store to ingest records into and query.
//!
//! Records cross the boundary as the JSON the CLI prints (`serde_json` of the same
//! [`ArticleRecord`]s and the same [`claimgraph_export::write_result`] rendering), parsed by
//! Python's `json` module, so a dict here is exactly what `claimgraph extract` or
//! `claimgraph query --format json` prints. Errors carry the CLI's messages.
//!
//! Built by maturin (`pip install .`), never by `cargo build` at the root: the crate is a
//! workspace member outside `default-members`.

use claimgraph_extract::{extract_bytes, feed, ExtractOptions};
use claimgraph_model::record::ArticleRecord;
use claimgraph_query::linking::{self, AfterIngest};
use claimgraph_query::{QueryError, QueryStore};
use claimgraph_store::{IngestError, IngestOptions, Store as StoreInner};
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyList;

mod batch;

pyo3::create_exception!(
    _native,
    ClaimgraphError,
    PyException,
    "An error claimgraph reports; the message is the command line's."
);

/// `json.loads(text)`.
fn from_json<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// `json.dumps(value)`, for records handed in as dicts.
fn to_json(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.extract::<String>() {
        return Ok(text);
    }
    let json = value.py().import("json")?;
    json.call_method1("dumps", (value,))?.extract()
}

/// Extraction options as `claimgraph extract` builds them from its flags (`lang` defaults
/// to `auto`).
fn options(
    lang: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
    id: Option<String>,
) -> ExtractOptions {
    ExtractOptions {
        lang: Some(lang.unwrap_or_else(|| "auto".into())),
        published,
        publisher,
        id,
        ..ExtractOptions::default()
    }
}

/// Extracts the claims of one article's text: the article record, exactly the JSON of
/// `claimgraph extract --format json`.
#[pyfunction]
#[pyo3(signature = (text, lang=None, published=None, publisher=None, id=None))]
fn extract(
    py: Python<'_>,
    text: &str,
    lang: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
    id: Option<String>,
) -> PyResult<Py<PyAny>> {
    let opts = options(lang, published, publisher, id);
    let bytes = text.as_bytes();
    let json = py
        .detach(|| {
            extract_bytes(bytes, &opts)
                .map_err(|e| e.to_string())
                .and_then(|r| record_to_json(&r))
        })
        .map_err(ClaimgraphError::new_err)?;
    Ok(from_json(py, &json)?.unbind())
}

/// A claimgraph store (a directory), opened for the object's lifetime; created when
/// missing.
#[pyclass(frozen, module = "claimgraph._native")]
struct Store {
    inner: StoreInner,
}

fn store_error(e: impl std::fmt::Display) -> PyErr {
    ClaimgraphError::new_err(e.to_string())
}

#[pymethods]
impl Store {
    #[new]
    fn new(path: std::path::PathBuf) -> PyResult<Store> {
        let inner = StoreInner::open(&path).map_err(store_error)?;
        Ok(Store { inner })
    }

    /// Stores article records (dicts as `extract` returns them, or their JSON): a record
    /// with text and no `claims` key is extracted first, as `claimgraph ingest` does, and
    /// every record is enriched by the gazetteers. A record that does not parse or extract
    /// stops the call before anything is stored; one the store refuses is reported after
    /// the others are stored. Then, with `link` (the default, as `claimgraph ingest`
    /// without `--no-link`), the store's articles are linked across each other: stories,
    /// statements and cross-article links. Returns the ingest summary, with `linked`: what
    /// the linking found, or None when nothing was linked.
    #[pyo3(signature = (records, ingested_at=None, link=true))]
    fn ingest(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        ingested_at: Option<i64>,
        link: bool,
    ) -> PyResult<Py<PyAny>> {
        let mut lines = Vec::new();
        for item in records.try_iter()? {
            lines.push(to_json(&item?)?);
        }
        let (stored, after) = py
            .detach(|| {
                let stored = ingest_lines(&self.inner, &lines, ingested_at)?;
                // As the CLI, link even when some records were refused: the others are stored.
                let after = match link {
                    true => Some(
                        linking::link_after_ingest(&self.inner, &name_knowledge()?)
                            .map_err(|e| e.to_string())?,
                    ),
                    false => None,
                };
                Ok::<_, String>((stored, after))
            })
            .map_err(ClaimgraphError::new_err)?;
        if !stored.refused.is_empty() {
            return Err(ClaimgraphError::new_err(refusal(&stored.refused)));
        }
        let mut summary = stored.summary;
        summary["linked"] = match after {
            Some(AfterIngest::Linked(l)) => serde_json::json!({
                "articles": l.articles, "stories": l.stories,
                "statements": l.statements, "links": l.links,
            }),
            Some(too_large @ AfterIngest::TooLarge { .. }) => {
                warn(py, &too_large.to_string())?;
                serde_json::Value::Null
            }
            Some(AfterIngest::UpToDate) | None => serde_json::Value::Null,
        };
        Ok(from_json(py, &summary.to_string())?.unbind())
    }

    /// Every story (articles that report one event), first published first: the JSON of
    /// `claimgraph stories --format json`. Links the articles first when some arrived since
    /// the last linking, as the command does.
    fn stories(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let json = py.detach(|| {
            let names = name_knowledge().map_err(ClaimgraphError::new_err)?;
            linking::link_if_stale(&self.inner, &names).map_err(store_error)?;
            let rows: Vec<serde_json::Value> = linking::sorted_stories(&self.inner)
                .map_err(store_error)?
                .iter()
                .map(linking::story_json)
                .collect();
            Ok::<_, PyErr>(serde_json::Value::Array(rows).to_string())
        })?;
        Ok(from_json(py, &json)?.unbind())
    }

    /// Runs a query: the rows `claimgraph query --format json` prints.
    fn query(&self, py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
        let (json, truncated) = py
            .detach(|| {
                let result = self.inner.query(text).map_err(query_message)?;
                let mut out = Vec::new();
                claimgraph_export::write_result(&result, &mut out, claimgraph_export::Format::Json)
                    .map_err(|e| e.to_string())?;
                Ok::<_, String>((out, result.truncated))
            })
            .map_err(ClaimgraphError::new_err)?;
        if truncated {
            warn(
                py,
                &format!(
                    "showing the first {} rows; add `| limit N` for more",
                    claimgraph_query::DEFAULT_LIMIT
                ),
            )?;
        }
        let text = String::from_utf8_lossy(&json);
        let rows = from_json(py, &text)?;
        Ok(rows.cast_into::<PyList>()?.into_any().unbind())
    }
}

/// `warnings.warn(message)`.
fn warn(py: Python<'_>, message: &str) -> PyResult<()> {
    py.import("warnings")?.call_method1("warn", (message,))?;
    Ok(())
}

/// The query error as `claimgraph query` prints it.
fn query_message(e: QueryError) -> String {
    match e {
        QueryError::Store(s) => s.to_string(),
        other => format!("invalid query\n{}", other.render()),
    }
}

/// What an ingest stored, and the records the store refused.
struct Stored {
    summary: serde_json::Value,
    refused: Vec<String>,
}

/// Parses, completes and stores records.
fn ingest_lines(store: &StoreInner, lines: &[String], at: Option<i64>) -> Result<Stored, String> {
    let base = options(None, None, None, None);
    let records = batch::map_parallel(lines, |i, line| {
        let record: ArticleRecord = serde_json::from_str(line)
            .map_err(|e| format!("record {i}: not an article record: {e}"))?;
        let mut record = if feed::wants_extraction(&record, line) {
            feed::extract_record(&record, &base).map_err(|e| format!("record {i}: {e}"))?
        } else {
            record
        };
        claimgraph_extract::enrich(&mut record);
        Ok(record)
    })
    .into_iter()
    .collect::<Result<Vec<_>, String>>()?;
    let mut ingester = store
        .ingester(IngestOptions {
            ingested_at: at,
            ..IngestOptions::default()
        })
        .map_err(|e| e.to_string())?;
    let mut refused = Vec::new();
    for (i, record) in records.into_iter().enumerate() {
        match ingester.add(record) {
            Ok(_) => {}
            Err(IngestError::Invalid(msg)) => refused.push(format!("record {i}: {msg}")),
            Err(e @ IngestError::Conflict { .. }) => refused.push(format!("record {i}: {e}")),
            Err(IngestError::Store(e)) => return Err(e.to_string()),
        }
    }
    let s = ingester.finish().map_err(|e| e.to_string())?;
    let summary = serde_json::json!({
        "articles": s.articles,
        "claims": s.claims,
        "keys": s.keys,
        "duplicates": s.duplicates,
        "conflicts": s.conflicts,
    });
    Ok(Stored { summary, refused })
}

/// The error for records the store refused.
fn refusal(refused: &[String]) -> String {
    format!(
        "{} {} could not be stored; everything else was stored:\n{}",
        refused.len(),
        if refused.len() == 1 {
            "record"
        } else {
            "records"
        },
        refused.join("\n")
    )
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ClaimgraphError", m.py().get_type::<ClaimgraphError>())?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(batch::extract_batch, m)?)?;
    m.add_class::<Store>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

/// A record as compact JSON, as `claimgraph extract --compact` prints it.
pub(crate) fn record_to_json(record: &ArticleRecord) -> Result<String, String> {
    serde_json::to_string(record).map_err(|e| format!("encoding JSON: {e}"))
}

/// What the languages know of titles and well-known people, which actor merging reads
/// when the store is linked (as the CLI passes it).
fn name_knowledge() -> Result<linking::NameKnowledge, String> {
    let (titles, well_known) = claimgraph_extract::lang::name_knowledge()
        .map_err(|e| format!("built-in language data: {e}"))?;
    Ok(linking::NameKnowledge { titles, well_known })
}

//! `extract_batch`: many articles extracted on every core with the GIL released, results
//! in input order (so a Spark partition's output lines up with its input rows).

use crate::{options, record_to_json, ClaimgraphError};
use claimgraph_extract::extract_bytes;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// One option of the batch: absent, one value for every text, or one value per text.
enum PerText {
    None,
    All(String),
    Each(Vec<Option<String>>),
}

impl PerText {
    fn from_py(name: &str, value: Option<&Bound<'_, PyAny>>, n: usize) -> PyResult<PerText> {
        let Some(value) = value.filter(|v| !v.is_none()) else {
            return Ok(PerText::None);
        };
        if let Ok(text) = value.extract::<String>() {
            return Ok(PerText::All(text));
        }
        let each = sequence(value)?;
        if each.len() != n {
            return Err(ClaimgraphError::new_err(format!(
                "{name}: {} values for {n} texts",
                each.len()
            )));
        }
        Ok(PerText::Each(each))
    }

    fn get(&self, i: usize) -> Option<String> {
        match self {
            PerText::None => None,
            PerText::All(v) => Some(v.clone()),
            PerText::Each(v) => v.get(i).cloned().flatten(),
        }
    }
}

/// A list of optional strings from a Python sequence or a pyarrow array (`to_pylist`).
fn sequence(value: &Bound<'_, PyAny>) -> PyResult<Vec<Option<String>>> {
    let list = if value.hasattr("to_pylist")? {
        value.call_method0("to_pylist")?
    } else {
        value.clone()
    };
    let mut out = Vec::new();
    for item in list.try_iter()? {
        out.push(item?.extract::<Option<String>>()?);
    }
    Ok(out)
}

/// Runs `work` over `items` on every core, results in input order.
pub(crate) fn map_parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(usize, &T) -> Result<R, String> + Sync,
) -> Vec<Result<R, String>> {
    let indexed: Vec<(usize, &T)> = items.iter().enumerate().collect();
    claimgraph_extract::feed::in_order_on_every_core(
        indexed,
        |(i, item)| work(i, item),
        || Err("internal error: extraction failed".into()),
    )
}

/// Extracts many articles on every core with the GIL released: `texts` a list or a
/// pyarrow string array, each option one value for all or one per text (`ids`, `titles`
/// and `urls` as a feed record's `id`, `title` and `url`, so the records equal what
/// `claimgraph ingest` extracts from the same feed). Returns records as dicts, or as compact JSON strings with `as_json`; a text
/// that cannot be extracted raises, or gives `None` with `errors="none"`.
#[pyfunction]
#[pyo3(signature = (texts, lang=None, published=None, publisher=None, ids=None, titles=None, urls=None, as_json=false, errors="raise"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn extract_batch(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    lang: Option<&Bound<'_, PyAny>>,
    published: Option<&Bound<'_, PyAny>>,
    publisher: Option<&Bound<'_, PyAny>>,
    ids: Option<&Bound<'_, PyAny>>,
    titles: Option<&Bound<'_, PyAny>>,
    urls: Option<&Bound<'_, PyAny>>,
    as_json: bool,
    errors: &str,
) -> PyResult<Py<PyList>> {
    let raise = match errors {
        "raise" => true,
        "none" => false,
        other => {
            return Err(ClaimgraphError::new_err(format!(
                "errors: '{other}' is not one of raise, none"
            )))
        }
    };
    let texts = sequence(texts)?;
    let n = texts.len();
    let lang = PerText::from_py("lang", lang, n)?;
    let published = PerText::from_py("published", published, n)?;
    let publisher = PerText::from_py("publisher", publisher, n)?;
    let ids = PerText::from_py("ids", ids, n)?;
    let titles = PerText::from_py("titles", titles, n)?;
    let urls = PerText::from_py("urls", urls, n)?;
    let results = py.detach(|| {
        map_parallel(&texts, |i, text| {
            let text = text.as_deref().unwrap_or_default();
            let mut opts = options(lang.get(i), published.get(i), publisher.get(i), ids.get(i));
            opts.title = titles.get(i);
            let mut record = extract_bytes(text.as_bytes(), &opts).map_err(|e| e.to_string())?;
            // As ingest does for a feed record: the record's URL is kept as given.
            record.article.url = urls.get(i);
            record_to_json(&record)
        })
    });
    let out = PyList::empty(py);
    let json = py.import("json")?;
    for (i, result) in results.into_iter().enumerate() {
        match result {
            Ok(text) if as_json => out.append(text)?,
            Ok(text) => out.append(json.call_method1("loads", (text,))?)?,
            Err(msg) if raise => {
                return Err(ClaimgraphError::new_err(format!("texts[{i}]: {msg}")))
            }
            Err(_) => out.append(py.None())?,
        }
    }
    Ok(out.unbind())
}

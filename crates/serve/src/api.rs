//! The read API: `query`, `explain` and `graph`, each taking the query text as `q`, and
//! the listing `claims` (`actors` and the other commands' routes are in `commands.rs`). Answers are the bytes the CLI prints for
//! the same request (`query` is exactly `claimgraph query Q --format json`, and with
//! `format=` any other format), which is what lets the CLI hand its commands to a running
//! server; errors are `{"error": {...}}` with the message, the offending span and the CLI's
//! caret rendering. Every query runs on the blocking pool under the time limit, so a slow
//! one never stalls the connection loop. The write route is in `ingest.rs`.

use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use claimgraph_export::graph::{ClaimGraph, GraphContext};
use claimgraph_export::{CsvStyle, ExportError, Format};
use claimgraph_model::result::QueryResult;
use claimgraph_model::ClaimView;
use claimgraph_query::{QueryError, QueryStore};
use claimgraph_store::{Store, StoreError};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// Every API path, as the router serves them and `docs/openapi.json` must describe them.
/// (The routes of [`crate::commands::COMMAND_ROUTES`] are among them.)
pub const API_ROUTES: &[&str] = &[
    "/api/query",
    "/api/explain",
    "/api/graph",
    "/api/claims",
    "/api/actors",
    "/api/article",
    "/api/ingest",
    "/api/relink",
    "/api/openapi.json",
    "/api/stories",
    "/api/statements",
    "/api/links",
    "/api/figures",
    "/api/timeline",
    "/api/dot",
    "/api/export",
    "/api/stats",
    "/api/articles",
];

/// Header carrying a line the CLI prints on stderr (a speaker no actor is called, a cap),
/// percent-encoded ([`crate::encode_note`]); one header per line.
pub const WARNING_HEADER: &str = "x-claimgraph-warning";

/// Header telling that a query stopped at the default row cap.
pub const TRUNCATED_HEADER: &str = "x-claimgraph-truncated";

/// What went wrong with a request, with the HTTP status it maps to.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// The query text is wrong: 400 with the span.
    #[error("{0}")]
    Query(QueryError),
    /// A parameter is missing or malformed: 400.
    #[error("{0}")]
    Request(String),
    /// The query text is longer than allowed: 413.
    #[error("the query is {len} bytes; at most {max} are accepted")]
    TooLong { len: usize, max: usize },
    /// A request body is larger than allowed: 413.
    #[error("{what} is larger than {max} bytes; send it in parts")]
    TooLarge { what: &'static str, max: usize },
    /// No such thing (an article id): 404.
    #[error("{0}")]
    NotFound(String),
    /// Not allowed from where it came: 403.
    #[error("{0}")]
    Forbidden(String),
    /// The query ran past the time limit: 503.
    #[error("the query took longer than {} s; narrow it or add `| limit N`", .0.as_secs_f64())]
    TimeLimit(Duration),
    /// A command refused the user's input; the message is the CLI's: 400.
    #[error("{0}")]
    Command(String),
    /// The store failed: 500.
    #[error("{0}")]
    Store(StoreError),
    /// The store failed, as a command reported it: 500.
    #[error("{0}")]
    Unusable(String),
    /// A bug: 500.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::Store(s) => ApiError::Store(s),
            other => ApiError::Query(other),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Store(e)
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::Query(_) | ApiError::Request(_) | ApiError::Command(_) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::TooLong { .. } | ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::TimeLimit(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Store(StoreError::DiskFull { .. }) => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::Store(_) | ApiError::Unusable(_) | ApiError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ApiError::Query(_) => "query",
            ApiError::Command(_) => "command",
            ApiError::Request(_)
            | ApiError::NotFound(_)
            | ApiError::TooLong { .. }
            | ApiError::TooLarge { .. } => "request",
            ApiError::Forbidden(_) => "origin",
            ApiError::TimeLimit(_) => "time_limit",
            ApiError::Store(_) | ApiError::Unusable(_) => "store",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The error object: `message` always; for a query error also `span` (byte offsets
    /// into `q`), `help` and `rendered` (the CLI's text with the caret).
    pub(crate) fn body(&self) -> serde_json::Value {
        let mut error = json!({ "kind": self.kind(), "message": self.to_string() });
        if let ApiError::Query(e) = self {
            if let Some(span) = e.span() {
                error["span"] = json!({ "start": span.start, "end": span.end });
            }
            error["help"] = json!(e.help_text());
            error["rendered"] = json!(e.render());
        }
        json!({ "error": error })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status(),
            json_body(self.body().to_string().into_bytes()),
        )
            .into_response()
    }
}

/// A response body with the JSON content type.
pub(crate) fn json_body(bytes: Vec<u8>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        )],
        bytes,
    )
}

/// The parameters every route reads; each route uses the ones it documents.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    q: Option<String>,
    max_claims: Option<usize>,
    /// Output format of `query`, `claims` and `actors` (default json).
    format: Option<String>,
    /// `raw`: CSV cells exactly as stored (the CLI's `--raw-csv`).
    csv: Option<String>,
    speaker: Option<String>,
    about: Option<String>,
    said: Option<String>,
    article: Option<String>,
    limit: Option<usize>,
    /// An article id (`/api/article`).
    id: Option<String>,
}

impl Params {
    /// The output format and CSV style asked for.
    fn rendering(&self) -> Result<(Format, CsvStyle), ApiError> {
        let format = match self.format.as_deref() {
            None => Format::Json,
            Some(name) => name.parse().map_err(ApiError::Request)?,
        };
        let csv = match self.csv.as_deref() {
            None | Some("safe") => CsvStyle::Safe,
            Some("raw") => CsvStyle::Raw,
            Some(other) => {
                return Err(ApiError::Request(format!(
                    "unknown csv style '{other}': safe or raw"
                )))
            }
        };
        Ok((format, csv))
    }
}

/// A rendered body with the content type of its format.
fn rendered(format: Format, bytes: Vec<u8>) -> Response {
    let content_type = match format {
        Format::Json => "application/json; charset=utf-8",
        Format::Jsonl => "application/x-ndjson; charset=utf-8",
        Format::Csv => "text/csv; charset=utf-8",
        Format::Table => "text/plain; charset=utf-8",
        Format::Markdown => "text/markdown; charset=utf-8",
    };
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        bytes,
    )
        .into_response()
}

/// The router of the JSON API.
pub(crate) fn routes(max_ingest: usize) -> Router<Arc<AppState>> {
    let mut router = Router::new()
        .route("/api/query", get(query))
        .route("/api/explain", get(explain))
        .route("/api/graph", get(graph))
        .route("/api/claims", get(claims))
        .route("/api/article", get(article))
        .route(
            "/api/ingest",
            post(crate::ingest::ingest).layer(axum::extract::DefaultBodyLimit::max(max_ingest)),
        )
        .route("/api/relink", post(crate::commands::relink))
        .route("/api/openapi.json", get(openapi));
    for &(path, name) in crate::commands::COMMAND_ROUTES {
        router = router.route(
            path,
            get(move |state, params| crate::commands::run(name, state, params)),
        );
    }
    router
}

/// The query text of a request: present and within the size limit.
fn query_text(
    app: &AppState,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<(String, Params), ApiError> {
    let Query(mut params) = params.map_err(|e| ApiError::Request(e.body_text()))?;
    let Some(q) = params.q.take() else {
        return Err(ApiError::Request(
            "missing parameter q (the query text)".into(),
        ));
    };
    let max = app.options.max_query_bytes;
    if q.len() > max {
        return Err(ApiError::TooLong { len: q.len(), max });
    }
    Ok((q, params))
}

/// Runs `job` on the blocking pool with the shared store, answering an error if it takes
/// longer than the time limit. The job itself finishes in the background: every query has
/// a row cap, so it cannot run away.
pub(crate) async fn on_store<T: Send + 'static>(
    app: &Arc<AppState>,
    job: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let shared = Arc::clone(app);
    within(app.options.query_time_limit, move || job(&shared.store)).await
}

/// Runs `job` on the blocking pool; an error after `limit`.
async fn within<T: Send + 'static>(
    limit: Duration,
    job: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::time::timeout(limit, tokio::task::spawn_blocking(job)).await {
        Err(_) => Err(ApiError::TimeLimit(limit)),
        Ok(Err(join)) => Err(ApiError::Internal(format!("the query task failed: {join}"))),
        Ok(Ok(answer)) => answer,
    }
}

async fn query(
    State(app): State<Arc<AppState>>,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (q, params) = query_text(&app, params)?;
    let (format, csv) = params.rendering()?;
    let (bytes, truncated) = on_store(&app, move |store| {
        let result = store.query(&q)?;
        let mut out = Vec::new();
        claimgraph_export::write_result_with(&result, &mut out, format, csv)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok((out, result.truncated))
    })
    .await?;
    let mut response = rendered(format, bytes);
    if truncated {
        response.headers_mut().insert(
            TRUNCATED_HEADER,
            HeaderValue::from(claimgraph_query::DEFAULT_LIMIT),
        );
    }
    Ok(response)
}

async fn explain(
    State(app): State<Arc<AppState>>,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (q, _) = query_text(&app, params)?;
    let plan = on_store(&app, move |store| Ok(store.explain(&q)?.to_string())).await?;
    Ok(json_body(json!({ "plan": plan }).to_string().into_bytes()).into_response())
}

/// The claims a query returns; a query that groups or counts is refused.
fn claims_of(result: QueryResult) -> Result<Vec<ClaimView>, ApiError> {
    match result.claims() {
        Some(claims) => Ok(claims.to_vec()),
        None => Err(ApiError::Request(
            "this view needs a query that returns claims; leave out `count`, `group`, `top` \
             and `select`"
                .into(),
        )),
    }
}

async fn graph(
    State(app): State<Arc<AppState>>,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (q, params) = query_text(&app, params)?;
    let cap = app.options.max_graph_claims;
    let max = params.max_claims.unwrap_or(cap).clamp(1, cap);
    let bytes = on_store(&app, move |store| {
        let mut claims = claims_of(store.query(&q)?)?;
        claims.truncate(max);
        let graph = graph_of(store, claims, max)?;
        let mut out = Vec::new();
        claimgraph_export::json::write_graph_json(&graph, &mut out)?;
        Ok(out)
    })
    .await?;
    Ok(json_body(bytes).into_response())
}

/// The graph of `claims` with at most `max_neighbours` claims answering them or answered
/// by them, and what the store knows of their actors (as `claimgraph export` draws it).
fn graph_of(
    store: &Store,
    claims: Vec<ClaimView>,
    max_neighbours: usize,
) -> Result<ClaimGraph, ApiError> {
    let chosen = claims.len();
    let mut claims = store.with_neighbours(claims)?;
    claims.truncate(chosen + max_neighbours);
    let facts = store.actor_facts(&claims)?;
    Ok(ClaimGraph::from_claims(&claims, &GraphContext::from(facts)))
}

/// `claimgraph claims` with the same options: speaker, about, said, article, limit.
async fn claims(
    State(app): State<Arc<AppState>>,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::Request(e.body_text()))?;
    let (format, csv) = params.rendering()?;
    let listing = claimgraph_query::Listing {
        speaker: params.speaker,
        about: params.about,
        said: params.said,
        article: params.article,
        limit: Some(params.limit.unwrap_or(1000)),
    };
    let (bytes, warning) = on_store(&app, move |store| {
        let warning = match &listing.speaker {
            Some(name) if store.resolve_actor(name)?.is_empty() => {
                Some(format!("claimgraph: no actor is called '{name}'"))
            }
            _ => None,
        };
        let result = QueryResult {
            data: claimgraph_model::result::ResultData::Claims(listing.run(store)?),
            truncated: false,
        };
        let mut out = Vec::new();
        claimgraph_export::write_result_with(&result, &mut out, format, csv)?;
        Ok((out, warning))
    })
    .await?;
    let mut response = rendered(format, bytes);
    let encoded = warning.map(|w| crate::commands::encode_note(&w));
    if let Some(value) = encoded.and_then(|w| HeaderValue::from_str(&w).ok()) {
        response.headers_mut().insert(WARNING_HEADER, value);
    }
    Ok(response)
}

/// One article: id, title, outlet, publication and its text (`null` when the record had
/// none), for the claim panel to show a claim's sentence in place (`provenance.span` is a
/// byte range of this text).
async fn article(
    State(app): State<Arc<AppState>>,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::Request(e.body_text()))?;
    let Some(id) = params.id else {
        return Err(ApiError::Request(
            "missing parameter id (an article id)".into(),
        ));
    };
    let answer = on_store(&app, move |store| {
        let found = match store.article_seq(&id)? {
            Some(seq) => store.article(seq)?.map(|a| (seq, a)),
            None => None,
        };
        let Some((seq, article)) = found else {
            return Err(ApiError::NotFound(format!("no article '{id}'")));
        };
        let text = match article.has_text {
            true => store.article_text(seq)?,
            false => None,
        };
        let publisher = match article.publisher {
            Some(actor) => store.actor(actor)?.map(|a| a.name),
            None => None,
        };
        Ok(json!({
            "id": article.id, "title": article.title, "publisher": publisher,
            "published": article.published.map(|t| t.to_string()), "lang": article.lang,
            "text": text,
        }))
    })
    .await?;
    Ok(json_body(answer.to_string().into_bytes()).into_response())
}

async fn openapi() -> Response {
    json_body(crate::OPENAPI.as_bytes().to_vec()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_job_meets_the_time_limit() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_time()
            .build()
            .unwrap();
        let slow = runtime.block_on(within(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_millis(500));
            Ok(())
        }));
        assert!(matches!(slow, Err(ApiError::TimeLimit(_))), "{slow:?}");
        assert_eq!(
            ApiError::TimeLimit(Duration::from_millis(50)).status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        let quick = runtime.block_on(within(Duration::from_secs(5), || Ok(7)));
        assert_eq!(quick.unwrap(), 7);
    }

    #[test]
    fn a_query_error_carries_its_span_and_caret() {
        let error = ApiError::from(claimgraph_query::check_syntax("claims wehre x").unwrap_err());
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
        let body = error.body();
        assert_eq!(body["error"]["kind"], "query");
        assert_eq!(body["error"]["span"]["start"], 7);
        assert!(
            body["error"]["rendered"].as_str().unwrap().contains('^')
                || body["error"]["rendered"].as_str().unwrap().contains('┬')
        );
    }
}

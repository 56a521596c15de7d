//! The JSON API: `query`, `explain`, `timeline` and `graph`, each taking the query text
//! as `q`. Answers are the bytes the CLI prints for the same query (`query` is exactly
//! `claimgraph query Q --format json`); errors are `{"error": {...}}` with the message,
//! the offending span and the CLI's caret rendering. Every query runs on the blocking pool
//! under the time limit, so a slow one never stalls the connection loop.

use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use claimgraph_export::graph::{ClaimGraph, GraphContext};
use claimgraph_export::timeline::{self, Axis, TimelineFormat, TimelineOptions};
use claimgraph_export::{ExportError, Format};
use claimgraph_model::result::QueryResult;
use claimgraph_model::ClaimView;
use claimgraph_query::{QueryError, QueryStore};
use claimgraph_store::{Store, StoreError};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// Every API path, as the router serves them and `docs/openapi.json` must describe them.
pub const API_ROUTES: &[&str] = &[
    "/api/query",
    "/api/explain",
    "/api/timeline",
    "/api/graph",
    "/api/openapi.json",
];

/// Header telling that a query stopped at the default row cap.
const TRUNCATED_HEADER: &str = "x-claimgraph-truncated";

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
    /// The query ran past the time limit: 503.
    #[error("the query took longer than {} s; narrow it or add `| limit N`", .0.as_secs_f64())]
    TimeLimit(Duration),
    /// The store failed: 500.
    #[error("{0}")]
    Store(StoreError),
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

impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::Query(_) | ApiError::Request(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLong { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TimeLimit(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Store(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ApiError::Query(_) => "query",
            ApiError::Request(_) | ApiError::TooLong { .. } => "request",
            ApiError::TimeLimit(_) => "time_limit",
            ApiError::Store(_) => "store",
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
fn json_body(bytes: Vec<u8>) -> impl IntoResponse {
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
    axis: Option<String>,
    max_claims: Option<usize>,
}

/// The router of the JSON API.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/query", get(query))
        .route("/api/explain", get(explain))
        .route("/api/timeline", get(timeline))
        .route("/api/graph", get(graph))
        .route("/api/openapi.json", get(openapi))
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
async fn on_store<T: Send + 'static>(
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
    let (q, _) = query_text(&app, params)?;
    let (bytes, truncated) = on_store(&app, move |store| {
        let result = store.query(&q)?;
        let mut out = Vec::new();
        claimgraph_export::write_result(&result, &mut out, Format::Json)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok((out, result.truncated))
    })
    .await?;
    let mut response = json_body(bytes).into_response();
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

async fn timeline(
    State(app): State<Arc<AppState>>,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (q, params) = query_text(&app, params)?;
    let axis = match params.axis.as_deref() {
        None => Axis::Said,
        Some(name @ ("said" | "event" | "published")) => name.parse().map_err(ApiError::Request)?,
        Some(other) => {
            return Err(ApiError::Request(format!(
                "unknown axis '{other}': said, event or published"
            )))
        }
    };
    let bytes = on_store(&app, move |store| {
        let claims = claims_of(store.query(&q)?)?;
        let options = TimelineOptions {
            axis,
            format: TimelineFormat::Json,
            ..TimelineOptions::default()
        };
        let mut out = Vec::new();
        timeline::write_timeline(&claims, &options, &mut out)?;
        Ok(out)
    })
    .await?;
    Ok(json_body(bytes).into_response())
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

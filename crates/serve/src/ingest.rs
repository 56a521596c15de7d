//! `POST /api/ingest`: JSON Lines article records into the open store while readers keep
//! reading. The records are handled by the binary's own ingest pipeline (the [`Ingest`]
//! it passes to [`crate::serve`]: text records extracted, names enriched), so an ingest
//! through the server stores exactly what `claimgraph ingest` would, and answers with the
//! same summary and per-line errors; then the store is linked across articles as
//! `claimgraph ingest` links it (the binary's [`crate::Commands`]). One ingest writes at a time; each chunk is one atomic
//! write, so a reader sees an article whole or not at all.

use crate::api::ApiError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use claimgraph_store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The content types a JSON Lines body may carry. A browser cannot send these from
/// another site without asking first (CORS), and this server never says yes.
pub const JSON_LINES_TYPES: &[&str] = &[
    "application/x-ndjson",
    "application/jsonl",
    "application/json-lines",
];

/// Stores a JSON Lines body: the binary's ingest pipeline, which this crate does not link
/// (it has no extraction).
pub trait Ingest: Send + Sync {
    /// Stores every good record of `body` (JSON Lines) and reports the others by line.
    /// An error is a store that cannot be written (a full disk); chunks written before it
    /// stay whole.
    fn ingest(&self, store: &Store, body: Vec<u8>) -> Result<IngestReport, StoreError>;
}

/// A line of the body that was not stored, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineError {
    /// 1-based line number in the body (0: the body as a whole).
    pub line: u64,
    /// What `claimgraph ingest` prints for it.
    pub message: String,
}

/// What an ingest did: the counts of `claimgraph ingest`'s summary, its text, and the
/// lines not stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestReport {
    /// Articles stored.
    pub articles: u64,
    /// Claims stored.
    pub claims: u64,
    /// Keys written.
    pub keys: u64,
    /// Records skipped because the same content is stored.
    pub duplicates: u64,
    /// Ids refused because they are stored with other content.
    pub conflicts: Vec<String>,
    /// Lines not stored, in order.
    pub errors: Vec<LineError>,
    /// The summary `claimgraph ingest` prints.
    pub summary: String,
    /// The line of the linking that followed (stories, statements, cross-article links),
    /// as `claimgraph ingest` prints it; none when nothing needed linking or `link=false`.
    #[serde(default)]
    pub linked: Option<String>,
}

/// True when the request's `Origin`, if any, is this server: a page elsewhere must not
/// write to the store through a visitor's browser.
pub(crate) fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, rest)| rest.trim_end_matches('/'));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

/// The route.
pub(crate) async fn ingest(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    params: Result<Query<Vec<(String, String)>>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::Request(e.body_text()))?;
    // `link=false`: the CLI sends a large input in parts and links once, at the end.
    let link = !params
        .iter()
        .any(|(k, v)| k == "link" && matches!(v.as_str(), "false" | "0"));
    let Some(pipeline) = app.ingest.clone() else {
        return Err(ApiError::Request(
            "this server does not accept ingests".into(),
        ));
    };
    if !same_origin(&headers) {
        return Err(ApiError::Forbidden(
            "ingest is refused from a page of another site".into(),
        ));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    if !content_type
        .as_deref()
        .is_some_and(|t| JSON_LINES_TYPES.contains(&t))
    {
        return Err(ApiError::Request(format!(
            "send the records as JSON Lines with Content-Type: {}",
            JSON_LINES_TYPES[0]
        )));
    }
    let max = app.options.max_ingest_bytes;
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge {
            what: "the body",
            max,
        },
        _ => ApiError::Request(e.body_text()),
    })?;
    let shared = Arc::clone(&app);
    let report = tokio::task::spawn_blocking(move || {
        // One writer at a time: an ingest reads the store's counters when it starts.
        let _writer = shared
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut report = pipeline
            .ingest(&shared.store, body.to_vec())
            .map_err(ApiError::Store)?;
        // Linked as `claimgraph ingest` links, still as the one writer.
        if let (true, Some(commands)) = (link, &shared.commands) {
            report.linked = commands.link(&shared.store, true)?;
        }
        Ok::<_, ApiError>(report)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("the ingest task failed: {e}")))??;
    // Some lines refused, everything else stored: 422, with the same report.
    let status = if report.errors.is_empty() && report.conflicts.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let json = serde_json::to_vec(&report).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((status, crate::api::json_body(json)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_the_same_origin_may_write() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:7878"));
        assert!(same_origin(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:7878"),
        );
        assert!(same_origin(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&headers));
        headers.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!same_origin(&headers));
    }
}

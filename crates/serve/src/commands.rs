//! The CLI's other read commands over HTTP: `stories`, `statements`, `links`, `figures`,
//! `timeline`, `dot`, `export`, `stats` and `articles`, and the write `relink`. Their
//! printing (and linking, which needs the extraction-free link model the binary drives)
//! lives in the binary, which passes it in as [`Commands`]; each route hands its query
//! parameters to it and answers the exact bytes the command prints, so the CLI can route
//! these commands to a running server and print what it would print on its own. Linking
//! writes, so it runs under the server's one-writer lock, before the cross-article reads
//! that need it.

use crate::api::{json_body, ApiError};
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use claimgraph_store::{Store, StoreError};
use serde_json::json;
use std::sync::Arc;

/// The routes that run one of the binary's read commands, with the command's name.
pub const COMMAND_ROUTES: &[(&str, &str)] = &[
    ("/api/actors", "actors"),
    ("/api/stories", "stories"),
    ("/api/statements", "statements"),
    ("/api/links", "links"),
    ("/api/figures", "figures"),
    ("/api/timeline", "timeline"),
    ("/api/dot", "dot"),
    ("/api/export", "export"),
    ("/api/stats", "stats"),
    ("/api/articles", "articles"),
];

/// Commands that read what linking decided: the store is linked first when articles
/// arrived since the last linking (as the CLI's own `stories` does).
const READ_LINKED: &[&str] = &["stories", "statements", "links", "figures"];

/// The binary's read commands and its linking, run on the server's open store.
pub trait Commands: Send + Sync {
    /// Runs read command `name` with `params` (the request's query parameters, as the
    /// command's long options without dashes, and `q` for its query) and returns what it
    /// prints.
    fn run(
        &self,
        store: &Store,
        name: &str,
        params: &[(String, String)],
    ) -> Result<Printed, CommandError>;

    /// Links the stored articles across each other. With `when_stale`, only when articles
    /// arrived since the last linking (and as `ingest` would, not on a store too large to
    /// link by itself). Returns the line the CLI prints, if any.
    fn link(&self, store: &Store, when_stale: bool) -> Result<Option<String>, CommandError>;
}

/// What a command printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printed {
    /// Its standard output.
    pub body: Vec<u8>,
    /// The media type of that output.
    pub content_type: &'static str,
    /// The lines it printed on standard error (notes such as a cap or a truncation).
    pub notes: Vec<String>,
}

/// Why a command did not run, with the message the CLI prints for it.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The user's input (an unknown option, a bad value or query, an unknown story): 400,
    /// kind `command`.
    #[error("{0}")]
    User(String),
    /// Its query does not parse or plan: 400, kind `query`, with the span and help that
    /// `/api/query` gives.
    #[error("{0}")]
    Query(claimgraph_query::QueryError),
    /// The store cannot be used (damaged, a full disk): 500, kind `store`.
    #[error("{0}")]
    Unusable(String),
    /// A bug: 500, kind `internal`.
    #[error("{0}")]
    Internal(String),
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        CommandError::Unusable(e.to_string())
    }
}

impl From<CommandError> for ApiError {
    fn from(e: CommandError) -> Self {
        match e {
            CommandError::User(message) => ApiError::Command(message),
            CommandError::Query(e) => ApiError::from(e),
            CommandError::Unusable(message) => ApiError::Unusable(message),
            CommandError::Internal(message) => ApiError::Internal(message),
        }
    }
}

/// A note as a header value: bytes outside visible ASCII (and `%`) percent-encoded, so a
/// name in any script travels; [`decode_note`] reverses it.
pub fn encode_note(line: &str) -> String {
    line.bytes()
        .map(|b| match b {
            b' '..=b'~' if b != b'%' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The line [`encode_note`] encoded.
pub fn decode_note(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The commands, or the refusal of a server started without them.
fn commands_of(app: &AppState) -> Result<Arc<dyn Commands>, ApiError> {
    app.commands
        .clone()
        .ok_or_else(|| ApiError::Request("this server does not run the CLI's commands".into()))
}

/// Links the store when articles arrived since the last linking, one writer at a time.
async fn link_when_stale(app: &Arc<AppState>, commands: Arc<dyn Commands>) -> Result<(), ApiError> {
    let shared = Arc::clone(app);
    tokio::task::spawn_blocking(move || {
        let _writer = shared
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        commands.link(&shared.store, true)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("the linking task failed: {e}")))??;
    Ok(())
}

/// `GET /api/<command>`: what `claimgraph <command>` prints with the same options.
pub(crate) async fn run(
    name: &'static str,
    State(app): State<Arc<AppState>>,
    params: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::Request(e.body_text()))?;
    // The token may come as a parameter; it is the access check's, not the command's.
    let mut params: Vec<(String, String)> =
        params.into_iter().filter(|(k, _)| k != "token").collect();
    // A JSON API: JSON unless another format is asked for (`dot` has only its own).
    if name != "dot" && !params.iter().any(|(k, _)| k == "format") {
        params.push(("format".into(), "json".into()));
    }
    if let Some((_, q)) = params.iter().find(|(k, _)| k == "q") {
        let max = app.options.max_query_bytes;
        if q.len() > max {
            return Err(ApiError::TooLong { len: q.len(), max });
        }
    }
    let commands = commands_of(&app)?;
    if READ_LINKED.contains(&name) || params.iter().any(|(k, _)| k == "story") {
        link_when_stale(&app, Arc::clone(&commands)).await?;
    }
    let printed =
        crate::api::on_store(&app, move |store| Ok(commands.run(store, name, &params)?)).await?;
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(printed.content_type),
        )],
        printed.body,
    )
        .into_response();
    for note in &printed.notes {
        if let Ok(value) = HeaderValue::from_str(&encode_note(note)) {
            response
                .headers_mut()
                .append(crate::api::WARNING_HEADER, value);
        }
    }
    Ok(response)
}

/// `POST /api/relink[?when_stale=true]`: what `claimgraph relink` prints, as
/// `{"summary": LINE}` (`null` when nothing needed linking).
pub(crate) async fn relink(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    params: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::Request(e.body_text()))?;
    if !crate::ingest::same_origin(&headers) {
        return Err(ApiError::Forbidden(
            "relinking is refused from a page of another site".into(),
        ));
    }
    let when_stale = params
        .iter()
        .any(|(k, v)| k == "when_stale" && matches!(v.as_str(), "true" | "1"));
    let commands = commands_of(&app)?;
    let shared = Arc::clone(&app);
    let line = tokio::task::spawn_blocking(move || {
        let _writer = shared
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        commands.link(&shared.store, when_stale)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("the linking task failed: {e}")))??;
    Ok(json_body(json!({ "summary": line }).to_string().into_bytes()).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_travel_in_a_header_and_come_back_whole() {
        for line in [
            "claimgraph: no actor is called 'phe nổi dậy'",
            "100% done, 50%2 left",
            "",
        ] {
            let encoded = encode_note(line);
            assert!(HeaderValue::from_str(&encoded).is_ok(), "{encoded}");
            assert_eq!(decode_note(&encoded), line);
        }
    }
}

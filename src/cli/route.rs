//! Commands on a store held by a running `claimgraph serve`. Every open is exclusive, so a
//! second process gets "store is in use"; when the holder is a server, it has recorded its
//! address in the store directory (`claimgraph.serve`), and the read commands (`query`,
//! `explain`, `claims`, `actors`) and `ingest` ask it instead, printing what they would
//! print locally. A recorded server that does not answer gives the original error with a
//! hint.

use super::{store_error, CliError, Context};
use claimgraph_serve::{call, ClientError, Endpoint, IngestReport, Reply, ENDPOINT_FILE};
use claimgraph_store::{Store, StoreError};
use std::time::Duration;

/// How long to wait for a recorded server to accept a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// The store, opened here, or the running server that holds it.
pub(crate) enum Opened {
    Local(Store),
    Server(Endpoint),
}

/// Opens the store for reading, or finds the server holding it.
pub(crate) fn open(ctx: &Context) -> Result<Opened, CliError> {
    match Store::open_existing(&ctx.store) {
        Ok(store) => Ok(Opened::Local(store)),
        Err(e) => server_for(ctx, e).map(Opened::Server),
    }
}

/// The server recorded in the store directory when `error` says the store is in use and
/// that server answers; otherwise the error (with a hint when the record is stale).
pub(crate) fn server_for(ctx: &Context, error: StoreError) -> Result<Endpoint, CliError> {
    if !matches!(error, StoreError::InUse { .. }) {
        return Err(store_error(error));
    }
    let Some(endpoint) = Endpoint::read(&ctx.store) else {
        return Err(store_error(error));
    };
    if std::net::TcpStream::connect_timeout(&endpoint.addr, CONNECT_TIMEOUT).is_err() {
        return Err(CliError::Unusable(format!(
            "{error}\nhint: {} names a claimgraph server at {} (process {}), but nothing \
             answers there: the record is stale (the server was killed); it is replaced when \
             a server starts on this store",
            ctx.store.join(ENDPOINT_FILE).display(),
            endpoint.addr,
            endpoint.pid
        )));
    }
    Ok(endpoint)
}

/// `text` as a URL query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A path with its query string: the parameters that have a value.
pub(crate) fn path(route: &str, params: &[(&str, Option<&str>)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={}", encode(v))))
        .collect();
    format!("{route}?{}", query.join("&"))
}

/// The CSV style as the API names it.
pub(crate) fn csv_param(ctx: &Context) -> Option<&'static str> {
    match ctx.csv {
        claimgraph_export::CsvStyle::Raw => Some("raw"),
        claimgraph_export::CsvStyle::Safe => None,
    }
}

/// Sends a request; an answer other than success becomes the error the local command
/// would give.
fn send(
    server: &Endpoint,
    method: &str,
    path: &str,
    body: Option<(&str, Vec<u8>)>,
) -> Result<Reply, CliError> {
    let reply = call(server, method, path, body, CONNECT_TIMEOUT).map_err(|e| match e {
        ClientError::Unreachable { .. } => CliError::Unusable(format!(
            "the claimgraph server holding the store went away: {e}"
        )),
        ClientError::Protocol { .. } => CliError::Internal(e.to_string()),
    })?;
    // 422: an ingest that refused some lines, reported like any other.
    if (200..300).contains(&reply.status) || reply.status == 422 {
        return Ok(reply);
    }
    let error: serde_json::Value = serde_json::from_slice(&reply.body).unwrap_or_default();
    let field = |name: &str| error["error"][name].as_str().map(str::to_string);
    let message = field("message").unwrap_or_else(|| format!("HTTP status {}", reply.status));
    Err(match field("kind").as_deref() {
        Some("query") => CliError::User(format!(
            "invalid query\n{}",
            field("rendered").unwrap_or(message)
        )),
        Some("store") => CliError::Unusable(message),
        Some("internal") => CliError::Internal(message),
        _ => CliError::User(format!("the claimgraph server refused: {message}")),
    })
}

/// A GET through the server; prints its warning header (a speaker no actor is called) on
/// stderr, as the local command does.
pub(crate) fn get(server: &Endpoint, path: &str) -> Result<Reply, CliError> {
    let reply = send(server, "GET", path, None)?;
    if let Some(warning) = reply.header(claimgraph_serve::WARNING_HEADER) {
        eprintln!("claimgraph: {warning}");
    }
    Ok(reply)
}

/// Posts JSON Lines records to the server's ingest.
pub(crate) fn post_ingest(server: &Endpoint, body: Vec<u8>) -> Result<IngestReport, CliError> {
    let content_type = claimgraph_serve::JSON_LINES_TYPES[0];
    let reply = send(server, "POST", "/api/ingest", Some((content_type, body)))?;
    serde_json::from_slice(&reply.body)
        .map_err(|e| CliError::Internal(format!("the server's ingest report: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_encoded_and_empty_ones_left_out() {
        assert_eq!(
            path(
                "/api/claims",
                &[("speaker", Some("phe nổi dậy & co")), ("about", None)]
            ),
            "/api/claims?speaker=phe%20n%E1%BB%95i%20d%E1%BA%ADy%20%26%20co"
        );
    }
}

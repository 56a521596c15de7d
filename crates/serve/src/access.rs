//! Who may ask, and what every answer carries. One middleware runs before every route:
//!
//! - with a token, every request must present it: `Authorization: Bearer TOKEN`, the
//!   `claimgraph_token` cookie, or a `token` parameter (for opening the page from a link;
//!   the answer then sets the cookie, so the page's scripts and assets load without it);
//! - on a loopback address, the `Host` header must name a loopback host, so a web page
//!   elsewhere cannot reach the API through DNS rebinding;
//! - every answer carries a Content-Security-Policy that allows only the server's own
//!   scripts, `nosniff`, and no referrer, as a second wall behind the page's rule of
//!   rendering untrusted text with `textContent` only.

use crate::AppState;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// The cookie that carries the token after the page was opened with `?token=`.
const TOKEN_COOKIE: &str = "claimgraph_token";

/// Scripts and connections only from this server; styles may be inline because the
/// vendored libraries position their elements with style attributes.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// True when the token can travel unchanged in a header, a cookie and a URL parameter.
pub(crate) fn token_is_well_formed(token: &str) -> bool {
    (16..=256).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b';' | b',' | b'\\'))
}

/// Compares in time independent of where the first difference is.
fn same_token(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

#[derive(Deserialize)]
struct TokenParam {
    token: Option<String>,
}

/// Where the request presented a token, if anywhere.
enum Presented {
    Header(String),
    Cookie(String),
    Parameter(String),
}

impl Presented {
    fn token(&self) -> &str {
        match self {
            Presented::Header(t) | Presented::Cookie(t) | Presented::Parameter(t) => t,
        }
    }
}

fn presented(request: &Request) -> Option<Presented> {
    let headers = request.headers();
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some(Presented::Header(bearer.trim().to_string()));
    }
    if let Some(cookie) = cookie(headers, TOKEN_COOKIE) {
        return Some(Presented::Cookie(cookie));
    }
    Query::<TokenParam>::try_from_uri(request.uri())
        .ok()
        .and_then(|Query(p)| p.token)
        .map(Presented::Parameter)
}

/// The value of a cookie in the request's `Cookie` headers.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// True when the `Host` header names this machine (or is absent, as in HTTP/1.0).
fn host_is_loopback(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return headers.get(header::HOST).is_none();
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn refuse(status: StatusCode, kind: &str, message: &str) -> Response {
    let body = json!({ "error": { "kind": kind, "message": message } }).to_string();
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response();
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

/// The middleware: Host check, token check, then the route, then the headers.
pub(crate) async fn check(
    State(app): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    if app.options.bind.ip().is_loopback() && !host_is_loopback(request.headers()) {
        return refuse(
            StatusCode::FORBIDDEN,
            "host",
            "this server answers only requests addressed to localhost",
        );
    }
    let mut set_cookie = None;
    if let Some(expected) = &app.options.token {
        match presented(&request) {
            Some(p) if same_token(p.token(), expected) => {
                if let Presented::Parameter(_) = p {
                    set_cookie = Some(expected.clone());
                }
            }
            _ => {
                return refuse(
                    StatusCode::UNAUTHORIZED,
                    "token",
                    "this server needs its token: send `Authorization: Bearer TOKEN`, or open \
                     the page as /?token=TOKEN",
                )
            }
        }
    }
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if is_api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(token) = set_cookie {
        // The token is well formed (checked at start), so it is a valid header value.
        if let Ok(value) = HeaderValue::from_str(&format!(
            "{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
        )) {
            headers.insert(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_exactly() {
        assert!(same_token("abcdefghijklmnop", "abcdefghijklmnop"));
        assert!(!same_token("abcdefghijklmnoq", "abcdefghijklmnop"));
        assert!(!same_token("abc", "abcdefghijklmnop"));
        assert!(token_is_well_formed("0123456789abcdef"));
        assert!(!token_is_well_formed("0123456789 abcdef"));
        assert!(!token_is_well_formed("0123456789;abcdef"));
    }

    #[test]
    fn only_loopback_hosts_pass() {
        let with_host = |host: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_str(host).unwrap());
            host_is_loopback(&headers)
        };
        assert!(with_host("127.0.0.1:7878"));
        assert!(with_host("localhost"));
        assert!(with_host("LOCALHOST:80"));
        assert!(with_host("[::1]:7878"));
        assert!(!with_host("evil.example:7878"));
        assert!(!with_host("127.0.0.1.evil.example"));
        assert!(host_is_loopback(&HeaderMap::new()));
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; claimgraph_token=secret; b=2"),
        );
        assert_eq!(cookie(&headers, TOKEN_COOKIE).as_deref(), Some("secret"));
        assert_eq!(cookie(&headers, "c"), None);
    }
}

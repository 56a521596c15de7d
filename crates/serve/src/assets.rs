//! The web page and its files, embedded in the binary so the server needs nothing beside
//! it and no network: `index.html`, `app.js`, `app.css`, and vis-timeline and
//! vis-network as vendored from the npm registry (`assets/vendor/README.md`).

use crate::AppState;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

/// One embedded file: its name under `/assets/`, content type and bytes.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const JS: &str = "text/javascript; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

/// Every file under `/assets/`.
const ASSETS: &[Asset] = &[
    Asset {
        name: "app.js",
        content_type: JS,
        bytes: include_bytes!("../assets/app.js"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../assets/app.css"),
    },
    Asset {
        name: "vendor/vis-timeline-graph2d.min.js",
        content_type: JS,
        bytes: include_bytes!("../assets/vendor/vis-timeline-graph2d.min.js"),
    },
    Asset {
        name: "vendor/vis-network.min.js",
        content_type: JS,
        bytes: include_bytes!("../assets/vendor/vis-network.min.js"),
    },
    Asset {
        name: "vendor/vis-timeline.LICENSE-MIT.txt",
        content_type: TEXT,
        bytes: include_bytes!("../assets/vendor/vis-timeline.LICENSE-MIT.txt"),
    },
    Asset {
        name: "vendor/vis-timeline.LICENSE-APACHE.txt",
        content_type: TEXT,
        bytes: include_bytes!("../assets/vendor/vis-timeline.LICENSE-APACHE.txt"),
    },
    Asset {
        name: "vendor/vis-network.LICENSE-MIT.txt",
        content_type: TEXT,
        bytes: include_bytes!("../assets/vendor/vis-network.LICENSE-MIT.txt"),
    },
    Asset {
        name: "vendor/vis-network.LICENSE-APACHE.txt",
        content_type: TEXT,
        bytes: include_bytes!("../assets/vendor/vis-network.LICENSE-APACHE.txt"),
    },
];

/// The page itself.
const INDEX_HTML: &str = include_str!("../assets/index.html");

/// `/` and `/assets/...`.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(index))
        .route("/assets/{*name}", get(asset))
}

async fn index() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        INDEX_HTML,
    )
        .into_response()
}

async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => ([(header::CONTENT_TYPE, a.content_type)], a.bytes).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, TEXT)],
            "not found",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_loads_only_embedded_files() {
        // Every script and stylesheet the page names must be served from the binary.
        for reference in INDEX_HTML.split("/assets/").skip(1) {
            let name = reference.split('"').next().unwrap_or("");
            assert!(
                ASSETS.iter().any(|a| a.name == name),
                "index.html names /assets/{name}, which is not embedded"
            );
        }
        assert!(!INDEX_HTML.contains("http://") && !INDEX_HTML.contains("https://"));
    }
}

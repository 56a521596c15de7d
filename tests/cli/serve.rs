//! `claimgraph serve` through the real binary: the API answers the seed questions with the
//! CLI's own bytes, errors are JSON with spans, the token and Host checks hold, reads run
//! concurrently, and the web page works in headless Chromium (skipped with a note when
//! Chromium is not installed).

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The seed questions of `docs/query-language.md` and the demo.
const SEED_QUESTIONS: &[&str] = &[
    "claims about Aleppo said 2016-12-10..2016-12-12",
    "claims by Russia | sort said desc",
    "claims by Russia or by members of Russia | sort said desc",
    "claims denying (claims by \"phe nổi dậy\") | links",
    "claims about Aleppo | group speaker | top 10",
    "claims where quantity > 100000 | select said, speaker, quantity, unit, text",
    "claims published by \"Pháp luật TPHCM\" published 2016-12",
    "claims about Aleppo as of 2026-11-25 | group stance",
];

/// An article whose claim texts try to inject markup into the page.
const HOSTILE_RECORD: &str = r#"{"article": {"id": "hostile-1", "publisher": "<b>Outlet</b>", "published": "2016-12-13", "lang": "en", "title": "<script>document.title='pwned'</script>"}, "claims": [{"id": "hostile-1#0", "via": ["<i>relay</i>"], "about": ["Testland"], "quantities": [], "responds_to": [], "speaker": "Mallory", "cue": "said", "stance": "assert", "text": "<img src=x onerror=\"document.title='pwned'\"> & <script>document.title='pwned'</script>", "said": "2016-12-13"}]}"#;

fn claimgraph(store: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimgraph"));
    cmd.arg("--store").arg(store);
    cmd
}

/// A store with the seed article and the hostile one.
fn seed_store(dir: &Path) -> PathBuf {
    let store = dir.join("db");
    let hostile = dir.join("hostile.jsonl");
    std::fs::write(&hostile, HOSTILE_RECORD).unwrap();
    let status = claimgraph(&store)
        .arg("ingest")
        .arg(common::fixture("aleppo.jsonl"))
        .arg(&hostile)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    store
}

/// What the CLI prints for `args`, run before the server holds the store.
fn cli_output(store: &Path, args: &[&str]) -> String {
    let out = claimgraph(store).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A running `claimgraph serve` on a free port, ended when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(store: &Path, extra: &[&str]) -> Server {
        let mut child = claimgraph(store)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child, addr }
    }

    fn get(&self, path: &str) -> Answer {
        self.get_with(path, &[])
    }

    /// A POST of `body` with extra header lines.
    fn post(&self, path: &str, headers: &[&str], body: &[u8]) -> Answer {
        let mut lines = vec![format!("Content-Length: {}", body.len())];
        lines.extend(headers.iter().map(|h| h.to_string()));
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        self.request("POST", path, &lines, body)
    }

    /// A GET with extra header lines, over a plain HTTP/1.1 connection.
    fn get_with(&self, path: &str, headers: &[&str]) -> Answer {
        self.request("GET", path, headers, b"")
    }

    fn request(&self, method: &str, path: &str, headers: &[&str], body: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("host:"))
        {
            request.push_str(&format!("Host: {}\r\n", self.addr));
        }
        for h in headers {
            request.push_str(h);
            request.push_str("\r\n");
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8(raw).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Answer {
            status,
            head: head.to_ascii_lowercase(),
            body: body.to_string(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    /// Status line and headers, lowercased.
    head: String,
    body: String,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
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

#[test]
fn the_api_answers_the_seed_questions_as_the_cli_does() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let expected: Vec<(String, String, String)> = SEED_QUESTIONS
        .iter()
        .map(|q| {
            (
                q.to_string(),
                cli_output(&store, &["query", q, "--format", "json"]),
                cli_output(&store, &["explain", q]),
            )
        })
        .collect();
    let claims_query = "claims about Aleppo";
    let timeline = cli_output(&store, &["timeline", claims_query, "--format", "json"]);
    let graph = cli_output(&store, &["export", claims_query, "--format", "json"]);

    let server = Server::start(&store, &[]);
    for (q, json, plan) in &expected {
        let answer = server.get(&format!("/api/query?q={}", encode(q)));
        assert_eq!(answer.status, 200, "{q}: {}", answer.body);
        assert!(answer.head.contains("content-type: application/json"));
        assert_eq!(&answer.body, json, "{q}");
        let answer = server.get(&format!("/api/explain?q={}", encode(q)));
        assert_eq!(answer.json()["plan"].as_str(), Some(plan.as_str()), "{q}");
    }
    let answer = server.get(&format!("/api/timeline?q={}", encode(claims_query)));
    assert_eq!(answer.body, timeline);
    let answer = server.get(&format!("/api/graph?q={}", encode(claims_query)));
    assert_eq!(answer.body, graph);

    // Every path of the OpenAPI description is served; an undescribed one is not.
    let spec: serde_json::Value =
        serde_json::from_str(&server.get("/api/openapi.json").body).unwrap();
    for (path, item) in spec["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else {
            continue;
        };
        // The query goes to the routes that document one; other required parameters take
        // the description's example.
        let mut query = Vec::new();
        for p in get["parameters"].as_array().into_iter().flatten() {
            if p["name"] == "q" {
                query.push("q=claims".to_string());
            } else if p["required"] == true {
                let example = p["example"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{path}: {p}"));
                query.push(format!(
                    "{}={}",
                    p["name"].as_str().unwrap(),
                    encode(example)
                ));
            }
        }
        let answer = server.get(&format!("{path}?{}", query.join("&")));
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
    }
    assert_eq!(server.get("/api/nothing?q=claims").status, 404);
    // The write route is served for POST only.
    assert_eq!(server.get("/api/ingest").status, 405);
}

#[test]
fn errors_are_json_with_the_offending_span() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let server = Server::start(&store, &[]);

    let answer = server.get(&format!("/api/query?q={}", encode("claims wehre x")));
    assert_eq!(answer.status, 400);
    let error = &answer.json()["error"];
    assert_eq!(error["kind"], "query");
    assert_eq!(error["message"], "unknown predicate 'wehre'");
    assert_eq!(error["span"]["start"], 7);
    assert_eq!(error["span"]["end"], 12);
    assert_eq!(error["help"], "did you mean 'where'?");
    assert!(error["rendered"]
        .as_str()
        .unwrap()
        .contains("claims wehre x"));

    // Spans are byte offsets, also after non-ASCII text.
    let q = "claims by \"phe nổi dậy\" wehre";
    let answer = server.get(&format!("/api/query?q={}", encode(q)));
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json()["error"]["span"]["start"],
        q.find("wehre").unwrap()
    );

    // The routes that run a command (timeline, dot, export) answer a bad query the same
    // way, span and help included.
    for route in ["timeline", "dot", "export"] {
        let answer = server.get(&format!("/api/{route}?q={}", encode("claims wehre x")));
        assert_eq!(answer.status, 400, "{route}: {}", answer.body);
        let error = &answer.json()["error"];
        assert_eq!(error["kind"], "query", "{route}");
        assert_eq!(error["span"]["start"], 7, "{route}");
        assert_eq!(error["help"], "did you mean 'where'?", "{route}");
    }

    let missing = server.get("/api/query");
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json()["error"]["kind"], "request");
    let long = server.get(&format!("/api/query?q={}", "x".repeat(20_000)));
    assert_eq!(long.status, 413);
    let rows = server.get(&format!("/api/timeline?q={}", encode("claims | count")));
    assert_eq!(rows.status, 400);
    assert!(rows.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("returns claims"));
    let axis = server.get("/api/timeline?q=claims&axis=ingested");
    assert_eq!(axis.status, 400);

    // A page elsewhere reaching the loopback server through DNS rebinding is refused.
    let rebound = server.get_with("/api/query?q=claims", &["Host: attacker.example:7878"]);
    assert_eq!(rebound.status, 403);
    assert_eq!(rebound.json()["error"]["kind"], "host");
}

#[test]
fn a_token_is_required_when_set_and_off_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());

    let refused = claimgraph(&store)
        .args(["serve", "--bind", "0.0.0.0:0"])
        .env_remove("CLAIMGRAPH_TOKEN")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("without a token"));

    let token = "s3cret-token-0123456789";
    let server = Server::start(&store, &["--token", token]);
    for path in ["/", "/assets/app.js", "/api/query?q=claims"] {
        let answer = server.get(path);
        assert_eq!(answer.status, 401, "{path}");
        assert!(answer.head.contains("www-authenticate: bearer"));
    }
    let wrong = server.get_with(
        "/api/query?q=claims",
        &["Authorization: Bearer wrong-token-0123456789"],
    );
    assert_eq!(wrong.status, 401);
    let bearer = server.get_with(
        "/api/query?q=claims",
        &[&format!("Authorization: Bearer {token}")],
    );
    assert_eq!(bearer.status, 200);
    // Opening the page with ?token= sets a cookie, which then carries the token.
    let page = server.get(&format!("/?token={token}"));
    assert_eq!(page.status, 200);
    assert!(page
        .head
        .contains(&format!("set-cookie: claimgraph_token={token}")));
    assert!(page.head.contains("httponly"));
    let with_cookie = server.get_with(
        "/assets/app.js",
        &[&format!("Cookie: claimgraph_token={token}")],
    );
    assert_eq!(with_cookie.status, 200);
}

#[test]
fn reads_run_concurrently_on_one_open_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let q = SEED_QUESTIONS[1];
    let expected = cli_output(&store, &["query", q, "--format", "json"]);
    let server = Server::start(&store, &[]);
    std::thread::scope(|scope| {
        let readers: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| {
                    (0..10)
                        .map(|_| server.get(&format!("/api/query?q={}", encode(q))).body)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for reader in readers {
            for body in reader.join().unwrap() {
                assert_eq!(body, expected);
            }
        }
    });
}

// ---- the web page in headless Chromium -------------------------------------------------

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| Command::new(name).arg("--version").output().is_ok())
}

/// The page's DOM after its scripts ran (the query in its address included).
fn rendered_dom(browser: &str, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=15000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of the serialized DOM: entities decoded, so claim texts compare as stored.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The inside of the element whose start tag contains `marker`, up to its closing `tag`.
fn element<'a>(dom: &'a str, marker: &str, tag: &str) -> &'a str {
    let start = dom
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in the page"));
    let end = dom[start..]
        .find(&format!("</{tag}>"))
        .map_or(dom.len(), |e| start + e);
    &dom[start..end]
}

#[test]
fn the_web_page_runs_a_seed_question_and_opens_a_claim_in_chromium() {
    let Some(browser) = chromium() else {
        // CI sets this so that a browser missing there fails the test instead of hiding it.
        assert!(
            std::env::var_os("CLAIMGRAPH_REQUIRE_BROWSER").is_none(),
            "CLAIMGRAPH_REQUIRE_BROWSER is set but chromium is not installed"
        );
        common::skip("the browser test (apt-get install chromium): chromium is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let server = Server::start(&store, &[]);
    let q = "claims about Aleppo";
    let claims = server.get(&format!("/api/query?q={}", encode(q))).json();
    let claims = claims.as_array().unwrap();
    let russia = claims
        .iter()
        .find(|c| c["speaker"] == "Russia")
        .expect("a claim by Russia");
    let id = russia["claim"].as_str().unwrap();

    let dom = rendered_dom(
        browser,
        &format!("http://{}/?q={}&claim={id}", server.addr, encode(q)),
    );
    assert!(
        dom.contains("data-state=\"done\""),
        "the query did not finish:\n{dom}"
    );
    let results = unescape(element(&dom, "id=\"results\"", "ol"));
    for claim in claims {
        let text = claim["text"].as_str().unwrap();
        assert!(results.contains(text), "{text} is not in the results");
    }
    assert_eq!(results.matches("<li ").count(), claims.len());
    // The claim panel shows the clicked claim: speaker, cue, text, links.
    let panel = unescape(element(&dom, "<aside id=\"panel\"", "aside"));
    assert!(panel.contains(&format!("data-claim=\"{id}\"")), "{panel}");
    assert!(!panel.contains(" hidden"), "the panel is hidden: {panel}");
    for field in ["speaker", "cue", "text", "publisher", "title"] {
        let value = russia[field].as_str().unwrap();
        assert!(
            panel.contains(value),
            "the panel lacks the {field} {value:?}"
        );
    }
    assert!(
        panel.contains("denies"),
        "the panel lacks the claim's links"
    );

    // A bad query shows the caret error and marks the query box.
    let dom = rendered_dom(
        browser,
        &format!("http://{}/?q={}", server.addr, encode("claims wehre x")),
    );
    assert!(dom.contains("data-state=\"error\""));
    let error = unescape(element(&dom, "id=\"error\"", "pre"));
    assert!(error.contains("unknown predicate 'wehre'") && error.contains("did you mean"));
    assert!(dom.contains("class=\"invalid\""));

    // Rows of a grouping query show as a table; an empty result says so.
    let dom = rendered_dom(
        browser,
        &format!(
            "http://{}/?q={}",
            server.addr,
            encode("claims about Aleppo | group speaker")
        ),
    );
    assert!(dom.contains("data-state=\"done\""));
    let table = unescape(element(&dom, "<table id=\"rows\"", "table"));
    assert!(
        table.contains("<th>speaker</th>") && table.contains("<td>Russia</td>"),
        "{table}"
    );
    let dom = rendered_dom(
        browser,
        &format!(
            "http://{}/?q={}",
            server.addr,
            encode("claims about Testland said 1999")
        ),
    );
    assert!(dom.contains("data-state=\"done\""), "{dom}");
    assert!(dom.contains("nothing matched"));

    // Untrusted text stays text: no element is made from it, no script of it runs.
    let dom = rendered_dom(
        browser,
        &format!("http://{}/?q={}", server.addr, encode("claims by Mallory")),
    );
    assert!(dom.contains("data-state=\"done\""));
    assert!(
        dom.contains("&lt;img src=x onerror="),
        "the text is not shown escaped"
    );
    assert!(!dom.contains("<img"), "an element was made from claim text");
    assert!(!dom.contains("<b>Outlet") && !dom.contains("<i>relay"));
    assert!(
        dom.contains("<title>claimgraph</title>"),
        "a script from claim text ran"
    );

    // A claim extracted from a text article shows its sentence marked in the article, and
    // the store's stories offer a filter.
    let text = std::fs::read_to_string(common::fixture("aleppo.vi.txt")).unwrap();
    let record = serde_json::json!({"article": {
        "id": "aleppo-text", "publisher": "Pháp luật TPHCM", "published": "2016-12-12",
        "lang": "vi", "text": text,
    }});
    let answer = server.post("/api/ingest", &[NDJSON], record.to_string().as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.body);
    let q = "claims where article = \"aleppo-text\" and speaker = \"Sergei Ryabkov\"";
    let claims = server.get(&format!("/api/query?q={}", encode(q))).json();
    let claim = &claims[0];
    let span = claim["provenance"]["span"]
        .as_array()
        .expect("a source span");
    let (start, end) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
    let sentence = text
        .get(start as usize..end as usize)
        .expect("the span is a range of the text")
        .replace('_', " ");
    let dom = rendered_dom(
        browser,
        &format!(
            "http://{}/?q={}&claim={}",
            server.addr,
            encode(q),
            claim["claim"].as_str().unwrap()
        ),
    );
    let source = unescape(element(&dom, "id=\"source\"", "div"));
    assert!(
        source.contains(&format!("<mark>{sentence}</mark>")),
        "{sentence:?} is not marked in {source}"
    );
    let story = claim["story"].as_str().expect("linked into a story");
    assert!(!dom.contains("<label hidden=\"\">Story"), "no story filter");
    let filter = element(&dom, "id=\"filter-story\"", "select");
    assert!(
        filter.contains(&format!("<option value=\"{story}\">")),
        "{filter}"
    );
}

const NDJSON: &str = "Content-Type: application/x-ndjson";

/// The claim count after each whole prefix of the synthetic articles: what a reader may
/// see while they are ingested, if every article lands whole and in order.
fn prefix_counts(base: u64, n: usize) -> Vec<u64> {
    let mut counts = vec![base];
    for i in 0..n {
        counts.push(counts[i] + common::claims_in(i) as u64);
    }
    counts
}

#[test]
fn ingest_through_the_server_while_readers_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let server = Server::start(&store, &[]);
    let count = |server: &Server| -> u64 {
        let answer = server.get(&format!("/api/query?q={}", encode("claims | count")));
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.json()[0]["claims"].as_u64().unwrap()
    };
    let base = count(&server);
    let n = 600;
    let expected = prefix_counts(base, n);
    let lines: Vec<String> = common::synthetic_jsonl(n)
        .lines()
        .map(str::to_string)
        .collect();
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let readers: Vec<_> = (0..3)
            .map(|_| {
                scope.spawn(|| {
                    let mut seen = Vec::new();
                    while !done.load(std::sync::atomic::Ordering::Relaxed) {
                        seen.push(count(&server));
                    }
                    seen
                })
            })
            .collect();
        // Several posts of 100 articles, so readers see the store between them.
        for part in lines.chunks(100) {
            let body = part.join("\n");
            let answer = server.post("/api/ingest", &[NDJSON], body.as_bytes());
            assert_eq!(answer.status, 200, "{}", answer.body);
            assert_eq!(answer.json()["articles"], part.len());
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        for reader in readers {
            let seen = reader.join().unwrap();
            assert!(!seen.is_empty());
            // Each reader sees whole articles, never fewer claims than before.
            for pair in seen.windows(2) {
                assert!(pair[0] <= pair[1], "count went back: {seen:?}");
            }
            for c in &seen {
                assert!(expected.contains(c), "{c} claims is not a whole prefix");
            }
        }
    });
    assert_eq!(count(&server), expected[n]);
}

#[test]
fn ingest_reports_lines_as_the_cli_does_and_refuses_what_it_must() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let good = common::synthetic_jsonl(1);
    let text_record = r#"{"article": {"id": "t-1", "publisher": "Outlet", "published": "2016-12-13", "lang": "en", "text": "The minister said on Monday that talks would resume. Rebels denied it."}}"#;
    let body = format!("{}\nnot json\n{text_record}\n", good.trim_end());
    let file = dir.path().join("mixed.jsonl");
    std::fs::write(&file, &body).unwrap();
    // What `claimgraph ingest` says of the same lines, in a store of its own.
    let local = claimgraph(&dir.path().join("local"))
        .arg("ingest")
        .arg(&file)
        .output()
        .unwrap();
    let local_errors = String::from_utf8(local.stderr).unwrap();

    let server = Server::start(&store, &[]);
    let answer = server.post("/api/ingest", &[NDJSON], body.as_bytes());
    assert_eq!(answer.status, 422, "{}", answer.body);
    let report = answer.json();
    // The text record was extracted on ingest.
    assert_eq!(report["articles"], 2, "{report}");
    assert!(report["claims"].as_u64().unwrap() > 1, "{report}");
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["line"], 2);
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        local_errors.contains(&format!("mixed.jsonl:2: {message}")),
        "{local_errors} vs {message}"
    );
    assert!(report["summary"]
        .as_str()
        .unwrap()
        .starts_with("ingested 2 articles"));
    // Then linked across articles, as `claimgraph ingest` links: the seed's two and these two.
    let linked = report["linked"].as_str().unwrap_or_default();
    assert!(linked.starts_with("linked 4 articles: "), "{report}");
    let t1 = server.get(&format!(
        "/api/query?q={}",
        encode("claims where article = \"t-1\"")
    ));
    assert!(
        t1.json()
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["story"].as_str().is_some_and(|s| !s.is_empty())),
        "{}",
        t1.body
    );
    // The same body again: everything is already stored, nothing to link.
    let again = server
        .post("/api/ingest", &[NDJSON], body.as_bytes())
        .json();
    assert_eq!(again["duplicates"], 2, "{again}");
    assert!(again["linked"].is_null(), "{again}");

    // Not JSON Lines, another site's page, an oversized body: refused, nothing stored.
    let plain = server.post(
        "/api/ingest",
        &["Content-Type: text/plain"],
        body.as_bytes(),
    );
    assert_eq!(plain.status, 400, "{}", plain.body);
    let foreign = server.post(
        "/api/ingest",
        &[NDJSON, "Origin: https://evil.example"],
        body.as_bytes(),
    );
    assert_eq!(foreign.status, 403, "{}", foreign.body);
    drop(server);
    let small = Server::start(&store, &["--max-ingest-mib", "1"]);
    let big = format!("{}\n", "x".repeat(2 << 20));
    let answer = small.post("/api/ingest", &[NDJSON], big.as_bytes());
    assert_eq!(answer.status, 413, "{}", answer.body);
    assert_eq!(answer.json()["error"]["kind"], "request");
}

#[test]
fn an_ingest_needs_the_token_when_one_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let token = "a-token-of-twenty-chars";
    let server = Server::start(&store, &["--token", token]);
    let body = common::synthetic_jsonl(2);
    let refused = server.post("/api/ingest", &[NDJSON], body.as_bytes());
    assert_eq!(refused.status, 401);
    let bearer = format!("Authorization: Bearer {token}");
    let answer = server.post("/api/ingest", &[NDJSON, &bearer], body.as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.body);
}

/// Sends SIGTERM, as Ctrl-C would, and waits for the server to stop.
fn stop(mut server: Server) {
    let status = Command::new("kill")
        .arg(server.child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
    let _ = server.child.wait();
}

/// stdout, stderr and the exit code of the CLI.
fn run_cli(store: &Path, args: &[&str], stdin: Option<&str>) -> (String, String, i32) {
    let mut cmd = claimgraph(store);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn the_cli_uses_a_running_server_that_holds_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let q = "claims about Aleppo | sort said";
    let commands: Vec<Vec<&str>> = vec![
        vec!["query", q, "--format", "json"],
        vec!["query", q],
        vec!["query", q, "--format", "csv"],
        vec!["query", q, "--format", "jsonl"],
        vec!["query", q, "--format", "markdown"],
        vec![
            "query",
            "claims about Aleppo | group speaker | top 10",
            "--format",
            "json",
        ],
        vec!["query", "claims about Aleppo | group speaker | top 10"],
        vec!["explain", "claims by Russia | sort said desc"],
        vec!["claims", "--speaker", "phe noi day"],
        vec!["claims", "--about", "Aleppo", "--format", "json"],
        vec!["actors"],
        vec!["actors", "--format", "json"],
    ];
    let local: Vec<String> = commands.iter().map(|c| cli_output(&store, c)).collect();
    let bad_local = run_cli(&store, &["query", "claims wehre x"], None);
    let token = "a-token-of-twenty-chars";
    let server = Server::start(&store, &["--token", token]);
    let recorded = store.join("claimgraph.serve");
    let endpoint = std::fs::read_to_string(&recorded).unwrap();
    assert!(endpoint.contains(token), "{endpoint}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&recorded).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    for (args, expected) in commands.iter().zip(&local) {
        let (stdout, stderr, code) = run_cli(&store, args, None);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(&stdout, expected, "{args:?}");
    }
    // A bad query: the same message, caret and exit code.
    assert_eq!(
        run_cli(&store, &["query", "claims wehre x"], None),
        bad_local
    );
    // `query -` too.
    let (stdout, _, _) = run_cli(&store, &["query", "-", "--format", "json"], Some(q));
    assert_eq!(stdout, local[0]);

    // Ingest through the server: the CLI's summary and errors, the records stored.
    let file = dir.path().join("more.jsonl");
    std::fs::write(&file, format!("{}not json\n", common::synthetic_jsonl(3))).unwrap();
    let (stdout, stderr, code) = run_cli(&store, &["ingest", file.to_str().unwrap()], None);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.starts_with("ingested 3 articles (") && stdout.contains("1 bad line in"),
        "{stdout}"
    );
    assert!(stderr.contains("more.jsonl:4: "), "{stderr}");
    // Linked once at the end, as a local ingest links: the seed's articles and these.
    assert!(stdout.contains("\nlinked 5 articles: "), "{stdout}");
    // A text article is extracted here and stored there.
    let (stdout, stderr, code) = run_cli(
        &store,
        &["ingest", "-", "--published", "2016-12-14", "--lang", "en"],
        Some("The minister said on Monday that talks would resume."),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("ingested 1 article ("), "{stdout}");
    let through_server = cli_output(&store, &["query", "claims | sort said", "--format", "json"]);

    // Stopped, the server removes its record; the store holds what it was sent, exactly
    // as if the CLI had written it.
    stop(server);
    assert!(!recorded.exists());
    assert_eq!(
        cli_output(&store, &["query", "claims | sort said", "--format", "json"]),
        through_server
    );
    let direct = dir.path().join("direct");
    claimgraph(&direct)
        .arg("ingest")
        .arg(common::fixture("aleppo.jsonl"))
        .arg(dir.path().join("hostile.jsonl"))
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let mut ingest_text = claimgraph(&direct);
    ingest_text
        .args(["ingest", "-", "--published", "2016-12-14", "--lang", "en"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null());
    let mut child = ingest_text.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"The minister said on Monday that talks would resume.")
        .unwrap();
    assert!(child.wait().unwrap().success());
    // Story and statement ids depend on the order linking saw the articles in (ids carry
    // over from the previous linking), so the claims compare without them; the stories
    // themselves compare as sets of articles below.
    let parsed = |json: &str| -> serde_json::Value {
        let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
        for row in v.as_array_mut().into_iter().flatten() {
            if let Some(o) = row.as_object_mut() {
                o.remove("story");
                o.remove("statement");
                // Cross-article links come from linking too.
                let own = format!("{}#", o["article"].as_str().unwrap_or(""));
                if let Some(links) = o.get_mut("links").and_then(|l| l.as_array_mut()) {
                    links.retain(|l| l["target"].as_str().is_some_and(|t| t.starts_with(&own)));
                }
            }
        }
        v
    };
    assert_eq!(
        parsed(&cli_output(
            &direct,
            &["query", "claims | sort said", "--format", "json"]
        )),
        parsed(&through_server)
    );
    let grouping = |store: &Path| -> Vec<Vec<String>> {
        let json = cli_output(store, &["stories", "--format", "json"]);
        let stories: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut groups: Vec<Vec<String>> = stories
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let mut articles: Vec<String> = s["articles"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.to_string())
                    .collect();
                articles.sort();
                articles
            })
            .collect();
        groups.sort();
        groups
    };
    assert_eq!(grouping(&direct), grouping(&store));
}

#[test]
fn a_stale_server_record_gives_the_in_use_error_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    // A shell holds the store; a record names a server that is gone.
    let mut shell = claimgraph(&store)
        .arg("shell")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    // The shell has opened the store once it answers.
    shell
        .stdin
        .as_mut()
        .unwrap()
        .write_all(b"claims | count\n")
        .unwrap();
    BufReader::new(shell.stdout.as_mut().unwrap())
        .read_line(&mut first)
        .unwrap();
    let gone = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    std::fs::write(
        store.join("claimgraph.serve"),
        format!(r#"{{"addr":"{gone}","token":null,"pid":1}}"#),
    )
    .unwrap();
    let (_, stderr, code) = run_cli(&store, &["query", "claims | count"], None);
    drop(shell.stdin.take());
    let _ = shell.kill();
    let _ = shell.wait();
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("is in use by process"), "{stderr}");
    assert!(stderr.contains("the record is stale"), "{stderr}");
}

#[test]
fn the_other_read_commands_go_through_a_running_server() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let stories: serde_json::Value =
        serde_json::from_str(&cli_output(&store, &["stories", "--format", "json"])).unwrap();
    let story = stories[0]["id"].as_str().expect("a story").to_string();
    let q = "claims about Aleppo";
    let commands: Vec<Vec<&str>> = vec![
        vec!["stories"],
        vec!["stories", "--format", "json"],
        vec!["statements", "--format", "json", "--min-occurrences", "1"],
        vec!["statements", "--story", &story],
        vec!["links", "--format", "csv"],
        vec!["figures", "--format", "json"],
        vec!["articles", "--format", "jsonl"],
        vec!["timeline", q],
        vec!["timeline", q, "--format", "json", "--axis", "published"],
        vec!["timeline", "--format", "timelinejs", "--title=-all-"],
        vec!["timeline", "--story", &story, "--lanes", "speaker"],
        vec!["dot", q],
        vec![
            "dot",
            q,
            "--view",
            "full",
            "--rankdir",
            "TB",
            "--cluster",
            "speaker",
        ],
        vec!["export", q, "--format", "json"],
        vec!["export"],
        vec!["export", "--story", &story, "--format", "dot"],
    ];
    let local: Vec<String> = commands.iter().map(|c| cli_output(&store, c)).collect();
    let capped_local = run_cli(&store, &["dot", q, "--max-claims", "2"], None);
    let stats_local = cli_output(&store, &["stats", "--format", "json"]);

    let server = Server::start(&store, &[]);
    for (args, expected) in commands.iter().zip(&local) {
        let (stdout, stderr, code) = run_cli(&store, args, None);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(&stdout, expected, "{args:?}");
    }
    // The note of a capped picture comes along, on stderr.
    let capped = run_cli(&store, &["dot", q, "--max-claims", "2"], None);
    assert_eq!(capped, capped_local);
    assert!(capped.1.contains("--max-claims is 2"), "{}", capped.1);
    // `-o` writes here what the server printed.
    let file = dir.path().join("timeline.md");
    let (_, stderr, code) = run_cli(&store, &["timeline", q, "-o", file.to_str().unwrap()], None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), local[7]);
    // The counts are the same (the size on disk is the server's business).
    let stats = |text: &str| {
        let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
        v.as_object_mut().unwrap().remove("size_on_disk");
        v
    };
    let (stdout, _, _) = run_cli(&store, &["stats", "--format", "json"], None);
    assert_eq!(stats(&stdout), stats(&stats_local));
    // `GET /api/stories` is exactly `claimgraph stories --format json`.
    let answer = server.get("/api/stories?format=json");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, local[1]);
    // A wrong option is the command's own error, with its exit code.
    let (_, stderr, code) = run_cli(&store, &["statements", "--story", "nope"], None);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no story 'nope'"), "{stderr}");
    // A parameter naming a file on the server's machine is refused.
    let answer = server.get("/api/timeline?output=%2Ftmp%2Fx");
    assert_eq!(answer.status, 400, "{}", answer.body);
    // `relink` through the server links there.
    let (stdout, stderr, code) = run_cli(&store, &["relink"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("linked 2 articles: "), "{stdout}");

    // What cannot go through the server says so and what to do, and writes nothing.
    let tables = dir.path().join("tables");
    for args in [
        vec!["compact"],
        vec!["shell"],
        vec![
            "export",
            "--format",
            "parquet",
            "-o",
            tables.to_str().unwrap(),
        ],
    ] {
        let (_, stderr, code) = run_cli(&store, &args, None);
        assert_eq!(code, 3, "{args:?}: {stderr}");
        assert!(
            stderr.contains("does not go through it") && stderr.contains("stop the server"),
            "{args:?}: {stderr}"
        );
    }
    assert!(!tables.exists(), "a refused export made its directory");
}

#[test]
fn merged_actors_show_the_same_through_the_server_and_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let status = claimgraph(&store)
        .args([
            "ingest",
            "tests/fixtures/link/actors-en.jsonl",
            "tests/fixtures/link/actors-vi.plain.jsonl",
        ])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let local = cli_output(&store, &["actors", "--format", "json"]);
    let actors: serde_json::Value = serde_json::from_str(&local).unwrap();
    let merged = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|a| a["merged_into"] == "Benjamin Netanyahu")
            .count()
    };
    assert!(merged(&actors) >= 2, "{actors:#}");
    // The shell's `.actors` shows the merges too.
    let (shell, stderr, code) = run_cli(&store, &["shell"], Some(".mode json\n.actors\n"));
    assert_eq!(code, 0, "{stderr}");
    let shown: serde_json::Value = serde_json::from_str(shell.trim()).unwrap();
    assert_eq!(merged(&shown), merged(&actors), "{shell}");

    let server = Server::start(&store, &[]);
    let answer = server.get("/api/actors");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, local);
    let (routed, stderr, code) = run_cli(&store, &["actors", "--format", "json"], None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(routed, local);
    // Undoing a merge writes: refused through the server, with what to do instead.
    let (_, stderr, code) = run_cli(
        &store,
        &["actors", "--unmerge", "ông Netanyahu", "Benjamin Netanyahu"],
        None,
    );
    assert_ne!(code, 0);
    assert!(stderr.contains("server"), "{stderr}");
    stop(server);
}

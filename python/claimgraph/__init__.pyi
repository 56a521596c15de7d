"""Type stubs of the claimgraph package (the extension module claimgraph._native)."""

from os import PathLike
from typing import Any, Iterable, Literal, Sequence, Union, overload

__version__: str

Record = dict[str, Any]
"""An article record: `{"article": {...}, "claims": [...], "actors": [...]}`, as
`claimgraph extract --format json` prints it (schema/article.schema.json)."""

PerText = Union[None, str, Sequence[Union[str, None]], Any]
"""One value for every text, one per text (a list or a pyarrow string array), or None."""

class ClaimgraphError(Exception):
    """An error claimgraph reports; the message is the command line's."""

def extract(
    text: str,
    lang: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    id: str | None = None,
) -> Record:
    """Extracts the claims of one article's text.

    Returns the article record, exactly the JSON of `claimgraph extract --format json`.
    `lang` is a built-in language code or None (detected, as `--lang auto`); `published`
    (YYYY-MM-DD or RFC 3339) resolves relative dates; `publisher` names the outlet when the
    byline does not; `id` is the article id (default: txt- and a hash of the text).
    Raises ClaimgraphError with the CLI's message (an empty text, an unknown language, a
    date that is not a date).
    """

@overload
def extract_batch(
    texts: Sequence[str] | Any,
    lang: PerText = None,
    published: PerText = None,
    publisher: PerText = None,
    ids: PerText = None,
    titles: PerText = None,
    urls: PerText = None,
    as_json: Literal[False] = False,
    errors: Literal["raise", "none"] = "raise",
) -> list[Record | None]: ...
@overload
def extract_batch(
    texts: Sequence[str] | Any,
    lang: PerText = None,
    published: PerText = None,
    publisher: PerText = None,
    ids: PerText = None,
    titles: PerText = None,
    urls: PerText = None,
    as_json: Literal[True] = True,
    errors: Literal["raise", "none"] = "raise",
) -> list[str | None]:
    """Extracts many articles on every core with the GIL released.

    `texts` is a list of texts or a pyarrow string array; each option is None, one value
    for every text, or one value per text. `ids`, `titles` and `urls` are a feed record's
    `id`, `title` and `url`: the records then equal what `claimgraph ingest` extracts from
    the same feed. Returns the records in input order, as dicts or,
    with `as_json=True`, as compact JSON strings (lines `claimgraph ingest` loads). A text
    that cannot be extracted raises ClaimgraphError naming its index, or with
    `errors="none"` gives None in its place.
    """

class Store:
    """A claimgraph store (a directory), opened for the object's lifetime and created
    when missing. One process at a time may hold a store."""

    def __init__(self, path: str | PathLike[str]) -> None: ...
    def ingest(
        self,
        records: Iterable[Record | str],
        ingested_at: int | None = None,
        link: bool = True,
    ) -> dict[str, Any]:
        """Stores article records (dicts as `extract` returns them, or their JSON).

        A record with text and no `claims` key is extracted first, as `claimgraph ingest`
        does; every record is enriched by the gazetteers. A record that does not parse or
        extract stops the call before anything is stored; one the store refuses is
        reported (ClaimgraphError) after the others are stored and linked. `ingested_at`
        (Unix seconds) replaces the clock's time. With `link` (the default, as
        `claimgraph ingest` without `--no-link`) the store's articles are then linked
        across each other (stories, statements, cross-article links); a store of more
        than 20,000 articles is not linked by an ingest (a warning says so; `stories()`
        links it). Returns `{"articles", "claims", "keys", "duplicates", "conflicts",
        "linked"}`, `linked` being `{"articles", "stories", "statements", "links"}` or
        None when nothing was linked.
        """
    def stories(self) -> list[dict[str, Any]]:
        """Every story (articles that report one event), first published first: the JSON
        of `claimgraph stories --format json`, `{"id", "title", "articles", "outlets",
        "first", "last", "claims"}`. Links the articles first when some arrived since the
        last linking, as the command does. Raises ClaimgraphError when the store fails."""
    def query(self, text: str) -> list[dict[str, Any]]:
        """Runs a query of the query language (docs/query-language.md): the rows
        `claimgraph query --format json` prints. A result cut at the default row limit
        warns; add `| limit N` for more. An invalid query raises ClaimgraphError with the
        CLI's report (the caret under the offending token and a hint)."""

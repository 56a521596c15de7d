"""claimgraph for Python: extract who said what, and when, from news text; store and query it.

    >>> import claimgraph
    >>> record = claimgraph.extract(open("examples/aleppo.vi.txt").read(), published="2016-12-12")
    >>> record["claims"][0]["speaker"]

`extract` returns the article record exactly as `claimgraph extract --format json` prints
it; `extract_batch` extracts many articles on every core with the GIL released (the stage a
Spark job runs, see examples/spark/); `Store` ingests records (linking articles across each
other into stories, as `claimgraph ingest` does), answers queries with the rows
`claimgraph query --format json` prints and lists stories as `claimgraph stories --format
json` does. Errors are `ClaimgraphError` with the command line's messages.
docs/scale-out.md.
"""

from ._native import ClaimgraphError, Store, __version__, extract, extract_batch

__all__ = ["ClaimgraphError", "Store", "extract", "extract_batch", "__version__"]

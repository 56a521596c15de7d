#!/usr/bin/env python3
"""A larger text feed for throughput figures: a feed of article records repeated N times,
each copy's ids suffixed (`-r1`, `-r2`, ...) so every article is stored as its own.

    python3 examples/spark/repeat_feed.py ../shared/corpus/vmds/articles.plain.jsonl 8 feed-x8.jsonl
"""

import json
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    source, copies, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(source, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    with open(target, "w", encoding="utf-8") as out:
        for copy in range(1, copies + 1):
            for record in records:
                article = dict(record["article"], id="%s-r%d" % (record["article"]["id"], copy))
                out.write(json.dumps(dict(record, article=article), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

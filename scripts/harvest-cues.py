#!/usr/bin/env python3
"""Counts the cue words PolNeAR's annotators marked, by lemma.

Usage: python3 scripts/harvest-cues.py ../shared/corpus/polnear/train [--min N]
       python3 scripts/harvest-cues.py ../shared/corpus/polnear/train --rate FORM,FORM,...

Reads every `attributions/*.ann` file under the folder, takes the single-word verb cues
(and the first word of multi-word ones), reduces each to a lemma with a small table of
irregular forms and the regular English suffix rules, and prints `count<TAB>lemma<TAB>forms`
by descending count. The lemma list of `schema/lang/cues.en.json` (`lemmas`, each with the
`count` printed here) was reviewed from this output: a lemma enters the lexicon only when
its usual sense in news is a speech or stated-attitude act.

With `--rate`, prints for each word form given (case-insensitive, whole words)
`form<TAB>occurrences<TAB>inside a gold cue<TAB>rate`: how often the annotators marked the
form's occurrences in the texts as (part of) a cue. A candidate lemma or participle is added
to the lexicon only when its forms' rate is high (most of their occurrences are cues).
"""
import re
import collections
import glob
import os
import sys

IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
    "thought": "think", "spoke": "speak", "spoken": "speak", "felt": "feel", "saw": "see",
    "seen": "see", "knew": "know", "known": "know", "found": "find", "read": "read",
    "swore": "swear", "sworn": "swear", "forecast": "forecast", "foresaw": "foresee",
    "taught": "teach", "held": "hold", "made": "make", "gave": "give", "given": "give",
}


def lemma(word):
    w = word.lower().strip(":,. ")
    if w in IRREGULAR:
        return IRREGULAR[w]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: len(w) - len(suffix)] + repl
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
                stem = stem[:-1]
            return stem
    return w


def cue_spans(path):
    """The character spans of the gold cues of one annotation file."""
    spans = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[1].startswith("Cue "):
                continue
            for fragment in parts[1][4:].split(";"):
                start, end = fragment.split()[:2]
                spans.append((int(start), int(end)))
    return spans


def cue_rates(folder, forms):
    """Occurrences of each form in the texts, and how many of them overlap a gold cue."""
    seen, cued = collections.Counter(), collections.Counter()
    for path in glob.glob(os.path.join(folder, "attributions", "*.ann")):
        article = os.path.basename(path)[: -len(".ann")].rsplit("_", 1)[0]
        text_path = os.path.join(folder, "text", article + ".txt")
        if not os.path.exists(text_path):
            continue
        with open(text_path, encoding="utf-8") as f:
            text = f.read().lower()
        spans = cue_spans(path)
        for form in forms:
            pattern = r"(?<![\w’'])" + re.escape(form) + r"(?!\w)"
            for m in re.finditer(pattern, text):
                seen[form] += 1
                if any(a < m.end() and m.start() < b for a, b in spans):
                    cued[form] += 1
    return seen, cued


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    folder = argv[0]
    if "--rate" in argv:
        forms = [f.strip().lower() for f in argv[argv.index("--rate") + 1].split(",") if f.strip()]
        seen, cued = cue_rates(folder, forms)
        for form in forms:
            rate = cued[form] / seen[form] if seen[form] else 0.0
            print(f"{form}\t{seen[form]}\t{cued[form]}\t{rate:.2f}")
        return 0
    minimum = int(argv[argv.index("--min") + 1]) if "--min" in argv else 3
    counts = collections.Counter()
    forms = collections.defaultdict(collections.Counter)
    for path in glob.glob(os.path.join(folder, "attributions", "*.ann")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 3 or not parts[1].startswith("Cue "):
                    continue
                words = parts[2].split()
                if not words or not words[0][:1].isalpha():
                    continue
                head = lemma(words[0])
                counts[head] += 1
                forms[head][parts[2].lower()] += 1
    for head, n in counts.most_common():
        if n < minimum:
            break
        shown = ", ".join(f"{form} {c}" for form, c in forms[head].most_common(5))
        print(f"{n}\t{head}\t{shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Lists the PolNeAR gold attributions an extractor misses, grouped by phenomenon.

Usage: python3 scripts/polnear-misses.py BIN DIR [cue|cue+source|full] [--scorer PATH]

Runs `BIN extract` on every article of DIR (text/ and attributions/, as for
`../shared/corpus/polnear/dev`) through the shared scorer's own functions (`--scorer`, default
`../shared/eval/polnear.py`), matches at the level given (default cue+source) and prints each
unmatched gold attribution with its sentence, grouped: cue missed (and whether it lies inside
another predicted claim's content, whose cue and speaker are printed, or has no source), source wrong, content wrong (full
level), then the cue words missed and the predicted claims that match no gold cue. For
development on dev only: the corpus authors ask that test be used for figures alone.
"""
import argparse
import importlib.util
import os
import sys
import collections

ap = argparse.ArgumentParser()
ap.add_argument("bin")
ap.add_argument("dir")
ap.add_argument("level", nargs="?", default="cue+source", choices=["cue", "cue+source", "full"])
ap.add_argument("--scorer", default="../shared/eval/polnear.py")
args = ap.parse_args()
spec = importlib.util.spec_from_file_location("polnear", args.scorer)
P = importlib.util.module_from_spec(spec)
spec.loader.exec_module(P)
BIN, DIR, level = args.bin, args.dir, args.level
tdir = os.path.join(DIR, 'text')
names = sorted(f[:-4] for f in os.listdir(tdir) if f.endswith('.txt'))
groups = collections.defaultdict(list)
fps = []
cuewords = collections.Counter()

def greedy_pairs(pairs):
    used_p, used_g, m = set(), set(), {}
    for _, p, g in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if p not in used_p and g not in used_g:
            used_p.add(p); used_g.add(g); m[g] = p
    return m

for name in names:
    text = open(os.path.join(tdir, name + '.txt'), encoding='utf-8').read()
    gold = P.parse_ann(P.gold_file(DIR, name), text)
    # contents spans for nesting check
    claims, err = P.read_claims(BIN, os.path.join(tdir, name + '.txt'), 120)
    offs = P.Offsets(text)
    unit = P.choose_offsets(claims, offs, 'auto')
    cs = P.locate_cues(claims, text, offs, unit)
    lv = {"cue": [], "cue+source": [], "full": []}
    for pi, c in enumerate(claims):
        if cs[pi] is None: continue
        for gi, g in enumerate(gold):
            if not P.overlaps(cs[pi], g['cue']): continue
            co = P.cue_overlap(cs[pi], g['cue'])
            lv['cue'].append((co, pi, gi))
            sp = P.speaker_score(c, g)
            if sp is None: continue
            lv['cue+source'].append((co + sp, pi, gi))
            if P.content_score(c, g, offs, unit) >= P.JACCARD_MIN:
                lv['full'].append((co + sp + 1, pi, gi))
    m = {k: greedy_pairs(v) for k, v in lv.items()}
    matched_p = set(m[level].values())
    for gi, g in enumerate(gold):
        if gi in m[level]: continue
        s, e = g['cue'][0][0], g['cue'][-1][1]
        # sentence context
        a = text.rfind('\n', 0, s) + 1
        b = text.find('\n', e); b = len(text) if b < 0 else b
        ctx = text[max(a, s - 200):min(b, e + 150)].replace('\n', ' ')
        if level != 'cue' and gi in m['cue']:
            c = claims[m['cue'][gi]]
            if level == 'full' and gi in m['cue+source']:
                c = claims[m['cue+source'][gi]]
                kind = 'content-wrong'
            else:
                kind = 'source-wrong' if g['source_text'] else 'nosource-but-speaker'
            info = f"pred speaker={c.get('speaker_text')!r} text={(c.get('text') or '')[:100]!r}"
        else:
            # inside a predicted content?
            nested = False
            holder = ''
            for c in claims:
                for sp in (c.get('content_span') or []):
                    sp = P.to_chars(P.as_span(sp), offs, unit)
                    if sp and sp[0] <= s < sp[1]:
                        nested = True
                        # The claim whose content holds the missed cue.
                        holder = f"inside: cue={c.get('cue')!r} speaker={c.get('speaker_text')!r}"
            cw = g['cue_text'].lower()
            cuewords[cw] += 1
            if not g['source_text']:
                kind = 'cue-missed-nosource'
            elif nested:
                kind = 'cue-missed-inside-pred-content'
            else:
                kind = 'cue-missed'
            info = holder if nested else ''
        groups[kind].append((name[:30], g['cue_text'], g['source_text'], g['content_text'][:80], ctx, info))
    for pi, c in enumerate(claims):
        if pi not in set(m['cue'].values()):
            fps.append((name[:30], c.get('cue'), c.get('speaker_text'), (c.get('text') or '')[:80]))

for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1])):
    print(f"=== {k}: {len(v)}")
    for row in v:
        print(f"  [{row[0]}] cue={row[1]!r} src={row[2]!r}\n     content={row[3]!r}\n     ctx={row[4]!r}")
        if row[5]: print('     ', row[5])
print("=== cue words missed:", cuewords.most_common(60))
print(f"=== false positives at cue level: {len(fps)}")
for f in fps: print('  ', f)

import subprocess, sys, os
CG = sys.argv[1]; STORE = sys.argv[2]; SRC = sys.argv[3]; OUT = sys.argv[4]
bench = open(sys.argv[5]).read() if len(sys.argv) > 5 and os.path.exists(sys.argv[5]) else "(not measured yet)"
def run(args):
    p = subprocess.run([CG, "--store", STORE] + args, capture_output=True, text=True)
    out = p.stdout + p.stderr
    return out.rstrip("\n")
Q = [
 ("1. Who said anything about Aleppo between 2016-12-10 and 2016-12-12?", "Said time, speaker, cue, stance, text, via and publisher, in said order. (The Syrian government's and de Mistura's refusals and the Western diplomat's claim have no said time in the article, so no said range holds for them.)", "claims about Aleppo said 2016-12-10..2016-12-12"),
 ("2. What did Russia say, directly or relayed, newest first?", "`by` matches the speaker however the claim reached the article; `direct` or `via X` would narrow it. `by Russia or via Russia` also takes claims Russia relayed; `by Russia or by members of Russia` adds its officials.", "claims by Russia | sort said desc"),
 ("", "", "claims by Russia or by members of Russia | sort said desc"),
 ("3. Who denied claims made by the rebels, and which claims did they deny?", "`links` pairs each denial with the claim it denies.", "claims denying (claims by \"phe nổi dậy\") | links"),
 ("4. Which claims about Aleppo are contested, with the number of supporting and denying claims?", "", "claims about Aleppo where denied | select said, speaker, text, supports, denials"),
 ("5. Claims per speaker about Aleppo, top 10", "", "claims about Aleppo | group speaker | top 10"),
 ("6. Claims relayed via Reuters whose speaker is unnamed", "", "claims via Reuters where speaker.kind = unknown"),
 ("7. Claims with a quantity over 100000", "", "claims where quantity > 100000 | select said, speaker, quantity, unit, text"),
 ("8. Everything published by Pháp luật TPHCM in December 2016", "", "claims published by \"Pháp luật TPHCM\" published 2016-12"),
 ("9. Claims whose event time (not said time) falls in July 2016", "The narrative claim about Jabhat Fateh al-Sham splitting from al-Qaeda \"in July\" was said on 2016-12-12; only its event time is in July.", "claims event within 2016-07 | select said, event, speaker, kind, text"),
 ("10. As of a past ingest time: what did the store hold then?", "The example store was ingested on 2026-11-25, so on 2016-12-13 it held nothing, and by the end of 2026-11-25 it held all eleven claims. (The generated-corpus tests check snapshots between several ingests.)", "claims as of 2016-12-13 | count"),
 ("", "", "claims as of 2026-11-25 | count"),
 ("", "", "claims about Aleppo as of 2026-11-25 | group stance"),
 ("11. Everything said by members of the Russian government", "\"Russian government\" is an alias of Russia in the example store; Sergei Ryabkov is recorded as a member.", "claims by members of \"Russian government\""),
]
parts = []
for title, note, q in Q:
    if title: parts.append(f"### {title}\n")
    if note: parts.append(note + "\n")
    parts.append(f"```\n$ claimgraph query '{q}'\n{run(['query', q])}\n```\n")
E = ["claims about Aleppo said 2016-12-10..2016-12-12", "claims by Russia | sort said desc", "claims about Aleppo | group speaker | top 10", "claims published by \"Pháp luật TPHCM\" published 2016-12", "claims as of 2026-11-25 | count", "claims denying (claims by \"phe nổi dậy\") | links", "claims where quantity > 100000"]
ex = []
for q in E:
    ex.append(f"```\n$ claimgraph explain '{q}'\n{run(['explain', q])}\n```\n")
R = ["claims where spekaer = Russia", "claims by Russian government", "claims by Rusia", "claims said 2016-13", "claims about Aleppo | sortt said", "claims denying claims by Russia", "claims about Nga"]
er = []
for q in R:
    er.append(f"```\n$ claimgraph query '{q}'\n{run(['query', q])}\n```\n")
# Across articles: the English stories fixture, ingested (and linked) into a fresh store.
import tempfile
FIXTURE = "tests/fixtures/link/en-stories.jsonl"
def across():
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "en.db")
        def cg(args):
            p = subprocess.run([CG, "--store", store] + args, capture_output=True, text=True)
            return (p.stdout + p.stderr).rstrip("\n")
        out = [f"$ claimgraph --store en.db ingest {FIXTURE}", cg(["ingest", FIXTURE])]
        for q in ["claims in story s1 | select id, speaker, stance, statement",
                  "claims where independent_sources >= 2 | select statement, speaker, outlets, independent_sources",
                  "claims contested",
                  "claims first reported in story s1 | select id, statement, publisher, published",
                  "stories by Erdogan",
                  "statements by Netanyahu",
                  "statements in story s1 | select statement, speaker, occurrences, independent_sources, first_reported_by"]:
            out += [f"$ claimgraph --store en.db query '{q}'", cg(["query", q]), ""]
        text = "```console\n" + "\n".join(out).rstrip("\n") + "\n```\n\n"
        text += "The same rows as JSON (`--format json`) keep the many-valued `outlets` as an array:\n\n"
        text += "```json\n" + cg(["query", "statements by Netanyahu", "--format", "json"]) + "\n```\n"
        return text
text = open(SRC).read().replace("@@EXAMPLES@@", "\n".join(parts)).replace("@@EXPLAINS@@", "\n".join(ex)).replace("@@ERRORS@@", "\n".join(er)).replace("@@BENCH@@", bench).replace("@@ACROSS@@", across())
open(OUT, "w").write(text)

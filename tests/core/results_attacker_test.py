#!/usr/bin/python3
"""The attacker test (issue 10): plays a Board member who opens every results
view of a form and combines them to work out hidden counts.

It shares no code with the results engine. It runs the program results_dump
(which prints every number of every view as the Board sees it), rebuilds the
linear structure from the views' own coordinates (a cell is the sum of the
leaves version x site x month x answer its coordinates name: all sites, a
quarter's three months, all versions, all answers), writes the constraints
(every shown number equals its sum; counts are non-negative; for a
multiple-choice question no option is chosen by more people than answered;
and, linking the questions of the form, no question is answered by more
people than sent the form: each question's total per version, site and month
is at most the answers received there, which the Board can see), and for
each hidden number asks a real LP solver (GLPK, python3-swiglpk) for the
smallest and largest value it can take, over the whole form at once. It
fails when
  - a hidden number's interval lies inside 1..k-1 (it is known to be small), or
  - the interval is a single value (it is known exactly), or
  - in a group of fewer than k people (a question's total in one view), every
    answer but one is shown as 0 or proven 0 (everyone gave the same answer).

It also reads the EQUALITY views: every breakdown of a question's answers by
an "About you" group (/results/{form}/about-you: per closed quarter, all
sites and each site) and "who are we hearing from" (/results/hearing-from:
answers received by site and the "About you" questions per quarter, which are
ordinary cells, and the languages people used). Their leaves are the same
version x site x month cells, split again by group (and by language), and the
LP links them to the question views: a breakdown's rows add up, answer by
answer, to the question's count in the same leaf; a group's people who
answered the question are no more than the group's own count (the "About
you" question's answers), and the people who did not answer the "About you"
question no more than the answers received less those who did; the languages
of a leaf add up to its answers received (less items with no language). A
hidden breakdown or language number fails like any other; a group of fewer
than k in a breakdown whose answers are all 0 but one fails too. SKIP COUNTS
(answers received less a question's total) are cells of their own, held to
the same rules.

Datasets are built to tempt it (a site-month with 3 "no" answers; a quarter
whose months differ by 1-4; a site with a single answer; a form everyone
answers in full, where a question's total is the answers received) plus
random ones with a printed seed; for the equality views, one person of a
rare ethnicity at a small site and a group of 3 who all answered "no". The
same attacker must WIN against the equality views suppressed per table, against per-table
suppression (engage/suppression.hpp alone) and against the older engine that
hid each question's views jointly but questions on their own (where everyone
answers every question), or it proves nothing.

Usage: results_attacker_test.py PATH/TO/results_dump [--random N]
       [--random-equality N] [--seed S]
"""
import itertools
import json
import math
import random
import subprocess
import sys
import time

import swiglpk as glp

K = 5
TODAY = "2026-12-15"  # Dec open: Oct and Nov closed, Q4 not; Q2 and Q3 closed
MONTHS = ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]


def form(version, questions):
    return {"slug": "feedback", "kind": "feedback", "version": version, "status": "published",
            "title": {"en": "Feedback"}, "sites": [], "questions": questions}


def choice(qid, options, qtype="choice"):
    return {"id": qid, "type": qtype, "text": {"en": qid},
            "options": [{"id": o, "text": {"en": o}} for o in options]}


def plain(qid, qtype):
    return {"id": qid, "type": qtype, "text": {"en": qid}}


FORMS = [
    form(1, [choice("safe", ["yes", "sometimes", "no"]), plain("visit", "scale"),
             choice("help", ["food", "shower", "advice"], "multi")]),
    form(2, [choice("safe", ["yes", "sometimes", "no"]), plain("trust", "yesno"),
             choice("help", ["food", "shower", "advice", "laundry"], "multi")]),
]
QUESTIONS = {  # version -> question -> (type, answers)
    1: {"safe": ("choice", ["yes", "sometimes", "no"]), "visit": ("scale", ["1", "2", "3", "4", "5"]),
        "help": ("multi", ["food", "shower", "advice"])},
    2: {"safe": ("choice", ["yes", "sometimes", "no"]), "trust": ("yesno", ["yes", "no"]),
        "help": ("multi", ["food", "shower", "advice", "laundry"])},
}
TYPES = {"safe": "choice", "visit": "scale", "trust": "yesno", "help": "multi",
         "about-you-ethnicity": "choice", "about-you-disability": "choice"}

# The "About you" questions the equality datasets add (a few of the ONS 2021
# options, enough for every high-level group; engage/about_you.hpp).
ETHNICITY = ["asian-indian", "black-african", "black-caribbean", "mixed-other", "white-british",
             "white-other", "other-arab", "prefer-not-to-say"]
DISABILITY = ["yes", "no", "prefer-not-to-say"]
ABOUT_YOU = {"about-you-ethnicity": ETHNICITY, "about-you-disability": DISABILITY}
LANGUAGES = ["en", "pl", "ar", "ti"]


def group_of(gq, option):
    """engage::about_you::group_of: ethnicity by its high-level group."""
    if gq == "about-you-ethnicity" and "-" in option and option != "prefer-not-to-say":
        return option.split("-")[0]
    return option


def groups_of(gq):
    out = []
    for o in ABOUT_YOU[gq]:
        if group_of(gq, o) not in out:
            out.append(group_of(gq, o))
    return out


def about_you_question(qid, options):
    q = choice(qid, options)
    q["demographic"] = True
    return q


EQ_FORMS = [dict(f, questions=f["questions"] + [about_you_question(g, o) for g, o in ABOUT_YOU.items()])
            for f in FORMS]


class Counts:
    """answer_counts as ingest keeps them: (v, site, month, q, answer) -> n."""

    def __init__(self):
        self.c = {}
        self.groups = {}     # (v, site, month, group_q, group, q, answer) -> n
        self.languages = {}  # (site, month, language) -> n

    def add(self, v, site, month, q, answer, n=1):
        key = (v, site, month, q, answer)
        self.c[key] = self.c.get(key, 0) + n

    def person(self, v, site, month, answers, language="en"):
        """One submission: {question: answer or list}; skipped ones absent.
        Counted as the store counts it at ingest (answer_counts, item_counts,
        group_counts under each "About you" group, language_counts)."""
        groups = [(q, group_of(q, a)) for q, a in answers.items() if q in ABOUT_YOU]

        def count(q, a):
            self.add(v, site, month, q, a)
            if q in ABOUT_YOU:
                return
            for gq, g in groups:
                key = (v, site, month, gq, g, q, a)
                self.groups[key] = self.groups.get(key, 0) + 1
        count("", "")  # answers received (item_counts)
        for q, a in answers.items():
            count(q, "")
            for x in (a if isinstance(a, list) else [a]):
                count(q, x)
        key = (site, month, language)
        self.languages[key] = self.languages.get(key, 0) + 1

    def rows(self):
        return [[v, s, m, q, a, n] for (v, s, m, q, a), n in sorted(self.c.items())]

    def group_rows(self):
        return [list(k) + [n] for k, n in sorted(self.groups.items())]

    def language_rows(self):
        return [list(k) + [n] for k, n in sorted(self.languages.items())]


def random_person(rng, v, skip=0.15):
    answers = {}
    for q, (t, opts) in QUESTIONS[v].items():
        if rng.random() < skip:
            continue  # skipped
        if t == "multi":
            answers[q] = sorted(rng.sample(opts, rng.randint(1, len(opts))))
        else:
            answers[q] = rng.choices(opts, weights=range(len(opts), 0, -1))[0]
    return answers


def fill(counts, rng, sites, months, busy, skip=0.15):
    """`busy`: (lo, hi) people per site-month; version 1 until August, then 2."""
    for s in sites:
        for m in months:
            v = 1 if m <= "2026-08" else 2
            for _ in range(rng.randint(*busy)):
                counts.person(v, s, m, random_person(rng, v, skip))


def tempting():
    """Hand-made datasets, each with the trap it sets."""
    out = []
    rng = random.Random(1)

    # A site-month with 3 "no" answers among many others.
    c = Counts()
    fill(c, rng, ["east", "north", "west"], MONTHS, (12, 20))
    for _ in range(3):
        c.person(2, "east", "2026-10", {"safe": "no", "trust": "yes"})
    out.append(("site-month with 3 'no' answers", c))

    # A quarter whose months differ by 1-4: site 'north' has 2, 1 and 4
    # "sometimes" in July, August, September; the quarter shows their sum.
    c = Counts()
    for s in ["east", "north", "west"]:
        for m in MONTHS:
            v = 1 if m <= "2026-08" else 2
            yes = 14 + (MONTHS.index(m) % 3)
            for _ in range(yes):
                c.person(v, s, m, {"safe": "yes"})
            small = {"2026-07": 2, "2026-08": 1, "2026-09": 4}.get(m, 6) if s == "north" else 7
            for _ in range(small):
                c.person(v, s, m, {"safe": "sometimes"})
            for _ in range(9):
                c.person(v, s, m, {"safe": "no"})
    out.append(("a quarter whose months differ by 1-4", c))

    # A site with one answer in the whole dataset.
    c = Counts()
    fill(c, rng, ["east", "west"], MONTHS, (10, 16))
    c.person(2, "hub", "2026-10", {"safe": "no", "trust": "no", "help": ["advice"]})
    out.append(("a site with a single answer", c))

    # A small month where everyone gave the same answer.
    c = Counts()
    fill(c, rng, ["east", "west"], MONTHS, (10, 16))
    for _ in range(3):
        c.person(2, "north", "2026-11", {"safe": "yes", "trust": "yes", "help": ["food"]})
    out.append(("a small group who all said the same", c))
    out.extend(linked_questions())
    return out


def linked_questions():
    """Everyone answers every question, so a question's total at a site and
    month is the answers received there, which the Board can see. 3 "no" to
    'trust' at east in October, 2 at north, 6 at west."""
    c = Counts()
    rng = random.Random(2)
    for s in ["east", "north", "west"]:
        for m in MONTHS:
            v = 1 if m <= "2026-08" else 2
            yes = 15 if m != "2026-10" else 12
            no = {"east": 3, "north": 2, "west": 6}[s] if m == "2026-10" else 7
            for trust in ["yes"] * yes + ["no"] * no:
                answers = random_person(rng, v, skip=0.0)
                if v == 2:
                    answers["trust"] = trust
                c.person(v, s, m, answers)
    return [("everyone answers every question", c)]


def equality_person(rng, v, skip=0.15):
    answers = random_person(rng, v, skip)
    for gq, options in ABOUT_YOU.items():
        if rng.random() >= skip:
            answers[gq] = rng.choices(options, weights=range(len(options), 0, -1))[0]
    return answers


def equality_datasets():
    """Datasets that tempt the equality views (form EQ_FORMS)."""
    out = []
    rng = random.Random(3)
    # One person of a rare ethnicity at a small site: 'hub' has 6 people in
    # August, one of them Black; everyone else at every site is White.
    c = Counts()
    for s in ["east", "west", "hub"]:
        for m in MONTHS:
            v = 1 if m <= "2026-08" else 2
            n = 6 if s == "hub" else 14
            for i in range(n):
                answers = random_person(rng, v, skip=0.0)
                answers["about-you-disability"] = "no" if i % 3 else "yes"
                rare = s == "hub" and m == "2026-08" and i == 0
                answers["about-you-ethnicity"] = "black-african" if rare else "white-british"
                c.person(v, s, m, answers, "ti" if rare else "en")
    out.append(("one person of a rare ethnicity at a small site", c))

    # A group of 3 who all answered "no": three Asian people at east in
    # July, all "no" to 'safe', among many White people who answered freely.
    c = Counts()
    for s in ["east", "west"]:
        for m in MONTHS:
            v = 1 if m <= "2026-08" else 2
            for i in range(12):
                answers = random_person(rng, v, skip=0.0)
                answers["about-you-ethnicity"] = "white-other"
                answers["about-you-disability"] = "no"
                c.person(v, s, m, answers, "pl" if i % 2 else "en")
    for _ in range(3):
        c.person(1, "east", "2026-07", {"safe": "no", "visit": "2",
                                        "about-you-ethnicity": "asian-indian",
                                        "about-you-disability": "no"}, "en")
    out.append(("a group of 3 who all answered 'no'", c))

    # Busy sites whose breakdowns can be shown, with a few of everyone.
    c = Counts()
    for s in ["east", "west"]:
        for m in MONTHS:
            v = 1 if m <= "2026-08" else 2
            for _ in range(rng.randint(15, 25)):
                c.person(v, s, m, equality_person(rng, v), rng.choice(LANGUAGES[:2]))
    out.append(("busy sites with every group", c))
    return out


def random_equality_dataset(seed):
    rng = random.Random(seed)
    c = Counts()
    for s in ["s%d" % i for i in range(rng.randint(2, 3))]:
        lo = rng.choice([1, 2, 5, 10])
        for m in MONTHS[rng.randint(0, 3):]:
            v = 1 if m <= "2026-08" else 2
            for _ in range(rng.randint(lo, lo + 12)):
                c.person(v, s, m, equality_person(rng, v), rng.choice(LANGUAGES))
    return c


def random_dataset(seed):
    rng = random.Random(seed)
    c = Counts()
    sites = ["s%d" % i for i in range(rng.randint(2, 4))]
    for s in sites:
        lo = rng.choice([0, 1, 2, 5])
        fill(c, rng, [s], MONTHS[rng.randint(0, 3):], (lo, lo + rng.randint(1, 12)))
    return c


def run_dump(dump, counts, mechanism, forms=FORMS):
    data = {"k": K, "today": TODAY, "mechanism": mechanism, "forms": forms, "rows": counts.rows(),
            "groups": counts.group_rows(), "languages": counts.language_rows()}
    p = subprocess.run([dump], input=json.dumps(data), capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def quarter_months(period):
    y, q = period.split("-Q")
    first = (int(q) - 1) * 3 + 1
    return ["%s-%02d" % (y, first + i) for i in range(3)]


class Attacker:
    """Everything the Board can open for one form, as one LP."""

    def __init__(self, published):
        self.published = published
        self.cells = published["cells"]
        self.sites = published["sites"]
        self.months = published["months"]
        self.questions = [q for q in TYPES if any(c["q"] == q for c in self.cells)]
        self.versions = {}  # question ("" for answers received) -> versions
        self.answers = {}
        for q in self.questions + [""]:
            cells = [c for c in self.cells if c["q"] == q]
            self.versions[q] = sorted({c["v"] for c in cells if c["v"] is not None})
            self.answers[q] = sorted({c["a"] for c in cells if c["a"] != ""})
        # Variables: leaves (q, v, s, m, a); for a multi question a = "" is
        # the people who answered, each option the people who chose it; for
        # answers received q = a = "".
        self.leaves = []
        for q in self.questions + [""]:
            multi = q == "" or TYPES[q] == "multi"
            keys = self.answers[q] + ([""] if multi else [])
            self.leaves.extend((q,) + leaf for leaf in itertools.product(
                self.versions[q], self.sites, self.months, keys))
        rows = []  # (coefficients {col: c}, type, bound)
        self.equality_cells = []  # (description, {col: coef}, hidden, value, row group)
        self.add_equality_leaves(published)
        self.index = {leaf: i + 1 for i, leaf in enumerate(self.leaves)}
        self.lp = glp.glp_create_prob()
        glp.glp_add_cols(self.lp, len(self.leaves))
        for j in range(1, len(self.leaves) + 1):
            glp.glp_set_col_bnds(self.lp, j, glp.GLP_LO, 0.0, 0.0)
        for c in self.cells:
            if not c["hidden"]:
                rows.append((self.columns(c), glp.GLP_FX, float(c["value"])))
        rows.extend(self.equality_rows())
        for q in self.questions:
            for v, s, m in itertools.product(self.versions[q], self.sites, self.months):
                if TYPES[q] == "multi":
                    total = {self.index[(q, v, s, m, "")]: 1.0}
                    for a in self.answers[q]:
                        rows.append(({self.index[(q, v, s, m, a)]: 1.0,
                                      self.index[(q, v, s, m, "")]: -1.0}, glp.GLP_UP, 0.0))
                else:
                    total = {self.index[(q, v, s, m, a)]: 1.0 for a in self.answers[q]}
                # Nobody answers a question without sending the form.
                if (("", v, s, m, "")) in self.index:
                    total[self.index[("", v, s, m, "")]] = -1.0
                    rows.append((total, glp.GLP_UP, 0.0))
        if rows:  # none when every number is hidden
            glp.glp_add_rows(self.lp, len(rows))
        entries = []
        for i, (coef, kind, bound) in enumerate(rows, start=1):
            glp.glp_set_row_bnds(self.lp, i, kind, bound, bound)
            entries.extend((i, j, x) for j, x in coef.items())
        n = len(entries)
        ia, ja, ar = glp.intArray(n + 1), glp.intArray(n + 1), glp.doubleArray(n + 1)
        for t, (i, j, x) in enumerate(entries, start=1):
            ia[t], ja[t], ar[t] = i, j, x
        glp.glp_load_matrix(self.lp, n, ia, ja, ar)
        self.parm = glp.glp_smcp()
        glp.glp_init_smcp(self.parm)
        self.parm.msg_lev = glp.GLP_MSG_OFF

    def columns(self, c):
        """{column: coefficient} of a question cell (or a skip count)."""
        q = c["q"]
        vs = self.versions[q] if c["v"] is None else [c["v"]]
        ss = self.sites if c["s"] is None else [c["s"]]
        ms = quarter_months(c["p"]) if "-Q" in c["p"] else [c["p"]]
        if c.get("skip"):
            # Answers received, in the versions that ask the question, less
            # the people who answered it.
            out = {}
            for v, s, m in itertools.product(vs, ss, ms):
                out[self.index[("", v, s, m, "")]] = 1.0
                for j in self.columns({"q": q, "a": "", "v": v, "s": s, "p": m}):
                    out[j] = out.get(j, 0.0) - 1.0
            return out
        if q == "" or TYPES[q] == "multi":
            ans = [c["a"]]
        else:
            ans = self.answers[q] if c["a"] == "" else [c["a"]]
        return {self.index[(q, v, s, m, a)]: 1.0
                for v, s, m, a in itertools.product(vs, ss, ms, ans)}

    # -- the equality views ------------------------------------------------
    def closed_quarter_months(self):
        return [m for p in self.published.get("quarters", []) for m in quarter_months(p)
                if m in self.months]

    def add_equality_leaves(self, published):
        """Breakdown leaves ("B", q, group_q, group, v, s, m, a) (group "" for
        people who did not answer the "About you" question; a = "" is the
        people who answered a multiple-choice question) and language leaves
        ("L", s, m, language), ("U", s, m) for items with none."""
        self.bq = sorted({(b["q"], b["g"]) for b in published.get("breakdowns", [])})
        qmonths = self.closed_quarter_months()
        for q, gq in self.bq:
            multi = TYPES[q] == "multi"
            for v, s, m in itertools.product(self.versions[q], self.sites, qmonths):
                for g in self.groups_in(gq, v):
                    for a in self.answers[q] + ([""] if multi else []):
                        self.leaves.append(("B", q, gq, g, v, s, m, a))
        self.langs = sorted({code for lv in published.get("languages", [])
                             for code in lv["counts"]} | set(LANGUAGES))
        if published.get("languages"):
            for s, m in itertools.product(self.sites, qmonths):
                for lang in self.langs:
                    self.leaves.append(("L", s, m, lang))
                self.leaves.append(("U", s, m))

    def groups_in(self, gq, v):
        return (groups_of(gq) if v in self.versions.get(gq, []) else []) + [""]

    def row_total(self, q, gq, g, v, s, m):
        if TYPES[q] == "multi":
            return {self.index[("B", q, gq, g, v, s, m, "")]: 1.0}
        return {self.index[("B", q, gq, g, v, s, m, a)]: 1.0 for a in self.answers[q]}

    def equality_rows(self):
        rows = []
        qmonths = self.closed_quarter_months()
        for q, gq in self.bq:
            multi = TYPES[q] == "multi"
            for v, s, m in itertools.product(self.versions[q], self.sites, qmonths):
                groups = self.groups_in(gq, v)
                # The groups split the question's count, answer by answer.
                for a in self.answers[q] + ([""] if multi else []):
                    coef = {self.index[("B", q, gq, g, v, s, m, a)]: 1.0 for g in groups}
                    coef[self.index[(q, v, s, m, a)]] = -1.0
                    rows.append((coef, glp.GLP_FX, 0.0))
                    if multi and a != "":
                        for g in groups:
                            rows.append(({self.index[("B", q, gq, g, v, s, m, a)]: 1.0,
                                          self.index[("B", q, gq, g, v, s, m, "")]: -1.0},
                                         glp.GLP_UP, 0.0))
                # A group's people who answered q are no more than the group.
                answered_g = {}
                for g in groups:
                    coef = self.row_total(q, gq, g, v, s, m)
                    if g != "":
                        for o in ABOUT_YOU[gq]:
                            if group_of(gq, o) == g:
                                coef[self.index[(gq, v, s, m, o)]] = -1.0
                                answered_g[self.index[(gq, v, s, m, o)]] = 1.0
                        rows.append((coef, glp.GLP_UP, 0.0))
                # ... and those who did not say, no more than received less
                # the people who answered the "About you" question.
                coef = self.row_total(q, gq, "", v, s, m)
                coef[self.index[("", v, s, m, "")]] = -1.0
                for j in answered_g:
                    coef[j] = coef.get(j, 0.0) + 1.0
                rows.append((coef, glp.GLP_UP, 0.0))
        if self.published.get("languages"):
            for s, m in itertools.product(self.sites, qmonths):
                coef = {self.index[("L", s, m, lang)]: 1.0 for lang in self.langs}
                coef[self.index[("U", s, m)]] = 1.0
                for v in self.versions[""]:
                    coef[self.index[("", v, s, m, "")]] = -1.0
                rows.append((coef, glp.GLP_FX, 0.0))
        # The published numbers of the equality views.
        for b in self.published.get("breakdowns", []):
            q, gq = b["q"], b["g"]
            ss = self.sites if b["s"] is None else [b["s"]]
            ms = quarter_months(b["p"])
            shown_rows = {r["grp"]: r for r in b["rows"]}
            for g in groups_of(gq) + [""]:
                cells = []  # (answer or None for the row total, {col: coef})
                for i, a in enumerate(b["answers"]):
                    coef = {}
                    for v, s, m in itertools.product(self.versions[q], ss, ms):
                        if g in self.groups_in(gq, v):
                            coef[self.index[("B", q, gq, g, v, s, m, a)]] = 1.0
                    cells.append((a, coef))
                coef = {}
                for v, s, m in itertools.product(self.versions[q], ss, ms):
                    if g in self.groups_in(gq, v):
                        coef.update(self.row_total(q, gq, g, v, s, m))
                cells.append((None, coef))
                row = shown_rows.get(g)
                for i, (a, coef) in enumerate(cells):
                    hidden, value = (True, 0) if row is None else (
                        row["total"] if a is None else row["cells"][i])
                    what = "breakdown %s by %s/%s %s site=%s %s" % (
                        q, gq, g or "(not said)", a or "(total)", b["s"] or "all", b["p"])
                    self.equality_cells.append((what, coef, hidden, value,
                                                (q, gq, g, b["s"], b["p"], a)))
                    if not hidden and coef:
                        rows.append((coef, glp.GLP_FX, float(value)))
        for lv in self.published.get("languages", []):
            for lang in self.langs:
                coef = {self.index[("L", s, m, lang)]: 1.0
                        for s in self.sites for m in quarter_months(lv["p"])}
                hidden = not lv["shown"]
                value = lv["counts"].get(lang, 0)
                self.equality_cells.append(("language %s all sites %s" % (lang, lv["p"]), coef,
                                            hidden, value, None))
                if not hidden:
                    rows.append((coef, glp.GLP_FX, float(value)))
        return rows

    def bounds(self, c):
        return self.bounds_of(self.columns(c))

    def bounds_of(self, coef):
        if not coef:
            return 0, 0
        out = []
        for direction in (glp.GLP_MIN, glp.GLP_MAX):
            glp.glp_set_obj_dir(self.lp, direction)
            for j, x in coef.items():
                glp.glp_set_obj_coef(self.lp, j, x)
            glp.glp_simplex(self.lp, self.parm)
            status = glp.glp_get_status(self.lp)
            if status == glp.GLP_UNBND:
                out.append(math.inf)
            elif status == glp.GLP_OPT:
                out.append(glp.glp_get_obj_val(self.lp))
            else:
                raise RuntimeError("published views are inconsistent (status %d)" % status)
            for j in coef:
                glp.glp_set_obj_coef(self.lp, j, 0.0)
        lo = math.ceil(out[0] - 1e-6)
        hi = out[1] if math.isinf(out[1]) else math.floor(out[1] + 1e-6)
        return lo, hi


def describe(c):
    what = "(skipped)" if c.get("skip") else (c["a"] or "(total)")
    return "%s/%s v=%s site=%s %s" % (c["q"] or "(answers received)", what,
                                      c["v"] or "all", c["s"] or "all", c["p"])


def attack(dump, counts, mechanism, forms=FORMS, first_only=False):
    """Returns the list of disclosures the attacker finds; with first_only,
    the equality views' first (else the question views' first) and stops
    there, for the engines it must beat."""
    published = run_dump(dump, counts, mechanism, forms)
    a = Attacker(published)
    if first_only:
        found = attack_equality(a, counts, True)
        if found:
            return found
    found = []
    proven_zero = {}
    for c in a.cells:
        key = (c["q"], c["a"], c.get("skip"), c["v"], c["s"], c["p"])
        if not c["hidden"]:
            proven_zero[key] = c["value"] == 0
            continue
        lo, hi = a.bounds(c)
        proven_zero[key] = hi <= 0
        if lo == hi:
            found.append("%s is exactly %d" % (describe(c), lo))
        elif lo >= 1 and hi <= K - 1:
            found.append("%s lies in %d..%d" % (describe(c), lo, hi))
        if found and first_only:
            return found
    # Unanimity: a small group whose answers are all 0 but one.
    for c in a.cells:
        q = c["q"]
        if q == "" or TYPES[q] == "multi" or c["a"] != "":
            continue
        true_total = true_value(counts, a, c)
        if not 1 <= true_total <= K - 1:
            continue
        if c.get("skip"):
            continue
        open_answers = [x for x in a.answers[q]
                        if not proven_zero[(q, x, False, c["v"], c["s"], c["p"])]]
        if len(open_answers) <= 1:
            found.append("everyone in %s (fewer than %d) said %s" % (describe(c), K, open_answers))
    found.extend(attack_equality(a, counts))
    return found


def attack_equality(a, counts, first_only=False):
    """The equality views: hidden breakdown and language numbers, and small
    groups in a breakdown whose answers are all 0 but one."""
    found = []
    zero = {}
    for what, coef, hidden, value, key in a.equality_cells:
        if found and first_only:
            return found
        if not hidden:
            if key is not None:
                zero[key] = value == 0
            continue
        lo, hi = a.bounds_of(coef)
        if key is not None:
            zero[key] = hi <= 0
        # A breakdown hidden whole still has rows the Board can tell are 0
        # (a group the "About you" view shows as 0 people): "nobody" points
        # at no one, as a shown 0 does. Any other single value is a
        # disclosure; a 0 that decides "everyone said the same" is caught
        # below.
        if lo == hi and lo != 0:
            found.append("%s is exactly %d" % (what, lo))
        elif lo >= 1 and hi <= K - 1:
            found.append("%s lies in %d..%d" % (what, lo, hi))
    for b in a.published.get("breakdowns", []):
        q, gq = b["q"], b["g"]
        if TYPES[q] == "multi":
            continue
        for g in groups_of(gq):
            n = true_group_total(counts, a, b, g)
            if not 1 <= n <= K - 1:
                continue
            open_answers = [x for x in b["answers"]
                            if not zero.get((q, gq, g, b["s"], b["p"], x), False)]
            if len(open_answers) <= 1:
                found.append("everyone in group %s/%s answering %s at site=%s %s (fewer than %d)"
                             " said %s" % (gq, g, q, b["s"] or "all", b["p"], K, open_answers))
    return found


def true_group_total(counts, attacker, b, g):
    ss = attacker.sites if b["s"] is None else [b["s"]]
    total = 0
    for (v, s, m, gq, grp, q, ans), n in counts.groups.items():
        if gq == b["g"] and grp == g and q == b["q"] and ans == "" and s in ss and \
                m in quarter_months(b["p"]):
            total += n
    return total


def true_value(counts, attacker, c):
    vs = attacker.versions[c["q"]] if c["v"] is None else [c["v"]]
    ss = attacker.sites if c["s"] is None else [c["s"]]
    ms = quarter_months(c["p"]) if "-Q" in c["p"] else [c["p"]]
    total = 0
    for v, s, m in itertools.product(vs, ss, ms):
        for ans in attacker.answers[c["q"]]:
            total += counts.c.get((v, s, m, c["q"], ans), 0)
    return total


def main():
    dump = sys.argv[1]
    n_random = 6
    n_equality = 2
    seed = random.SystemRandom().randrange(1 << 30)
    args = sys.argv[2:]
    while args:
        if args[0] == "--random":
            n_random = int(args[1])
        elif args[0] == "--random-equality":
            n_equality = int(args[1])
        elif args[0] == "--seed":
            seed = int(args[1])
        args = args[2:]
    print("random seed %d (rerun with --seed %d)" % (seed, seed), flush=True)
    failures = 0
    datasets = tempting()
    rng = random.Random(seed)
    for i in range(n_random):
        s = rng.randrange(1 << 30)
        datasets.append(("random dataset, seed %d" % s, random_dataset(s)))
    for name, counts in datasets:
        started = time.monotonic()
        found = attack(dump, counts, "linked")
        print("%-45s linked suppression: %d disclosures (%.0f s)"
              % (name, len(found), time.monotonic() - started), flush=True)
        for f in found[:10]:
            print("    " + f)
        failures += len(found) > 0
    # The equality views: breakdowns by "About you" group and languages.
    equality = equality_datasets()
    for i in range(n_equality):
        s = rng.randrange(1 << 30)
        equality.append(("random equality dataset, seed %d" % s, random_equality_dataset(s)))
    for name, counts in equality:
        started = time.monotonic()
        found = attack(dump, counts, "linked", EQ_FORMS)
        print("%-45s linked suppression: %d disclosures (%.0f s)"
              % (name, len(found), time.monotonic() - started), flush=True)
        for f in found[:10]:
            print("    " + f)
        failures += len(found) > 0
    # The attacker must win against breakdowns suppressed table by table.
    for name, counts in equality_datasets()[:2]:
        found = attack_equality(Attacker(run_dump(dump, counts, "equality_per_table", EQ_FORMS)),
                                counts)
        # The small ones first: they are what the rule exists for.
        found.sort(key=lambda f: ("lies in" not in f and "said" not in f, f))
        print("%-45s per-table breakdowns: %s" % (name, "beaten" if found else "NOT beaten (must be)"),
              flush=True)
        for f in found[:3]:
            print("    " + f)
        failures += len(found) == 0
    # The attacker must be able to win: against per-table suppression it must
    # find something in every tempting dataset.
    for name, counts in tempting():
        found = attack(dump, counts, "per_table", first_only=True)
        print("%-45s per-table suppression: %s" % (name, "beaten" if found else "NOT beaten (must be)"),
              flush=True)
        for f in found[:3]:
            print("    " + f)
        failures += len(found) == 0
    # ... and against the older engine, joint per question only, where
    # everyone answers every question (the gap docs/privacy.md used to name).
    for name, counts in linked_questions():
        found = attack(dump, counts, "per_question", first_only=True)
        print("%-45s per-question suppression: %s" % (name, "beaten" if found else "NOT beaten (must be)"),
              flush=True)
        for f in found[:3]:
            print("    " + f)
        failures += len(found) == 0
    print("FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

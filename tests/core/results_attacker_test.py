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

Datasets are built to tempt it (a site-month with 3 "no" answers; a quarter
whose months differ by 1-4; a site with a single answer; a form everyone
answers in full, where a question's total is the answers received) plus
random ones with a printed seed. The same attacker must WIN against per-table
suppression (engage/suppression.hpp alone) and against the older engine that
hid each question's views jointly but questions on their own (where everyone
answers every question), or it proves nothing.

Usage: results_attacker_test.py PATH/TO/results_dump [--random N] [--seed S]
"""
import itertools
import json
import math
import random
import subprocess
import sys

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
TYPES = {"safe": "choice", "visit": "scale", "trust": "yesno", "help": "multi"}


class Counts:
    """answer_counts as ingest keeps them: (v, site, month, q, answer) -> n."""

    def __init__(self):
        self.c = {}

    def add(self, v, site, month, q, answer, n=1):
        key = (v, site, month, q, answer)
        self.c[key] = self.c.get(key, 0) + n

    def person(self, v, site, month, answers):
        """One submission: {question: answer or list}; skipped ones absent."""
        self.add(v, site, month, "", "")  # answers received (item_counts)
        for q, a in answers.items():
            self.add(v, site, month, q, "")
            for x in (a if isinstance(a, list) else [a]):
                self.add(v, site, month, q, x)

    def rows(self):
        return [[v, s, m, q, a, n] for (v, s, m, q, a), n in sorted(self.c.items())]


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


def random_dataset(seed):
    rng = random.Random(seed)
    c = Counts()
    sites = ["s%d" % i for i in range(rng.randint(2, 4))]
    for s in sites:
        lo = rng.choice([0, 1, 2, 5])
        fill(c, rng, [s], MONTHS[rng.randint(0, 3):], (lo, lo + rng.randint(1, 12)))
    return c


def run_dump(dump, counts, mechanism):
    data = {"k": K, "today": TODAY, "mechanism": mechanism, "forms": FORMS, "rows": counts.rows()}
    p = subprocess.run([dump], input=json.dumps(data), capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def quarter_months(period):
    y, q = period.split("-Q")
    first = (int(q) - 1) * 3 + 1
    return ["%s-%02d" % (y, first + i) for i in range(3)]


class Attacker:
    """Everything the Board can open for one form, as one LP."""

    def __init__(self, published):
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
        self.index = {leaf: i + 1 for i, leaf in enumerate(self.leaves)}
        self.lp = glp.glp_create_prob()
        glp.glp_add_cols(self.lp, len(self.leaves))
        for j in range(1, len(self.leaves) + 1):
            glp.glp_set_col_bnds(self.lp, j, glp.GLP_LO, 0.0, 0.0)
        rows = []  # (coefficients {col: c}, type, bound)
        for c in self.cells:
            if not c["hidden"]:
                rows.append(({j: 1.0 for j in self.columns(c)}, glp.GLP_FX, float(c["value"])))
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
        q = c["q"]
        vs = self.versions[q] if c["v"] is None else [c["v"]]
        ss = self.sites if c["s"] is None else [c["s"]]
        ms = quarter_months(c["p"]) if "-Q" in c["p"] else [c["p"]]
        if q == "" or TYPES[q] == "multi":
            ans = [c["a"]]
        else:
            ans = self.answers[q] if c["a"] == "" else [c["a"]]
        return [self.index[(q, v, s, m, a)] for v, s, m, a in itertools.product(vs, ss, ms, ans)]

    def bounds(self, c):
        cols = self.columns(c)
        out = []
        for direction in (glp.GLP_MIN, glp.GLP_MAX):
            glp.glp_set_obj_dir(self.lp, direction)
            for j in cols:
                glp.glp_set_obj_coef(self.lp, j, 1.0)
            glp.glp_simplex(self.lp, self.parm)
            status = glp.glp_get_status(self.lp)
            if status == glp.GLP_UNBND:
                out.append(math.inf)
            elif status == glp.GLP_OPT:
                out.append(glp.glp_get_obj_val(self.lp))
            else:
                raise RuntimeError("published views are inconsistent (status %d)" % status)
            for j in cols:
                glp.glp_set_obj_coef(self.lp, j, 0.0)
        lo = math.ceil(out[0] - 1e-6)
        hi = out[1] if math.isinf(out[1]) else math.floor(out[1] + 1e-6)
        return lo, hi


def describe(c):
    return "%s/%s v=%s site=%s %s" % (c["q"] or "(answers received)", c["a"] or "(total)",
                                      c["v"] or "all", c["s"] or "all", c["p"])


def attack(dump, counts, mechanism):
    """Returns the list of disclosures the attacker finds."""
    published = run_dump(dump, counts, mechanism)
    found = []
    a = Attacker(published)
    proven_zero = {}
    for c in a.cells:
        key = (c["q"], c["a"], c["v"], c["s"], c["p"])
        if not c["hidden"]:
            proven_zero[key] = c["value"] == 0
            continue
        lo, hi = a.bounds(c)
        proven_zero[key] = hi <= 0
        if lo == hi:
            found.append("%s is exactly %d" % (describe(c), lo))
        elif lo >= 1 and hi <= K - 1:
            found.append("%s lies in %d..%d" % (describe(c), lo, hi))
    # Unanimity: a small group whose answers are all 0 but one.
    for c in a.cells:
        q = c["q"]
        if q == "" or TYPES[q] == "multi" or c["a"] != "":
            continue
        true_total = true_value(counts, a, c)
        if not 1 <= true_total <= K - 1:
            continue
        open_answers = [x for x in a.answers[q]
                        if not proven_zero[(q, x, c["v"], c["s"], c["p"])]]
        if len(open_answers) <= 1:
            found.append("everyone in %s (fewer than %d) said %s" % (describe(c), K, open_answers))
    return found


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
    seed = random.SystemRandom().randrange(1 << 30)
    args = sys.argv[2:]
    while args:
        if args[0] == "--random":
            n_random = int(args[1])
        elif args[0] == "--seed":
            seed = int(args[1])
        args = args[2:]
    print("random seed %d (rerun with --seed %d)" % (seed, seed))
    failures = 0
    datasets = tempting()
    rng = random.Random(seed)
    for i in range(n_random):
        s = rng.randrange(1 << 30)
        datasets.append(("random dataset, seed %d" % s, random_dataset(s)))
    for name, counts in datasets:
        found = attack(dump, counts, "linked")
        print("%-45s linked suppression: %d disclosures" % (name, len(found)))
        for f in found[:10]:
            print("    " + f)
        failures += len(found) > 0
    # The attacker must be able to win: against per-table suppression it must
    # find something in every tempting dataset.
    for name, counts in tempting():
        found = attack(dump, counts, "per_table")
        print("%-45s per-table suppression: %d disclosures (must be > 0)" % (name, len(found)))
        for f in found[:3]:
            print("    " + f)
        failures += len(found) == 0
    # ... and against the older engine, joint per question only, where
    # everyone answers every question (the gap docs/privacy.md used to name).
    for name, counts in linked_questions():
        found = attack(dump, counts, "per_question")
        print("%-45s per-question suppression: %d disclosures (must be > 0)" % (name, len(found)))
        for f in found[:3]:
            print("    " + f)
        failures += len(found) == 0
    print("FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

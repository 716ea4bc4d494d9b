"""The claims one line of a status document makes, read from its words. Pure: text in, claims out.

Precision over recall: a figure is a claim only in a shape that states it as a present fact
("43 tests created", "**Pass rate:** 85.6%", "78% complete", "model_service.py: 98.47%"). Targets,
baselines, averages, ranges, thresholds (">90%"), changes ("+9.86%"), questions, task checkboxes and
anything said with "will", "should", "expected"... are not claims and give nothing.

In "6 of 7 smoke tests passing" and "6/7 passing" the count is the first figure (6 passing); the
total after "of" or "/" is not read, for it may be the tests created or those executed. A count
said approximately ("about 40 tests") is not read; a percentage said so ("~40%", "about 40 %") is,
marked approximate.

Every pattern is linear in the line: no nested repetition can backtrack, and a line is read once.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

KINDS = (
    "completion",
    "tests_created",
    "tests_executed",
    "tests_passing",
    "tests_failing",
    "pass_rate",
    "coverage",
    "status",  # declared complete / done
    "status_not_complete",  # declared incomplete / not complete
)

# Test categories a document may name beside a count or a coverage figure.
CATEGORY_WORDS = (
    "unit", "integration", "e2e", "end-to-end", "smoke", "stress", "benchmarks", "benchmark",
    "functional", "acceptance", "regression",
)  # fmt: skip
# Words that make a figure something other than a present claim, wherever they stand before it.
NOT_A_CLAIM = re.compile(
    r"\b(targets?|goals?|expected|expect|estimated?|estimates|planned|plan|baseline|before|start|"
    r"previous|initial|needed|need to|required|average|mean|median|increase|improvement|gain|gap|"
    r"delta|contribution|threshold|minimum|maximum|aspirational|industry|will|would|should|could|"
    r"must|shall|going to|if|once|until|aim|want|hope|projected|forecast|budget|eta|up from|from|"
    r"achieve|reach|reaching)\b",
    re.IGNORECASE,
)
NEGATED = re.compile(r"(?:\b(?:not|never|no|without)|n't)\s*$", re.IGNORECASE)
# Label words that say nothing about which part of the code a figure is for.
NEUTRAL_WORDS = frozenset(
    "overall total final current currently backend code test tests line lines statement statements "
    "project achieved actual measured coverage claimed realistic honest assessment status "
    "completion progress percent percentage the our of sprint now real reality today result "
    "results state note notes update updates summary overview report review recap headline "
    "snapshot".split()
)
# A file name starts where a word does (never inside one: that would make a long word quadratic).
SOURCE_FILE = (
    r"`?(?<![\w./-])(?P<module>[\w./-]*\w\.(?:py|pyx|js|jsx|ts|tsx|go|java|kt|rb|rs|c|cc|cpp|h|cs))\b`?"
)

_N = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
_PCT = r"(?P<pct>\d{1,3}(?:\.\d+)?)\s?%"
# Up to two words between a count and "tests": "43 tests", "90 comprehensive unit tests".
_FILL = r"(?P<fill>(?:(?!(?:files?|cases?|of|more|than|out|and)\b)[A-Za-z][\w-]*\s+){0,2}?)"
_TESTS = r"tests\b"
# "6/7", "6 of 7": the count, then the total it is out of (not read). A count is never itself the
# total of another ("out of 7", "/7"), nor said approximately or as a bound ("about 40", "over 40").
_OVER = r"(?:\s*(?:/|\bof\b)\s*\d+)?"
_FIRST = r"\b(?=\d)(?<!\bof )(?<!/)(?<!/ )(?<![\d.,~≈])"  # cheap tests first


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Said approximately, just before a percentage: "~40%", "about 40 %".
_ABOUT = r"(?:(?:~|≈|about|approximately|approx\.?|around|roughly)\s*)?"
_CREATED = ("created", "wrote", "written", "added")
_EXECUTED = ("ran", "run", "executed")
_PASS = r"pass(?:ing|ed|es)?\b(?![ -]rate)"
# (kind, words one of which the line must hold, pattern) tried on every line; the first pattern to
# claim a stretch of text keeps it. The words spare a long document most of the regex work.
SENTENCE_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    (
        "tests_created",
        _CREATED,
        _p(rf"\b(?:created|wrote|written|added)\s+(?:only\s+|all\s+)?{_N}\s+{_FILL}{_TESTS}"),
    ),
    (
        "tests_created",
        _CREATED,
        _p(
            rf"{_FIRST}\b{_N}\s+{_FILL}{_TESTS}\s+(?:(?:were|have been|has been|are)\s+)?"
            r"(?:created|written|added)\b(?!\s+but\b)"
        ),
    ),
    (
        "tests_executed",
        _EXECUTED,
        _p(rf"\b(?:ran|executed)\s+(?:only\s+|all\s+)?{_N}\s+{_FILL}{_TESTS}"),
    ),
    (
        "tests_executed",
        _EXECUTED,
        _p(
            rf"{_FIRST}\b{_N}{_OVER}\s+{_FILL}{_TESTS}\s+(?:(?:were|have been)\s+)?"
            r"(?:run|executed|ran)\b"
        ),
    ),
    ("tests_executed", _EXECUTED, _p(rf"{_FIRST}\b{_N}\s*/\s*\d+\s+(?:run|executed|ran)\b")),
    (
        "tests_passing",
        ("pass",),
        _p(rf"{_FIRST}\b{_N}{_OVER}\s+{_FILL}tests?\s+(?:(?:are|were)\s+)?{_PASS}"),
    ),
    ("tests_passing", ("pass",), _p(rf"{_FIRST}\b{_N}\s+passing\s+{_FILL}{_TESTS}")),
    ("tests_passing", ("pass",), _p(rf"{_FIRST}\b{_N}\s*/\s*\d+\s+{_PASS}")),
    (
        "tests_failing",
        ("fail",),
        _p(rf"{_FIRST}\b{_N}{_OVER}\s+{_FILL}tests?\s+(?:(?:are|were)\s+)?fail(?:ing|ed|s)?\b"),
    ),
    ("tests_failing", ("fail",), _p(rf"{_FIRST}\b{_N}\s+failing\s+{_FILL}{_TESTS}")),
    ("tests_failing", ("fail",), _p(rf"{_FIRST}\b{_N}\s*/\s*\d+\s+fail(?:ing|ed)\b")),
    ("pass_rate", ("rate",), _p(rf"{_PCT}\s+pass(?:ing)?[ -]rate\b")),
    ("pass_rate", ("rate",), _p(rf"\bpass(?:ing)?[ -]rate\s*(?:of|is|was|:|=)?\s*~?{_PCT}")),
    (
        "completion",
        ("complete", "done", "finished"),
        _p(rf"{_PCT}\s+(?:complete|completed|done|finished)\b"),
    ),
    ("coverage", ("coverage",), _p(rf"{SOURCE_FILE}\s+tests\s*\([^()]*?{_PCT}\s+coverage\)")),
    # "Coverage is 85%.", "Unit test coverage was 61%": who it is for is read from the words before.
    (
        "coverage",
        ("coverage",),
        _p(
            r"\bcoverage\s+(?:(?:is|stands|sits)\s+(?:now\s+)?(?:at\s+)?|now\s+(?:at\s+)?)"
            rf"{_ABOUT}{_PCT}"
        ),
    ),
)
# Counts that lean on a "tests" said before them: "43 tests created, 7 executed, 6 passing",
# "Stress tests — 12 created, 0 executed", "We ran all 43 tests and 43 passed. 1 failed." The count
# opens a clause or follows "and"/"but"/"only", and its verb ends the clause.
BARE_COUNT = _p(
    rf"(?=\d)(?:^|(?<=[,;:(—–])|(?<=[,;:(—–] )|(?<=\band )|(?<=\bbut )|(?<=\bonly )|(?<=\bthen ))"
    rf"{_N}{_OVER}\s+(?P<verb>created|written|added|executed|run|ran|passing|passed|pass|"
    r"failing|failed|fail)\b(?=\s*(?:$|[.,;:)!—–]|\s-\s|(?:and|but|with|so|while|yet)\b))"
)
BARE_KINDS = {
    "created": "tests_created", "written": "tests_created", "added": "tests_created",
    "executed": "tests_executed", "run": "tests_executed", "ran": "tests_executed",
    "passing": "tests_passing", "passed": "tests_passing", "pass": "tests_passing",
    "failing": "tests_failing", "failed": "tests_failing", "fail": "tests_failing",
}  # fmt: skip
TESTS_WORD = _p(r"\btests?\b")
CATEGORY_TESTS = _p(rf"\b({'|'.join(CATEGORY_WORDS)})\s+tests?\b")
# Words that make a figure approximate, or a count a bound: said just before the figure.
APPROXIMATE = _p(r"(?:~|≈|\b(?:about|approximately|approx\.?|around|roughly|circa|ca\.|nearly|almost))\s*$")
COUNT_BOUND = _p(
    r"(?:~|≈|\+|\b(?:about|approximately|approx\.?|around|roughly|circa|ca\.|nearly|almost|over|"
    r"under|more than|less than|fewer than|at least|at most|up to|some|another|extra))\s*$"
)
# A figure that opens the value: "**Current State:** 0% coverage", "✅ **52.56% coverage**".
LEADING_COVERAGE = _p(rf"^{_ABOUT}{_PCT}\s+(?:(?P<fill>[\w-]+)\s+)?coverage\b")
# "model_service.py: **98.47%**" in a list whose lead-in (or the line itself) is about coverage.
MODULE_FIGURE = _p(rf"^{SOURCE_FILE}\s*:\s*{_PCT}")
LEADING_PCT = _p(rf"{_ABOUT}{_PCT}")
PCT_RANGE = _p(rf"{_ABOUT}{_PCT}\s*(?:[-–+]|to\b)")
CATEGORY = _p(rf"\b({'|'.join(CATEGORY_WORDS)})\b")
BOUND_BEFORE = re.compile(r"[-–+±<>≤≥]$|\d\s?%?\s*(?:to|and)$")
CHANGE_AFTER = re.compile(r"\s*(?:\+|[-–]\s*\d)")
CATEGORY_FIGURE = _p(rf"\b(?P<category>{'|'.join(CATEGORY_WORDS)})\s+(?:tests?\s+)?{_PCT}")
LABEL_COUNT = _p(rf"^{_N}{_OVER}(?:\s+tests?)?\b(?!\s*(?:[%/\-–]|\.\d))")
CATEGORY_COUNT = _p(rf"\b{_N}\s+{_TESTS}")

STATUS_WORD = r"(?:COMPLETED?|DONE|FINISHED)"
STATUS_VALUE = _p(r"(?<![\w-])(?P<word>complete|completed|done|finished)\b")
STATUS_NEGATION = _p(r"\b(not|in|partially|almost|nearly|mostly|un)\s*$")
# "Status: Incomplete", "Status: Not complete", "**Status:** NOT DONE": declared not complete.
STATUS_NOT_COMPLETE = _p(r"^(?:incomplete|unfinished|not\s+(?:yet\s+)?(?:complete|completed|done|finished))\b")
# "Phase 1: Setup COMPLETE" (the stamp last) or "COMPLETE - Backend Foundation" (the stamp first).
STATUS_STAMP = re.compile(
    rf"^(?:(?P<before>.*?)[\s:\-–—]+)?(?P<word>{STATUS_WORD})\s*$"
    rf"|^(?P<first>{STATUS_WORD})\s*(?:[-–—:]|$)"
)
PART = _p(r"\b(?:phase|week|day|milestone|stage|step|iteration|task)\s*#?\s*[\w.]*\d[\w.]*")

_MARKERS = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s+)?(?:[-*+]\s+|\d+[.)]\s+)?")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_CHECKBOX = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]")
_LABEL = re.compile(r"^(?P<label>[^:|]{1,60}?)\s*:\s*(?P<value>.*)$")
# "… open items. Completion: 78%": a label that opens a later sentence of the line.
_LATER_LABEL = re.compile(r"(?<=[.!?])\s+(?P<label>[A-Z][^:.!?|]{0,59}?)\s*:\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_CLAUSE_END = re.compile(r"[.;!?(](?:\s|$)|,\s|\s[-–—]\s")
_DECORATION = ("So", "Sk", "Cf", "Co", "Cs", "Mn")


@dataclass(frozen=True)
class Found:
    """One claim in a line: where its text is, what it says."""

    kind: str
    subject: str | None
    value: float | None
    start: int
    end: int
    approximate: bool = False  # a percentage said as "~40%", "about 40 %"


@dataclass(frozen=True)
class LineContext:
    """What surrounds a line: the lead-in it belongs to, the part of the work it is about."""

    lead: str = ""  # the last line that ended with ":" (a list's lead-in)
    part: str | None = None  # "Phase 2" when a heading scopes the section to a part of the work
    topic: str | None = None  # "API Endpoints" under a numbered item "**2. API Endpoints**"
    heading: bool = False  # the line is a heading or a line that is bold from end to end


def plain(text: str) -> str:
    """The words of a Markdown line: no list or heading markers, emphasis, emoji or extra spaces."""
    text = _MARKERS.sub("", text).replace("**", "").replace("__", "").replace("`", "")
    if not text.isascii():
        text = "".join(" " if _decoration(c) else c for c in text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=4096)
def _decoration(char: str) -> bool:
    return not char.isascii() and (unicodedata.category(char) in _DECORATION or char == "\ufffd")


@functools.lru_cache(maxsize=1024)
def line_claims(raw: str, context: LineContext) -> tuple[Found, ...]:
    """The claims written in one line (outside code fences and tables). Spans index `plain(raw)`.

    Pure, so a line repeated in the same context is read once (cached).
    """
    if _CHECKBOX.match(raw):
        return ()  # a task list item is work to do (or a tick), not a figure
    text = plain(raw)
    if not text or text.endswith("?"):
        return ()
    label, value, offset = _split_label(text)
    found = [*_status(text, label, value, context)]
    if context.part is not None:
        return tuple(found)  # figures in a phase's section are about that phase, not the whole
    found += _label_figures(label, value, offset, context)
    for later in _LATER_LABEL.finditer(text, offset):
        end = _SENTENCE_END.search(text, later.end())
        stop = end.start() + 1 if end else len(text)
        later_value = text[later.end() : stop]
        found += _label_figures(later.group("label"), later_value, later.end(), context)
    found += _sentence_figures(text, label, context)
    found += _bare_counts(text, label, context if _LIST_ITEM.match(raw) else LineContext())
    return tuple(_without_overlaps(found))


def _split_label(text: str) -> tuple[str, str, int]:
    match = _LABEL.match(text)
    if not match or re.search(r"\d\s?%", match.group("label")):
        return "", text, 0
    return match.group("label"), match.group("value"), match.start("value")


def _status(text: str, label: str, value: str, context: LineContext) -> list[Found]:
    """'**Status:** COMPLETE', '## Phase 1: Setup ✅ COMPLETE', '**HP-2 Initiative: COMPLETE ✅**'.

    'Status: Incomplete' / 'Status: Not complete' is a claim too: that the work is not done.
    """
    if label and re.search(r"\bstatus\b", label, re.IGNORECASE):
        subject = _part_of(re.sub(r"\bstatus\b", "", label, flags=re.IGNORECASE), context)
        if STATUS_NOT_COMPLETE.match(value):
            return [Found("status_not_complete", subject, None, 0, len(text))]
        word = STATUS_VALUE.search(value)
        if word is None or STATUS_NEGATION.search(value[: word.start()]) or "not " in value.lower():
            return []
        return [Found("status", subject, None, 0, len(text))]
    if not context.heading:
        return []
    stamp = STATUS_STAMP.match(text)
    if stamp is None or re.search(r"\b(NOT|IN)\s*$", stamp.group("before") or ""):
        return []
    return [Found("status", _part_of(stamp.group("before") or "", context), None, 0, len(text))]


def _part_of(words: str, context: LineContext) -> str | None:
    """The part of the work a status is about (None: the whole document)."""
    words = words.strip(" :-–—")
    if PART.search(words):
        return words
    return context.part


def _label_figures(label: str, value: str, offset: int, context: LineContext) -> list[Found]:
    """Figures given as the value of a label: '**Final Coverage:** 52.56%', 'Tests Created: 90'."""
    if not label or NOT_A_CLAIM.search(label) or re.search(r"\bfiles?\b", label, re.IGNORECASE):
        return []
    lower = label.lower()
    end = offset + len(value)
    if "coverage" in lower:
        return _coverage_value(label, value, offset, context)
    if re.search(r"\bpass(?:ing)? rate\b", lower):
        match = LEADING_PCT.match(value)
        if not _ok_pct(match):
            return []
        return [Found("pass_rate", None, _percent(match), offset, end, _approximate(match))]
    if "completion" in lower or "progress" in lower:
        match = LEADING_PCT.match(value)
        if not _ok_pct(match):
            return []
        subject = _qualifier(label, context)
        return [Found("completion", subject, _percent(match), offset, end, _approximate(match))]
    kind = _count_kind(lower)
    category = _category_in(label)
    if kind is not None:
        match = LABEL_COUNT.match(value)
        return [Found(kind, category, _count(match), offset, end)] if match else []
    if category and re.fullmatch(rf"{re.escape(category)}\s+tests?", lower):
        # "**E2E Tests:** 1 file (`test_batch_workflow.py`) - 5 tests": the tests that exist.
        match = CATEGORY_COUNT.search(value)
        if match is None or COUNT_BOUND.search(value[: match.start()]):
            return []
        return [Found("tests_created", category, _count(match), offset, end)]
    return []


def _coverage_value(label: str, value: str, offset: int, context: LineContext) -> list[Found]:
    match = LEADING_PCT.match(value)
    end = offset + len(value)
    if match:
        if not _ok_pct(match) or PCT_RANGE.match(value):
            return []
        subject = _qualifier(label, context)
        return [Found("coverage", subject, _percent(match), offset, end, _approximate(match))]
    # "**Current Coverage:** Unit 40%, Integration 20%": one figure per named category.
    return [
        Found("coverage", m.group("category").lower(), _percent(m), *(offset + i for i in m.span()))
        for m in CATEGORY_FIGURE.finditer(value)
        if _ok_pct(m) and not NOT_A_CLAIM.search(value[: m.start()])
    ]


def _count_kind(label: str) -> str | None:
    if not re.search(r"\btests?\b", label):
        return None
    for kind, verbs in (
        ("tests_created", r"created|added|written"),
        ("tests_executed", r"run|ran|executed"),
        ("tests_passing", r"passing|passed"),
        ("tests_failing", r"failing|failed"),
    ):
        if re.search(rf"\b(?:{verbs})\b", label):
            return kind
    return "tests_created" if re.fullmatch(r"(?:total )?(?:number of )?tests", label) else None


def _sentence_figures(text: str, label: str, context: LineContext) -> list[Found]:
    found: list[Found] = []
    lead_category = _category_in(label)
    lower = text.lower()
    for kind, words, pattern in SENTENCE_PATTERNS:
        if not any(word in lower for word in words):
            continue
        for match in pattern.finditer(text):
            if not _stated(text, match.start()):
                continue
            approximate = "pct" in match.groupdict() and _approximate(match)
            if kind == "coverage" and match.groupdict().get("module") is not None:
                found.append(Found(kind, match.group("module"), _percent(match), *match.span()))
            elif kind == "coverage":
                # "Coverage is 47% before the push": what follows in the clause counts too.
                after = _CLAUSE_END.split(text[match.end() :])[0]
                if _ok_pct(match) and not NOT_A_CLAIM.search(after):
                    subject = _covered(text[: match.start()], context)
                    span = match.span()
                    found.append(Found(kind, subject, _percent(match), *span, approximate))
            elif "pct" in match.groupdict():
                if _ok_pct(match):
                    subject = None
                    if kind == "completion":
                        subject = _qualifier(_label_before(text, match.start(), label), context)
                    found.append(Found(kind, subject, _percent(match), *match.span(), approximate))
            elif not COUNT_BOUND.search(text[: match.start("n")]):
                subject = _category_in(match.groupdict().get("fill") or "") or lead_category
                found.append(Found(kind, subject, _count(match), *match.span()))
    found += _leading_coverage(text, label, context)
    return found


def _bare_counts(text: str, label: str, context: LineContext) -> list[Found]:
    """Counts with a verb and no "tests", read only where tests were just named.

    "43 tests created, 7 executed, 6 passing", "Stress tests — 12 created, 0 executed",
    "We ran all 43 tests and 43 passed. 1 failed." The tests must be named earlier in the line (or
    in the lead-in of the list the line is an item of); the category is the last one named before
    the count, else the label's.
    """
    lower = text.lower()
    if not any(verb in lower for verb in BARE_KINDS):
        return []
    found = []
    for match in BARE_COUNT.finditer(text):
        before = text[: match.start()]
        # A list's lead-in ("Test results:") speaks for its items without a label of their own.
        lead = "" if label else context.lead
        if not (TESTS_WORD.search(before) or TESTS_WORD.search(lead)):
            continue
        sentence = re.split(r"[.!?]\s", before)[-1]
        if NOT_A_CLAIM.search(sentence) or NEGATED.search(before) or COUNT_BOUND.search(before):
            continue
        named = list(CATEGORY_TESTS.finditer(before))
        category = named[-1].group(1).lower() if named else _category_in(label)
        if category is None and not named and not TESTS_WORD.search(before):
            category = _category_in(lead)
        kind = BARE_KINDS[match.group("verb").lower()]
        found.append(Found(kind, category, _count(match), *match.span()))
    return found


def _leading_coverage(text: str, label: str, context: LineContext) -> list[Found]:
    """'52.56% coverage' opening a line or a value; 'name.py: 98.47%' in a coverage list."""
    value_start = text.find(":") + 1 if label else 0
    value = text[value_start:].lstrip()
    start = len(text) - len(value)
    match = LEADING_COVERAGE.match(value)
    if match and _ok_pct(match) and not (label and NOT_A_CLAIM.search(label)):
        category = _category_in(match.group("fill") or "")
        subject = category or (_qualifier(label, context) if label else context.topic)
        end = start + match.end()
        return [Found("coverage", subject, _percent(match), start, end, _approximate(match))]
    module = MODULE_FIGURE.match(text)
    if module and _ok_pct(module) and "coverage" in (text + " " + context.lead).lower():
        return [Found("coverage", module.group("module"), _percent(module), *module.span())]
    return []


def _stated(text: str, start: int) -> bool:
    """The figure at `start` is said as a present fact: not negated, hoped for or planned."""
    clause = _CLAUSE_END.split(text[:start])[-1]
    return not NOT_A_CLAIM.search(clause) and not NEGATED.search(clause)


def _label_before(text: str, start: int, label: str) -> str:
    """The label the figure at `start` is the value of: the last "Label:" of its sentence."""
    sentence = re.split(r"[.!?]\s", text[:start])[-1]
    if ":" not in sentence:
        return label
    return sentence[: sentence.rindex(":")].rsplit(":", 1)[-1]


def _covered(before: str, context: LineContext) -> str | None:
    """Whose coverage "… coverage is 85%" is: a module, a category, the whole, or other words."""
    clause = _CLAUSE_END.split(before)[-1]
    module = re.search(SOURCE_FILE, clause)
    if module:
        return module.group("module")
    words = [w for w in re.findall(r"[\w./-]+", clause.lower()) if w not in NEUTRAL_WORDS]
    if not words:
        return context.topic
    return _category_in(clause) or clause.strip()


def _qualifier(label: str, context: LineContext) -> str | None:
    """What a label says the figure is for: a category, another named part, or nothing."""
    category = _category_in(label)
    if category:
        return category
    words = [w for w in re.findall(r"[\w./-]+", label.lower()) if w not in NEUTRAL_WORDS]
    return label.strip() if words else context.topic


def _category_in(text: str) -> str | None:
    match = CATEGORY.search(text)
    return match.group(1).lower() if match else None


def _ok_pct(match: re.Match[str] | None) -> bool:
    """A single percentage of at most 100, not a bound, a change or the end of a range."""
    if match is None:
        return False
    before = match.string[: match.start("pct")].rstrip(" ~≈")
    after = match.string[match.end() :]
    return (
        float(match.group("pct")) <= 100
        and not BOUND_BEFORE.search(before)
        and not CHANGE_AFTER.match(after)
    )


def _approximate(match: re.Match[str] | None) -> bool:
    """The percentage is said approximately: "~40%", "≈ 40 %", "about 40%", "roughly 40%"."""
    return match is not None and bool(APPROXIMATE.search(match.string[: match.start("pct")]))


def _percent(match: re.Match[str] | None) -> float | None:
    return float(match.group("pct")) if match else None


def _count(match: re.Match[str] | None) -> float | None:
    return float(match.group("n").replace(",", "")) if match else None


def _without_overlaps(found: list[Found]) -> list[Found]:
    """One claim per stretch of text: the first found (labels before sentences) wins."""
    kept: list[Found] = []
    for item in found:
        if item.kind.startswith("status") or all(
            item.end <= other.start or item.start >= other.end
            for other in kept
            if not other.kind.startswith("status")
        ):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)

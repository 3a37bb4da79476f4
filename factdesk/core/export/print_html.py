"""The report as simple, print-ready HTML for Qt's rich-text engine (the PDF export).

Qt's ``QTextDocument`` reads an HTML 4 subset: no flexbox or grid, no ``<mark>``, ``<ins>``
or ``<del>``, no borders on spans, no ``page-break-inside``. So this variant lays the report
out with plain paragraphs and inline styles, and shows differences with background colour
*and* underline or strike-through, so they still read when printed in black and white. The
content (and the escaping: every text goes through :func:`html.escape`) is the same as
``html.py``, except that the key to the word differences is given once, above the claims,
and the claim quote is not repeated beside its evidence (it is just above).

Qt lays tables out slowly, so each claim's evidence is stacked (one paragraph per evidence
quote: relation and outlet, then the quote marked up against the claim) rather than set side
by side as in the web page. The only tables left are one each (cheap): the summary, the
sources that are not independent, and the appendix of sources.
Every formatted run (span) costs layout and painting time too, so runs are kept few.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from factdesk.core.export.html import e as html_escape
from factdesk.core.export.model import (
    RELATION_LABELS,
    STATUS_LABELS,
    ClaimItem,
    DiffPart,
    Quote,
    Report,
    Source,
)
from factdesk.core.export.text import (
    CONFLICT_LABELS,
    FACTS_INTRO,
    dependence_source,
    evidence_removed_note,
    fact_cell_text,
    paragraphs,
    removed_note,
    sentence_runs,
    shorten,
    source_line,
    status_text,
    when,
    word_runs,
)
from factdesk.core.model import ClaimStatus, DiffKind, EvidenceRelation

#: Emoji and other pictographs (the supplementary planes' symbol blocks), with the joiners,
#: presentation selectors and keycap mark that build sequences of them. The PDF is set in
#: DejaVu Sans, which has no emoji, and our packages install no emoji font, so Qt would
#: print an empty box: each run is printed as its names instead ("[grinning face]"), which
#: says what the source had. The web page keeps them (browsers have emoji fonts).
_PICTOGRAPHS = re.compile("[\U0001F000-\U0001FAFF\U0001FC00-\U0001FFFD]"
                          "[\U0001F000-\U0001FAFF\U0001FC00-\U0001FFFD\u200d\ufe0f\u20e3]*")
_REGIONAL_A = 0x1F1E6


def _named(match: re.Match[str]) -> str:
    names: list[str] = []
    flag = ""
    for ch in match.group():
        code = ord(ch)
        if _REGIONAL_A <= code < _REGIONAL_A + 26:
            flag += chr(ord("A") + code - _REGIONAL_A)
            if len(flag) == 2:
                names.append(f"flag {flag}")
                flag = ""
        elif ch not in "\u200d\ufe0f\u20e3" and not 0x1F3FB <= code <= 0x1F3FF:
            names.append(unicodedata.name(ch, f"U+{code:04X}").lower())
    return f"[{', '.join(names)}]" if names else ""


def printable(text: str) -> str:
    """``text`` with each emoji run spelt out by name (see :data:`_PICTOGRAPHS`)."""
    return _PICTOGRAPHS.sub(_named, text)


def e(text: object) -> str:
    """:func:`factdesk.core.export.html.e` for the PDF: escaped, bidi controls as marks,
    emoji by name."""
    return html_escape(printable(str(text)))


#: First-strong isolate and pop directional isolate: Qt's rich text has no ``<bdi>``, but its
#: text layout follows the Unicode bidi algorithm with isolates, so each text a report embeds
#: (an article's words, a note, a name) is set between these two and cannot reorder the
#: report's words around it, nor they it. They take no room and print nothing.
FSI, PDI = "\u2068", "\u2069"


def u(text: object) -> str:
    """Escaped embedded text, isolated (see :data:`FSI`); its own bidi controls are marks."""
    return f"{FSI}{e(text)}{PDI}"


#: (text colour, background) per status; the badge text carries the meaning without colour.
STATUS_COLOURS: dict[ClaimStatus, tuple[str, str]] = {
    ClaimStatus.CONFIRMED: ("#1a7f37", "#dafbe1"),
    ClaimStatus.CONFLICTING: ("#b42318", "#ffebe9"),
    ClaimStatus.UNSOURCED: ("#8250df", "#f3ecff"),
    ClaimStatus.UNREVIEWED: ("#59636e", "#eef1f4"),
}
RELATION_TEXT = {EvidenceRelation.SUPPORTS: "✔ ", EvidenceRelation.CONTRADICTS: "✘ "}
#: The key to the word differences, once at the top of the claims.
LEGEND = (
    "Each claim's evidence quotes are marked word by word against the claim quote: "
    '<span class="del">only in the claim</span> <span class="ins">only in the source</span>.'
)

STYLE = """
body { font-family: 'DejaVu Sans', 'Helvetica', 'Arial', sans-serif; font-size: 9.5pt;
       color: #1f2328; }
h1 { font-size: 17pt; margin-top: 0px; margin-bottom: 4px; }
h2 { font-size: 13pt; margin-top: 22px; margin-bottom: 8px; }
h3 { font-size: 11pt; margin-top: 0px; margin-bottom: 5px; }
p { margin-top: 0px; margin-bottom: 5px; }
.kicker { font-size: 7.5pt; color: #59636e; margin-bottom: 2px; }
.muted { color: #59636e; font-size: 8.5pt; }
.hit { background-color: #fff3a3; font-weight: bold; color: #1f2328; }
.ins { background-color: #ccf5d5; text-decoration: underline; }
.del { background-color: #ffd8d3; text-decoration: line-through; color: #6e2119; }
.mark { background-color: #fff3a3; }
h4, .label { font-size: 7.5pt; font-weight: bold; color: #59636e; margin-top: 9px;
         margin-bottom: 3px; }
.side { margin-left: 14px; margin-bottom: 3px; }
.quote { margin-top: 4px; margin-bottom: 4px; color: #59636e; }
.ev { margin-left: 14px; margin-top: 2px; margin-bottom: 5px; }
th { background-color: #f6f8fa; font-weight: bold; text-align: left; font-size: 7.5pt; }
.hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 7pt; color: #59636e; }
"""


#: Claims per piece of :func:`render_print_html_parts` (Qt lays out a few big documents much
#: more slowly than many small ones, and only one piece needs to be in memory at a time).
CLAIMS_PER_PART = 60


def render_print_html(report: Report) -> str:
    """The whole report as one print-ready HTML document."""
    sources = {src.id: src for src in report.sources}
    body = _front(report)
    for number, claim in enumerate(report.claims, start=1):
        body += _claim(number, claim, sources)
    return _document(report, [*body, *_back(report)])


def render_print_html_parts(report: Report, claims_per_part: int = CLAIMS_PER_PART) -> list[str]:
    """The same report as several HTML documents that read as one when laid out one after the
    other: the title and summary, then ``claims_per_part`` claims per piece (numbered as in the
    whole report), then the sources that are not independent and the appendix."""
    sources = {src.id: src for src in report.sources}
    parts = [_document(report, _front(report))]
    claims = report.claims
    step = max(claims_per_part, 1)
    for first in range(0, len(claims), step):
        body: list[str] = []
        for number, claim in enumerate(claims[first : first + step], start=first + 1):
            body += _claim(number, claim, sources)
        parts.append(_document(report, body))
    parts.append(_document(report, _back(report)))
    return parts


def _document(report: Report, body: list[str]) -> str:
    return "\n".join(
        [
            "<html><head>",
            '<meta charset="utf-8">',
            f"<title>{e(report.summary.title)}</title>",
            f"<style>{STYLE}</style>",
            "</head><body>",
            *body,
            "</body></html>",
        ]
    )


def _front(report: Report) -> list[str]:
    out = [
        '<p class="kicker">FACT-CHECK REPORT</p>',
        f"<h1>{u(report.summary.title)}</h1>",
        f'<p class="muted">{_meta(report)}</p>',
    ]
    out += _summary(report)
    out += _facts(report)
    out.append("<h2>Claims</h2>")
    if any(c.evidence for c in report.claims):
        out.append(f'<p class="muted">{LEGEND}</p>')
    if not report.claims:
        out.append("<p>No claims match the statuses chosen for this report.</p>")
    return out


def _back(report: Report) -> list[str]:
    return [*_dependences(report), *_appendix(report)]


def _meta(report: Report) -> str:
    s = report.summary
    parts = [f"Generated {e(when(s.generated))}"]
    if s.reviewer:
        parts.append(f"Reviewer: {u(s.reviewer)}")
    if s.organization:
        parts.append(u(s.organization))
    parts.append(f"{s.claims} claims · {len(report.sources)} sources")
    return " · ".join(parts)


def badge(status: ClaimStatus) -> str:
    ink, bg = STATUS_COLOURS[status]
    return (
        f'<span style="color: {ink}; background-color: {bg}; font-weight: bold; font-size: 9pt;">'
        f"&nbsp;{e(status_text(status)).replace(' ', '&nbsp;')}&nbsp;</span>"
    )


def _table(width: str = ' width="100%"') -> str:
    return (
        f'<table{width} cellspacing="0" cellpadding="4" border="1" '
        'style="border-collapse: collapse; border-color: #d1d9e0;">'
    )


def _summary(report: Report) -> list[str]:
    s = report.summary
    statuses = [sc.status for sc in s.by_status if sc.status in s.statuses_included]
    out = ["<h2>Summary</h2>", '<table cellspacing="6" cellpadding="6"><tr>']
    for sc in s.by_status:
        if sc.status in s.statuses_included:
            ink, bg = STATUS_COLOURS[sc.status]
            out.append(
                f'<td style="background-color: {bg}; color: {ink};">'
                f"<b>{e(status_text(sc.status))}</b><br>"
                f'<span style="font-size: 16pt; font-weight: bold;">{sc.count}</span></td>'
            )
    out.append("</tr></table>")
    if len(statuses) < len(STATUS_LABELS):
        names = ", ".join(STATUS_LABELS[x] for x in statuses)
        out.append(f'<p class="muted">Only claims with these statuses: {e(names)}.</p>')
    if s.agreement:
        out.append(f"<p>Reviewers: {e(', '.join(s.reviewers))}. {e(s.agreement)}.</p>")
    out += [
        '<p class="muted">Claims per source (the article the claim quotes) and evidence quotes '
        "taken from it</p>",
        _table(width=""),
        "<tr><th>Source</th><th>Published</th>",
        *(_num_th(STATUS_LABELS[st]) for st in statuses),
        _num_th("Claims"),
        _num_th("Evidence"),
        "</tr>",
    ]
    published = {src.id: src.published for src in report.sources}
    for row in s.by_source:
        counts = {sc.status: sc.count for sc in row.by_status}
        out.append(
            f"<tr><td><b>{u(row.outlet or row.article_id)}</b><br>"
            f'<span class="muted">{u(shorten(row.title, 45))}</span></td>'
            f"<td nowrap>{e(published.get(row.article_id) or '—')}</td>"
            + "".join(f'<td align="right">{counts.get(st, 0)}</td>' for st in statuses)
            + f'<td align="right">{row.claims}</td><td align="right">{row.evidence}</td></tr>'
        )
    out.append("</table>")
    return out


def _num_th(label: str) -> str:
    return f'<th align="right">{e(label)}</th>'


def _quote(q: Quote) -> str:
    # The context takes the paragraph's grey: every span is one more run for Qt to lay out.
    # each sentence of the context isolated on its own (see text.sentence_runs)
    before = "".join((u(run) if run else "") + e(space)
                     for run, space in sentence_runs(q.before))
    after = "".join((u(run) if run else "") + e(space) for run, space in sentence_runs(q.after))
    return f'{before}<span class="hit">{u(q.text)}</span>{after}'


def diff_spans(diff: tuple[DiffPart, ...]) -> str:
    """The other quote marked against the claim. A struck run and an inserted one that touch
    ("some" → "About") are set apart by a space: on paper, or copied out of the PDF, they
    would otherwise run together as one word ("someAbout")."""
    out = [FSI]
    last: DiffPart | None = None
    for part in diff:
        if part.kind is DiffKind.EQUAL:
            out.append(e(part.text))
        else:
            if (last is not None and last.kind not in (DiffKind.EQUAL, part.kind)
                    and not last.text[-1:].isspace() and not part.text[:1].isspace()):
                out.append(" ")
            cls = "ins" if part.kind is DiffKind.INSERT else "del"
            out.append(f'<span class="{cls}">{e(part.text)}</span>')
        last = part
    return "".join([*out, PDI])


def _claim(number: int, c: ClaimItem, sources: dict[str, Source]) -> list[str]:
    ink, bg = STATUS_COLOURS[c.status]
    src = sources.get(c.quote.article_id)
    body = [
        f"<h3>Claim {number} · {u(c.quote.outlet or c.quote.article_id)} &nbsp; "
        f"{badge(c.status)}</h3>",
        f'<p class="quote" style="background-color: {bg};">{_quote(c.quote)}</p>',
        f'<p class="muted" style="margin-top: 3px;">— '
        f"{u(source_line(c.quote, src.title if src else '', src.published if src else None))}"
        "</p>",
    ]
    if src is not None and src.removed:
        body.append(f'<p style="color: #8a4b00;">{e(removed_note(src.removed))}</p>')
    elif c.orphaned:
        body.append(
            '<p style="color: #8a4b00;">The quoted words could not be found again in the current '
            "text of this article; shown as they were when the claim was made.</p>"
        )
    if c.checked:
        body.append(f'<p class="muted">Checked against {e(c.checked)}.</p>')
    if c.edited:
        body.append(f'<p style="color: #8a4b00;">Edited after publication: {u(c.edited)}.</p>')
    if c.note:
        note = u(c.note).replace("\n", "<br>")
        body.append(f"<p><b>Note:</b> {note}</p>")
    if c.settled:
        body.append(f"<p><b>{u(c.settled)}</b></p>")
    elif c.disagreement:
        body.append('<p style="color: #8a4b00;">Reviewers disagree on this claim and no editor '
                    "has settled it yet.</p>")
    for d in c.decisions:  # each reviewer's own verdict, stacked (tables are slow in Qt)
        note = f" — {u(d.note)}" if d.note else ""
        body.append(f'<p class="side"><b>{u(d.reviewer)}</b>: {badge(d.status)}{note}</p>')
    byline = [f"Reviewer: {u(c.reviewer)}"] if c.reviewer else []
    if c.updated:
        byline.append(f"updated {e(when(c.updated))}")
    byline.append(f"id {e(c.id)}")
    body.append(f'<p class="muted">{" · ".join(byline)}</p>')
    if c.evidence:
        body += _evidence(c)
    if c.conflicts:
        body.append('<h4 class="label">CONFLICTS FOUND BETWEEN OUTLETS</h4>')
        for k in c.conflicts:
            body.append(
                f"<p><b>{e(CONFLICT_LABELS.get(k.kind, k.kind.value))}</b> ({e(k.severity)}): "
                f"{u(k.detail)}</p>"
            )
            for side in k.sides:
                text = FSI + "".join(
                    f'<span class="mark">{e(run)}</span>' if hit else e(run)
                    for run, hit in word_runs(side.text, side.words)
                ) + PDI
                body.append(f'<p class="side"><b>{u(side.outlet)}</b>: {text}</p>')
    shown = {ev.passage_id for ev in c.evidence if ev.passage_id}
    # the claim's own sentence and the evidence are printed above: on paper, only the
    # other outlets' wording is new (and leaving the repeats out halves long reports)
    rest = [m for m in c.wording if m.passage_id not in shown
            and not (m.article_id == c.quote.article_id and c.quote.text in m.text)]
    if rest:
        body.append('<h4 class="label">HOW THE OTHER OUTLETS WORDED IT</h4>')
        body += [f'<p class="side"><b>{u(m.outlet)}</b>: {u(m.text)}</p>' for m in rest]
    return [f'<hr style="color: {ink};">', *body]


def _evidence(c: ClaimItem) -> list[str]:
    """One block per evidence quote, stacked: relation and outlet, then the quote marked up
    against the claim quote above (a table per claim made Qt's layout several times slower)."""
    out = [
        f'<h4 class="label">EVIDENCE: {len(c.supporting)} SUPPORTING, '
        f"{len(c.contradicting)} CONTRADICTING</h4>",
    ]
    for ev in c.evidence:
        ink = "#1a7f37" if ev.relation is EvidenceRelation.SUPPORTS else "#b42318"
        out.append(
            f'<p class="ev"><span style="color: {ink}; font-weight: bold;">'
            f"{RELATION_TEXT[ev.relation]}{e(RELATION_LABELS[ev.relation])} · "
            f"{u(ev.quote.outlet)}</span>"
            + (f' <i style="color: #8a4b00;">({e(evidence_removed_note(ev.removed))})</i>'
               if ev.removed else "")
            + f"<br>{diff_spans(ev.diff)}</p>"
        )
    return out


#: Above this many source columns the story-at-a-glance table names each source by its
#: initials, with a key under the table: seven outlet names side by side leave the fact's
#: words no room, and Qt breaks a word that does not fit its column ("Australi/an").
MAX_FULL_NAMES = 4


def abbreviations(labels: Sequence[str]) -> list[str]:
    """Short, distinct column names: the initials of each name ("Sydney Morning Herald /
    Cnn Asia" → "SMH/CA"); a short name of one word stays as it is; repeats are numbered."""
    out: list[str] = []
    for label in labels:
        parts = [p.strip() for p in label.split("/")]
        if len(parts) == 1 and len(label) <= 8 and " " not in label:
            short = label
        else:
            short = "/".join("".join(w[0].upper() for w in re.findall(r"\w+", p)) or p[:3]
                             for p in parts)
        n, base = 1, short
        while short in out:
            n += 1
            short = f"{base}{n}"
        out.append(short)
    return out


#: Roughly what one character of the 8-point table takes on an A4 page's 178 mm of text
#: (DejaVu Sans is wide: 0.6 em for digits and lower case, and some slack), and a cell's
#: padding, both in per cent.
_CHAR_PERCENT = 8 * 0.66 / 504.6 * 100
_PAD_PERCENT = 9 / 504.6 * 100


def _column_percent(texts: Sequence[str]) -> int:
    """A width in per cent that holds the longest word of a column's header and cells."""
    longest = max((len(w) for t in texts for w in t.split()), default=1)
    return int(longest * _CHAR_PERCENT + _PAD_PERCENT) + 1


def _facts(report: Report) -> list[str]:
    """The story at a glance. Qt splits a word that does not fit its column ("Wedne/sday",
    "220,00/0") and shares out columns without a set width evenly, so each column is given
    the width of its longest word and the fact's words the rest; with many sources the
    headers are initials, explained by a key under the table."""
    sheet = report.facts
    if sheet is None or not sheet.rows:
        return []
    labels = [c.label for c in sheet.columns]
    short = abbreviations(labels) if len(labels) > MAX_FULL_NAMES else labels
    rows = sheet.sorted("sources")
    count = "Sources" if short == labels else "Src."
    columns = [["#", *(str(r.number) for r in rows)], [count, *(str(r.sources) for r in rows)],
               *([x, *(fact_cell_text(r.cells[i]) for r in rows)] for i, x in enumerate(short))]
    widths = [_column_percent(texts) for texts in columns]
    fact = max(100 - sum(widths), 25)
    out = ["<h2>The story at a glance</h2>", f"<p>{e(FACTS_INTRO)}</p>",
           '<table cellspacing="0" cellpadding="3" width="100%" style="font-size: 8pt;">',
           # a <thead> is Qt's header row count: the column names are repeated on every page
           f'<thead><tr><th width="{widths[0]}%">#</th><th width="{fact}%">Fact</th>'
           f'<th width="{widths[1]}%">{count}</th>'
           + "".join(f'<th width="{w}%">{u(x)}</th>' for x, w in zip(short, widths[2:],
                                                                    strict=True))
           + "</tr></thead><tbody>"]
    for row in rows:
        out.append(f"<tr><td>{row.number}</td><td>{u(row.label)}</td><td>{row.sources}</td>"
                   + "".join(f"<td>{u(fact_cell_text(c))}</td>" for c in row.cells) + "</tr>")
    out.append("</tbody></table>")
    if short != labels:
        key = " · ".join(f"<b>{u(a)}</b> {u(b)}" for a, b in zip(short, labels, strict=True))
        out.append(f'<p class="muted"><b>Src.</b> the number of independent sources · {key}</p>')
    return out


def _dependences(report: Report) -> list[str]:
    if not report.dependences:
        return []
    names = {src.id: src.outlet or src.id for src in report.sources}
    out = ["<h2>Sources that are not independent</h2>", _table()]
    out.append("<tr><th>Article</th><th>Depends on</th><th>Why</th></tr>")
    for d in report.dependences:
        out.append(
            f"<tr><td>{u(d.outlet)}</td><td>{u(dependence_source(d.source, names))}</td>"
            f"<td>{u(d.reason)}</td></tr>"
        )
    out.append("</table>")
    return out


def _appendix(report: Report) -> list[str]:
    out = [
        '<h2 style="page-break-before: always;">Appendix: sources</h2>',
        _table(),
        "<tr><th>Outlet</th><th>Title</th><th>Published</th><th>File and SHA-256</th></tr>",
    ]
    for src in report.sources:
        out.append(
            f"<tr><td>{u(src.outlet or '—')}</td><td>{u(src.title)}</td>"
            f"<td>{e(src.published or '—')}</td>"
            f"<td>{e(src.path)}"
            + (f" <i>(removed from the review {e(when(src.removed))})</i>" if src.removed else "")
            + f'<br><span class="hash">{e(src.sha256)}</span></td></tr>'
        )
    out.append("</table>")
    for src in report.sources:
        if src.text is None:
            continue
        out.append(
            f'<h3 style="page-break-before: always;">{u(src.outlet or src.id)}: {u(src.title)}</h3>'
        )
        out += [f"<p>{u(para).replace(chr(10), '<br>')}</p>" for para in paragraphs(src.text)]
    return out

"""The report as one self-contained HTML file: inline CSS, no script, no external requests.

Every string that came from an article, a note or the user's options goes through
:func:`html.escape` (quotes included) before it reaches the page, and the only links written
are http(s) addresses of sources, so an imported page's ``<script>``, ``onerror=`` or
``javascript:`` can only ever show up as text. A Content-Security-Policy that forbids scripts
and every outside request is a second line of defence.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources

from factdesk import __version__
from factdesk.core.export.model import (
    RELATION_LABELS,
    STATUS_LABELS,
    ClaimItem,
    ConflictItem,
    DiffPart,
    EvidenceItem,
    GroupMemberItem,
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
    neutral_bidi,
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

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
RELATION_SYMBOLS = {EvidenceRelation.SUPPORTS: "✔", EvidenceRelation.CONTRADICTS: "✘"}


def e(text: object) -> str:
    """Escape for element content and double-quoted attributes alike."""
    return escape(neutral_bidi(str(text)), quote=True)


def bdi(text: object) -> str:
    """Escaped text a report embeds (an article's words, a note, a name), isolated in
    ``<bdi>`` so right-to-left text in it cannot reorder the report's words around it
    (a Hebrew context pulling "14,000" away from "people fled") and vice versa."""
    return f"<bdi>{e(text)}</bdi>"


@cache
def stylesheet() -> str:
    return (resources.files("factdesk.resources") / "report" / "report.css").read_text("utf-8")


def render_html(report: Report) -> str:
    """The whole report as an HTML5 document (a ``str``; write it as UTF-8)."""
    s = report.summary
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="factdesk {e(__version__)}">',
        f"<title>{e(s.title)} — fact-check report</title>",
        f"<style>\n{stylesheet()}</style>",
        "</head>",
        "<body>",
        '<header class="report-head">',
        '<p class="kicker">Fact-check report</p>',
        f"<h1>{bdi(s.title)}</h1>",
        f'<p class="meta">{_meta_line(report)}</p>',
        "</header>",
    ]
    out += _summary(report)
    out += _facts(report)
    out += _claims(report)
    out += _dependences(report)
    out += _appendix(report)
    out += [
        '<footer class="report-foot">',
        f"Made with factdesk {e(__version__)} on {e(when(s.generated))}. Quotes are exact "
        "copies of the source texts; the SHA-256 of each source identifies the text quoted.",
        "</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


def _meta_line(report: Report) -> str:
    s = report.summary
    parts = [f'Generated <time datetime="{e(s.generated)}">{e(when(s.generated))}</time>']
    if s.reviewer:
        parts.append(f"Reviewer: {bdi(s.reviewer)}")
    if s.organization:
        parts.append(bdi(s.organization))
    parts.append(f"{s.claims} claim{'s' if s.claims != 1 else ''} · {len(report.sources)} sources")
    return " · ".join(parts)


def badge(status: ClaimStatus) -> str:
    return f'<span class="badge s-{e(status.value)}">{e(status_text(status))}</span>'


def _summary(report: Report) -> list[str]:
    s = report.summary
    out = ['<section id="summary">', "<h2>Summary</h2>", '<ul class="status-counts">']
    for sc in s.by_status:
        if sc.status in s.statuses_included:
            out.append(f"<li>{badge(sc.status)}<strong>{sc.count}</strong></li>")
    out.append("</ul>")
    if len(s.statuses_included) < len(STATUS_LABELS):
        names = ", ".join(STATUS_LABELS[x] for x in s.statuses_included)
        out.append(f'<p class="legend">Only claims with these statuses: {e(names)}.</p>')
    if s.agreement:
        out.append(f'<p class="agreement">Reviewers: {e(", ".join(s.reviewers))}. '
                   f"{e(s.agreement)}.</p>")
    statuses = [sc.status for sc in s.by_status if sc.status in s.statuses_included]
    out += [
        '<table class="by-source">',
        '<caption class="legend">Claims per source (the article the claim quotes) and '
        "evidence quotes taken from it</caption>",
        "<thead><tr><th>Source</th><th>Published</th>",
        *(f'<th class="num">{e(STATUS_LABELS[st])}</th>' for st in statuses),
        '<th class="num">Claims</th><th class="num">Evidence</th></tr></thead><tbody>',
    ]
    published = {src.id: src.published for src in report.sources}
    for row in s.by_source:
        counts = {sc.status: sc.count for sc in row.by_status}
        out.append(
            f"<tr><td><strong>{bdi(row.outlet or row.article_id)}</strong><br>"
            f'<span class="legend">{bdi(shorten(row.title, 90))}</span></td>'
            f'<td class="date">{e(published.get(row.article_id) or "—")}</td>'
            + "".join(f'<td class="num">{counts.get(st, 0)}</td>' for st in statuses)
            + f'<td class="num">{row.claims}</td><td class="num">{row.evidence}</td></tr>'
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _claims(report: Report) -> list[str]:
    out = ['<section id="claims">', "<h2>Claims</h2>"]
    if not report.claims:
        out.append("<p>No claims match the statuses chosen for this report.</p>")
    sources = {src.id: src for src in report.sources}
    for number, claim in enumerate(report.claims, start=1):
        out += _claim(number, claim, sources)
    out.append("</section>")
    return out


def _claim(number: int, c: ClaimItem, sources: dict[str, Source]) -> list[str]:
    src = sources.get(c.quote.article_id)
    out = [
        f'<article class="claim c-{e(c.status.value)}" id="claim-{e(c.id)}">',
        '<div class="claim-head">',
        f"<h3>Claim {number} · {bdi(c.quote.outlet or c.quote.article_id)}</h3>",
        badge(c.status),
        "</div>",
        f'<blockquote class="quote">{quote_in_context(c.quote)}</blockquote>',
        f'<p class="source-line">— '
        f"{bdi(source_line(c.quote, src.title if src else '', src.published if src else None))}"
        "</p>",
    ]
    if src is not None and src.removed:
        out.append(f'<p class="orphan">{e(removed_note(src.removed))}</p>')
    elif c.orphaned:
        out.append(
            '<p class="orphan">The quoted words could not be found again in the current text '
            "of this article; shown as they were when the claim was made.</p>"
        )
    if c.checked:
        out.append(f'<p class="checked">Checked against {e(c.checked)}.</p>')
    if c.edited:
        out.append(f'<p class="orphan">Edited after publication: {bdi(c.edited)}.</p>')
    if c.note:
        out.append(f'<p class="note">{bdi(c.note)}</p>')
    if c.settled:
        out.append(f'<p class="settled">{bdi(c.settled)}</p>')
    elif c.disagreement:
        out.append('<p class="orphan">Reviewers disagree on this claim and no editor has '
                   "settled it yet.</p>")
    if c.decisions:
        out += _decisions(c)
    byline = [f"Reviewer: {bdi(c.reviewer)}"] if c.reviewer else []
    if c.updated:
        byline.append(f"updated {e(when(c.updated))}")
    byline.append(f"id {e(c.id)}")
    out.append(f'<p class="byline">{" · ".join(byline)}</p>')
    if c.evidence:
        out += _evidence(c)
    if c.conflicts:
        out += _conflicts(c.conflicts)
    if c.wording:
        out += _wording(c.wording)
    out.append("</article>")
    return out


def _decisions(c: ClaimItem) -> list[str]:
    """Each reviewer's own verdict and note, side by side."""
    out = ['<table class="decisions">',
           "<thead><tr><th>Reviewer</th><th>Decision</th><th>Note</th></tr></thead><tbody>"]
    for d in c.decisions:
        out.append(f"<tr><td>{bdi(d.reviewer)}</td><td>{badge(d.status)}</td>"
                   f'<td dir="auto">{e(d.note)}</td></tr>')
    return [*out, "</tbody></table>"]


def _ctx(run: str, space: str) -> str:
    return (f'<bdi class="ctx">{e(run)}</bdi>' if run else "") + e(space)


def quote_in_context(q: Quote) -> str:
    parts = []
    # each sentence of the context isolated on its own (see text.sentence_runs)
    parts += [_ctx(run, space) for run, space in sentence_runs(q.before)]
    parts.append(f"<mark>{bdi(q.text)}</mark>")
    parts += [_ctx(run, space) for run, space in sentence_runs(q.after)]
    return "".join(parts)


def diff_html(diff: tuple[DiffPart, ...]) -> str:
    """The other quote's words, with the claim's words it lacks struck through."""
    out = []
    for part in diff:
        if part.kind is DiffKind.EQUAL:
            out.append(e(part.text))
        elif part.kind is DiffKind.INSERT:
            out.append(f"<ins>{e(part.text)}</ins>")
        else:
            out.append(f"<del>{e(part.text)}</del>")
    return "".join(out)


def _evidence(c: ClaimItem) -> list[str]:
    n_sup, n_con = len(c.supporting), len(c.contradicting)
    out = [
        f"<h4>Evidence: {n_sup} supporting, {n_con} contradicting</h4>",
        '<div class="evidence-grid">',
        '<figure class="evidence claim-side">',
        f"<figcaption><strong>Claim</strong> · {bdi(c.quote.outlet)}</figcaption>",
        f'<blockquote dir="auto">{e(c.quote.text)}</blockquote>',
        "</figure>",
    ]
    for ev in c.evidence:
        out += _evidence_card(ev)
    out += [
        "</div>",
        '<p class="legend">Word differences against the claim: <del>only in the claim</del> '
        "<ins>only in the source</ins></p>",
    ]
    return out


def _evidence_card(ev: EvidenceItem) -> list[str]:
    rel = ev.relation
    return [
        f'<figure class="evidence e-{e(rel.value)}">',
        f'<figcaption><span class="rel rel-{e(rel.value)}">'
        f"{RELATION_SYMBOLS[rel]} {e(RELATION_LABELS[rel])}</span> · {bdi(ev.quote.outlet)}"
        + (f' <em class="orphan">({e(evidence_removed_note(ev.removed))})</em>'
           if ev.removed else "")
        + "</figcaption>",
        f'<blockquote dir="auto">{diff_html(ev.diff)}</blockquote>',
        "</figure>",
    ]


def _conflicts(conflicts: tuple[ConflictItem, ...]) -> list[str]:
    out = ["<h4>Conflicts found between outlets</h4>", '<ul class="conflicts">']
    for k in conflicts:
        out.append(
            f"<li><strong>{e(CONFLICT_LABELS.get(k.kind, k.kind.value))}</strong> "
            f"({e(k.severity)}): {e(k.detail)}"
        )
        for side in k.sides:
            text = "".join(
                f"<mark>{e(run)}</mark>" if hit else e(run)
                for run, hit in word_runs(side.text, side.words)
            )
            out.append(f'<p class="conflict-side"><strong>{bdi(side.outlet)}</strong>: '
                       f"<bdi>{text}</bdi></p>")
        out.append("</li>")
    out.append("</ul>")
    return out


def _wording(members: tuple[GroupMemberItem, ...]) -> list[str]:
    out = [
        "<h4>How the outlets worded it</h4>",
        '<table class="wording"><tbody>',
    ]
    for m in members:
        out.append(f'<tr><td>{bdi(m.outlet)}</td><td dir="auto">{e(m.text)}</td></tr>')
    out.append("</tbody></table>")
    return out


def _facts(report: Report) -> list[str]:
    sheet = report.facts
    if sheet is None or not sheet.rows:
        return []
    out = ['<section id="facts">', "<h2>The story at a glance</h2>", f"<p>{e(FACTS_INTRO)}</p>",
           '<table class="facts"><thead><tr><th>#</th><th>Fact</th><th>Sources</th>'
           + "".join(f"<th>{bdi(col.label)}</th>" for col in sheet.columns)
           + "</tr></thead><tbody>"]
    for row in sheet.sorted("sources"):
        cells = "".join(f'<td class="fact-{e(cell.state.value)}" title="{e(cell.wording)}">'
                        f"{bdi(fact_cell_text(cell))}</td>" for cell in row.cells)
        out.append(f'<tr><td>{row.number}</td><td dir="auto">{e(row.label)}</td>'
                   f"<td>{row.sources}</td>"
                   f"{cells}</tr>")
    out += ["</tbody></table>", "</section>"]
    return out


def _dependences(report: Report) -> list[str]:
    if not report.dependences:
        return []
    names = {src.id: src.outlet or src.id for src in report.sources}
    out = [
        '<section id="dependences">',
        "<h2>Sources that are not independent</h2>",
        "<table><thead><tr><th>Article</th><th>Depends on</th><th>Why</th></tr></thead><tbody>",
    ]
    for d in report.dependences:
        out.append(
            f"<tr><td>{bdi(d.outlet)}</td><td>{bdi(dependence_source(d.source, names))}</td>"
            f"<td>{bdi(d.reason)}</td></tr>"
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _removed(src: Source) -> str:
    return f' <em>(removed from the review {e(when(src.removed))})</em>' if src.removed else ""


def _appendix(report: Report) -> list[str]:
    out = [
        '<section id="sources">',
        "<h2>Appendix: sources</h2>",
        "<table><thead><tr><th>Outlet</th><th>Title</th><th>Published</th>"
        "<th>File</th></tr></thead><tbody>",
    ]
    for src in report.sources:
        place = e(src.path)
        if src.url:
            place = f'<a href="{e(src.url)}" rel="noreferrer noopener">{place}</a>'
        out.append(
            f'<tr id="source-{e(src.id)}"><td>{bdi(src.outlet or "—")}</td>'
            f"<td>{bdi(src.title)}{' · ' + bdi(src.author) if src.author else ''}</td>"
            f'<td class="date">{e(src.published or "—")}</td>'
            f'<td><span class="path">{place}</span>{_removed(src)}<br>'
            f'<span class="hash">SHA-256 {e(src.sha256)}</span></td></tr>'
        )
    out += ["</tbody></table>"]
    for src in report.sources:
        if src.text is None:
            continue
        out += [
            f'<article class="fulltext" id="text-{e(src.id)}">',
            f"<h3>{bdi(src.outlet or src.id)}: {bdi(src.title)}</h3>",
            *(f'<p dir="auto">{e(para)}</p>' for para in paragraphs(src.text)),
            "</article>",
        ]
    out.append("</section>")
    return out

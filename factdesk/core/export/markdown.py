"""The report as Markdown that reads well on a code host (GitHub/GitLab flavoured).

Tables for the summary, blockquotes for quotes, ``~~deleted~~`` and ``**inserted**`` words for
differences. Article text is untrusted: :func:`md` backslash-escapes Markdown punctuation and
turns ``&``, ``<`` and ``>`` into entities, so no text can open a link, an image, raw HTML or a
table cell of its own.
"""

from __future__ import annotations

import re

from factdesk.core.export.model import (
    RELATION_LABELS,
    STATUS_LABELS,
    ClaimItem,
    DiffPart,
    Quote,
    Report,
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
    shorten,
    source_line,
    status_text,
    when,
    word_runs,
)
from factdesk.core.model import DiffKind

_PUNCT = re.compile(r"([\\`*_{}\[\]()#+!|~^$])")
_BLOCK_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")
_SPACES = re.compile(r"\s+")


def md(text: str) -> str:
    """Escape one run of text for inline Markdown; line breaks and space runs become one space.

    Explicit bidi controls become visible marks (:func:`neutral_bidi`): the page a code host
    renders must not show a note reversed. Spaces at the ends are kept (runs are joined), and
    a leading ``-``, ``+``, ``=`` or ``1.``
    is escaped in case the run ends up at the start of a line.
    """
    text = _SPACES.sub(" ", neutral_bidi(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCT.sub(r"\\\1", text)
    return _BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(m: re.Match[str]) -> str:
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def md_block(text: str) -> str:
    """Escape a multi-paragraph text, keeping its paragraphs."""
    return "\n\n".join(md(p) for p in paragraphs(text))


def render_markdown(report: Report) -> str:
    s = report.summary
    out = [f"# {md(s.title)}", "", f"*Fact-check report · {_meta(report)}*", ""]
    out += _summary(report)
    out += _facts(report)
    out += ["## Claims", ""]
    if not report.claims:
        out += ["No claims match the statuses chosen for this report.", ""]
    titles = {src.id: (src.title, src.published) for src in report.sources}
    removed = {src.id: src.removed for src in report.sources if src.removed}
    for number, claim in enumerate(report.claims, start=1):
        out += _claim(number, claim, titles, removed.get(claim.quote.article_id, ""))
    if report.dependences:
        names = {src.id: src.outlet or src.id for src in report.sources}
        out += ["## Sources that are not independent", "", "| Article | Depends on | Why |"]
        out.append("| --- | --- | --- |")
        for d in report.dependences:
            out.append(
                f"| {md(d.outlet)} | {md(dependence_source(d.source, names))} | {md(d.reason)} |"
            )
        out.append("")
    out += _appendix(report)
    return "\n".join(out).rstrip("\n") + "\n"


def _facts(report: Report) -> list[str]:
    sheet = report.facts
    if sheet is None or not sheet.rows:
        return []
    out = ["## The story at a glance", "", md(FACTS_INTRO), "",
           "| # | Fact | Sources | " + " | ".join(md(c.label) for c in sheet.columns) + " |",
           "| ---: | --- | ---: | " + " | ".join(":---:" for _ in sheet.columns) + " |"]
    for row in sheet.sorted("sources"):
        out.append(f"| {row.number} | {md(row.label)} | {row.sources} | "
                   + " | ".join(md(fact_cell_text(c)) for c in row.cells) + " |")
    return [*out, ""]


def _meta(report: Report) -> str:
    s = report.summary
    parts = [f"generated {md(when(s.generated))}"]
    if s.reviewer:
        parts.append(f"reviewer: {md(s.reviewer)}")
    if s.organization:
        parts.append(md(s.organization))
    return " · ".join(parts)


def _summary(report: Report) -> list[str]:
    s = report.summary
    statuses = [sc.status for sc in s.by_status if sc.status in s.statuses_included]
    out = ["## Summary", "", "| Status | Claims |", "| --- | ---: |"]
    for sc in s.by_status:
        if sc.status in s.statuses_included:
            out.append(f"| {md(status_text(sc.status))} | {sc.count} |")
    out.append(f"| **Total** | **{s.claims}** |")
    out.append("")
    if s.agreement:
        out += [f"Reviewers: {md(', '.join(s.reviewers))}. {md(s.agreement)}.", ""]
    if len(statuses) < len(STATUS_LABELS):
        out += [
            f"Only claims with these statuses: {', '.join(STATUS_LABELS[x] for x in statuses)}."
        ]
        out.append("")
    out.append(
        "| Source | Published | "
        + " | ".join(STATUS_LABELS[st] for st in statuses)
        + " | Claims | Evidence |"
    )
    out.append("| --- | --- | " + " | ".join("---:" for _ in statuses) + " | ---: | ---: |")
    published = {src.id: src.published for src in report.sources}
    for row in s.by_source:
        counts = {sc.status: sc.count for sc in row.by_status}
        out.append(
            f"| **{md(row.outlet or row.article_id)}** {md(shorten(row.title, 60))} "
            f"| {md(published.get(row.article_id) or '—')} | "
            + " | ".join(str(counts.get(st, 0)) for st in statuses)
            + f" | {row.claims} | {row.evidence} |"
        )
    out.append("")
    return out


def quote_in_context(q: Quote) -> str:
    """The context as plain text, the quote in bold (kept apart so the bold always renders)."""
    before, after = md(q.before).rstrip(), md(q.after).lstrip()
    glue_after = " " if after and after[0].isalnum() else ""
    return " ".join(x for x in (before, f"**{md(q.text).strip()}**") if x) + glue_after + after


def diff_md(diff: tuple[DiffPart, ...]) -> str:
    """Inline diff: ``~~only in the claim~~`` and ``**only in the source**``.

    Emphasis only works when the markers hug non-space characters and stand apart from the
    words around them, so each changed run is trimmed and set off by spaces (a reader sees
    "40 ~~-centimetre~~ **cm**" rather than markers glued inside a word that would not render).
    """
    out: list[str] = []
    for part in diff:
        if part.kind is DiffKind.EQUAL:
            out.append(md(part.text))
            continue
        core = part.text.strip()
        if core:
            mark = "**" if part.kind is DiffKind.INSERT else "~~"
            out.append(f" {mark}{md(core)}{mark} ")
    return _SPACES.sub(" ", "".join(out)).strip()


def _claim(number: int, c: ClaimItem, titles: dict[str, tuple[str, str | None]],
           removed: str = "") -> list[str]:
    title, published = titles.get(c.quote.article_id, ("", None))
    out = [
        f"### Claim {number} · {md(c.quote.outlet or c.quote.article_id)} · "
        f"{md(status_text(c.status))}",
        "",
        f"> {quote_in_context(c.quote)}",
        ">",
        f"> — {md(source_line(c.quote, title, published))}",
        "",
    ]
    if removed:
        out += [f"*{md(removed_note(removed))}*", ""]
    elif c.orphaned:
        out += [
            "*The quoted words could not be found again in the current text of this article; "
            "shown as they were when the claim was made.*",
            "",
        ]
    if c.checked:
        out += [f"Checked against {md(c.checked)}.", ""]
    if c.edited:
        out += [f"**Edited after publication:** {md(c.edited)}.", ""]
    if c.note:  # a merged claim's note has a paragraph per reviewer: kept apart
        first, *rest = paragraphs(c.note) or [c.note]
        out += [f"**Note:** {md(first)}", ""] + [x for p in rest for x in (md(p), "")]
    if c.settled:
        out += [f"**{md(c.settled)}**", ""]
    elif c.disagreement:
        out += ["*Reviewers disagree on this claim and no editor has settled it yet.*", ""]
    if c.decisions:
        out += ["| Reviewer | Decision | Note |", "| --- | --- | --- |"]
        out += [f"| {md(d.reviewer)} | {md(STATUS_LABELS[d.status])} | {md(d.note)} |"
                for d in c.decisions]
        out.append("")
    byline = [f"Reviewer: {md(c.reviewer)}"] if c.reviewer else []
    if c.updated:
        byline.append(f"updated {md(when(c.updated))}")
    byline.append(f"id `{c.id.replace('`', '')}`")
    out += [" · ".join(byline), ""]
    if c.evidence:
        out += [
            f"**Evidence:** {len(c.supporting)} supporting, {len(c.contradicting)} contradicting "
            "(differences against the claim: ~~only in the claim~~ **only in the source**)",
            "",
        ]
        for ev in c.evidence:
            out += [
                f"- {md(RELATION_LABELS[ev.relation])}, {md(ev.quote.outlet)}"
                + (f" *({md(evidence_removed_note(ev.removed))})*" if ev.removed else "")
                + ":",
                "",
                f"  > {diff_md(ev.diff)}",
                "",
            ]
    if c.conflicts:
        out += ["**Conflicts found between outlets:**", ""]
        for k in c.conflicts:
            out.append(
                f"- {md(CONFLICT_LABELS.get(k.kind, k.kind.value))} ({md(k.severity)}): "
                f"{md(k.detail)}"
            )
            for side in k.sides:
                text = "".join(
                    f"**{md(run)}**" if hit else md(run)
                    for run, hit in word_runs(side.text, side.words)
                )
                out.append(f"  - {md(side.outlet)}: {text}")
        out.append("")
    if c.wording:
        out += ["**How the outlets worded it:**", "", "| Outlet | Wording |", "| --- | --- |"]
        out += [f"| {md(m.outlet)} | {md(m.text)} |" for m in c.wording]
        out.append("")
    return out


def _appendix(report: Report) -> list[str]:
    out = [
        "## Appendix: sources",
        "",
        "| Outlet | Title | Published | File | SHA-256 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for src in report.sources:
        where = src.path
        if src.version is not None:
            captured = (f", captured {src.captured.replace('T', ' ')[:16]} UTC"
                        if src.captured else "")  # a re-added file's version has no fetch
            where += f" (version {src.version}{captured})"
        if src.removed:
            where += f" (removed from the review {when(src.removed)})"
        out.append(
            f"| {md(src.outlet or '—')} | {md(src.title)} | {md(src.published or '—')} "
            f"| {md(where)} | `{src.sha256}` |"
        )
    out.append("")
    for src in report.sources:
        if src.text is not None:
            out += [f"### {md(src.outlet or src.id)}: {md(src.title)}", "", md_block(src.text), ""]
    return out

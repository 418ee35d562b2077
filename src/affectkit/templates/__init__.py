"""affectkit's HTML pages: jinja2 templates and one stylesheet, shared by every page the library writes.

``page.html`` is the frame of every page (the stylesheet ``affectkit.css`` inlined, so a page is one self-contained
file: nothing fetched); ``conversation.html`` is the conversation report
(:func:`affectkit.conversation.render_html`), ``eval_report.html`` the eval report
(:func:`affectkit.evals.report.render_html`), ``trends.html`` the emotion trends page
(:func:`affectkit.batch.trends.render_html`, the one page with a script: ``trends.js``, inlined, draws its chart
from the page's JSON). The other pages' charts are inline SVG drawn by their code and passed in as markup;
everything else is escaped by jinja2. jinja2 is imported on first use, never by ``import affectkit``.

Example:
    >>> page = render("page.html")
    >>> page.startswith("<!DOCTYPE html>") and "</style>" in page
    True
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

__all__ = ["FOLDER", "render"]

FOLDER = Path(__file__).resolve().parent
"""The folder of the templates and the stylesheet."""


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(FOLDER),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(template: str, **context: Any) -> str:
    """The template ``template`` of this folder rendered with ``context`` (autoescaped)."""
    return _environment().get_template(template).render(**context)


def markup(text: str) -> Any:
    """``text`` marked as safe markup (a chart drawn by the caller), so the template does not escape it."""
    from markupsafe import Markup

    return Markup(text)

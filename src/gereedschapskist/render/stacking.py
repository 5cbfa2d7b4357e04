"""Pages made of two layouts: a pupil's header and page frame on top of the shared form content.

WeasyPrint lays out the per-pupil layer and the shared content separately (see
`renderer`); this module puts the boxes of both on one page, so the result is an
ordinary WeasyPrint page: real text, tagged, with the header first in reading order.

Painting is the other half of the cost. The shared content of page *i* is the same
boxes on every form, so a `StackedPage` paints it once per PDF, keeps the PDF
operators it produced, and replays them for every next pupil. Marked-content ids
(the links from the tag tree into the page) are numbered per page: on the page that
records, the pupil's header comes first; on a page that replays, the content keeps the
ids it had (0, 1, ...) and the header's come after them, so the replayed operators are
the same bytes on every page and are compressed once per PDF (`speedups.Deflated`).
The ids say nothing about reading order: that is the tag tree's, header first. Content that creates shared
PDF objects while painting (images, patterns, transparency groups: a school's own
template may have them) is never replayed but painted again each time.

This relies on WeasyPrint internals (page boxes, stacking contexts, the PDF stream
and its tag bookkeeping) as of WeasyPrint 70; tests/render/test_forms.py compares
the result with the plain one-flow layout so that an upgrade that breaks it fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pydyf
from weasyprint.anchors import gather_anchors
from weasyprint.document import Page
from weasyprint.draw import draw_page, draw_stacking_context
from weasyprint.formatting_structure import boxes
from weasyprint.stacking import StackingContext

from .contract import FOOTER_CLASS
from .speedups import Deflated

# Resource kinds whose entries carry content of their own; content that adds one
# while painting is not replayed.
_SHARED_RESOURCES = ("XObject", "Pattern", "Shading")


@dataclass
class _Recording:
    """The PDF operators of one content page, with its marked-content ids made relative."""

    chunks: list[bytes | int] = field(default_factory=list)  # bytes, or an int: a relative MCID
    tags: dict[boxes.Box, tuple[str, int]] = field(default_factory=dict)
    joined: dict[int, bytes] = field(default_factory=dict)  # the operators with MCIDs from n, by n


class PaintCache:
    """Recordings of the shared content pages for ONE PDF being written (fonts and
    resources belong to that PDF, so a cache must never outlive its `write_pdf`)."""

    def __init__(self) -> None:
        self.recordings: dict[int, _Recording | None] = {}  # None: not replayable


class StackedPage(Page):
    """A page of the pupil layer (`frame`) with a page of the shared content under its header.

    The footers of the pupil layer (elements with class `FOOTER_CLASS`, written in the
    bottom margin by the template) are treated like WeasyPrint's margin boxes: painted
    after the content and left out of the document's tag tree.
    """

    def __init__(
        self,
        frame: boxes.PageBox,
        content: boxes.PageBox,
        content_index: int,
        tree: list[boxes.Box] | None = None,
    ) -> None:
        self.footers: list[boxes.Box] = []
        self.frame_roots = [
            _split_off_footers(child, self.footers)
            for child in frame.children
            if not isinstance(child, boxes.MarginBox)
        ]
        self.margins = [child for child in frame.children if isinstance(child, boxes.MarginBox)]
        self.content_roots = [child for child in content.children if not isinstance(child, boxes.MarginBox)]
        self.frame = frame
        self.content = content
        self.content_index = content_index
        self.cache: PaintCache | None = None
        # The combined box tree gives anchors, links and, when the PDF is written, the
        # tag tree: the header first, then the content, then the footers. Like the
        # content of margin boxes, the footers get marked content but no place in the
        # tag tree (WeasyPrint's tagging skips the children of a margin box).
        # `tree`: the page's boxes in reading order when the caller has put the frame's
        # boxes inside the content itself (a letter's places between the shared letter's
        # fixed words, render/invitations.py); the frame is then only painted, and its own
        # anchors and bookmarks are gathered here.
        self.in_content = tree is not None
        combined = frame.copy()
        if tree is None:
            combined.children = [*self.frame_roots, *self.content_roots, *self.margins]
        else:
            combined.children = [*tree, *self.margins]
        if self.footers:
            holder = boxes.MarginBox("@bottom-center", frame.style)
            holder.children = self.footers
            combined.children.append(holder)
        super().__init__(combined)
        if tree is not None:
            for root in self.frame_roots:
                gather_anchors(root, self.anchors, self.links, self.bookmarks, self.forms)

    def paint(self, stream: Any, scale: float = 1) -> None:
        # The same order as WeasyPrint's draw_page for the combined page: page
        # background and header, then the content, then the footers.
        recording = self.cache.recordings.get(self.content_index) if self.cache is not None else None
        tags = stream._tags
        if recording is not None and tags is not None and not tags:
            # The content's marked-content ids first (0, 1, ...), the header's after them.
            for box, (tag, mcid) in recording.tags.items():
                tags[box] = {"tag": tag, "mcid": mcid}
        with stream.stacked():
            stream.transform(a=scale, d=scale)
            header = self.frame.copy()
            if self.in_content:
                # the frame's boxes sit inside the content (a letter's places): painted after
                # it, as one flow paints them after the fixed words around them
                header.children = []
                draw_page(header, stream)
                self._paint_content(stream)
                with stream.stacked():
                    for root in self.frame_roots:
                        draw_stacking_context(stream, StackingContext.from_box(root, self.frame))
            else:
                header.children = self.frame_roots
                draw_page(header, stream)
                self._paint_content(stream)
            with stream.stacked():
                for footer in self.footers:
                    draw_stacking_context(stream, StackingContext.from_box(footer, self.frame))
                for margin in self.margins:
                    draw_stacking_context(stream, StackingContext.from_box(margin, self.frame))

    def _paint_content(self, stream: Any) -> None:
        cache = self.cache
        recording = cache.recordings.get(self.content_index) if cache is not None else None
        if recording is not None:
            _replay(stream, recording)
            return
        tags = stream._tags
        first_mcid = len(tags) if tags is not None else 0
        known_tags = set(tags) if tags is not None else set()
        start = len(stream.stream)
        resources_before = _resource_counts(stream)
        with stream.stacked():
            for root in self.content_roots:
                draw_stacking_context(stream, StackingContext.from_box(root, self.content))
        if cache is None or self.content_index in cache.recordings:
            return
        replayable = _resource_counts(stream) == resources_before
        cache.recordings[self.content_index] = (
            _record(stream.stream[start:], tags, known_tags, first_mcid) if replayable else None
        )


def _split_off_footers(box: boxes.Box, footers: list[boxes.Box]) -> boxes.Box:
    """`box` without the footers in it (copied where needed, never changed); they go to `footers`."""
    if not isinstance(box, boxes.ParentBox) or isinstance(box, boxes.LineBox):
        return box
    children = []
    changed = False
    for child in box.children:
        if isinstance(child, boxes.BlockBox) and _is_footer(child):
            footers.append(child)
            changed = True
            continue
        kept = _split_off_footers(child, footers)
        changed = changed or kept is not child
        children.append(kept)
    if not changed:
        return box
    copy = box.copy()
    copy.children = children
    return copy


def _is_footer(box: boxes.Box) -> bool:
    element = box.element
    return element is not None and FOOTER_CLASS in element.get("class", "").split()


def _resource_counts(stream: Any) -> tuple[int, ...]:
    resources = stream._resources
    return tuple(len(resources.get(kind, ())) for kind in _SHARED_RESOURCES)


def _record(items: list[Any], tags: dict | None, known_tags: set, first_mcid: int) -> _Recording:
    recording = _Recording()
    pending: list[bytes] = []
    for item in items:
        if isinstance(item, pydyf.Dictionary) and "MCID" in item:
            recording.chunks.append(b"\n".join(pending))
            recording.chunks.append(int(item["MCID"]) - first_mcid)
            pending = []
        else:
            pending.append(pydyf._to_bytes(item))
    recording.chunks.append(b"\n".join(pending))
    if tags is not None:
        for box, entry in tags.items():
            if box not in known_tags:
                recording.tags[box] = (entry["tag"], entry["mcid"] - first_mcid)
    return recording


def _replay(stream: Any, recording: _Recording) -> None:
    tags = stream._tags
    reserved = tags is not None and bool(recording.tags) and all(box in tags for box in recording.tags)
    offset = 0 if reserved or tags is None else len(tags)
    joined = recording.joined.get(offset)
    if joined is None:
        # What pydyf writes for these items one by one, as one item: the same bytes.
        pieces = [
            pydyf.Dictionary({"MCID": chunk + offset}).data if isinstance(chunk, int) else chunk
            for chunk in recording.chunks
            if isinstance(chunk, int) or chunk
        ]
        joined = recording.joined[offset] = Deflated(b"\n".join(pieces))
    if joined:
        stream.stream.append(joined)
    if tags is not None and not reserved:
        # In recording order, so that later marks keep counting from the right number.
        for box, (tag, mcid) in recording.tags.items():
            tags[box] = {"tag": tag, "mcid": mcid + offset}

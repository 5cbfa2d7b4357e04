"""The only door through which WeasyPrint may load anything: files inside the template folders.

School templates are not trusted. Without this fetcher a template could embed
`file:///etc/passwd` or a pupil-list file in a PDF, or make the build phone home over
http(s); the spec says nothing may leave the machine. So the fetcher serves `data:` URLs
and `file:` URLs whose real path (symlinks resolved) lies inside one of the template
folders, and images kmg itself registered (`inline_url`), and refuses everything else
by raising: WeasyPrint then logs the refusal and leaves the resource out instead of
stopping the render.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import mimetypes
import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

# Images kmg itself hands to the templates (the agenda's logo), served under a short URL:
# the HTML of a class's forms names the logo once per pupil, and a data: URL there would
# repeat the whole image in the HTML for every pupil. Filled per process by `inline_url`.
INLINE_SCHEME = "kmg-bron"
_INLINE: dict[str, tuple[bytes, str]] = {}


def inline_url(data_url: str) -> str:
    """A short `kmg-bron:` URL that the fetcher answers with the content of `data_url`."""
    digest = hashlib.sha256(data_url.encode("ascii")).hexdigest()[:32]
    if digest not in _INLINE:
        header, _, payload = data_url.partition(",")
        if not header.startswith("data:") or not header.endswith(";base64"):
            raise ValueError("inline_url takes a base64 data: URL")
        try:
            data = base64.b64decode(payload, validate=True)
        except binascii.Error as error:
            raise ValueError("inline_url takes a base64 data: URL") from error
        _INLINE[digest] = (data, header.removeprefix("data:").removesuffix(";base64"))
    return f"{INLINE_SCHEME}:{digest}"


class RefusedURL(ValueError):
    """A template asked for something outside the template folders."""


class TemplateDirFetcher(URLFetcher):
    """Serve `data:` URLs and files under `roots`; refuse every other URL."""

    def __init__(self, roots: Sequence[Path]) -> None:
        # No protocols at all for the parent class: anything that slips past our own
        # checks and reaches urllib is refused there too.
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)
        self.roots: tuple[Path, ...] = tuple(Path(root).resolve() for root in roots)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._fetch_file(url)
        if scheme == INLINE_SCHEME and url[len(INLINE_SCHEME) + 1 :] in _INLINE:
            data, mime = _INLINE[url[len(INLINE_SCHEME) + 1 :]]
            return URLFetcherResponse(url, data, {"Content-Type": mime})
        raise RefusedURL(f"geweigerd: {url!r} (alleen bestanden in de sjabloonmap mogen worden geladen)")

    def _fetch_file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        location = unquote(parts.path)
        if parts.netloc not in ("", "localhost"):
            if os.name != "nt":
                raise RefusedURL(f"geweigerd: {url!r} (bestand op een andere computer)")
            # A template folder on a school's network share (\\server\share\...) has
            # file://server/share/... URLs; the folder check below decides, as for any file.
            location = f"//{parts.netloc}{location}"
        try:
            # resolve() follows symlinks, so a link inside the template folder that
            # points at /etc cannot smuggle a file out.
            path = self._locate(Path(url2pathname(location))).resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise RefusedURL(f"niet gevonden: {url!r}") from error
        if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedURL(f"geweigerd: {url!r} (ligt buiten de sjabloonmappen)")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def _locate(self, path: Path) -> Path:
        """The file `path` names, looked up in every template folder in order (the school's first).

        Template folders stack like the Jinja search path. A relative URL is resolved
        next to the top-level template, which is often the built-in one: a school's copy
        of basis.html.j2 with `<img src="logo.png">` asks for the built-in folder's
        logo.png and gets the school's; a school's copy of print.css asks for
        `fonts/DejaVuSans.ttf` next to itself and gets the built-in one. A path outside
        every template folder is returned as it is (and refused by the caller).
        """
        real = path.resolve()
        for root in self.roots:
            if real.is_relative_to(root):
                relative = real.relative_to(root)
                for folder in self.roots:
                    candidate = folder / relative
                    if candidate.exists():
                        return candidate
                break
        return path
